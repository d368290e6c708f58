<?php

declare(strict_types=1);

namespace MercadoPago\Native\Tests;

use MercadoPago\Native\Exception;
use MercadoPago\Native\Sandbox;
use PHPUnit\Framework\TestCase;

/** Faults and reset go through mp_sandbox.h's functions, not over HTTP. */
final class SandboxTest extends TestCase
{
    use Fixtures;

    public function testFaultsAreArmedInOrderAndCleared(): void
    {
        $sandbox = new Sandbox();
        $client = $sandbox->client(options: ['max_retries' => 0]);
        $before = $sandbox->requestCount();
        $sandbox->armFaults('GET', '/users/me', ['503', '429:0', 'ok']);
        $this->assertSame($before, $sandbox->requestCount(), 'arming sends no request');
        foreach ([Exception\ServerException::class, Exception\RateLimitException::class] as $class) {
            try {
                $client->users->get();
                $this->fail("no $class");
            } catch (Exception\ApiException $e) {
                $this->assertSame($class, $e::class);
            }
        }
        $this->assertIsInt($client->users->get()['id']);
        $sandbox->armFaults(null, null, ['500']);
        $sandbox->clearFaults();
        $this->assertIsInt($client->users->get()['id']);
        $sandbox->stop();
    }

    public function testResetForgetsResources(): void
    {
        $sandbox = new Sandbox();
        $client = $sandbox->client();
        $id = self::payment($client)['id'];
        $sandbox->reset();
        $this->expectException(Exception\NotFoundException::class);
        try {
            $client->payments->get($id);
        } finally {
            $sandbox->stop();
        }
    }

    /** @return iterable<string, array{string}> */
    public static function badFaults(): iterable
    {
        foreach (['nope', 'status', 'delay', 'stall:5', 'delay:x', '503:x', '200', '99'] as $spec) {
            yield $spec => [$spec];
        }
    }

    /** @dataProvider badFaults */
    public function testABadFaultIsRefused(string $spec): void
    {
        $this->expectException(Exception\InvalidArgumentException::class);
        self::sandbox()->armFaults('GET', '/users/me', [$spec]);
    }
}
