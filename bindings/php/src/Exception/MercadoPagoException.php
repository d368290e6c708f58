<?php

declare(strict_types=1);

namespace MercadoPago\Native\Exception;

/**
 * Base class of every exception of MercadoPago\Native (the subclasses are
 * generated from the library's status table, see StatusTable).
 *
 * It carries what the library knew when the call failed. getCode() is the
 * HTTP status of the answer (404, 422...; 0 when no HTTP answer came: a
 * timeout, a refused argument), the number PHP users look for (the
 * official SDK's getStatusCode(), stripe-php's getHttpStatus()); the
 * library's status (mp_status, e.g. -7 for not_found) is getStatus(). The
 * message never contains the access token: libmercadopago redacts it before
 * anything reaches PHP.
 */
class MercadoPagoException extends \RuntimeException
{
    /**
     * @param int $status the library's status (mp_status, negative); also getStatus()
     * @param string $statusName its name: "not_found", "timeout", ...
     * @param int $httpStatus the HTTP status of the answer, 0 when none came; also getCode()
     * @param string $apiError the API's error code ("bad_request", ...), "" when none
     * @param array<mixed> $causes the API's "cause" array
     * @param string $requestId the X-Request-Id of the answer, "" when none
     * @param string $idempotencyKey the X-Idempotency-Key sent, "" when none
     * @param int $attempts how many times the request was sent
     * @param bool $retryable whether sending it again could succeed
     * @param array<mixed>|null $body the API's JSON answer of an API error, null when none
     * @param string|null $reason why a webhook signature does not verify (SignatureException)
     */
    public function __construct(
        string $message,
        public readonly int $status = 0,
        public readonly string $statusName = '',
        public readonly int $httpStatus = 0,
        public readonly string $apiError = '',
        public readonly array $causes = [],
        public readonly string $requestId = '',
        public readonly string $idempotencyKey = '',
        public readonly int $attempts = 0,
        public readonly bool $retryable = false,
        public readonly ?array $body = null,
        public readonly ?string $reason = null,
        ?\Throwable $previous = null,
    ) {
        parent::__construct($message, $httpStatus, $previous);
    }

    /** The library's status (mp_status, negative: -7 for not_found); getCode() is the HTTP status. */
    public function getStatus(): int
    {
        return $this->status;
    }

    /** The HTTP status of the answer (= getCode()), 0 when no HTTP answer came. */
    public function getHttpStatus(): int
    {
        return $this->httpStatus;
    }

    /** The exception of the status table's class for a failure snapshot of the extension. */
    public static function fromFailure(\MercadoPagoNativeFailure $f): self
    {
        $class = StatusTable::CLASSES[$f->status()] ?? self::class;
        return new $class(
            (string) $f->message(),
            $f->status(),
            (string) $f->status_name(),
            $f->http_status(),
            (string) $f->api_error(),
            self::decodeArray($f->causes()) ?? [],
            (string) $f->request_id(),
            (string) $f->idempotency_key(),
            $f->attempts(),
            $f->retryable(),
            self::decodeArray($f->body()),
        );
    }

    /**
     * What a call into the extension threw, as the class of the status table
     * when the library failed (anything else, e.g. a wrong argument type,
     * comes back as it was).
     */
    public static function fromNative(\Throwable $e): \Throwable
    {
        $failure = \mercadopago_native_take_failure();
        return $failure === null ? $e : self::fromFailure($failure);
    }

    /** An error found in PHP before the library was called (status invalid_argument). */
    public static function invalidArgument(string $message, ?\Throwable $previous = null): InvalidArgumentException
    {
        return new InvalidArgumentException($message, InvalidArgumentException::STATUS,
            'invalid_argument', previous: $previous);
    }

    /** @return array<mixed>|null */
    private static function decodeArray(?string $json): ?array
    {
        if ($json === null || $json === '') {
            return null;
        }
        try {
            $value = json_decode($json, true, 512, JSON_BIGINT_AS_STRING | JSON_THROW_ON_ERROR);
        } catch (\JsonException) {
            return null; // e.g. a proxy's HTML error page: the message says what happened
        }
        return is_array($value) ? $value : null;
    }
}
