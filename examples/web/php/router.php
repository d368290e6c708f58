<?php
// The example shop's merchant server in PHP, paying through the mercadopago_native extension.
// It serves the shared pages of examples/web/pages and receives from them only a card token
// and the payment's metadata; the card itself is tokenized in the buyer's browser by
// MercadoPago.js with the public key. The access token stays here.
//
//   MP_ACCESS_TOKEN=TEST-... MP_PUBLIC_KEY=TEST-... \
//   php -d extension=build/release/bindings/php/mercadopago_native.so \
//       -S 127.0.0.1:8001 examples/web/php/router.php
//
// Environment: as the Python server's (examples/web/python/shop.py): MP_ACCESS_TOKEN,
// MP_PUBLIC_KEY, MP_BASE_URL, MP_CA_FILE, MP_SDK_ORIGIN, SHOP_LOG.
declare(strict_types=1);

require __DIR__ . '/../../../bindings/php/autoload.php';

use MercadoPago\Native\Client;
use MercadoPago\Native\Exception\MercadoPagoException;
use MercadoPago\Native\Exception\NotFoundException;

const CDN_ORIGIN = 'https://sdk.mercadopago.com';
const WEB = __DIR__ . '/..';
const PAGES = WEB . '/pages';

function env(string $name, string $default = ''): string
{
    $value = getenv($name);
    return ($value === false || $value === '') ? $default : $value;
}

function product(): array
{
    return json_decode((string) file_get_contents(WEB . '/product.json'), true, 8, JSON_THROW_ON_ERROR);
}

function client(): Client
{
    $options = [];
    if (env('MP_BASE_URL') !== '') {
        $options['base_url'] = env('MP_BASE_URL');
    }
    if (env('MP_CA_FILE') !== '') {
        $options['ca_file'] = env('MP_CA_FILE');
    }
    return new Client(env('MP_ACCESS_TOKEN'), $options);
}

function json_answer(int $status, array $body): void
{
    http_response_code($status);
    header('Content-Type: application/json');
    echo json_encode($body, JSON_UNESCAPED_SLASHES);
}

/** Appends the body as received, with the payer's document number masked. */
function log_received(string $path, string $raw): void
{
    $log = env('SHOP_LOG');
    if ($log === '') {
        return;
    }
    $body = json_decode($raw, true);
    if (is_array($body)) {
        if (isset($body['payer']['identification']) && is_array($body['payer']['identification'])
            && array_key_exists('number', $body['payer']['identification'])) {
            $body['payer']['identification']['number'] = '***';
        }
    } else {
        $body = $raw;
    }
    $line = json_encode(['server' => 'php', 'path' => $path, 'body' => $body], JSON_UNESCAPED_SLASHES);
    file_put_contents($log, $line . "\n", FILE_APPEND | LOCK_EX);
}

/** A shared page, templated with where MercadoPago.js comes from and the public key. */
function page(string $name): void
{
    $origin = env('MP_SDK_ORIGIN', env('MP_BASE_URL', CDN_ORIGIN));
    header('Content-Type: text/html; charset=utf-8');
    echo strtr((string) file_get_contents(PAGES . '/' . $name),
        ['{{SDK_ORIGIN}}' => $origin, '{{PUBLIC_KEY}}' => env('MP_PUBLIC_KEY')]);
}

/** The payment to create from what the page sent, or a reason to refuse it. */
function checked_payment(mixed $body, array $product): array|string
{
    if (!is_array($body) || array_is_list($body)) {
        return 'a JSON object is expected';
    }
    $allowed = ['token', 'issuer_id', 'payment_method_id', 'transaction_amount', 'installments', 'payer'];
    $unexpected = array_diff(array_keys($body), $allowed);
    if ($unexpected) {
        sort($unexpected);
        return 'unexpected fields: ' . implode(', ', $unexpected);
    }
    $payer = is_array($body['payer'] ?? null) ? $body['payer'] : [];
    $identification = is_array($payer['identification'] ?? null) ? $payer['identification'] : [];
    if (empty($body['token']) || empty($body['payment_method_id']) || empty($payer['email'])) {
        return 'token, payment_method_id and payer.email are required';
    }
    // The price is the shop's, not the page's: a page cannot choose what it pays.
    if ((float) ($body['transaction_amount'] ?? 0) !== (float) $product['price']) {
        return "the amount does not match the product's price";
    }
    $payment = [
        'transaction_amount' => (float) $product['price'],
        'description' => $product['title'],
        'token' => (string) $body['token'],
        'installments' => (int) ($body['installments'] ?? 1) ?: 1,
        'payment_method_id' => (string) $body['payment_method_id'],
        'payer' => ['email' => (string) $payer['email']],
    ];
    $issuer = (string) ($body['issuer_id'] ?? '');
    if (ctype_digit($issuer)) {
        $payment['issuer_id'] = (int) $issuer;
    }
    if (!empty($identification['type']) && !empty($identification['number'])) {
        $payment['payer']['identification'] = [
            'type' => (string) $identification['type'], 'number' => (string) $identification['number']];
    }
    return $payment;
}

function process_payment(): void
{
    $raw = (string) file_get_contents('php://input');
    log_received('/process_payment', $raw);
    $payment = checked_payment(json_decode($raw, true), product());
    if (is_string($payment)) {
        json_answer(400, ['error' => $payment]);
        return;
    }
    // One key per card token: a resubmitted checkout replays its payment, never pays twice.
    $key = 'checkout-' . substr(hash('sha256', $payment['token']), 0, 40);
    try {
        $created = client()->payments->create($payment, ['idempotency_key' => $key]);
    } catch (MercadoPagoException $e) {
        json_answer(502, ['error' => $e->getMessage()]);
        return;
    }
    json_answer(200, ['id' => $created['id'], 'status' => $created['status'],
        'status_detail' => $created['status_detail']]);
}

function payment_status(string $id): void
{
    try {
        $payment = client()->payments->get($id);
    } catch (NotFoundException) {
        json_answer(404, ['error' => 'no such payment']);
        return;
    } catch (MercadoPagoException $e) {
        json_answer(502, ['error' => $e->getMessage()]);
        return;
    }
    json_answer(200, ['id' => $payment['id'], 'status' => $payment['status'],
        'status_detail' => $payment['status_detail'], 'transaction_amount' => $payment['transaction_amount']]);
}

$method = $_SERVER['REQUEST_METHOD'];
$path = (string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$pages = ['/' => 'index.html', '/checkout/brick' => 'checkout-brick.html',
    '/checkout/cardform' => 'checkout-cardform.html', '/result' => 'result.html'];
$assets = ['/shop.css' => 'text/css', '/shop.js' => 'text/javascript'];

if ($method === 'GET' && isset($pages[$path])) {
    page($pages[$path]);
} elseif ($method === 'GET' && isset($assets[$path])) {
    header('Content-Type: ' . $assets[$path]);
    readfile(PAGES . $path);
} elseif ($method === 'GET' && $path === '/product.json') {
    json_answer(200, product());
} elseif ($method === 'POST' && $path === '/process_payment') {
    process_payment();
} elseif ($method === 'GET' && preg_match('#^/payments/([0-9]+)$#', $path, $m)) {
    payment_status($m[1]);
} else {
    json_answer(404, ['error' => 'not found']);
}
