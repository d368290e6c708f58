<?php

declare(strict_types=1);

namespace MercadoPago\Native\Tests;

use MercadoPago\Native\Client;
use MercadoPago\Native\Result;
use MercadoPago\Native\Sandbox;

/** What several tests need: card tokens and payments on the shared sandbox. */
trait Fixtures
{
    use \MercadoPago\Native\Testing\SandboxTrait;

    protected static function cardToken(Client $client, string $name = 'APRO',
        string $number = Sandbox::TEST_CARDS['master']): string
    {
        return $client->card_tokens->create([
            'card_number' => $number, 'expiration_month' => 11, 'expiration_year' => 2030,
            'security_code' => '123',
            'cardholder' => ['name' => $name, 'identification' => ['type' => 'CPF', 'number' => '12345678909']],
        ])['id'];
    }

    protected static function payment(Client $client, array $extra = [], array $options = []): Result
    {
        return $client->payments->create($extra + [
            'transaction_amount' => 100.0, 'token' => self::cardToken($client), 'installments' => 1,
            'payment_method_id' => 'master', 'payer' => ['email' => 'buyer@example.com'],
        ], $options);
    }

    protected static function unique(string $prefix): string
    {
        return $prefix . '-' . bin2hex(random_bytes(6));
    }
}
