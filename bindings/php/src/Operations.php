<?php

declare(strict_types=1);

namespace MercadoPago\Native;

use MercadoPago\Native\Exception\MercadoPagoException;

/**
 * The operations table of the loaded libmercadopago, read once per process:
 * the PHP surface is built from it at run time, so a library that gains an
 * operation gains it here without a new PHP release.
 */
final class Operations
{
    /** @var array<string, Operation>|null */
    private static ?array $all = null;
    /** @var array<string, array<string, Operation>>|null resource key -> action key -> op */
    private static ?array $index = null;

    /** @return array<string, Operation> every operation, by name ("payments.create", ...) */
    public static function all(): array
    {
        if (self::$all === null) {
            Internal\Native::requireLoaded();
            $all = [];
            for ($i = 0, $n = \mercadopago_native_operation_count(); $i < $n; $i++) {
                $params = [];
                for ($j = 0, $m = \mercadopago_native_operation_path_param_count($i); $j < $m; $j++) {
                    $params[] = \mercadopago_native_operation_path_param($i, $j);
                }
                $op = new Operation(
                    \mercadopago_native_operation_name($i),
                    \mercadopago_native_operation_method($i),
                    \mercadopago_native_operation_path($i),
                    $params,
                    \mercadopago_native_operation_has_body($i),
                    \mercadopago_native_operation_paging($i),
                );
                $all[$op->name] = $op;
            }
            self::$all = $all;
        }
        return self::$all;
    }

    public static function get(string $name): Operation
    {
        return self::all()[$name] ?? throw MercadoPagoException::invalidArgument(
            "unknown operation '$name' (see Operations::all())");
    }

    /** @return array<string, Operation>|null a resource's operations by action key, null when unknown */
    public static function ofResource(string $resource): ?array
    {
        if (self::$index === null) {
            self::$index = [];
            foreach (self::all() as $op) {
                self::$index[self::key($op->resource)][self::key($op->action)] = $op;
            }
        }
        return self::$index[self::key($resource)] ?? null;
    }

    /** @return list<string> the resources' names as the table spells them */
    public static function resources(): array
    {
        return array_values(array_unique(array_map(fn (Operation $o) => $o->resource, self::all())));
    }

    /** card_tokens, cardTokens and CardTokens name the same thing. */
    public static function key(string $name): string
    {
        return strtolower(str_replace('_', '', $name));
    }
}
