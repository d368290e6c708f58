<?php

declare(strict_types=1);

namespace MercadoPago\Native\Testing;

use MercadoPago\Native\Sandbox;

/** The one sandbox of a test process (see SandboxTrait). */
final class SharedSandbox
{
    public const WEBHOOK_SECRET = 'sandbox-secret';

    private static ?Sandbox $sandbox = null;

    public static function get(): Sandbox
    {
        if (self::$sandbox === null) {
            self::$sandbox = new Sandbox(['tls' => true, 'webhook_secret' => self::WEBHOOK_SECRET]);
            register_shutdown_function(static function (): void {
                self::$sandbox?->stop();
                self::$sandbox = null;
            });
        }
        return self::$sandbox;
    }
}
