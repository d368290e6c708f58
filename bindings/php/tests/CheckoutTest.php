<?php

declare(strict_types=1);

namespace MercadoPago\Native\Tests;

use MercadoPago\Native\Result;
use MercadoPago\Native\Sandbox;
use PHPUnit\Framework\TestCase;

/** The card checkout of examples/checkout.c, through the PHP layer, over HTTPS. */
final class CheckoutTest extends TestCase
{
    use Fixtures;

    public function testCheckoutWithASavedCard(): void
    {
        $client = self::sandboxClient();
        $order = self::unique('order');

        $token = self::cardToken($client);
        $customer = $client->customers->create(['email' => "$order@example.com", 'first_name' => 'Ana']);
        $this->assertSame(201, $customer->httpStatus());
        $this->assertNotSame('', $customer->requestId());

        $card = $client->cards->create($customer['id'], ['token' => $token]);
        $this->assertSame('master', $card['payment_method']['id']);
        $this->assertSame('0604', $card['last_four_digits']);
        $cards = iterator_to_array($client->cards->list($customer['id']));
        $this->assertSame([$card['id']], array_column($cards, 'id'));

        $savedToken = $client->card_tokens->create(['card_id' => $card['id'], 'security_code' => '123']);
        $payment = $client->payments->create([
            'transaction_amount' => 250.00, 'token' => $savedToken['id'], 'installments' => 1,
            'payment_method_id' => 'master', 'capture' => false, 'external_reference' => $order,
            'payer' => ['type' => 'customer', 'id' => $customer['id']],
        ]);
        $this->assertInstanceOf(Result::class, $payment);
        $this->assertIsInt($payment['id']);
        $this->assertSame(['authorized', 'pending_capture'], [$payment['status'], $payment['status_detail']]);
        $this->assertNotSame('', $payment->idempotencyKey(), 'a payment is sent with a generated key');
        $this->assertSame(1, $payment->attempts());

        $captured = $client->payments->capture($payment['id'], ['transaction_amount' => 200.00]);
        $this->assertSame('approved', $captured['status']);
        $this->assertEquals(200.0, $captured['transaction_amount']);

        $refund = $client->refunds->create($payment['id'], ['amount' => 100.00]);
        $this->assertEquals(100.0, $refund['amount']);
        $this->assertSame($refund['id'], $client->refunds->get($payment['id'], $refund['id'])['id']);
        $this->assertCount(1, iterator_to_array($client->refunds->list($payment['id'])));

        $after = $client->payments->get($payment['id']);
        $this->assertEquals(100.0, $after['transaction_amount_refunded']);
        $this->assertSame('application/json', strtok((string) $after->header('content-type'), ';'));
        $this->assertSame($after->requestId(), $after->header('X-REQUEST-ID'));

        // The issuer declines: a created payment whose status says so.
        $declined = $client->payments->create([
            'transaction_amount' => 80.00, 'token' => self::cardToken($client, 'OTHE', Sandbox::TEST_CARDS['visa']),
            'installments' => 1, 'payment_method_id' => 'visa', 'external_reference' => $order,
            'payer' => ['email' => "$order@example.com"],
        ]);
        $this->assertSame('rejected', $declined['status']);
        $this->assertSame('cc_rejected_other_reason', $declined['status_detail']);

        $found = iterator_to_array($client->payments->search(['external_reference' => $order]), false);
        $this->assertSame([$payment['id'], $declined['id']], array_column($found, 'id'));

        // The same answer by name, and the Result's array views.
        $byName = $client->call('payments.get', $payment['id']);
        $this->assertSame($after->toArray(), $byName->toArray());
        $this->assertSame(json_encode($after), json_encode($byName));
        $this->assertSame($byName->toArray(), json_decode((string) json_encode($byName), true));
        $this->assertSame(count($after->toArray()), count($byName));
        $this->assertSame($payment['id'], iterator_to_array($byName)['id']);
        $this->assertTrue(isset($byName['status']));
        $this->assertNull($byName['no_such_member']);
    }

    public function testResultIsReadOnly(): void
    {
        $payment = self::payment(self::sandboxClient());
        $this->expectException(\LogicException::class);
        $payment['status'] = 'approved';
    }

    public function testEmptyAnswerIsAnEmptyResult(): void
    {
        $client = self::sandboxClient();
        $customer = $client->customers->create(['email' => self::unique('del') . '@example.com']);
        $card = $client->cards->create($customer['id'], ['token' => self::cardToken($client)]);
        $deleted = $client->cards->delete($customer['id'], $card['id']);
        $this->assertLessThan(300, $deleted->httpStatus());
        $this->assertSame([], iterator_to_array($client->cards->list($customer['id'])));
    }
}
