<?php

declare(strict_types=1);

namespace MercadoPago\Native;

use MercadoPago\Native\Exception\MercadoPagoException;

/**
 * The operations of one resource of the table, e.g. $client->payments:
 * $client->payments->create($body), ->get($id), ->search($query)...
 * Actions are looked up case- and underscore-insensitively
 * (createPaymentIntent and create_payment_intent are the same).
 */
final class Resource
{
    /** @param array<string, Operation> $operations by action key */
    public function __construct(
        private readonly Client $client,
        public readonly string $name,
        private readonly array $operations,
    ) {
    }

    /** @return Result|\Generator<int, mixed> a Generator for searches and lists */
    public function __call(string $action, array $args): Result|\Generator
    {
        $op = $this->operations[Operations::key($action)] ?? throw MercadoPagoException::invalidArgument(
            "unknown operation '{$this->name}.$action' (known: " . implode(', ', $this->signatures()) . ')');
        return $this->client->invoke($op, $args);
    }

    /** @return list<string> */
    public function signatures(): array
    {
        return array_values(array_map(fn (Operation $o) => $o->signature(), $this->operations));
    }
}
