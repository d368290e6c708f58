<?php

declare(strict_types=1);

namespace MercadoPago\Native\Tests;

use MercadoPago\Native\Exception\SignatureException;
use MercadoPago\Native\Sandbox;
use MercadoPago\Native\Testing\SharedSandbox;
use MercadoPago\Native\Webhooks;
use PHPUnit\Framework\TestCase;

final class WebhooksLoggingTest extends TestCase
{
    use Fixtures;

    private static function sign(string $secret, string $id, string $requestId, int $ts): string
    {
        return "ts=$ts,v1=" . hash_hmac('sha256', "id:$id;request-id:$requestId;ts:$ts;", $secret);
    }

    public function testVerify(): void
    {
        $now = time();
        $sig = self::sign('s3cret', '123', 'req-1', $now);
        Webhooks::verify($sig, 'req-1', 123, 's3cret');
        Webhooks::verify($sig, 'req-1', '123', ['old-secret', 's3cret'], now: $now + 10);
        $this->assertSame('ok', Webhooks::check($sig, 'req-1', '123', 's3cret'));
        $this->assertSame('mismatch', Webhooks::check($sig, 'req-1', '124', 's3cret'));
        $this->assertSame('mismatch', Webhooks::check($sig, 'req-1', '123', 'other'));
        $this->assertSame('out_of_tolerance', Webhooks::check($sig, 'req-1', '123', 's3cret', 60, $now + 3600));
        $this->assertSame('ok', Webhooks::check($sig, 'req-1', '123', 's3cret', -1, $now + 3600));
        $this->assertSame('missing_header', Webhooks::check(null, 'req-1', '123', 's3cret'));
        $this->assertSame('malformed_header', Webhooks::check('garbage', 'req-1', '123', 's3cret'));
        try {
            Webhooks::verify($sig, 'req-2', '123', 's3cret');
            $this->fail('no exception');
        } catch (SignatureException $e) {
            $this->assertSame('mismatch', $e->reason);
            $this->assertSame('signature', $e->statusName);
            $this->assertStringNotContainsString('s3cret', $e->getMessage());
        }
    }

    /** A real notification from the sandbox to a socket of this process, verified as a PHP app would. */
    public function testDeliveredNotificationVerifies(): void
    {
        $server = stream_socket_server('tcp://127.0.0.1:0', $errno, $error);
        $this->assertNotFalse($server, $error);
        $port = (int) substr(strrchr(stream_socket_get_name($server, false), ':'), 1);
        $payment = self::payment(self::sandboxClient(), ['notification_url' => "http://127.0.0.1:$port/hook"]);

        $conn = stream_socket_accept($server, 10);
        $this->assertNotFalse($conn, 'the sandbox called the webhook');
        stream_set_timeout($conn, 10);
        $head = '';
        while (!str_contains($head, "\r\n\r\n") && ($chunk = fread($conn, 1)) !== false && $chunk !== '') {
            $head .= $chunk;
        }
        $lines = explode("\r\n", trim($head));
        [, $target] = explode(' ', array_shift($lines));
        $headers = [];
        foreach ($lines as $line) {
            [$name, $value] = explode(':', $line, 2);
            $headers[$name] = trim($value);
        }
        $length = (int) (array_change_key_case($headers)['content-length'] ?? 0);
        $body = $length > 0 ? stream_get_contents($conn, $length) : '';
        fwrite($conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        fclose($conn);
        fclose($server);

        parse_str((string) parse_url($target, PHP_URL_QUERY), $query); // as $_GET: data.id -> data_id
        $this->assertSame((string) $payment['id'], $query['data_id']);
        Webhooks::verifyRequest($headers, $query, SharedSandbox::WEBHOOK_SECRET);
        $this->assertSame((string) $payment['id'], (string) json_decode($body, true)['data']['id']);

        $this->expectException(SignatureException::class);
        Webhooks::verifyRequest($headers, $query, 'not-the-secret');
    }

    public function testLogsReachAPsr3LoggerWithoutSecrets(): void
    {
        $logger = new class {
            /** @var list<array{string, string, array}> */
            public array $lines = [];

            public function log($level, $message, array $context = []): void
            {
                $this->lines[] = [(string) $level, (string) $message, $context];
            }
        };
        $token = 'TEST-very-secret-token-1234567';
        $client = self::sandbox()->client($token, ['logger' => $logger, 'log_level' => 'debug']);
        $card = Sandbox::TEST_CARDS['visa'];
        $payment = $client->payments->create([
            'transaction_amount' => 5.0, 'token' => self::cardToken($client, 'APRO', $card), 'installments' => 1,
            'payment_method_id' => 'visa', 'payer' => ['email' => 'log@example.com'],
        ]);
        try {
            $client->payments->get(999999999);
        } catch (\MercadoPago\Native\Exception\NotFoundException) {
        }
        $this->assertNotEmpty($logger->lines);
        $text = implode("\n", array_column($logger->lines, 1));
        $this->assertStringContainsString('/v1/payments', $text);
        $this->assertStringContainsString('404', $text);
        $this->assertStringNotContainsString($token, $text);
        $this->assertStringNotContainsString('very-secret', $text);
        $this->assertStringContainsString('[REDACTED]', $text, 'the card data went through the log');
        $this->assertStringNotContainsString($card, $text);
        $this->assertStringNotContainsString('"security_code":"123"', $text);
        foreach ($logger->lines as [$level]) {
            $this->assertContains($level, ['error', 'warning', 'info', 'debug']);
        }
        $this->assertIsInt($payment['id']);
    }

    public function testCallableLoggerAndLevels(): void
    {
        $lines = [];
        $client = self::sandboxClient(['logger' => function (string $level, string $message) use (&$lines) {
            $lines[] = $level;
        }, 'log_level' => 'warning']);
        self::payment($client);
        $this->assertNotContains('debug', $lines);
        $this->assertNotContains('info', $lines);
        $quiet = self::sandboxClient();
        self::payment($quiet); // no logger: nothing queued, nothing to drain
        $this->expectException(\MercadoPago\Native\Exception\InvalidArgumentException::class);
        self::sandboxClient(['logger' => 'not a logger']);
    }
}
