package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Production code has the client jar alone: a client call in a fresh JVM
 * whose class path holds the client, Jackson and the tests (never the
 * sandbox) maps libmercadopago_jni and libmercadopago, and no library of
 * the sandbox.
 */
class ClientOnlyTest {
    /** Runs ClientOnlyProbe on this JVM's class path and checks what it mapped. */
    static void aClientCallMapsNoSandbox() throws Exception {
        NativeLoaderTest.Run r = NativeLoaderTest.probe(ClientOnlyProbe.class);
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.contains("call approved probe-1"), r.toString());
        assertTrue(lines.contains("sandbox classes: absent"), r.toString());
        List<String> mapped = lines.stream().filter(l -> l.startsWith("mapped ")).map(l -> l.substring(7)).toList();
        assertTrue(mapped.stream().anyMatch(f -> f.endsWith("/libmercadopago_jni.so")), mapped.toString());
        assertTrue(mapped.stream().anyMatch(f -> f.matches(".*/libmercadopago\\.so\\.[0-9]+")), mapped.toString());
        // By file name: the folders above (a checkout's path) may say anything.
        assertFalse(mapped.stream().anyMatch(f -> f.substring(f.lastIndexOf('/') + 1).contains("sandbox")),
                mapped.toString());
    }

    @Test
    void aClientCallLoadsNoSandboxLibrary() throws Exception {
        aClientCallMapsNoSandbox();
    }
}
