<?php

declare(strict_types=1);

namespace MercadoPago\Native\Tests;

use MercadoPago\Native\Exception\NotFoundException;
use MercadoPago\Native\Result;
use PHPUnit\Framework\TestCase;

final class PagingBatchTest extends TestCase
{
    use Fixtures;

    public function testGeneratorWalksEveryPageLazily(): void
    {
        $client = self::sandboxClient();
        $domain = self::unique('paging') . '.example.com';
        $batch = $client->batch();
        for ($i = 0; $i < 23; $i++) {
            $batch->add('customers.create', ['email' => "c$i@$domain", 'last_name' => $domain]);
        }
        $created = $batch->run(4);
        $this->assertCount(23, $created);
        $this->assertContainsOnlyInstancesOf(Result::class, $created);

        $sandbox = self::sandbox();
        $before = $sandbox->requestCount();
        $items = $client->customers->search(['last_name' => $domain], ['page_size' => 10]);
        $this->assertInstanceOf(\Generator::class, $items);
        $this->assertSame($before, $sandbox->requestCount(), 'nothing is fetched before the first item');
        $first = $items->current();
        $this->assertSame($before + 1, $sandbox->requestCount(), 'one page for the first item');
        $this->assertIsArray($first);

        $all = iterator_to_array($items, false);
        $this->assertSame($before + 3, $sandbox->requestCount(), 'three pages of 10, 10 and 3');
        $emails = array_column($all, 'email');
        sort($emails);
        $expected = array_map(fn ($i) => "c$i@$domain", range(0, 22));
        sort($expected);
        $this->assertSame($expected, $emails);
    }

    public function testPagingErrorsSurfaceWhileIterating(): void
    {
        $client = self::sandboxClient();
        self::sandbox()->armFaults('GET', '/v1/payments/search', ['400']);
        $items = $client->payments->search(['limit' => 5]);
        try {
            iterator_to_array($items);
            $this->fail('no exception');
        } catch (\MercadoPago\Native\Exception\ValidationException $e) {
            $this->assertSame(400, $e->httpStatus);
        } finally {
            self::sandbox()->clearFaults();
        }
    }

    public function testBatchMixesResultsAndExceptions(): void
    {
        $client = self::sandboxClient();
        $a = self::payment($client);
        $b = self::payment($client);
        $batch = $client->batch();
        $this->assertSame(0, $batch->add('payments.get', $a['id']));
        $this->assertSame(1, $batch->add('payments.get', 999999999));
        $this->assertSame(2, $batch->add('payments.get', $b['id'], options: ['max_retries' => 0]));
        $this->assertCount(3, $batch);
        [$ra, $missing, $rb] = $batch->run();
        $this->assertInstanceOf(Result::class, $ra);
        $this->assertSame($a['id'], $ra['id']);
        $this->assertSame(200, $ra->httpStatus());
        $this->assertInstanceOf(NotFoundException::class, $missing);
        $this->assertSame(404, $missing->httpStatus);
        $this->assertNotSame('', $missing->requestId);
        $this->assertSame($b['id'], $rb['id']);
    }
}
