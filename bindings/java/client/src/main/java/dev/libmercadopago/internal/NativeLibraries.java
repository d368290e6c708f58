package dev.libmercadopago.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The native libraries one jar bundles, loaded as sqlite-jdbc's loader does:
 * extracted into a private temporary directory (unique to this process,
 * deleted on exit), or taken from a directory named by a system property.
 * Their file names (SONAMEs, with the ABI versions) come from the build that
 * made them: {@value #LIST} beside them, written by
 * bindings/java/CMakeLists.txt, one a line in load order.
 *
 * <p>The libraries are read from the jar (or classes folder) that holds the
 * owner class, never from another entry of the class path: the client jar's
 * {@code dev.libmercadopago.NativeLoader} loads the client's natives and the
 * sandbox jar's {@code dev.libmercadopago.sandbox.SandboxNativeLoader} the
 * sandbox's, each from its own jar. Internal: used by those two loaders.
 */
public final class NativeLibraries {
    /** The file naming the libraries, one a line, in dependency order. */
    public static final String LIST = "libraries.list";

    private final Class<?> owner;
    private final String folder;
    private final String property;
    private final String tempPrefix;
    private final String artifact;
    private final String buildFolder;
    private final String[] bundled;
    private Path loadedFrom;

    /**
     * @param owner       a class of the jar that bundles the libraries
     * @param folder      their folder in that jar, without the platform, e.g.
     *                    "dev/libmercadopago/native/"
     * @param property    the system property naming a directory to load them from instead
     * @param tempPrefix  the prefix of the extraction directory's name
     * @param artifact    the jar's artifact, for messages
     * @param buildFolder the folder of a CMake build that holds them, for messages
     */
    public NativeLibraries(Class<?> owner, String folder, String property, String tempPrefix,
                           String artifact, String buildFolder) {
        this.owner = owner;
        this.folder = folder + platform() + "/";
        this.property = property;
        this.tempPrefix = tempPrefix;
        this.artifact = artifact;
        this.buildFolder = buildFolder;
        this.bundled = bundledNames();
    }

    /** The bundled libraries of this platform in load order; empty when the jar has none for it. */
    public String[] bundled() {
        return bundled.clone();
    }

    /** Loads the libraries once; throws UnsatisfiedLinkError with the reason when it cannot. */
    public synchronized void load() {
        if (loadedFrom != null) {
            return;
        }
        String dir = System.getProperty(property);
        boolean installed = dir != null && !dir.isEmpty();
        Path base = installed ? Path.of(dir) : extract();
        for (String lib : installed ? installedNames(base) : bundled) {
            System.load(base.resolve(lib).toAbsolutePath().toString());
        }
        loadedFrom = base;
    }

    /** The directory the libraries were loaded from (null before {@link #load()}). */
    public synchronized Path loadedFrom() {
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

    /**
     * A file of the folder, in the jar (or classes folder) the owner class was
     * loaded from: the URL of the owner's .class with its name replaced. Null
     * when that location has no such file.
     */
    private InputStream open(String name) throws IOException {
        String self = "/" + owner.getName().replace('.', '/') + ".class";
        URL classUrl = owner.getResource(self);
        if (classUrl == null) { // a class loader that does not show its classes' files
            return owner.getResourceAsStream("/" + folder + name);
        }
        String url = classUrl.toString();
        if (!url.endsWith(self)) {
            throw new IOException("cannot tell where " + owner.getName() + " was loaded from: " + url);
        }
        try {
            URLConnection c = new URL(url.substring(0, url.length() - self.length()) + "/" + folder + name)
                    .openConnection();
            c.setUseCaches(false); // no shared JarFile kept open for a jar that may be replaced
            return c.getInputStream();
        } catch (FileNotFoundException e) {
            return null;
        } catch (MalformedURLException e) {
            throw new IOException(e);
        }
    }

    private String[] bundledNames() {
        try (InputStream in = open(LIST)) {
            return in == null ? new String[0] : names(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] names(String list) {
        return list.lines().map(String::strip).filter(l -> !l.isEmpty()).toArray(String[]::new);
    }

    /** The directory's own list when it has one (a build's native folder), else the bundled names. */
    private String[] installedNames(Path dir) {
        try {
            Path list = dir.resolve(LIST);
            String[] names = Files.isRegularFile(list) ? names(Files.readString(list)) : bundled;
            if (names.length == 0) {
                throw new UnsatisfiedLinkError(property + "=" + dir + " has no " + LIST
                        + " naming its libraries");
            }
            for (String lib : names) {
                if (!Files.isRegularFile(dir.resolve(lib))) {
                    throw new UnsatisfiedLinkError(property + "=" + dir + " has no " + lib
                            + " (it needs " + String.join(", ", names) + ")");
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path extract() {
        if (bundled.length == 0) {
            throw new UnsatisfiedLinkError(artifact + " bundles no library for " + platform()
                    + " (os.name=" + System.getProperty("os.name") + ", os.arch="
                    + System.getProperty("os.arch") + "): build libmercadopago for it and set -D"
                    + property + "=<its build's " + buildFolder + " directory>");
        }
        try {
            // createTempDirectory makes it rwx------ on POSIX: no other user can swap a library.
            Path dir = Files.createTempDirectory(tempPrefix);
            dir.toFile().deleteOnExit(); // registered first, so deleted after its files
            for (String lib : bundled) {
                Path target = dir.resolve(lib);
                try (InputStream in = open(lib)) {
                    if (in == null) {
                        throw new UnsatisfiedLinkError(artifact + "'s jar lacks " + folder + lib);
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().deleteOnExit();
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + artifact + "'s native libraries", e);
        }
    }
}
