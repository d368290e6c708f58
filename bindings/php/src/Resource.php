<?php

declare(strict_types=1);

namespace MercadoPago\Native;

use MercadoPago\Native\Exception\MercadoPagoException;

/**
 * The operations of one resource of the table, e.g. $client->payments:
 * $client->payments->create($body), ->get($id), ->search($query)...
 * Actions are looked up case- and underscore-insensitively
 * (createPaymentIntent and create_payment_intent are the same).
 *
 * A resource of the generated table is of its own subclass (Resources\Payments
 * for $client->payments), which only declares its operations as @method for
 * IDEs and static analysis; a resource the loaded library has and the
 * generated classes do not (a newer library) is a plain Resource, and works
 * the same.
 */
class Resource
{
    /** @param array<string, Operation> $operations by action key */
    final public function __construct(
        private readonly Client $client,
        public readonly string $name,
        private readonly array $operations,
    ) {
    }

    /** @return Result|\Generator<int, mixed> a Generator for searches and lists */
    final public function __call(string $action, array $args): Result|\Generator
    {
        $op = $this->operations[Operations::key($action)] ?? throw MercadoPagoException::invalidArgument(
            "unknown operation '{$this->name}.$action' (known: " . implode(', ', $this->signatures()) . ')');
        return $this->client->invoke($op, $args);
    }

    /** @return list<string> */
    final public function signatures(): array
    {
        return array_values(array_map(fn (Operation $o) => $o->signature(), $this->operations));
    }
}
