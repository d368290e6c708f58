<?php
// A payment from PHP against the embedded sandbox (HTTPS, its own CA):
//   php -d extension=build/release/bindings/php/mercadopago_native.so \
//       -d extension=build/release/bindings/php/mercadopago_sandbox.so examples/php/pay.php
// Against Mercado Pago, make the client with new Client(getenv('MP_ACCESS_TOKEN')).
declare(strict_types=1);

require __DIR__ . '/../../bindings/php/autoload.php';

use MercadoPago\Native\Exception\MercadoPagoException;
use MercadoPago\Native\Sandbox;

$sandbox = new Sandbox();
$client = $sandbox->client();
try {
    $token = $client->card_tokens->create([
        'card_number' => '5031755734530604', 'expiration_month' => 11, 'expiration_year' => 2030,
        'security_code' => '123', 'cardholder' => ['name' => 'APRO'],
    ]);
    $payment = $client->payments->create([
        'transaction_amount' => 250.0, 'token' => $token['id'], 'installments' => 1,
        'payment_method_id' => 'master', 'payer' => ['email' => 'buyer@example.com'],
    ]);
    $refund = $client->refunds->create($payment['id'], ['amount' => 100.0]);
    printf("payment %s %s (request id %s), refunded %.2f\n", $payment['id'], $payment['status'],
        $payment->requestId(), $refund['amount']);
} catch (MercadoPagoException $e) {
    fprintf(STDERR, "%s: %s\n", get_class($e), $e->getMessage());
    exit(1);
} finally {
    $sandbox->stop();
}
