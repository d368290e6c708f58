<?php

declare(strict_types=1);

namespace MercadoPago\Native\Internal;

/** @internal */
final class Native
{
    /** A clear error instead of "undefined function" when the extension is not loaded. */
    public static function requireLoaded(): void
    {
        if (!extension_loaded('mercadopago_native')) {
            throw new \LogicException('the PHP extension mercadopago_native is not loaded: run php '
                . 'with -d extension=/path/to/mercadopago_native.so or add it to php.ini');
        }
    }

    /** The same for the sandbox's own extension (tests only; production never loads it). */
    public static function requireSandboxLoaded(): void
    {
        self::requireLoaded();
        if (!extension_loaded('mercadopago_sandbox')) {
            throw new \LogicException('the PHP extension mercadopago_sandbox is not loaded: run php '
                . 'with -d extension=/path/to/mercadopago_sandbox.so (the sandbox is for tests)');
        }
    }
}
