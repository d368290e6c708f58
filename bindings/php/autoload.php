<?php

// The PSR-4 autoloader of MercadoPago\Native for use without Composer:
// require '/path/to/bindings/php/autoload.php';
spl_autoload_register(static function (string $class): void {
    $prefix = 'MercadoPago\\Native\\';
    if (strncmp($class, $prefix, strlen($prefix)) !== 0) {
        return;
    }
    $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
    if (is_file($file)) {
        require $file;
    }
});
