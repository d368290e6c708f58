<?php

declare(strict_types=1);

namespace MercadoPago\Native\Tests;

use PHPUnit\Framework\TestCase;

/**
 * What `php --re` shows of the extensions: their classes under their own
 * prefix (none of SWIG's internals in the global namespace) and every
 * parameter under its C++ name, not SWIG's $arg1.
 */
final class NativeSurfaceTest extends TestCase
{
    /** `php --re mercadopago_native` in a fresh php with the client's extension alone. */
    private static function reflectNative(): string
    {
        $extension = getenv('MP_PHP_EXTENSION');
        self::assertNotFalse($extension, 'ctest sets MP_PHP_EXTENSION');
        $process = proc_open([PHP_BINARY, '-n', '-d', 'extension=' . $extension, '--re', 'mercadopago_native'],
            [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        self::assertSame(0, proc_close($process), $err);
        return $out;
    }

    /** @return iterable<string, array{string}> */
    public static function extensions(): iterable
    {
        yield 'mercadopago_native' => ['mercadopago_native'];
        yield 'mercadopago_sandbox' => ['mercadopago_sandbox'];
    }

    /** @dataProvider extensions */
    public function testNoSwigInternalsAndNoArgN(string $name): void
    {
        // php --re prints exactly ReflectionExtension's text.
        $text = $name === 'mercadopago_native' ? self::reflectNative() : (string) new \ReflectionExtension($name);
        $this->assertStringContainsString("Extension [ <persistent> extension #", $text);

        preg_match_all('/^\s*(?:Class|Interface) \[ <internal:\w+> (?:final |abstract )*(?:class|interface) ([\w\\\\]+)/m',
            $text, $m);
        $classes = $m[1];
        $this->assertNotEmpty($classes);
        foreach ($classes as $class) {
            $this->assertDoesNotMatchRegularExpression('/SWIG/i', $class,
                "$name shows SWIG's internal class $class");
        }
        if ($name === 'mercadopago_native') {
            $this->assertContains('MercadoPagoNativeClient', $classes);
        }

        preg_match_all('/Parameter #\d+ \[ <(?:required|optional)> (?:[^$\]]*)\$(\w+)/', $text, $m);
        $this->assertGreaterThan(20, count($m[1]), 'the parameters are listed');
        $unnamed = array_values(array_unique(array_filter($m[1], fn (string $p) => preg_match('/^(arg\d+|unnamed)$/', $p) === 1)));
        $this->assertSame([], $unnamed, "$name has parameters without their names");
    }

    /**
     * SWIG makes a class for each extension's module (its constants again), under the same name
     * in both: loaded together, one extension's replaced the other's.
     */
    public function testEachExtensionKeepsItsOwnClasses(): void
    {
        foreach (['mercadopago_native' => 'MERCADOPAGO_NATIVE_OPTION_STRING', 'mercadopago_sandbox' => 'MP_SANDBOX_OK']
                 as $name => $constant) {
            $found = array_filter((new \ReflectionExtension($name))->getClassNames(),
                fn (string $c) => (new \ReflectionClass($c))->hasConstant($constant));
            $this->assertCount(1, $found, "$name's module class");
        }
    }

    public function testAParameterHasItsCxxName(): void
    {
        $method = new \ReflectionMethod(\MercadoPagoNativeClient::class, 'call');
        $this->assertSame(['operation', 'request'], array_map(fn ($p) => $p->getName(), $method->getParameters()));
    }
}
