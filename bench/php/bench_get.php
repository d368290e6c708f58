<?php
// GET /v1/payments/{id} through the PHP binding against a plain php-curl loop
// (bench/php/run.sh runs it; see bench/README.md, section "PHP").
//
//   php -d extension=.../mercadopago_native.so bench_get.php URL [CA_FILE|""] [N] [ROUNDS]
//
// Clients:
//   native       $client->payments->get($id): the whole MercadoPago\Native layer (Result, arrays)
//   native-call  the extension alone: MercadoPagoNativeClient::call + json_decode of the body
//   curl         one curl handle reused (keep-alive; URL and headers set once), json_decode
//   curl+        the same with the timeout, stall detection and user agent libmercadopago sets
// Rounds alternate between the clients (the order rotates each round); the figures are the
// medians over rounds of the client's CPU time per request (getrusage: user + system of this
// process) and of requests per second (wall clock, server included).
declare(strict_types=1);

require __DIR__ . '/../../bindings/php/autoload.php';

use MercadoPago\Native\Client;

const TOKEN = 'TEST-0000000000000000-000000-bench-123456';

[$url, $ca, $n, $rounds] = [$argv[1], $argv[2] ?? '', (int) ($argv[3] ?? 3000), (int) ($argv[4] ?? 7)];
$options = ['base_url' => $url] + ($ca !== '' ? ['ca_file' => $ca] : []);
$client = new Client(TOKEN, $options);

// Setup (not measured): one payment to read.
$token = $client->card_tokens->create(['card_number' => '4509953566233704', 'expiration_month' => 11,
    'expiration_year' => 2030, 'security_code' => '123', 'cardholder' => ['name' => 'APRO']])['id'];
$id = $client->payments->create(['transaction_amount' => 10.0, 'token' => $token, 'installments' => 1,
    'payment_method_id' => 'visa', 'payer' => ['email' => 'bench@example.com']])['id'];

function curlHandle(string $url, string $ca, int $id, bool $safe): CurlHandle
{
    $h = curl_init("$url/v1/payments/$id");
    curl_setopt_array($h, [
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_NOSIGNAL => true,
        CURLOPT_HTTPHEADER => ['Authorization: Bearer ' . TOKEN, 'Accept: application/json'],
    ]);
    if ($ca !== '') {
        curl_setopt($h, CURLOPT_CAINFO, $ca);
    }
    if ($safe) {
        curl_setopt_array($h, [CURLOPT_TIMEOUT_MS => 60000, CURLOPT_CONNECTTIMEOUT_MS => 10000,
            CURLOPT_LOW_SPEED_LIMIT => 1, CURLOPT_LOW_SPEED_TIME => 20,
            CURLOPT_USERAGENT => 'libmercadopago/' . mercadopago_native_version()]);
    }
    return $h;
}

$curl = curlHandle($url, $ca, $id, false);
$curlSafe = curlHandle($url, $ca, $id, true);
$native = $client->native();
$curlGet = function (CurlHandle $h) use ($id): void {
    $body = curl_exec($h);
    if ($body === false || curl_getinfo($h, CURLINFO_RESPONSE_CODE) !== 200
        || json_decode($body, true, 512, JSON_THROW_ON_ERROR)['id'] !== $id) {
        throw new RuntimeException('curl: ' . curl_error($h));
    }
};
$clients = [
    'native' => function () use ($client, $id): void {
        if ($client->payments->get($id)['id'] !== $id) {
            throw new RuntimeException('native: wrong payment');
        }
    },
    'native-call' => function () use ($native, $id): void {
        $req = new MercadoPagoNativeRequest();
        $req->set_path_param('id', (string) $id);
        $data = json_decode($native->call('payments.get', $req)->body(), true, 512,
            JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING);
        if ($data['id'] !== $id) {
            throw new RuntimeException('native-call: wrong payment');
        }
    },
    'curl' => fn () => $curlGet($curl),
    'curl+' => fn () => $curlGet($curlSafe),
];

function cpuMicros(): float
{
    $r = getrusage();
    return $r['ru_utime.tv_sec'] * 1e6 + $r['ru_utime.tv_usec'] + $r['ru_stime.tv_sec'] * 1e6 + $r['ru_stime.tv_usec'];
}

/** @return array{float, float} CPU µs per request, requests per second */
function measure(callable $one, int $n): array
{
    gc_collect_cycles();
    [$c0, $w0] = [cpuMicros(), hrtime(true)];
    for ($i = 0; $i < $n; $i++) {
        $one();
    }
    [$c1, $w1] = [cpuMicros(), hrtime(true)];
    return [($c1 - $c0) / $n, $n / (($w1 - $w0) / 1e9)];
}

function activeOpens(): int
{
    $rows = array_values(array_filter(file('/proc/self/net/snmp'), fn ($l) => str_starts_with($l, 'Tcp:')));
    [$names, $values] = [preg_split('/\s+/', trim($rows[0])), preg_split('/\s+/', trim($rows[1]))];
    return (int) $values[array_search('ActiveOpens', $names, true)];
}

function median(array $v): float
{
    sort($v);
    $m = intdiv(count($v), 2);
    return count($v) % 2 ? $v[$m] : ($v[$m - 1] + $v[$m]) / 2;
}

$names = array_keys($clients);
foreach ($clients as $name => $one) {
    measure($one, max(10, intdiv($n, 10))); // warm-up: connection, TLS session, caches
    $before = activeOpens();
    measure($one, 5);
    printf("%s: %d new connection(s) in 5 calls\n", $name, activeOpens() - $before);
}
$cpu = $rps = array_fill_keys($names, []);
for ($r = 0; $r < $rounds; $r++) {
    $order = array_merge(array_slice($names, $r % count($names)), array_slice($names, 0, $r % count($names)));
    foreach ($order as $name) {
        [$c, $w] = measure($clients[$name], $n);
        $cpu[$name][] = $c;
        $rps[$name][] = $w;
    }
}
printf("== GET /v1/payments/{id} over %s: %d rounds of %d requests, median round (PHP %s)\n",
    $ca !== '' ? 'HTTPS' : 'HTTP', $rounds, $n, PHP_VERSION);
printf("%-12s %11s %18s %9s\n", 'client', 'CPU us/req', '(min..max)', 'req/s');
foreach ($names as $name) {
    printf("%-12s %11.1f %18s %9.0f\n", $name, median($cpu[$name]),
        sprintf('(%.1f..%.1f)', min($cpu[$name]), max($cpu[$name])), median($rps[$name]));
}
$m = array_map('median', $cpu);
printf("ratio native/curl CPU: %.2f   native/curl+: %.2f   native-call/curl: %.2f\n",
    $m['native'] / $m['curl'], $m['native'] / $m['curl+'], $m['native-call'] / $m['curl']);
printf("PHP layer of the binding: %.1f us/req\n", $m['native'] - $m['native-call']);
