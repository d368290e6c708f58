package dev.libmercadopago;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads libmercadopago, libmercadopago-sandbox and the JNI wrapper, as
 * sqlite-jdbc's loader does: from the jar (extracted into a private temporary
 * directory, unique to this process and deleted on exit), or from the
 * directory named by the system property {@value #PATH_PROPERTY}.
 */
public final class NativeLoader {
    /** A directory holding the three libraries, used instead of the bundled ones. */
    public static final String PATH_PROPERTY = "dev.libmercadopago.native.path";

    /** In dependency order: each one's DT_NEEDED is already loaded when it loads. */
    static final String[] LIBRARIES = {
        "libmercadopago.so.0", "libmercadopago-sandbox.so.0", "libmercadopago_jni.so"
    };

    private static Path loadedFrom;

    private NativeLoader() {}

    /** Loads the libraries once; throws UnsatisfiedLinkError with the reason when it cannot. */
    public static synchronized void load() {
        if (loadedFrom != null) {
            return;
        }
        String dir = System.getProperty(PATH_PROPERTY);
        Path base = dir != null && !dir.isEmpty() ? installed(Path.of(dir)) : extract();
        for (String lib : LIBRARIES) {
            System.load(base.resolve(lib).toAbsolutePath().toString());
        }
        loadedFrom = base;
    }

    /** The directory the libraries were loaded from (null before {@link #load()}). */
    public static synchronized Path loadedFrom() {
        return loadedFrom;
    }

    /** The bundled platform name, e.g. "linux-x86_64". */
    public static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macos"
                : os.startsWith("windows") ? "windows" : os.replaceAll("\\W", "");
        String a = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch.replaceAll("\\W", "");
        };
        return o + "-" + a;
    }

    private static Path installed(Path dir) {
        for (String lib : LIBRARIES) {
            if (!Files.isRegularFile(dir.resolve(lib))) {
                throw new UnsatisfiedLinkError(PATH_PROPERTY + "=" + dir + " has no " + lib
                        + " (it needs " + String.join(", ", LIBRARIES) + ")");
            }
        }
        return dir;
    }

    private static Path extract() {
        String folder = "/dev/libmercadopago/native/" + platform() + "/";
        if (NativeLoader.class.getResource(folder + LIBRARIES[0]) == null) {
            throw new UnsatisfiedLinkError("mercadopago-native bundles no library for " + platform()
                    + " (os.name=" + System.getProperty("os.name") + ", os.arch="
                    + System.getProperty("os.arch") + "): build libmercadopago for it and set -D"
                    + PATH_PROPERTY + "=<directory with " + String.join(", ", LIBRARIES) + ">");
        }
        try {
            // createTempDirectory makes it rwx------ on POSIX: no other user can swap a library.
            Path dir = Files.createTempDirectory("libmercadopago-");
            dir.toFile().deleteOnExit(); // registered first, so deleted after its files
            for (String lib : LIBRARIES) {
                Path target = dir.resolve(lib);
                try (InputStream in = NativeLoader.class.getResourceAsStream(folder + lib)) {
                    if (in == null) {
                        throw new UnsatisfiedLinkError("the jar lacks " + folder + lib);
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().deleteOnExit();
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract libmercadopago's native libraries", e);
        }
    }
}
