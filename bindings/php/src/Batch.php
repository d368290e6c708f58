<?php

declare(strict_types=1);

namespace MercadoPago\Native;

use MercadoPago\Native\Exception\MercadoPagoException;

/**
 * Many calls sent at once over the client's connections (HTTP/2 streams or
 * parallel connections), each with its own retries:
 *
 *     $batch = $client->batch();
 *     $batch->add('payments.get', $id1);
 *     $batch->add('payments.get', $id2);
 *     foreach ($batch->run() as $outcome) { ... }  // Result or MercadoPagoException
 *
 * add() takes an operation's name and the arguments of its resource method.
 * Searches are sent as one call (their first page).
 */
final class Batch implements \Countable
{
    private readonly \MercadoPagoNativeBatch $native;

    /** @internal use Client::batch() */
    public function __construct(private readonly Client $client)
    {
        $this->native = new \MercadoPagoNativeBatch();
    }

    /** Adds a call; returns its index in run()'s list. */
    public function add(string $operation, mixed ...$args): int
    {
        $op = Operations::get($operation);
        $request = Client::request($op->bind($args));
        try {
            return $this->native->add($op->name, $request);
        } catch (\Exception $e) {
            throw MercadoPagoException::fromNative($e);
        }
    }

    public function count(): int
    {
        return $this->native->size();
    }

    /**
     * Runs every call (at most $maxInFlight at a time; 0: the library's 16).
     * A failed call does not throw: its exception is its outcome.
     *
     * @return list<Result|MercadoPagoException> one outcome per call, in the order added
     */
    public function run(int $maxInFlight = 0): array
    {
        try {
            $this->client->native()->run_batch($this->native, $maxInFlight);
        } catch (\Exception $e) {
            throw MercadoPagoException::fromNative($e);
        } finally {
            $this->client->drainLogs();
        }
        $out = [];
        for ($i = 0, $n = $this->native->size(); $i < $n; $i++) {
            $failure = $this->native->error($i);
            if ($failure !== null) {
                $out[] = MercadoPagoException::fromFailure($failure);
                continue;
            }
            $response = $this->native->take_response($i);
            try {
                $out[] = $response === null
                    ? MercadoPagoException::invalidArgument("batch call $i has no answer")
                    : new Result($response);
            } catch (MercadoPagoException $e) {
                $out[] = $e; // an answer that is not JSON
            }
        }
        return $out;
    }
}
