<?php
// The clean-room PHP check (tests/cleanroom/php.sh): the extension built with
// phpize from the source package, and the PHP layer it carries (php/), pay
// against a running mp-sandbox (MP_BASE_URL, MP_CA_FILE): a card token for an
// APRO test card, then an approved payment.
declare(strict_types=1);

require $argv[1]; // the package's php/autoload.php

use MercadoPago\Native\Client;

$client = new Client('TEST-cleanroom-token-1234567',
    ['base_url' => getenv('MP_BASE_URL'), 'ca_file' => getenv('MP_CA_FILE')]);
$token = $client->card_tokens->create([
    'card_number' => '5031755734530604', 'expiration_month' => 11, 'expiration_year' => 2030,
    'security_code' => '123', 'cardholder' => ['name' => 'APRO'],
]);
$payment = $client->payments->create([
    'transaction_amount' => 250.0, 'token' => $token['id'], 'installments' => 1,
    'payment_method_id' => 'master', 'payer' => ['email' => 'buyer@example.com'],
]);
printf("payment %s: %s/%s, mercadopago_native %s\n", $payment['id'], $payment['status'],
    $payment['status_detail'], phpversion('mercadopago_native'));
