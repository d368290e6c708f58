<?php

declare(strict_types=1);

namespace MercadoPago\Native;

use MercadoPago\Native\Exception\MercadoPagoException;
use MercadoPago\Native\Exception\SignatureException;

/**
 * Verification of Mercado Pago webhook notifications (the x-signature
 * header): HMAC-SHA256 of "id:<data.id>;request-id:<x-request-id>;ts:<ts>;"
 * under each secret (several during a rotation), in constant time, by
 * libmercadopago.
 */
final class Webhooks
{
    /** @return list<string> the reasons check() may return ("ok" when it verifies): the library's */
    public static function results(): array
    {
        Internal\Native::requireLoaded();
        $out = [];
        while (($name = \mercadopago_native_webhook_result_name(count($out))) !== 'unknown') {
            $out[] = $name;
        }
        return $out;
    }

    /**
     * Throws SignatureException (->reason: "mismatch", "out_of_tolerance"...)
     * unless the notification verifies.
     *
     * @param string|int|null $dataId the data.id query parameter exactly as received
     * @param string|list<string> $secrets
     * @param int|null $tolerance accepted age in seconds (null: 300; negative: no limit)
     * @param int|null $now Unix seconds (null: the current time)
     */
    public static function verify(?string $xSignature, ?string $xRequestId, string|int|null $dataId,
        string|array $secrets, ?int $tolerance = null, ?int $now = null): void
    {
        $reason = self::check($xSignature, $xRequestId, $dataId, $secrets, $tolerance, $now);
        if ($reason !== 'ok') {
            throw new SignatureException("webhook signature does not verify: $reason",
                SignatureException::STATUS, 'signature', reason: $reason);
        }
    }

    /** The outcome's name, "ok" when the notification verifies (see verify()). */
    public static function check(?string $xSignature, ?string $xRequestId, string|int|null $dataId,
        string|array $secrets, ?int $tolerance = null, ?int $now = null): string
    {
        Internal\Native::requireLoaded();
        $secrets = is_string($secrets) ? [$secrets] : $secrets;
        if ($secrets === []) {
            throw MercadoPagoException::invalidArgument('at least one webhook secret is needed');
        }
        try {
            $verifier = new \MercadoPagoNativeWebhookVerifier();
            foreach ($secrets as $secret) {
                if (!is_string($secret)) {
                    throw MercadoPagoException::invalidArgument('a webhook secret must be a string');
                }
                $verifier->add_secret($secret);
            }
            $tolerance = $tolerance === null ? 0 : ($tolerance < 0 ? -1 : max(1, $tolerance));
            $result = $verifier->verify($xSignature, $xRequestId,
                $dataId === null ? null : (string) $dataId, $tolerance, $now ?? 0);
            return \mercadopago_native_webhook_result_name($result);
        } catch (MercadoPagoException $e) {
            throw $e;
        } catch (\Exception $e) {
            throw MercadoPagoException::fromNative($e);
        }
    }

    /**
     * verify() from a request's headers (any case; values may be lists, as
     * PSR-7's getHeaders() gives) and query parameters. PHP's $_GET turns
     * "data.id" into "data_id": both are accepted.
     *
     * @param array<string, string|list<string>> $headers
     * @param array<string, mixed> $query
     */
    public static function verifyRequest(array $headers, array $query, string|array $secrets,
        ?int $tolerance = null, ?int $now = null): void
    {
        $lower = [];
        foreach ($headers as $name => $value) {
            $lower[strtolower((string) $name)] = is_array($value) ? ($value[0] ?? null) : $value;
        }
        $dataId = $query['data.id'] ?? $query['data_id'] ?? null;
        if (is_array($dataId)) {
            $dataId = $dataId[0] ?? null;
        }
        self::verify($lower['x-signature'] ?? null, $lower['x-request-id'] ?? null,
            is_scalar($dataId) ? (string) $dataId : null, $secrets, $tolerance, $now);
    }
}
