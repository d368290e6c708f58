<?php

declare(strict_types=1);

namespace MercadoPago\Native\Tests;

use MercadoPago\Native\Client;
use MercadoPago\Native\Exception;
use MercadoPago\Native\Exception\MercadoPagoException;
use MercadoPago\Native\Sandbox;
use PHPUnit\Framework\TestCase;

/** Every exception the layer can produce, from real failures of a real server. */
final class ErrorsTest extends TestCase
{
    use Fixtures;

    protected function tearDown(): void
    {
        self::sandbox()->clearFaults();
    }

    /** Runs $fn, asserts it throws exactly $class, returns the exception. */
    private function failure(string $class, callable $fn): MercadoPagoException
    {
        try {
            $fn();
        } catch (MercadoPagoException $e) {
            $this->assertSame($class, $e::class, $e->getMessage());
            // getCode() is the HTTP status (0 without an HTTP answer), as in the
            // official SDK and stripe-php; the library's status has its own getter.
            $this->assertSame($e->httpStatus, $e->getCode());
            $this->assertSame($e->status, $e->getStatus());
            $this->assertSame($e->httpStatus, $e->getHttpStatus());
            $this->assertStringNotContainsString(Sandbox::TEST_TOKEN, $e->getMessage());
            $this->assertStringNotContainsString(Sandbox::TEST_TOKEN, (string) json_encode($e->body));
            return $e;
        }
        $this->fail("no $class was thrown");
    }

    public function testEveryStatusOfTheTableHasItsClass(): void
    {
        // MP_ERR_PROTOCOL (-17) comes after the iterator's end (-16) in the table.
        $this->assertSame(Exception\ProtocolException::class, Exception\StatusTable::CLASSES[-17]);
        $this->assertSame(-17, Exception\ProtocolException::STATUS);
        $this->assertFalse(is_subclass_of(Exception\ProtocolException::class, Exception\ApiException::class));
        $this->assertArrayNotHasKey(-16, Exception\StatusTable::CLASSES);
    }

    public function testNotFound(): void
    {
        $e = $this->failure(Exception\NotFoundException::class,
            fn () => self::sandboxClient()->payments->get(999999999));
        $this->assertInstanceOf(Exception\ApiException::class, $e);
        $this->assertSame(404, $e->httpStatus);
        $this->assertSame(404, $e->getCode());
        $this->assertSame(-7, $e->getStatus());
        $this->assertSame('not_found', $e->statusName);
        $this->assertSame(Exception\NotFoundException::STATUS, $e->status);
        $this->assertNotSame('', $e->requestId);
        $this->assertIsArray($e->body);
        $this->assertSame(404, $e->body['status']);
        $this->assertFalse($e->retryable);
    }

    public function testAuthentication(): void
    {
        $client = self::sandboxClient([], 'TEST-x');
        $e = $this->failure(Exception\AuthenticationException::class, fn () => $client->users->get());
        $this->assertSame(401, $e->httpStatus);
        $this->assertStringNotContainsString('TEST-x', $e->getMessage());
    }

    public function testValidationCarriesTheCauses(): void
    {
        $client = self::sandboxClient();
        $e = $this->failure(Exception\ValidationException::class,
            fn () => $client->payments->create(['transaction_amount' => -1]));
        $this->assertSame(400, $e->httpStatus);
        $this->assertNotSame('', $e->apiError);
        $this->assertNotEmpty($e->causes);
        $this->assertSame($e->body['cause'] ?? null, $e->causes);
    }

    public function testConflictOnAReusedIdempotencyKey(): void
    {
        $client = self::sandboxClient();
        $key = self::unique('key');
        self::payment($client, ['description' => 'first'], ['idempotency_key' => $key]);
        $e = $this->failure(Exception\ConflictException::class,
            fn () => self::payment($client, ['description' => 'second'], ['idempotency_key' => $key]));
        $this->assertSame(409, $e->httpStatus);
        $this->assertSame($key, $e->idempotencyKey);
    }

    public function testRateLimitedAfterTheRetries(): void
    {
        $client = self::sandboxClient(['retry_delays' => [0.001, 0.01, 0.01]]);
        $id = self::payment($client)['id'];
        self::sandbox()->armFaults('GET', '/v1/payments/', ['429:0', '429:0']);
        $e = $this->failure(Exception\RateLimitException::class,
            fn () => $client->payments->get($id, options: ['max_retries' => 1]));
        $this->assertSame(429, $e->httpStatus);
        $this->assertSame(2, $e->attempts);
        $this->assertTrue($e->retryable);
    }

    public function testServerErrorIsRetriedThenSucceeds(): void
    {
        $client = self::sandboxClient(['retry_delays' => [0.001, 0.01, 0.01]]);
        $id = self::payment($client)['id'];
        self::sandbox()->armFaults('GET', '/v1/payments/', ['503', '500', 'ok']);
        $this->assertSame(3, $client->payments->get($id, options: ['max_retries' => 2])->attempts());
        self::sandbox()->armFaults('GET', '/v1/payments/', ['502']);
        $e = $this->failure(Exception\ServerException::class,
            fn () => $client->payments->get($id, options: ['max_retries' => 0]));
        $this->assertSame(502, $e->httpStatus);
        $this->assertSame(1, $e->attempts);
    }

    public function testTimeout(): void
    {
        $client = self::sandboxClient();
        $id = self::payment($client)['id'];
        self::sandbox()->armFaults('GET', '/v1/payments/', ['delay:3000']);
        $start = microtime(true);
        $e = $this->failure(Exception\TimeoutException::class,
            fn () => $client->payments->get($id, options: ['timeout' => 0.2, 'max_retries' => 0]));
        $this->assertLessThan(2.0, microtime(true) - $start);
        $this->assertInstanceOf(Exception\NetworkException::class, $e);
        $this->assertSame(0, $e->httpStatus);
        $this->assertSame(0, $e->getCode(), 'no HTTP answer: code 0');
        $this->assertSame(Exception\TimeoutException::STATUS, $e->getStatus());
    }

    public function testTlsWithTheWrongCa(): void
    {
        $other = new Sandbox();
        $client = new Client(Sandbox::TEST_TOKEN, ['base_url' => self::sandbox()->url(), 'ca_pem' => $other->caPem()]);
        $this->failure(Exception\TlsException::class, fn () => $client->users->get(options: ['max_retries' => 0]));
        $other->stop();
        // Without a CA of its own, the system's CAs do not trust the sandbox either.
        $client = new Client(Sandbox::TEST_TOKEN, ['base_url' => self::sandbox()->url()]);
        $this->failure(Exception\TlsException::class, fn () => $client->users->get());
    }

    public function testNetworkErrorOnAStoppedServer(): void
    {
        $gone = new Sandbox();
        $client = $gone->client(options: ['max_retries' => 0]);
        $gone->stop();
        $e = $this->failure(Exception\NetworkException::class, fn () => $client->users->get());
        $this->assertSame(0, $e->httpStatus);
    }

    public function testBadJson(): void
    {
        $client = self::sandboxClient();
        $this->failure(Exception\JsonException::class, fn () => $client->payments->create('{"transaction_amount": '));
        // Not UTF-8: refused by PHP's encoder, before anything is sent.
        $this->failure(Exception\JsonException::class, fn () => $client->customers->create(['first_name' => "\xff"]));
    }

    /** @return iterable<string, array{callable(Client): mixed}> */
    public static function invalidArguments(): iterable
    {
        yield 'missing path parameter' => [fn (Client $c) => $c->payments->get()];
        yield 'empty path parameter' => [fn (Client $c) => $c->payments->get('')];
        yield 'array path parameter' => [fn (Client $c) => $c->payments->get([1])];
        yield 'too many arguments' => [fn (Client $c) => $c->payments->get(1, [], [], 4)];
        yield 'unknown option' => [fn (Client $c) => $c->payments->get(1, [], ['timeuot' => 1])];
        yield 'query not an array' => [fn (Client $c) => $c->payments->search('status=approved')];
        yield 'body of a wrong type' => [fn (Client $c) => $c->payments->create(42)];
        yield 'unknown resource' => [fn (Client $c) => $c->paymnets];
        yield 'unknown action' => [fn (Client $c) => $c->payments->remove(1)];
        yield 'unknown operation' => [fn (Client $c) => $c->call('payments.remove', 1)];
        yield 'header with a line break' => [fn (Client $c) => $c->users->get([], ['headers' => ['X-A' => "a\r\nB: c"]])];
        yield 'NUL in a path parameter' => [fn (Client $c) => $c->payments->get("1\0/../x")];
        yield 'NUL in a query value' => [fn (Client $c) => iterator_to_array($c->payments->search(['q' => "a\0b"]))];
        yield 'headers not an array' => [fn (Client $c) => $c->users->get([], ['headers' => 'X-A: b'])];
        yield 'idempotency key not a string' => [fn (Client $c) => $c->payments->create([], ['idempotency_key' => ['k']])];
        yield 'max_retries not an int' => [fn (Client $c) => $c->users->get([], ['max_retries' => '3'])];
        yield 'empty access token' => [fn (Client $c) => new Client('')];
        yield 'bad retry_delays' => [fn (Client $c) => new Client('TEST-a-123456', ['retry_delays' => [1]])];
        yield 'negative timeout' => [fn (Client $c) => $c->users->get([], ['timeout' => -1])];
        yield 'unknown client option' => [fn (Client $c) => new Client('TEST-a-123456', ['base_uri' => 'x'])];
        yield 'bad base URL' => [fn (Client $c) => new Client('TEST-a-123456', ['base_url' => 'ftp://example.com'])];
        yield 'empty secret' => [fn (Client $c) => \MercadoPago\Native\Webhooks::check('ts=1,v1=ab', 'r', '1', '')];
        yield 'unknown batch operation' => [fn (Client $c) => $c->batch()->add('nope.get', 1)];
    }

    /** @dataProvider invalidArguments */
    public function testInvalidArgument(callable $call): void
    {
        $client = self::sandboxClient();
        $before = self::sandbox()->requestCount();
        $e = $this->failure(Exception\InvalidArgumentException::class, fn () => $call($client));
        $this->assertSame('invalid_argument', $e->statusName);
        $this->assertNotSame('', $e->getMessage());
        $this->assertSame($before, self::sandbox()->requestCount(), 'nothing was sent');
    }
}
