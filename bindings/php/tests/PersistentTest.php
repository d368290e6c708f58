<?php

declare(strict_types=1);

namespace MercadoPago\Native\Tests;

use MercadoPago\Native\Client;
use MercadoPago\Native\Exception\InvalidArgumentException;
use MercadoPago\Native\Options;
use PHPUnit\Framework\TestCase;

/**
 * ['persistent' => true] in one process: clients made and freed in turn share one connection
 * (the sandbox's counters say so), never a token. Under real php-fpm: fpm/fpm_test.py.
 */
final class PersistentTest extends TestCase
{
    use Fixtures;

    public function testTheOptionIsABool(): void
    {
        $this->assertContains('persistent', Options::client());
        $this->assertContains('max_idle_connections', Options::client());
        $this->expectException(InvalidArgumentException::class);
        self::sandboxClient(['persistent' => 'shop-a']);
    }

    public function testClientsFreedInTurnShareOneConnectionNotTheirTokens(): void
    {
        // A suffix of this run's own: a transport no other test shares (it is part of the key).
        $options = ['persistent' => true, 'user_agent_suffix' => self::unique('persistent')];
        $before = self::connections();
        foreach (['1111111', '2222222', '1111111', '2222222', '3333333'] as $user) {
            $client = self::sandboxClient($options, "TEST-FAKE-ACCESS-TOKEN-FOR-TESTS-$user");
            $this->assertSame((int) $user, $client->users->get()['id'], 'each client sees its own account');
            unset($client);
        }
        $this->assertSame(1, self::connections() - $before - 1, '5 persistent clients in turn: one connection');

        $before = self::connections();
        for ($i = 0; $i < 3; $i++) {
            $client = self::sandboxClient(['user_agent_suffix' => $options['user_agent_suffix']]);
            $client->users->get();
            unset($client);
        }
        $this->assertSame(3, self::connections() - $before - 1, 'without the option: one connection per client');
    }

    /** The sandbox's connection count, with this read's own connection (hence the - 1 above). */
    private static function connections(): int
    {
        $context = stream_context_create(['ssl' => ['cafile' => self::sandbox()->caFile()]]);
        $health = json_decode((string) file_get_contents(self::sandbox()->url() . '/__sandbox/health', false,
            $context), true, flags: JSON_THROW_ON_ERROR);
        return $health['connections'];
    }
}
