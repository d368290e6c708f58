<?php

declare(strict_types=1);

namespace MercadoPago\Native\Tests;

use PHPUnit\Framework\TestCase;

/**
 * A production process loads mercadopago_native only: it pays without the
 * sandbox's extension or library in its memory, and a Sandbox says which
 * extension it needs. Run in a fresh php with the client's extension alone
 * (ctest passes its path in MP_PHP_EXTENSION).
 */
final class PackagingTest extends TestCase
{
    /** phpversion() is the library's version; every global name is the extension's own. */
    public function testTheExtensionsNamesAndVersions(): void
    {
        foreach (['mercadopago_native', 'mercadopago_sandbox'] as $name) {
            $extension = new \ReflectionExtension($name);
            $this->assertSame(\mercadopago_native_version(), phpversion($name));
            foreach ($extension->getClassNames() as $class) {
                $this->assertStringStartsWith('MercadoPagoNative', $class, "$name registers $class");
            }
            foreach ($extension->getFunctions() as $function) {
                $this->assertStringStartsWith('mercadopago_', $function->getName());
            }
            foreach (array_keys($extension->getConstants()) as $constant) {
                $this->assertMatchesRegularExpression('/^(MERCADOPAGO_NATIVE_|MP_SANDBOX_)/', $constant,
                    "$name defines $constant");
            }
        }
    }

    public function testTheClientExtensionLoadsNoSandbox(): void
    {
        $extension = getenv('MP_PHP_EXTENSION');
        $this->assertNotFalse($extension, 'ctest sets MP_PHP_EXTENSION');
        $program = <<<'PHP'
            require getenv('MP_PHP_AUTOLOAD');
            $client = new MercadoPago\Native\Client('TEST-packaging-check',
                ['base_url' => 'http://127.0.0.1:9', 'max_retries' => 0]);
            try {
                $client->users->get();
            } catch (MercadoPago\Native\Exception\NetworkException) {
            }
            $maps = file_get_contents('/proc/self/maps');
            echo json_encode([extension_loaded('mercadopago_sandbox'),
                str_contains($maps, 'libmercadopago.so'), str_contains($maps, 'libmercadopago-sandbox')]), "\n";
            try {
                new MercadoPago\Native\Sandbox();
            } catch (LogicException $e) {
                echo $e->getMessage(), "\n";
            }
            PHP;
        $command = [PHP_BINARY, '-n', '-d', 'extension=' . $extension, '-r', $program];
        $process = proc_open($command, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes,
            null, ['MP_PHP_AUTOLOAD' => __DIR__ . '/../autoload.php']);
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        $this->assertSame(0, proc_close($process), $err);
        $lines = explode("\n", trim($out));
        $this->assertSame('[false,true,false]', $lines[0]);
        $this->assertStringContainsString('mercadopago_sandbox is not loaded', $lines[1]);
    }
}
