<?php
// The official PHP SDK's side of bench/latency/fpm.sh: one web request reads one payment, as the
// SDK's README does it. The SDK is loaded from MP_FPM_OFFICIAL_SDK (its folder, with src/MercadoPago)
// by a PSR-4 autoloader of its own layout (Composer is not reachable here). Its base URL is its
// public static MercadoPagoConfig::$BASE_URL ("override only for testing or proxy scenarios"); it
// trusts the sandbox's CA through php-curl's curl.cainfo, set for the pool by fpm_bench.py.
declare(strict_types=1);

spl_autoload_register(function (string $class): void {
    if (str_starts_with($class, 'MercadoPago\\')) {
        $file = getenv('MP_FPM_OFFICIAL_SDK') . '/src/' . str_replace('\\', '/', $class) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});

use MercadoPago\Client\Payment\PaymentClient;
use MercadoPago\Exceptions\MPApiException;
use MercadoPago\MercadoPagoConfig;

header('Content-Type: application/json');
MercadoPagoConfig::$BASE_URL = rtrim((string) getenv('MP_FPM_BASE_URL'), '/');
MercadoPagoConfig::setAccessToken((string) ($_GET['token'] ?? ''));
try {
    $payment = (new PaymentClient())->get((int) $_GET['id']);
    echo json_encode(['pid' => getmypid(), 'id' => $payment->id]);
} catch (MPApiException $e) {
    http_response_code($e->getApiResponse()->getStatusCode());
    echo json_encode(['pid' => getmypid(), 'error' => get_class($e)]);
} catch (\Exception $e) {
    http_response_code(502);
    echo json_encode(['pid' => getmypid(), 'error' => get_class($e)]);
}
