package dev.libmercadopago;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads libmercadopago, libmercadopago-sandbox and the JNI wrapper, as
 * sqlite-jdbc's loader does: from the jar (extracted into a private temporary
 * directory, unique to this process and deleted on exit), or from the
 * directory named by the system property {@value #PATH_PROPERTY}. Their file
 * names (SONAMEs, with the ABI versions) come from the build that made them:
 * {@value #LIST} beside them, written by bindings/java/CMakeLists.txt.
 */
public final class NativeLoader {
    /** A directory holding the three libraries, used instead of the bundled ones. */
    public static final String PATH_PROPERTY = "dev.libmercadopago.native.path";

    /** The file naming the libraries, one a line, in dependency order. */
    static final String LIST = "libraries.list";

    /**
     * The bundled libraries of this platform in dependency order (each one's
     * DT_NEEDED is loaded before it); empty when the jar bundles none for it.
     */
    static final String[] LIBRARIES = bundled();

    private static Path loadedFrom;

    private NativeLoader() {}

    /** Loads the libraries once; throws UnsatisfiedLinkError with the reason when it cannot. */
    public static synchronized void load() {
        if (loadedFrom != null) {
            return;
        }
        String dir = System.getProperty(PATH_PROPERTY);
        boolean installed = dir != null && !dir.isEmpty();
        Path base = installed ? Path.of(dir) : extract();
        for (String lib : installed ? installedNames(base) : LIBRARIES) {
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

    private static String[] bundled() {
        try (InputStream in = NativeLoader.class.getResourceAsStream(folder() + LIST)) {
            return in == null ? new String[0] : names(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] names(String list) {
        return list.lines().map(String::strip).filter(l -> !l.isEmpty()).toArray(String[]::new);
    }

    private static String folder() {
        return "/dev/libmercadopago/native/" + platform() + "/";
    }

    /** The directory's own list when it has one (a build's native folder), else the bundled names. */
    private static String[] installedNames(Path dir) {
        try {
            Path list = dir.resolve(LIST);
            String[] names = Files.isRegularFile(list) ? names(Files.readString(list)) : LIBRARIES;
            if (names.length == 0) {
                throw new UnsatisfiedLinkError(PATH_PROPERTY + "=" + dir + " has no " + LIST
                        + " naming its libraries");
            }
            for (String lib : names) {
                if (!Files.isRegularFile(dir.resolve(lib))) {
                    throw new UnsatisfiedLinkError(PATH_PROPERTY + "=" + dir + " has no " + lib
                            + " (it needs " + String.join(", ", names) + ")");
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path extract() {
        String folder = folder();
        if (LIBRARIES.length == 0) {
            throw new UnsatisfiedLinkError("mercadopago-native bundles no library for " + platform()
                    + " (os.name=" + System.getProperty("os.name") + ", os.arch="
                    + System.getProperty("os.arch") + "): build libmercadopago for it and set -D"
                    + PATH_PROPERTY + "=<its build's bindings/java/native directory>");
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
