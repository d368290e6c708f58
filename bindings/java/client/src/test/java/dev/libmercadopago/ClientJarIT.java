package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Run by failsafe against the packaged client jar: its class path is that jar,
 * Jackson and the tests. The jar loads its own bundled natives (not
 * target/classes', not another jar's), and a client call from it maps no
 * sandbox library.
 */
class ClientJarIT {
    @Test
    void theJarAloneLoadsItsOwnNativesAndNoSandbox() throws Exception {
        String jar = NativeLoader.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertTrue(jar.matches(".*/mercadopago-native-[^/]*\\.jar"), "classes come from the jar: " + jar);
        assertTrue(NativeLoader.class.getResource("/dev/libmercadopago/native/linux-x86_64/libmercadopago_jni.so")
                .toString().startsWith("jar:file:" + jar + "!"));
        List<String> cp = Arrays.asList(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
        assertTrue(cp.stream().noneMatch(e -> Path.of(e).getFileName().toString().contains("sandbox")),
                cp.toString());
        assertTrue(cp.stream().noneMatch(e -> e.endsWith("/classes")), "no classes folder of the client: " + cp);

        Client.version();
        Path dir = NativeLoader.loadedFrom();
        assertTrue(dir.getFileName().toString().startsWith("libmercadopago-"), dir.toString());
        for (String lib : NativeLoader.LIBRARIES) {
            assertTrue(Files.isRegularFile(dir.resolve(lib)), lib);
        }
        ClientOnlyTest.aClientCallMapsNoSandbox();
    }
}
