<?php

declare(strict_types=1);

namespace MercadoPago\Native\Tests;

use MercadoPago\Native\Exception\NotFoundException;
use PHPUnit\Framework\TestCase;

/** Per-call options, and text that is not ASCII. */
final class OptionsTest extends TestCase
{
    use Fixtures;

    public function testIdempotencyKeyReplaysTheSamePayment(): void
    {
        $client = self::sandboxClient();
        $token = self::cardToken($client);
        $key = self::unique('replay');
        $body = ['transaction_amount' => 12.5, 'token' => $token, 'installments' => 1,
            'payment_method_id' => 'master', 'payer' => ['email' => 'r@example.com']];
        $first = $client->payments->create($body, ['idempotency_key' => $key]);
        $again = $client->payments->create($body, ['idempotency_key' => $key]);
        $this->assertSame(201, $first->httpStatus());
        $this->assertSame(200, $again->httpStatus(), 'a replay');
        $this->assertSame($first['id'], $again['id']);
        $this->assertSame($key, $first->idempotencyKey());
        $this->assertSame($key, $again->idempotencyKey());
    }

    public function testPerCallAccessTokenIsAnotherSeller(): void
    {
        $client = self::sandboxClient();
        $payment = self::payment($client);
        $other = 'TEST-other-seller-7654321';
        $this->assertSame(7654321, $client->users->get(options: ['access_token' => $other])['id']);
        $this->expectException(NotFoundException::class);
        $client->payments->get($payment['id'], options: ['access_token' => $other]);
    }

    public function testHeadersAndNamedArguments(): void
    {
        $client = self::sandboxClient();
        $payment = self::payment($client);
        $read = $client->payments->get(id: $payment['id'], options: [
            'headers' => ['X-Trace' => 'abc'], 'timeout' => 5, 'max_retries' => 0]);
        $this->assertSame($payment['id'], $read['id']);
        $found = iterator_to_array($client->payments->search(query: ['id' => $payment['id'], 'limit' => 1]), false);
        $this->assertSame($payment['id'], $found[0]['id'] ?? null);
    }

    public function testOptionsInTheQuerySlotAreRefusedNotSent(): void
    {
        $client = self::sandboxClient();
        $before = self::sandbox()->requestCount();
        foreach (['timeout' => 5, 'access_token' => 'TEST-other-seller-7654321'] as $name => $value) {
            try {
                $client->payments->get(123, [$name => $value]);
                $this->fail("$name in the query slot was accepted");
            } catch (\MercadoPago\Native\Exception\InvalidArgumentException $e) {
                $this->assertStringContainsString("'$name' is an option", $e->getMessage());
                $this->assertStringNotContainsString('7654321', $e->getMessage());
            }
        }
        $this->assertSame($before, self::sandbox()->requestCount(), 'nothing was sent');
    }

    public function testNonAsciiAndEmojiRoundTrip(): void
    {
        $client = self::sandboxClient();
        $name = 'José Ñandú 日本 🎉🇧🇷';
        $customer = $client->customers->create([
            'email' => self::unique('uni') . '@example.com', 'first_name' => $name,
            'description' => "slash/quote\"back\\slash\ttab",
        ]);
        $read = $client->customers->get($customer['id']);
        $this->assertSame($name, $read['first_name']);
        $this->assertSame("slash/quote\"back\\slash\ttab", $read['description']);
        $found = iterator_to_array($client->customers->search(['email' => $customer['email']]), false);
        $this->assertSame($name, $found[0]['first_name']);
    }

    public function testJsonEncoding(): void
    {
        // 10.0 stays a decimal, text stays unescaped, [] is the empty object.
        $this->assertSame('{"a":10.0,"b":"ñ/🎉","c":[]}',
            \MercadoPago\Native\Internal\Json::encodeBody(['a' => 10.0, 'b' => 'ñ/🎉', 'c' => []]));
        $this->assertSame('{}', \MercadoPago\Native\Internal\Json::encodeBody([]));
        // An integer beyond int64 is kept exactly, as a string.
        $this->assertSame(['id' => '123456789012345678901234567890'],
            \MercadoPago\Native\Internal\Json::decode('{"id":123456789012345678901234567890}'));
    }

    public function testOauthAuthorizationUrl(): void
    {
        $url = \MercadoPago\Native\Client::oauthAuthorizationUrl('123', 'https://example.com/cb?a=1', 'st');
        $this->assertStringStartsWith('https://', $url);
        $this->assertStringContainsString('client_id=123', $url);
        $this->assertStringContainsString(rawurlencode('https://example.com/cb?a=1'), $url);
    }
}
