package dev.libmercadopago.internal;

/**
 * Thrown by the JNI wrapper itself (MPSWIG_THROW in mercadopago_java.i) when a
 * native call fails. It owns the failure snapshot; the public layer turns it
 * into the exception class of the failure's status and never lets it escape.
 */
public final class NativeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Failure failure;

    /** Called from JNI with a Failure* whose ownership passes to this object. */
    public NativeException(long failurePtr) {
        super(null, null, false, false); // no stack trace: the public exception gets one
        this.failure = new Failure(failurePtr, true);
    }

    public Failure failure() {
        return failure;
    }
}
