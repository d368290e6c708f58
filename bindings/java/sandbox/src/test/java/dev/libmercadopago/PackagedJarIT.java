package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.libmercadopago.sandbox.Sandbox;
import dev.libmercadopago.sandbox.SandboxNativeLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Run by failsafe against the packaged jars (the client's and the sandbox's):
 * each loads the natives bundled inside it, and only those.
 */
class PackagedJarIT {
    static String jarOf(Class<?> c) {
        return c.getProtectionDomain().getCodeSource().getLocation().getPath();
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void eachJarLoadsItsOwnNatives() throws IOException {
        String client = jarOf(NativeLoader.class);
        String sandbox = jarOf(Sandbox.class);
        assertTrue(client.matches(".*/mercadopago-native-[^/]*\\.jar"), client);
        assertTrue(sandbox.matches(".*/mercadopago-native-sandbox-[^/]*\\.jar"), sandbox);
        String clientJni = "/dev/libmercadopago/native/linux-x86_64/libmercadopago_jni.so";
        String sandboxJni = "/dev/libmercadopago/sandbox/native/linux-x86_64/libmercadopago_sandbox_jni.so";
        assertTrue(NativeLoader.class.getResource(clientJni).toString().startsWith("jar:file:" + client + "!"));
        assertTrue(Sandbox.class.getResource(sandboxJni).toString().startsWith("jar:file:" + sandbox + "!"));

        try (Sandbox sb = Sandbox.start()) {
            Path sandboxDir = SandboxNativeLoader.loadedFrom();
            assertTrue(sandboxDir.getFileName().toString().startsWith("libmercadopago-sandbox-"), sandboxDir.toString());
            assertTrue(files(sandboxDir).stream().allMatch(f -> f.contains("sandbox")), files(sandboxDir).toString());
            assertNull(NativeLoader.loadedFrom(), "the sandbox alone does not load the client's natives");
            try (Client client2 = sb.client()) {
                Result paid = Fixtures.pay(client2, "7.77");
                assertEquals("approved", paid.get("status"));
                assertEquals(paid.get("id"), client2.payments().get(paid.get("id")).get("id"));
                Path clientDir = NativeLoader.loadedFrom();
                assertTrue(clientDir.getFileName().toString().startsWith("libmercadopago-"), clientDir.toString());
                assertEquals(List.of(NativeLoader.LIBRARIES).stream().sorted().toList(), files(clientDir));
                assertTrue(files(clientDir).stream().noneMatch(f -> f.contains("sandbox")), files(clientDir).toString());
            }
        }
    }
}
