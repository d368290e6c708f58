<?php
// The web page the PHP-FPM tests and bench request (bindings/php/fpm/): each web request makes its
// own Client, as a PHP application does, and makes one API call. The sandbox's URL and CA come
// from the pool's environment (MP_FPM_BASE_URL, MP_FPM_CA_FILE); the query string says the rest:
//   op=payment&id=N   payments.get (a 404 answers 404 with the API's status)
//   op=user           users.get: the token's account id
//   op=setup          a card token and a payment: its id
//   token=...         the access token; persistent=1 for ['persistent' => true]; logger=1 adds
//                     a logger closure (the PHP callback must not outlive the request)
// Answers JSON: {"pid", "id", "logs"} or {"pid", "error", "http_status"}.
declare(strict_types=1);

require __DIR__ . '/../autoload.php';

use MercadoPago\Native\Client;
use MercadoPago\Native\Exception\MercadoPagoException;

header('Content-Type: application/json');
$logs = 0;
$options = [
    'base_url' => (string) getenv('MP_FPM_BASE_URL'),
    'ca_file' => (string) getenv('MP_FPM_CA_FILE'),
    'persistent' => ($_GET['persistent'] ?? '0') === '1',
];
if (($_GET['logger'] ?? '0') === '1') {
    $options['logger'] = function (string $level, string $message) use (&$logs): void {
        $logs++;
    };
    $options['log_level'] = 'debug';
}
try {
    $client = new Client((string) ($_GET['token'] ?? ''), $options);
    $id = match ($_GET['op'] ?? '') {
        'payment' => $client->payments->get((int) $_GET['id'])['id'],
        'user' => $client->users->get()['id'],
        'setup' => $client->payments->create([
            'transaction_amount' => 100.0, 'installments' => 1, 'payment_method_id' => 'master',
            'payer' => ['email' => 'buyer@example.com'],
            'token' => $client->card_tokens->create([
                'card_number' => '5031755734530604', 'expiration_month' => 11, 'expiration_year' => 2030,
                'security_code' => '123', 'cardholder' => ['name' => 'APRO'],
            ])['id'],
        ])['id'],
        default => throw new \InvalidArgumentException('op must be payment, user or setup'),
    };
    echo json_encode(['pid' => getmypid(), 'id' => $id, 'logs' => $logs]);
} catch (MercadoPagoException $e) {
    http_response_code($e->httpStatus > 0 ? $e->httpStatus : 502);
    echo json_encode(['pid' => getmypid(), 'error' => get_class($e), 'http_status' => $e->httpStatus]);
}
