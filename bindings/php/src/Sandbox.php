<?php

declare(strict_types=1);

namespace MercadoPago\Native;

use MercadoPago\Native\Exception\MercadoPagoException;

/**
 * The embedded Mercado Pago emulator (libmercadopago-sandbox) in this
 * process, for tests that run offline over real sockets. It needs the
 * extension mercadopago_sandbox besides mercadopago_native (tests load both;
 * production loads mercadopago_native only):
 *
 *     $sandbox = new Sandbox();                 // HTTPS with a CA made at start
 *     $client = $sandbox->client();             // trusts that CA, TEST token
 *     ...
 *     $sandbox->stop();
 *
 * See sandbox/README.md for its test cards, cardholder-name outcomes and
 * fault injection.
 */
final class Sandbox
{
    /** A token the sandbox accepts (any "TEST-..." or "APP_USR-..." shaped token is). */
    public const TEST_TOKEN = 'TEST-sandbox-token-1234567';
    public const TEST_CARDS = ['visa' => '4509953566233704', 'master' => '5031755734530604',
        'amex' => '371180303257522'];

    private ?\MercadoPagoNativeSandbox $native;
    private readonly string $url;
    private readonly string $caPem;
    private ?string $caFile = null;

    /** @param array{tls?: bool, host?: string, port?: int, webhook_secret?: string} $options */
    public function __construct(array $options = [])
    {
        Internal\Native::requireSandboxLoaded();
        $options += ['tls' => true];
        $unknown = array_diff(array_keys($options), ['tls', 'host', 'port', 'webhook_secret']);
        if ($unknown !== []) {
            throw MercadoPagoException::invalidArgument('unknown sandbox option ' . implode(', ', $unknown));
        }
        try {
            $native = new \MercadoPagoNativeSandboxOptions();
            $native->set_tls((bool) $options['tls']);
            if (isset($options['host'])) {
                $native->set_host((string) $options['host']);
            }
            if (isset($options['port'])) {
                $native->set_port((int) $options['port']);
            }
            if (isset($options['webhook_secret'])) {
                $native->set_webhook_secret((string) $options['webhook_secret']);
            }
            $this->native = new \MercadoPagoNativeSandbox($native);
        } catch (\Exception $e) {
            throw self::failed($e);
        }
        $this->url = $this->native->url();
        $this->caPem = (string) $this->native->ca_pem();
    }

    /** e.g. "https://127.0.0.1:39113". */
    public function url(): string
    {
        return $this->url;
    }

    public function port(): int
    {
        return (int) parse_url($this->url, PHP_URL_PORT);
    }

    /** The PEM of the CA the server's certificate is signed with ("" over plain HTTP). */
    public function caPem(): string
    {
        return $this->caPem;
    }

    /** Writes the CA to a file (for clients that take a path). */
    public function writeCa(string $path): void
    {
        try {
            $this->running()->write_ca($path);
        } catch (\Exception $e) {
            throw self::failed($e);
        }
    }

    /** The CA in a temporary file, removed by stop(). */
    public function caFile(): string
    {
        if ($this->caFile === null) {
            $path = tempnam(sys_get_temp_dir(), 'mp-sandbox-ca-');
            $this->writeCa($path);
            $this->caFile = $path;
        }
        return $this->caFile;
    }

    /** Requests served so far (every route). */
    public function requestCount(): int
    {
        return $this->native?->request_count() ?? 0;
    }

    /** A Client for this sandbox (its base URL, trusting its CA). */
    public function client(string $accessToken = self::TEST_TOKEN, array $options = []): Client
    {
        $options += ['base_url' => $this->url];
        if ($this->caPem !== '') {
            $options += ['ca_pem' => $this->caPem];
        }
        return new Client($accessToken, $options);
    }

    /**
     * Makes the next requests matching (method, path prefix) meet these
     * faults in order: "ok", "stall", "reset_before", "reset_after",
     * "truncate", "delay:<ms>", "429:<retry-after s>", or a status "400".."599"
     * (the kinds of mp_sandbox.h, armed through it, not over HTTP).
     *
     * @param list<string> $faults
     */
    public function armFaults(?string $method, ?string $path, array $faults): void
    {
        $sandbox = $this->running();
        foreach ($faults as $spec) {
            try {
                $fault = new \MercadoPagoNativeSandboxFault((string) $spec); // the sandbox's parser
                $fault->set_method($method ?? '');
                $fault->set_path($path ?? '');
                $sandbox->arm($fault);
            } catch (\Exception $e) {
                throw self::failed($e);
            }
        }
    }

    /** Disarms every fault not yet taken. */
    public function clearFaults(): void
    {
        try {
            $this->running()->clear_faults();
        } catch (\Exception $e) {
            throw self::failed($e);
        }
    }

    /**
     * Forgets every resource, idempotency key and armed fault, as if the
     * sandbox had just started (URL, CA and request count stay).
     */
    public function reset(): void
    {
        try {
            $this->running()->reset();
        } catch (\Exception $e) {
            throw self::failed($e);
        }
    }

    /** Stops the server (idempotent); a client pointed at it then gets network errors. */
    public function stop(): void
    {
        $this->native?->stop();
        $this->native = null;
        if ($this->caFile !== null) {
            @unlink($this->caFile);
            $this->caFile = null;
        }
    }

    /**
     * The sandbox extension's failure (a plain \Exception whose code is the
     * mp_sandbox_status) as the layer's InvalidArgumentException.
     */
    private static function failed(\Exception $e): \Throwable
    {
        return MercadoPagoException::invalidArgument('sandbox: ' . $e->getMessage(), $e);
    }

    public function __destruct()
    {
        $this->stop();
    }

    private function running(): \MercadoPagoNativeSandbox
    {
        return $this->native ?? throw new \LogicException('the sandbox is stopped');
    }
}
