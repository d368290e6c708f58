<?php
// The PHP clients of the latency bench (bench/latency/run.sh), driven line by line by
// bench_latency.py; each command's answer is one JSON line: {"ms": [...]} or {"na": "why"}.
//
//   php -d extension=mercadopago_native.so worker_php.php native BASE_URL CA_FILE
//   php -d curl.cainfo=CA_FILE worker_php.php official SDK_SRC_DIR
//   commands: first ID | steady ID N | seq ID N | batch ID N | async ID N | warmfirst ID | quit
//
// native: the binding (MercadoPago\Native\Client, base_url and ca_file given). official: the
// official SDK 3.13.0 as shipped, loaded from its src/ folder (PSR-4 MercadoPago\ -> src/
// MercadoPago/); it calls https://api.mercadopago.com, which the bench's network namespace
// resolves to its proxy, and trusts php-curl's curl.cainfo.
declare(strict_types=1);

const TOKEN = 'TEST-FAKE-ACCESS-TOKEN-FOR-TESTS-1234567';
$mode = $argv[1];

if ($mode === 'native') {
    require __DIR__ . '/../../bindings/php/autoload.php';
    [$base, $ca] = [$argv[2], $argv[3]];
    $newClient = fn () => new MercadoPago\Native\Client(TOKEN, ['base_url' => $base, 'ca_file' => $ca]);
    $get = function ($client, int $id): void {
        if ($client->payments->get($id)['id'] !== $id) {
            throw new RuntimeException('native: wrong payment');
        }
    };
} else {
    $src = rtrim($argv[2], '/') . '/MercadoPago/';
    spl_autoload_register(function (string $class) use ($src): void {
        if (str_starts_with($class, 'MercadoPago\\')) {
            $file = $src . str_replace('\\', '/', substr($class, strlen('MercadoPago\\'))) . '.php';
            if (is_file($file)) {
                require $file;
            }
        }
    });
    $newClient = function () {
        MercadoPago\MercadoPagoConfig::setAccessToken(TOKEN);
        return new MercadoPago\Client\Payment\PaymentClient();
    };
    $get = function ($client, int $id): void {
        if ($client->get($id)->id !== $id) {
            throw new RuntimeException('official: wrong payment');
        }
    };
}

$msSince = fn (float $t): float => (hrtime(true) - $t) / 1e6;
$client = null;
echo json_encode(['ready' => true]), "\n";
while (($line = fgets(STDIN)) !== false) {
    $w = preg_split('/\s+/', trim($line));
    if ($w[0] === '' || $w[0] === 'quit') {
        break;
    }
    [$cmd, $id, $n] = [$w[0], (int) ($w[1] ?? 0), (int) ($w[2] ?? 1)];
    switch ($cmd) {
        case 'first':
            $t = hrtime(true);
            $client = $newClient();
            $get($client, $id);
            $out = ['ms' => [$msSince($t)]];
            break;
        case 'steady':
            $times = [];
            for ($i = 0; $i < $n; $i++) {
                $t = hrtime(true);
                $get($client, $id);
                $times[] = $msSince($t);
            }
            $out = ['ms' => $times];
            break;
        case 'seq':
            $t = hrtime(true);
            for ($i = 0; $i < $n; $i++) {
                $get($client, $id);
            }
            $out = ['ms' => [$msSince($t)]];
            break;
        case 'batch':
            if ($mode !== 'native') {
                $out = ['na' => 'no batch API'];
                break;
            }
            $batch = $client->batch();
            for ($i = 0; $i < $n; $i++) {
                $batch->add('payments.get', $id);
            }
            $t = hrtime(true);
            $results = $batch->run($n); // all n at once: the concurrency measured
            $out = ['ms' => [$msSince($t)]];
            foreach ($results as $r) {
                if ($r instanceof Throwable || $r['id'] !== $id) {
                    throw new RuntimeException('batch: a call failed');
                }
            }
            break;
        case 'async':
            $out = ['na' => 'PHP has no async API: the batch is its concurrency'];
            break;
        case 'warmfirst':
            // The first call after warm-up: PHP's Client has no warm(); a persistent client is
            // its warm-up (the fpm.sh scenario).
            if ($mode !== 'native') {
                $out = ['na' => 'no warm API'];
                break;
            }
            if (!method_exists(MercadoPago\Native\Client::class, 'warm')) {
                $out = ['na' => "PHP's client has no warm(): a persistent client is its warm-up"];
                break;
            }
            $t = hrtime(true);
            $client = $newClient();
            $client->warm();
            $warm = $msSince($t);
            $t = hrtime(true);
            $get($client, $id);
            $out = ['ms' => [$msSince($t)], 'warm_ms' => $warm];
            break;
        default:
            $out = ['na' => "unknown command $cmd"];
    }
    echo json_encode($out), "\n";
}
