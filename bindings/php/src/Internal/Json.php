<?php

declare(strict_types=1);

namespace MercadoPago\Native\Internal;

use MercadoPago\Native\Exception\JsonException;
use MercadoPago\Native\Exception\MercadoPagoException;

/** The one place PHP values become JSON and back. @internal */
final class Json
{
    // Unicode and slashes as they are (the API takes UTF-8); 10.0 stays a number with a fraction.
    private const ENCODE = JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES
        | JSON_PRESERVE_ZERO_FRACTION;
    // Ids fit in PHP's int64; a larger integer becomes a string instead of a lossy float.
    private const DECODE = JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING;

    /**
     * A request body: an array or object is encoded (an empty array is the
     * empty object {}), a string is taken as JSON already (the library
     * validates it), null is no body.
     */
    public static function encodeBody(mixed $body): ?string
    {
        if ($body === null || is_string($body)) {
            return $body;
        }
        if ($body === []) {
            return '{}';
        }
        if (!is_array($body) && !is_object($body)) {
            throw MercadoPagoException::invalidArgument(
                'a body must be an array, an object or a JSON string, not ' . get_debug_type($body));
        }
        try {
            return json_encode($body, self::ENCODE);
        } catch (\JsonException $e) {
            throw new JsonException('cannot encode the body as JSON: ' . $e->getMessage(),
                JsonException::STATUS, 'json', previous: $e);
        }
    }

    /** An answer's body: arrays for objects and lists, null for an empty body. */
    public static function decode(string $json): mixed
    {
        return self::decodeAs($json, true);
    }

    /** An answer's body with its objects as stdClass (an empty {} stays one), null for an empty body. */
    public static function decodeObjects(string $json): mixed
    {
        return self::decodeAs($json, false);
    }

    private static function decodeAs(string $json, bool $arrays): mixed
    {
        if ($json === '') {
            return null;
        }
        try {
            return json_decode($json, $arrays, 512, self::DECODE);
        } catch (\JsonException $e) {
            throw new JsonException('the answer is not JSON: ' . $e->getMessage(),
                JsonException::STATUS, 'json', previous: $e);
        }
    }
}
