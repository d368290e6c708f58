<?php

declare(strict_types=1);

namespace MercadoPago\Native\Tests;

use MercadoPago\Native\Exception\ApiException;
use MercadoPago\Native\Operation;
use MercadoPago\Native\Operations;
use MercadoPago\Native\Resource;
use MercadoPago\Native\Result;
use PHPUnit\Framework\TestCase;

/** Every operation of the table is reachable from PHP and reaches the server. */
final class OperationsTest extends TestCase
{
    use Fixtures;

    /** @return iterable<string, array{string}> */
    public static function operations(): iterable
    {
        foreach (Operations::all() as $name => $_) {
            yield $name => [$name];
        }
    }

    public function testTheTableIsLoaded(): void
    {
        $all = Operations::all();
        $this->assertCount(\mercadopago_native_operation_count(), $all);
        $this->assertGreaterThan(80, count($all));
        $this->assertSame('GET', $all['payments.get']->method);
        $this->assertSame(['payment_id', 'id'], $all['refunds.get']->params);
        $this->assertTrue($all['payments.search']->pages());
        $this->assertFalse($all['payments.get']->pages());
        $client = self::sandboxClient();
        $this->assertInstanceOf(Resource::class, $client->payments);
        $this->assertSame($client->card_tokens->signatures(), $client->cardTokens->signatures());
        $this->assertTrue(isset($client->merchant_orders));
        $this->assertFalse(isset($client->nothing));
    }

    /** @dataProvider operations */
    public function testReachable(string $name): void
    {
        $op = Operations::get($name);
        $client = self::sandboxClient(['max_retries' => 0]);
        $before = self::sandbox()->requestCount();
        $args = array_fill(0, count($op->params), '1');
        $args[] = $op->hasBody ? ['description' => 'reachability'] : [];
        $args[] = ['max_retries' => 0];
        // Half through the resource's method (camelCase), half by name.
        try {
            if (crc32($name) % 2) {
                $action = lcfirst(str_replace('_', '', ucwords($op->action, '_')));
                $out = $client->{$op->resource}->{$action}(...$args);
            } else {
                $out = $client->call($name, ...$args);
            }
            if ($out instanceof \Generator) {
                $this->assertSame($op->paging !== 'none', true);
                foreach ($out as $item) {
                    break; // one page is enough
                }
            } else {
                $this->assertInstanceOf(Result::class, $out);
                $this->assertGreaterThanOrEqual(200, $out->httpStatus());
            }
        } catch (ApiException $e) {
            // The server answered (the dummy ids and bodies are refused): the operation is wired.
            $this->assertGreaterThanOrEqual(400, $e->httpStatus, $e->getMessage());
            $this->assertLessThan(500, $e->httpStatus, $e->getMessage());
        }
        $this->assertSame($before + 1, self::sandbox()->requestCount(), "$name sent one request");
    }
}
