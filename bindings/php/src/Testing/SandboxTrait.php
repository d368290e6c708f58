<?php

declare(strict_types=1);

namespace MercadoPago\Native\Testing;

use MercadoPago\Native\Client;
use MercadoPago\Native\Sandbox;

/**
 * For a PHPUnit test case (or any test code): one embedded HTTPS sandbox per
 * process, started on first use and stopped when PHP exits, and clients
 * pointed at it.
 *
 *     final class CheckoutTest extends TestCase
 *     {
 *         use \MercadoPago\Native\Testing\SandboxTrait;
 *
 *         public function testPays(): void
 *         {
 *             $client = self::sandboxClient();
 *             ...
 *         }
 *     }
 */
trait SandboxTrait
{
    /** The process's sandbox (HTTPS, the default webhook secret "sandbox-secret"). */
    protected static function sandbox(): Sandbox
    {
        return SharedSandbox::get();
    }

    /** A client of the shared sandbox; options as Client's. */
    protected static function sandboxClient(array $options = [], string $accessToken = Sandbox::TEST_TOKEN): Client
    {
        return SharedSandbox::get()->client($accessToken, $options);
    }
}
