<?php

declare(strict_types=1);

namespace MercadoPago\Native;

use MercadoPago\Native\Exception\MercadoPagoException;

/**
 * One row of libmercadopago's operations table ("payments.get", GET,
 * "/v1/payments/{id}", ...), and how a PHP call's arguments map onto it:
 *
 *     action(...$pathParams, $bodyOrQuery = null, array $options = [])
 *
 * The path's placeholders come first, in order; then the JSON body (an
 * operation with a body) or the query parameters (one without); then the
 * per-call options. Named arguments work too (id:, body:, query:, options:).
 */
final class Operation
{
    public readonly string $resource;
    public readonly string $action;

    public function __construct(
        public readonly string $name,
        public readonly string $method,
        public readonly string $path,
        /** @var list<string> the path's placeholders, in order */
        public readonly array $params,
        public readonly bool $hasBody,
        /** "none" for a single answer; else the shape of its pages ("results", "array"...) */
        public readonly string $paging,
    ) {
        [$this->resource, $this->action] = explode('.', $name, 2) + [1 => ''];
    }

    /** Whether the call returns a Generator over the items of every page. */
    public function pages(): bool
    {
        return $this->paging !== 'none';
    }

    /** e.g. "refunds.create($payment_id, array $body = null, array $options = [])". */
    public function signature(): string
    {
        $parts = array_map(fn (string $p) => '$' . $p, $this->params);
        $parts[] = $this->hasBody ? 'array|string|null $body = null' : 'array $query = []';
        $parts[] = 'array $options = []';
        return $this->name . '(' . implode(', ', $parts) . ')';
    }

    /**
     * Splits a call's arguments into path parameters, body or query, and options.
     *
     * @param array<int|string, mixed> $args
     * @return array{path: array<string, string>, query: list<array{string, string}>,
     *               body: ?string, options: array<string, mixed>}
     */
    public function bind(array $args): array
    {
        $positional = [];
        $named = [];
        foreach ($args as $k => $v) {
            if (is_int($k)) {
                $positional[] = $v;
            } else {
                $named[$k] = $v;
            }
        }
        $path = [];
        foreach ($this->params as $p) {
            if (array_key_exists($p, $named)) {
                $value = $named[$p];
                unset($named[$p]);
            } elseif ($positional) {
                $value = array_shift($positional);
            } else {
                throw $this->error("missing the path parameter \$$p");
            }
            $path[$p] = $this->pathValue($p, $value);
        }
        $slot = $this->hasBody ? 'body' : 'query';
        $payload = array_key_exists($slot, $named) ? $named[$slot] : array_shift($positional);
        unset($named[$slot]);
        $options = array_key_exists('options', $named) ? $named['options'] : array_shift($positional);
        unset($named['options']);
        if ($positional) {
            throw $this->error('takes ' . (count($this->params) + 2) . ' arguments at most, '
                . count($args) . ' given');
        }
        if ($named) {
            throw $this->error('unknown named argument ' . array_key_first($named));
        }
        $options ??= [];
        if (!is_array($options)) {
            throw $this->error('$options must be an array, not ' . get_debug_type($options));
        }
        $known = Options::perCall();
        foreach ($options as $k => $_) {
            if (!in_array($k, $known, true)) {
                throw $this->error("unknown option '$k' (known: " . implode(', ', $known) . ')');
            }
        }
        if ($this->hasBody) {
            return ['path' => $path, 'query' => [], 'body' => Internal\Json::encodeBody($payload),
                'options' => $options];
        }
        $payload ??= [];
        if (!is_array($payload)) {
            throw $this->error('the query must be an array, not ' . get_debug_type($payload));
        }
        // get($id, ['timeout' => 5]) would otherwise send the options as query
        // parameters (and an access_token in a URL): no API query uses these names.
        foreach ($known as $option) {
            if (array_key_exists($option, $payload)) {
                throw $this->error("'$option' is an option, not a query parameter: pass options "
                    . 'after the query, e.g. get($id, [], [...]) or options: [...]');
            }
        }
        return ['path' => $path, 'query' => self::query($payload), 'body' => null,
            'options' => $options];
    }

    /** @return list<array{string, string}> a list value repeats its name (a=1&a=2) */
    private static function query(array $params): array
    {
        $out = [];
        foreach ($params as $name => $value) {
            foreach (is_array($value) ? $value : [$value] as $v) {
                if ($v !== null) {
                    $out[] = [(string) $name, self::text($v)];
                }
            }
        }
        return $out;
    }

    private function pathValue(string $name, mixed $value): string
    {
        if (!is_string($value) && !is_int($value) && !$value instanceof \Stringable) {
            throw $this->error("the path parameter \$$name must be a string or an int, not "
                . get_debug_type($value));
        }
        $value = (string) $value;
        if ($value === '' || str_contains($value, "\0")) {
            throw $this->error("the path parameter \$$name is empty or holds a NUL byte");
        }
        return $value;
    }

    /** A query value as the API expects it (booleans as true/false). */
    private static function text(mixed $v): string
    {
        $text = match (true) {
            is_bool($v) => $v ? 'true' : 'false',
            is_scalar($v), $v instanceof \Stringable => (string) $v,
            default => throw MercadoPagoException::invalidArgument(
                'a query value must be a scalar, not ' . get_debug_type($v)),
        };
        if (str_contains($text, "\0")) {
            throw MercadoPagoException::invalidArgument('a query value holds a NUL byte');
        }
        return $text;
    }

    private function error(string $what): Exception\InvalidArgumentException
    {
        return MercadoPagoException::invalidArgument($this->name . '(): ' . $what
            . '; usage: ' . $this->signature());
    }
}
