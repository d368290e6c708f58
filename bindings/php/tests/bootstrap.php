<?php

declare(strict_types=1);

// The tests run against the extensions being built: load both with
// php -d extension=/abs/path/mercadopago_native.so
//     -d extension=/abs/path/mercadopago_sandbox.so (ctest does).
foreach (['mercadopago_native', 'mercadopago_sandbox'] as $extension) {
    if (!extension_loaded($extension)) {
        fwrite(STDERR, "$extension is not loaded: run php -d extension=/abs/path/mercadopago_native.so "
            . "-d extension=/abs/path/mercadopago_sandbox.so /usr/bin/phpunit -c bindings/php/phpunit.xml\n");
        exit(1);
    }
}
error_reporting(E_ALL);
require __DIR__ . '/../autoload.php';
require __DIR__ . '/Fixtures.php';
