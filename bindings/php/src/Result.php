<?php

declare(strict_types=1);

namespace MercadoPago\Native;

/**
 * An answer of the API: its JSON as PHP arrays (read it like an array:
 * $payment['status'], foreach, count), plus what came with it. Read-only:
 * toArray() gives a copy to modify. json_encode() gives the API's JSON back
 * with its shape: an empty object {} stays {} (as arrays it is []).
 *
 * TData is the answer's shape (Resources\Shapes: Result<Payment> from
 * payments->get()), which toArray() gives.
 *
 * @template TData of array<mixed>
 * @implements \ArrayAccess<int|string, mixed>
 * @implements \IteratorAggregate<int|string, mixed>
 */
final class Result implements \ArrayAccess, \IteratorAggregate, \Countable, \JsonSerializable
{
    private readonly mixed $data;

    /** @internal built by the client from the extension's response */
    public function __construct(private readonly \MercadoPagoNativeResponse $response)
    {
        $this->data = Internal\Json::decode($response->body());
    }

    /** The decoded JSON: an array for an object or a list, null for an empty answer (204). */
    public function data(): mixed
    {
        return $this->data;
    }

    /** @return TData the answer as an array ([] when empty, ['value' => x] for a scalar) */
    public function toArray(): array
    {
        return is_array($this->data) ? $this->data : ($this->data === null ? [] : ['value' => $this->data]);
    }

    public function httpStatus(): int
    {
        return $this->response->http_status();
    }

    /** A header of the answer (any case), null when absent. */
    public function header(string $name): ?string
    {
        return $this->response->header($name);
    }

    /** The X-Request-Id of the answer ("" when none): quote it to Mercado Pago's support. */
    public function requestId(): string
    {
        return (string) $this->response->request_id();
    }

    /** The X-Idempotency-Key sent (given or generated), "" for a read. */
    public function idempotencyKey(): string
    {
        return (string) $this->response->idempotency_key();
    }

    /** How many times the request was sent (1 + retries). */
    public function attempts(): int
    {
        return $this->response->attempts();
    }

    public function offsetExists(mixed $offset): bool
    {
        return is_array($this->data) && isset($this->data[$offset]);
    }

    public function offsetGet(mixed $offset): mixed
    {
        return is_array($this->data) ? ($this->data[$offset] ?? null) : null;
    }

    public function offsetSet(mixed $offset, mixed $value): never
    {
        throw new \LogicException('a Result is read-only: modify a copy from toArray()');
    }

    public function offsetUnset(mixed $offset): never
    {
        throw new \LogicException('a Result is read-only: modify a copy from toArray()');
    }

    public function getIterator(): \ArrayIterator
    {
        return new \ArrayIterator($this->toArray());
    }

    public function count(): int
    {
        return is_array($this->data) ? count($this->data) : 0;
    }

    /**
     * The answer decoded again with objects (stdClass), so that json_encode()
     * writes {} where the API did: arrays cannot tell an empty object from an
     * empty list. An empty answer (204) is {}.
     */
    public function jsonSerialize(): mixed
    {
        return Internal\Json::decodeObjects($this->response->body()) ?? new \stdClass();
    }
}
