package dev.libmercadopago;

import dev.libmercadopago.internal.NativeLibraries;
import java.nio.file.Path;

/**
 * Loads libmercadopago and its JNI wrapper, libmercadopago_jni, as
 * sqlite-jdbc's loader does: from this jar (mercadopago-native), extracted
 * into a private temporary directory (unique to this process and deleted on
 * exit), or from the directory named by the system property
 * {@value #PATH_PROPERTY}. Their file names (SONAMEs, with the ABI versions)
 * come from the build that made them: {@value #LIST} beside them, written by
 * bindings/java/CMakeLists.txt. Only the client's libraries: the sandbox's
 * are in the sandbox jar, loaded by its own loader
 * ({@code dev.libmercadopago.sandbox.SandboxNativeLoader}).
 */
public final class NativeLoader {
    /** A directory holding the client's libraries, used instead of the bundled ones. */
    public static final String PATH_PROPERTY = "dev.libmercadopago.native.path";

    /** The file naming the libraries, one a line, in dependency order. */
    static final String LIST = NativeLibraries.LIST;

    private static final NativeLibraries NATIVES = new NativeLibraries(NativeLoader.class,
            "dev/libmercadopago/native/", PATH_PROPERTY, "libmercadopago-", "mercadopago-native",
            "bindings/java/native");

    /**
     * The bundled libraries of this platform in dependency order (each one's
     * DT_NEEDED is loaded before it); empty when the jar bundles none for it.
     */
    static final String[] LIBRARIES = NATIVES.bundled();

    private NativeLoader() {}

    /** Loads the libraries once; throws UnsatisfiedLinkError with the reason when it cannot. */
    public static void load() {
        NATIVES.load();
    }

    /** The directory the libraries were loaded from (null before {@link #load()}). */
    public static Path loadedFrom() {
        return NATIVES.loadedFrom();
    }

    /** The bundled platform name, e.g. "linux-x86_64". */
    public static String platform() {
        return NativeLibraries.platform();
    }
}
