<?php

declare(strict_types=1);

namespace MercadoPago\Native;

use MercadoPago\Native\Exception\MercadoPagoException;

/**
 * A Mercado Pago API client over libmercadopago (keep-alive connections,
 * retries with idempotency keys, typed exceptions).
 *
 * Every operation of the library's table is a method of a resource
 * property: $client->payments->create($body), $client->payments->get($id),
 * $client->refunds->create($paymentId, ['amount' => 10]),
 * $client->customers->search(['email' => ...]) (a Generator over the items
 * of every page)... or by name: $client->call('payments.get', $id).
 *
 * @property-read Resource $payments and one property per resource of the table
 */
final class Client
{
    private const LOG_LEVELS = ['error' => 1, 'warning' => 2, 'info' => 3, 'debug' => 4];

    private readonly \MercadoPagoNativeClient $native;
    /** @var object|callable|null */
    private readonly mixed $logger;
    /** @var array<string, Resource> */
    private array $resources = [];

    /**
     * @param array<string, mixed> $options the library's client options
     *   (Options::client(), documented in capi/options.inc; times in seconds,
     *   retry_delays a list of 3), plus logger: a PSR-3 logger (any object
     *   with log($level, $message, $context)) or a callable
     *   fn(string $level, string $message), and log_level: "error",
     *   "warning", "info" (default) or "debug".
     */
    public function __construct(string $accessToken, array $options = [])
    {
        Internal\Native::requireLoaded();
        $logger = $options['logger'] ?? null;
        if ($logger !== null && !is_callable($logger) && !(is_object($logger) && method_exists($logger, 'log'))) {
            throw MercadoPagoException::invalidArgument(
                'logger must be a PSR-3 logger (an object with log()) or a callable');
        }
        $this->logger = $logger;
        $level = $logger === null ? 0 : (self::LOG_LEVELS[$options['log_level'] ?? 'info']
            ?? throw MercadoPagoException::invalidArgument(
                'log_level must be one of ' . implode(', ', array_keys(self::LOG_LEVELS))));
        unset($options['logger'], $options['log_level']);

        try {
            $config = new \MercadoPagoNativeConfig();
            Options::set($config, 'access_token', $accessToken);
            foreach ($options as $name => $value) {
                if ($value !== null) {
                    Options::set($config, (string) $name, $value);
                }
            }
            $config->set_log_level($level);
            $this->native = new \MercadoPagoNativeClient($config);
        } catch (MercadoPagoException $e) {
            throw $e;
        } catch (\Exception $e) {
            throw MercadoPagoException::fromNative($e);
        } finally {
            // A bad option is in the log too (e.g. a warning about a CA file).
            if (isset($this->native)) {
                $this->drainLogs();
            }
        }
    }

    /** The version of the loaded libmercadopago, e.g. "1.2.0". */
    public static function version(): string
    {
        Internal\Native::requireLoaded();
        return \mercadopago_native_version();
    }

    /** A resource of the table, e.g. $client->payments or $client->card_tokens (or cardTokens). */
    public function __get(string $name): Resource
    {
        return $this->resources[$name] ??= new Resource($this, $name, Operations::ofResource($name)
            ?? throw MercadoPagoException::invalidArgument("unknown resource '$name' (known: "
                . implode(', ', Operations::resources()) . ')'));
    }

    public function __isset(string $name): bool
    {
        return Operations::ofResource($name) !== null;
    }

    /**
     * Calls an operation by its name in the table, with the arguments of its
     * resource method: call('refunds.create', $paymentId, ['amount' => 10]).
     *
     * @return Result|\Generator<int, mixed>
     */
    public function call(string $operation, mixed ...$args): Result|\Generator
    {
        return $this->invoke(Operations::get($operation), $args);
    }

    /** Many calls sent at once (parallel connections or HTTP/2 streams). */
    public function batch(): Batch
    {
        return new Batch($this);
    }

    /** The URL to send a seller to so that they authorize this application (OAuth). */
    public static function oauthAuthorizationUrl(string $clientId, string $redirectUri, ?string $state = null): string
    {
        Internal\Native::requireLoaded();
        try {
            return \mercadopago_native_oauth_authorization_url($clientId, $redirectUri, $state);
        } catch (\Exception $e) {
            throw MercadoPagoException::fromNative($e);
        }
    }

    /** @internal */
    public function invoke(Operation $op, array $args): Result|\Generator
    {
        $bound = $op->bind($args);
        if ($op->pages()) {
            return $this->items($op, $bound);
        }
        $request = self::request($bound);
        try {
            return new Result($this->native->call($op->name, $request));
        } catch (MercadoPagoException $e) {
            throw $e;
        } catch (\Exception $e) {
            throw MercadoPagoException::fromNative($e);
        } finally {
            if ($this->logger !== null) {
                $this->drainLogs();
            }
        }
    }

    /** The items of every page, each page fetched when the previous one is used up. */
    private function items(Operation $op, array $bound): \Generator
    {
        $request = self::request($bound);
        try {
            $pager = $this->native->pager($op->name, $request, 0); // 0: its page_size option
        } catch (\Exception $e) {
            throw MercadoPagoException::fromNative($e);
        }
        while (true) {
            try {
                $item = $pager->next_item();
            } catch (\Exception $e) {
                throw MercadoPagoException::fromNative($e);
            } finally {
                if ($this->logger !== null) {
                    $this->drainLogs();
                }
            }
            if ($item === null) {
                return;
            }
            yield Internal\Json::decode($item);
        }
    }

    /**
     * The extension's request for bound arguments (see Operation::bind).
     *
     * @internal
     */
    public static function request(array $bound): \MercadoPagoNativeRequest
    {
        try {
            $r = new \MercadoPagoNativeRequest();
            foreach ($bound['path'] as $name => $value) {
                $r->set_path_param($name, $value);
            }
            foreach ($bound['query'] as [$name, $value]) {
                $r->add_query($name, $value);
            }
            if ($bound['body'] !== null) {
                $r->set_body($bound['body']);
            }
            foreach ($bound['options'] as $name => $value) {
                if ($value !== null) {
                    Options::set($r, (string) $name, $value);
                }
            }
            return $r;
        } catch (MercadoPagoException $e) {
            throw $e;
        } catch (\Exception $e) {
            throw MercadoPagoException::fromNative($e);
        }
    }

    /** @internal */
    public function native(): \MercadoPagoNativeClient
    {
        return $this->native;
    }

    /**
     * Hands the library's queued log lines (already redacted: no token, card
     * number or security code) to the logger, on the caller's thread.
     *
     * @internal
     */
    public function drainLogs(): void
    {
        while (($line = $this->native->next_log()) !== null) {
            $level = array_search($line->level(), self::LOG_LEVELS, true) ?: 'debug';
            $message = (string) $line->message();
            if ($this->logger === null) {
                continue;
            }
            if (is_object($this->logger) && method_exists($this->logger, 'log')) {
                $this->logger->log($level, $message, ['library' => 'libmercadopago']);
            } else {
                ($this->logger)($level, $message);
            }
        }
    }
}
