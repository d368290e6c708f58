<?php

declare(strict_types=1);

namespace MercadoPago\Native;

use MercadoPago\Native\Exception\MercadoPagoException;

/**
 * The options table of the loaded libmercadopago (capi/options.inc), read
 * once per process: the client's options (new Client($token, [...])) and
 * the per-call ones ($options of every call) are its rows, set by name with
 * a text the library checks and converts (seconds, ranges, lists). PHP only
 * turns a value into that text: int|float for seconds, int for a number,
 * bool, string, a list for an option of several values ("a,b,c"), and
 * name => value for headers (one "Name: value" each).
 */
final class Options
{
    /** @var array<string, array{type: int, arity: int, scope: int, doc: string}>|null */
    private static ?array $all = null;

    /** @return array<string, array{type: int, arity: int, scope: int, doc: string}> every option, by name */
    public static function all(): array
    {
        if (self::$all === null) {
            Internal\Native::requireLoaded();
            $all = [];
            for ($i = 0, $n = \mercadopago_native_option_count(); $i < $n; $i++) {
                $all[\mercadopago_native_option_name($i)] = [
                    'type' => \mercadopago_native_option_type($i),
                    'arity' => \mercadopago_native_option_arity($i),
                    'scope' => \mercadopago_native_option_scope($i),
                    'doc' => \mercadopago_native_option_doc($i),
                ];
            }
            self::$all = $all;
        }
        return self::$all;
    }

    /** @return list<string> the options of new Client($token, [...]) (besides logger and log_level) */
    public static function client(): array
    {
        return self::named(\MERCADOPAGO_NATIVE_OPTION_CLIENT);
    }

    /** @return list<string> the options of a call */
    public static function perCall(): array
    {
        return self::named(\MERCADOPAGO_NATIVE_OPTION_CALL | \MERCADOPAGO_NATIVE_OPTION_PAGES);
    }

    /**
     * Sets an option on the extension's config or request; a name the library
     * does not take there, or a value it refuses, throws InvalidArgumentException.
     *
     * @internal
     */
    public static function set(\MercadoPagoNativeConfig|\MercadoPagoNativeRequest $target, string $name,
        mixed $value): void
    {
        foreach (self::texts($name, $value) as $text) {
            if (str_contains($name . $text, "\0")) { // C strings would cut it short
                throw MercadoPagoException::invalidArgument("option '$name' holds a NUL byte");
            }
            try {
                $target->set($name, $text);
            } catch (\Exception $e) {
                throw MercadoPagoException::fromNative($e);
            }
        }
    }

    /** @return list<string> the option's text for a PHP value (one per header) */
    private static function texts(string $name, mixed $value): array
    {
        $row = self::all()[$name] ?? null;
        if ($row === null) {
            return ['']; // the library refuses the name, and says which it knows
        }
        if ($row['type'] === \MERCADOPAGO_NATIVE_OPTION_HEADERS) {
            if (!is_array($value)) {
                throw self::refuse($name, 'takes an array name => value', $value);
            }
            $out = [];
            foreach ($value as $header => $v) {
                $out[] = $header . ': ' . self::text($name, $row['type'], $v);
            }
            return $out;
        }
        // Several values are joined by ','; the library checks how many came.
        $values = $row['arity'] > 1 && is_array($value) ? $value : [$value];
        return [implode(',', array_map(fn ($v) => self::text($name, $row['type'], $v), $values))];
    }

    /** One value as text, if its PHP type is the option's. */
    private static function text(string $name, int $type, mixed $v): string
    {
        [$ok, $want] = match ($type) {
            \MERCADOPAGO_NATIVE_OPTION_STRING => [is_string($v), 'a string'],
            \MERCADOPAGO_NATIVE_OPTION_INT => [is_int($v), 'an int'],
            \MERCADOPAGO_NATIVE_OPTION_SECONDS => [is_int($v) || is_float($v), 'a number of seconds'],
            \MERCADOPAGO_NATIVE_OPTION_BOOL => [is_bool($v), 'a bool'],
            default => [is_scalar($v) || $v instanceof \Stringable, 'a scalar'],
        };
        if (!$ok) {
            throw self::refuse($name, "takes $want", $v);
        }
        return is_bool($v) ? ($v ? 'true' : 'false') : (string) $v;
    }

    /** @return list<string> */
    private static function named(int $scope): array
    {
        return array_keys(array_filter(self::all(), fn (array $o) => ($o['scope'] & $scope) !== 0));
    }

    private static function refuse(string $name, string $what, mixed $value): Exception\InvalidArgumentException
    {
        // Never the value itself: it may be a secret.
        return MercadoPagoException::invalidArgument("option '$name' $what, not " . get_debug_type($value));
    }
}
