package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Run by failsafe against the packaged jar: it must load the natives bundled inside it. */
class PackagedJarIT {
    @Test
    void theJarLoadsItsOwnNatives() {
        String jar = NativeLoader.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertTrue(jar.endsWith(".jar"), "classes come from the jar: " + jar);
        assertTrue(NativeLoader.class.getResource("/dev/libmercadopago/native/linux-x86_64/libmercadopago_jni.so")
                .toString().startsWith("jar:"));
        try (Sandbox sb = Sandbox.start(); Client client = sb.client()) {
            assertTrue(NativeLoader.loadedFrom().getFileName().toString().startsWith("libmercadopago-"));
            Result paid = Fixtures.pay(client, "7.77");
            assertEquals("approved", paid.get("status"));
            assertEquals(paid.get("id"), client.payments().get(paid.get("id")).get("id"));
        }
    }
}
