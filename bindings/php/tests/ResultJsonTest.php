<?php

declare(strict_types=1);

namespace MercadoPago\Native\Tests;

use PHPUnit\Framework\TestCase;

/** json_encode() of a Result gives the API's JSON back with its shape: {} stays {}, [] stays []. */
final class ResultJsonTest extends TestCase
{
    use Fixtures;

    public function testEmptyObjectsAndEmptyListsKeepTheirShape(): void
    {
        $client = self::sandboxClient();
        $payment = self::payment($client, [
            'metadata' => new \stdClass(),
            'additional_info' => ['items' => [], 'payer' => new \stdClass()],
        ]);
        // The answer as arrays cannot tell {} from []: both are [].
        $this->assertSame([], $payment['metadata']);
        $this->assertSame([], $payment['additional_info']['items']);

        $json = json_encode($payment, JSON_THROW_ON_ERROR);
        $this->assertStringContainsString('"metadata":{}', $json);
        $this->assertStringContainsString('"items":[]', $json);
        $this->assertStringContainsString('"payer":{}', $json);
        $back = json_decode($json, false, 512, JSON_THROW_ON_ERROR);
        $this->assertInstanceOf(\stdClass::class, $back->metadata);
        $this->assertSame([], $back->additional_info->items);
        $this->assertInstanceOf(\stdClass::class, $back->additional_info->payer);
        // The rest is the same data as the arrays.
        $this->assertSame($payment['id'], $back->id);
        $this->assertSame($payment->toArray(), json_decode($json, true, 512, JSON_THROW_ON_ERROR));
        // Within a larger structure too.
        $this->assertStringContainsString('"metadata":{}', json_encode(['p' => $payment], JSON_THROW_ON_ERROR));
    }

    public function testAFreshPaymentKeepsItsEmptyLists(): void
    {
        $client = self::sandboxClient();
        $payment = self::payment($client);
        $got = $client->payments->get($payment['id']);
        $back = json_decode(json_encode($got, JSON_THROW_ON_ERROR), false, 512, JSON_THROW_ON_ERROR);
        $this->assertSame([], $back->refunds);
        $this->assertInstanceOf(\stdClass::class, $back);
    }
}
