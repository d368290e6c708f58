<?php

declare(strict_types=1);

namespace MercadoPago\Native\Tests;

use MercadoPago\Native\Client;
use MercadoPago\Native\Exception;
use MercadoPago\Native\Options;
use MercadoPago\Native\Sandbox;
use MercadoPago\Native\Webhooks;
use PHPUnit\Framework\TestCase;

/** The PHP surface is the library's tables: options, error classes, operations. */
final class TablesTest extends TestCase
{
    use Fixtures;

    /** A good value for a client option: by its type, or by its name where its text has a form. */
    private static function sample(string $name, array $row): mixed
    {
        $sandbox = self::sandbox();
        $byName = ['base_url' => $sandbox->url(), 'ca_pem' => $sandbox->caPem(), 'ca_file' => $sandbox->caFile(),
            'proxy' => '', 'max_retries' => 3, 'max_response_bytes' => 1 << 20];
        if (array_key_exists($name, $byName)) {
            return $byName[$name];
        }
        $one = match ($row['type']) {
            \MERCADOPAGO_NATIVE_OPTION_INT => 5,
            \MERCADOPAGO_NATIVE_OPTION_SECONDS => 1.5,
            \MERCADOPAGO_NATIVE_OPTION_BOOL => true,
            default => 'a-value',
        };
        return $row['arity'] > 1 ? array_fill(0, $row['arity'], $one) : $one;
    }

    /** @return iterable<string, array{string}> */
    public static function clientOptions(): iterable
    {
        foreach (Options::client() as $name) {
            yield $name => [$name];
        }
    }

    public function testTheOptionsAreTheTables(): void
    {
        $this->assertCount(\mercadopago_native_option_count(), Options::all());
        $this->assertContains('timeout', Options::client());
        $this->assertContains('timeout', Options::perCall());
        $this->assertContains('page_size', Options::perCall());
        $this->assertNotContains('page_size', Options::client());
        $this->assertNotContains('idempotency_key', Options::client());
        $this->assertGreaterThan(10, count(Options::client()));
    }

    /** @dataProvider clientOptions */
    public function testEveryClientOptionIsAccepted(string $name): void
    {
        $client = new Client(Sandbox::TEST_TOKEN, [$name => self::sample($name, Options::all()[$name])]);
        $this->assertFalse($client->native()->closed());
    }

    public function testAllClientOptionsAtOnceMakeAWorkingClient(): void
    {
        $options = [];
        foreach (Options::client() as $name) {
            $options[$name] = self::sample($name, Options::all()[$name]);
        }
        unset($options['access_token'], $options['proxy_from_environment']); // a proxy of the environment
        $options['user_agent_suffix'] = 'tables-test/1.0';
        $client = new Client(Sandbox::TEST_TOKEN, $options);
        $this->assertIsInt($client->users->get()['id']);
    }

    /** @dataProvider clientOptions */
    public function testABadValueNamesTheOption(string $name): void
    {
        // A value of no option's PHP type, refused in PHP.
        $this->assertRefused($name, fn () => new Client(Sandbox::TEST_TOKEN, [$name => new \stdClass()]));
        // A value of the right PHP type that the library refuses.
        $row = Options::all()[$name];
        $bad = match ($row['type']) {
            \MERCADOPAGO_NATIVE_OPTION_INT => -999999999,
            \MERCADOPAGO_NATIVE_OPTION_SECONDS => -1,
            default => null,
        };
        if ($bad !== null) {
            $value = $row['arity'] > 1 ? array_fill(0, $row['arity'], $bad) : $bad;
            $this->assertRefused($name, fn () => new Client(Sandbox::TEST_TOKEN, [$name => $value]));
        }
        if ($row['arity'] > 1) {
            $this->assertRefused($name, fn () => new Client(Sandbox::TEST_TOKEN, [$name => [1]]));
        }
    }

    public function testLibraryRefusalsNameTheOption(): void
    {
        // The base URL is checked when the client is made, by a message of its own.
        $this->assertRefused('base URL', fn () => new Client(Sandbox::TEST_TOKEN, ['base_url' => 'ftp://example.com']),
            quoted: false);
        $this->assertRefused('max_retries', fn () => new Client(Sandbox::TEST_TOKEN, ['max_retries' => 11]));
        $this->assertRefused('timeout', fn () => self::sandboxClient()->users->get([], ['timeout' => NAN]));
        $this->assertRefused('page_size', fn () => iterator_to_array(
            self::sandboxClient()->payments->search([], ['page_size' => 0])));
        $this->assertRefused('idempotency_key', fn () => new Client(Sandbox::TEST_TOKEN, ['idempotency_key' => 'k']));
        $this->assertRefused('base_uri', fn () => new Client(Sandbox::TEST_TOKEN, ['base_uri' => 'x']));
    }

    private function assertRefused(string $name, callable $fn, bool $quoted = true): void
    {
        try {
            $fn();
        } catch (Exception\InvalidArgumentException $e) {
            $this->assertStringContainsString($quoted ? "'$name'" : $name, $e->getMessage());
            return;
        }
        $this->fail("option $name: no InvalidArgumentException");
    }

    public function testTheExceptionHierarchyIsTheTables(): void
    {
        $namespace = 'MercadoPago\\Native\\Exception\\';
        $statuses = [];
        for ($i = 0, $n = \mercadopago_native_error_class_count(); $i < $n; $i++) {
            $class = $namespace . \mercadopago_native_error_class_name($i) . 'Exception';
            $parent = \mercadopago_native_error_class_parent($i);
            $this->assertTrue(class_exists($class), $class);
            $this->assertSame($parent === '' ? Exception\MercadoPagoException::class
                : $namespace . $parent . 'Exception', get_parent_class($class), $class);
            $status = \mercadopago_native_error_class_status($i);
            if ($status !== 0) {
                $this->assertSame($status, $class::STATUS);
                $this->assertSame($class, Exception\StatusTable::CLASSES[$status]);
                $statuses[] = $status;
            } else {
                $this->assertFalse(defined("$class::STATUS"), $class);
            }
        }
        $this->assertEqualsCanonicalizing($statuses, array_keys(Exception\StatusTable::CLASSES));
    }

    public function testVersionAndWebhookResultsAreTheLibrarys(): void
    {
        $this->assertSame(\mercadopago_native_version(), Client::version());
        $this->assertMatchesRegularExpression('/^\d+\.\d+\.\d+/', Client::version());
        $this->assertSame(['ok', 'missing_header', 'malformed_header', 'missing_timestamp', 'missing_hash',
            'mismatch', 'out_of_tolerance'], Webhooks::results());
    }
}
