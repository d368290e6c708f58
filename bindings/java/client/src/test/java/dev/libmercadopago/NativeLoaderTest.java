package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The loader: bundled libraries extracted privately, or an installed directory. */
class NativeLoaderTest {
    record Run(int exit, String out, String err) {}

    static Run probe(String... props) throws IOException, InterruptedException {
        return probe(LoaderProbe.class, props);
    }

    /** Runs main's main() in a fresh JVM with this one's class path and these -D options. */
    static Run probe(Class<?> main, String... props) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(props));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        Process p = new ProcessBuilder(cmd).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static Path from(Run r) {
        for (String line : r.out().split("\n")) {
            if (line.startsWith("from ")) {
                return Path.of(line.substring(5).trim());
            }
        }
        throw new AssertionError("no 'from' line in " + r);
    }

    @Test
    void extractsIntoAPrivateTemporaryDirectory() throws IOException {
        Client.version();
        Path dir = NativeLoader.loadedFrom();
        assertTrue(dir.getFileName().toString().startsWith("libmercadopago-"), dir.toString());
        assertTrue(dir.startsWith(Path.of(System.getProperty("java.io.tmpdir"))), dir.toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        for (String lib : NativeLoader.LIBRARIES) {
            assertTrue(Files.isRegularFile(dir.resolve(lib)), lib);
        }
        assertEquals("linux-x86_64", NativeLoader.platform());
    }

    @Test
    void theExtractionIsRemovedAtExit() throws Exception {
        Run r = probe();
        assertEquals(0, r.exit(), r.toString());
        Path dir = from(r);
        assertTrue(dir.getFileName().toString().startsWith("libmercadopago-"));
        assertFalse(Files.exists(dir), "deleted on exit: " + dir);
    }

    @Test
    void anInstalledDirectoryByProperty() throws Exception {
        String installed = System.getProperty("mp.native.dir");
        Run r = probe("-D" + NativeLoader.PATH_PROPERTY + "=" + installed);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(Path.of(installed), from(r));
        assertTrue(r.out().contains("version " + Client.version()));
    }

    @Test
    void clearErrors() throws Exception {
        Run missing = probe("-D" + NativeLoader.PATH_PROPERTY + "=/nonexistent/mp");
        assertEquals(3, missing.exit());
        assertTrue(missing.err().contains("/nonexistent/mp has no " + NativeLoader.LIBRARIES[0]), missing.err());

        Run platform = probe("-Dos.arch=sparc");
        assertEquals(3, platform.exit());
        assertTrue(platform.err().contains("bundles no library for linux-sparc"), platform.err());
        assertTrue(platform.err().contains(NativeLoader.PATH_PROPERTY), platform.err());
    }
}
