package dev.libmercadopago.sandbox;

import dev.libmercadopago.internal.NativeLibraries;
import java.nio.file.Path;

/**
 * Loads libmercadopago-sandbox and its JNI wrapper, libmercadopago_sandbox_jni,
 * from this jar (mercadopago-native-sandbox), extracted into a private
 * temporary directory (unique to this process and deleted on exit), or from
 * the directory named by the system property {@value #PATH_PROPERTY}; as the
 * client's {@link dev.libmercadopago.NativeLoader} does for its own jar.
 */
public final class SandboxNativeLoader {
    /** A directory holding the sandbox's libraries, used instead of the bundled ones. */
    public static final String PATH_PROPERTY = "dev.libmercadopago.sandbox.native.path";

    private static final NativeLibraries NATIVES = new NativeLibraries(SandboxNativeLoader.class,
            "dev/libmercadopago/sandbox/native/", PATH_PROPERTY, "libmercadopago-sandbox-",
            "mercadopago-native-sandbox", "bindings/java/native-sandbox");

    private SandboxNativeLoader() {}

    /** Loads the libraries once; throws UnsatisfiedLinkError with the reason when it cannot. */
    public static void load() {
        NATIVES.load();
    }

    /** The directory the libraries were loaded from (null before {@link #load()}). */
    public static Path loadedFrom() {
        return NATIVES.loadedFrom();
    }

    /** The bundled libraries of this platform in load order. */
    static String[] libraries() {
        return NATIVES.bundled();
    }
}
