<?php

declare(strict_types=1);

// The tests run against the extension being built: load it with
// php -d extension=/abs/path/mercadopago_native.so (ctest does).
if (!extension_loaded('mercadopago_native')) {
    fwrite(STDERR, "mercadopago_native is not loaded: run php -d extension=/abs/path/mercadopago_native.so "
        . "/usr/bin/phpunit -c bindings/php/phpunit.xml\n");
    exit(1);
}
error_reporting(E_ALL);
require __DIR__ . '/../autoload.php';
require __DIR__ . '/Fixtures.php';
