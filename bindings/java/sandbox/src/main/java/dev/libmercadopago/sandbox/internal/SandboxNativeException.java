package dev.libmercadopago.sandbox.internal;

import java.nio.charset.StandardCharsets;

/**
 * Thrown by the sandbox's JNI wrapper itself (MPSWIG_SANDBOX_THROW in
 * mercadopago_sandbox_java.i) when a native call fails: the mp_sandbox_status
 * and the library's message. dev.libmercadopago.sandbox.Sandbox turns it into
 * the client's InvalidArgumentException and never lets it escape.
 */
public final class SandboxNativeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** Called from JNI: the message is UTF-8. */
    public SandboxNativeException(int status, byte[] message) {
        super(new String(message, StandardCharsets.UTF_8), null, false, false);
        this.status = status;
    }

    /** The mp_sandbox_status (negative). */
    public int status() {
        return status;
    }
}
