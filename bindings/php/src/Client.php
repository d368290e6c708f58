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
    /** Client options (times in seconds). */
    public const OPTIONS = ['base_url', 'timeout', 'connect_timeout', 'stall_timeout', 'max_retries',
        'retry_delays', 'ca_file', 'ca_pem', 'proxy', 'user_agent_suffix', 'platform_id',
        'integrator_id', 'corporation_id', 'logger', 'log_level'];

    private const LOG_LEVELS = ['error' => 1, 'warning' => 2, 'info' => 3, 'debug' => 4];

    private readonly \MercadoPagoNativeClient $native;
    /** @var object|callable|null */
    private readonly mixed $logger;
    /** @var array<string, Resource> */
    private array $resources = [];

    /**
     * @param array{base_url?: string, timeout?: float, connect_timeout?: float,
     *   stall_timeout?: float, max_retries?: int, retry_delays?: array{float, float, float},
     *   ca_file?: string, ca_pem?: string, proxy?: string, user_agent_suffix?: string,
     *   platform_id?: string, integrator_id?: string, corporation_id?: string,
     *   logger?: object|callable, log_level?: string} $options
     *   logger: a PSR-3 logger (any object with log($level, $message, $context)) or
     *   a callable fn(string $level, string $message); log_level: "error", "warning",
     *   "info" (default) or "debug". ca_file/ca_pem replace the system's CAs (TLS stays verified).
     */
    public function __construct(string $accessToken, array $options = [])
    {
        Internal\Native::requireLoaded();
        foreach ($options as $k => $_) {
            if (!in_array($k, self::OPTIONS, true)) {
                throw MercadoPagoException::invalidArgument(
                    "unknown client option '$k' (known: " . implode(', ', self::OPTIONS) . ')');
            }
        }
        $logger = $options['logger'] ?? null;
        if ($logger !== null && !is_callable($logger) && !(is_object($logger) && method_exists($logger, 'log'))) {
            throw MercadoPagoException::invalidArgument(
                'logger must be a PSR-3 logger (an object with log()) or a callable');
        }
        $this->logger = $logger;
        $level = $logger === null ? 0 : (self::LOG_LEVELS[$options['log_level'] ?? 'info']
            ?? throw MercadoPagoException::invalidArgument(
                'log_level must be one of ' . implode(', ', array_keys(self::LOG_LEVELS))));

        try {
            $config = new \MercadoPagoNativeConfig();
            $config->set_access_token(self::string('the access token', $accessToken));
            if (isset($options['base_url'])) {
                $config->set_base_url(self::string('base_url', $options['base_url']));
            }
            if (isset($options['timeout'])) {
                $config->set_timeout_ms(self::ms($options['timeout']));
            }
            if (isset($options['connect_timeout'])) {
                $config->set_connect_timeout_ms(self::ms($options['connect_timeout']));
            }
            if (isset($options['stall_timeout'])) {
                $config->set_stall_timeout_ms(self::ms($options['stall_timeout']));
            }
            if (isset($options['max_retries'])) {
                $config->set_max_retries(self::int('max_retries', $options['max_retries']));
            }
            if (isset($options['retry_delays'])) {
                if (!is_array($options['retry_delays']) || count($options['retry_delays']) !== 3) {
                    throw MercadoPagoException::invalidArgument('retry_delays is [base, max, max_retry_after] in seconds');
                }
                [$base, $max, $retryAfter] = array_map([self::class, 'ms'], array_values($options['retry_delays']));
                $config->set_retry_delays_ms($base, $max, $retryAfter);
            }
            if (isset($options['ca_file'])) {
                $config->set_ca_file(self::string('ca_file', $options['ca_file']));
            }
            if (isset($options['ca_pem'])) {
                $config->set_ca_pem(self::string('ca_pem', $options['ca_pem']));
            }
            foreach (['proxy', 'user_agent_suffix', 'platform_id', 'integrator_id', 'corporation_id'] as $k) {
                if (isset($options[$k])) {
                    $config->{'set_' . $k}(self::string($k, $options[$k]));
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
        unset($bound['options']['idempotency_key']); // reads only
        $request = self::request($bound);
        $pageSize = (int) ($bound['options']['page_size'] ?? 0);
        try {
            $pager = $this->native->pager($op->name, $request, $pageSize);
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
        $o = $bound['options'];
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
            if (isset($o['idempotency_key'])) {
                $r->set_idempotency_key(self::string('idempotency_key', $o['idempotency_key']));
            }
            if (isset($o['access_token'])) {
                $r->set_access_token(self::string('access_token', $o['access_token']));
            }
            $headers = $o['headers'] ?? [];
            if (!is_array($headers)) {
                throw MercadoPagoException::invalidArgument('the headers option must be an array name => value');
            }
            foreach ($headers as $name => $value) {
                $r->add_header((string) $name, Operation::text($value));
            }
            if (isset($o['timeout'])) {
                $r->set_timeout_ms(self::ms($o['timeout']));
            }
            if (isset($o['max_retries'])) {
                $r->set_max_retries(self::int('max_retries', $o['max_retries']));
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

    /** A text option: a string without NUL bytes (C strings would cut it short). */
    private static function string(string $what, mixed $value): string
    {
        if (!is_string($value) || str_contains($value, "\0")) {
            throw MercadoPagoException::invalidArgument("$what must be a string without NUL bytes");
        }
        return $value;
    }

    private static function int(string $what, mixed $value): int
    {
        if (!is_int($value)) {
            throw MercadoPagoException::invalidArgument("$what must be an int, not " . get_debug_type($value));
        }
        return $value;
    }

    /** Seconds (int or float, > 0) as the library's milliseconds, at least 1. */
    private static function ms(mixed $seconds): int
    {
        if ((!is_int($seconds) && !is_float($seconds)) || !($seconds > 0) || $seconds > 86400 * 24) {
            throw MercadoPagoException::invalidArgument('a time must be a positive number of seconds, not '
                . var_export($seconds, true));
        }
        return max(1, (int) round($seconds * 1000));
    }
}
