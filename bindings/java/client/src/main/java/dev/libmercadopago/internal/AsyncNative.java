package dev.libmercadopago.internal;

import java.lang.ref.Reference;

/**
 * The native half of the asynchronous calls (bindings/java/jni/async_calls_jni.cpp,
 * hand-written beside SWIG's wrapper): starts a call whose completion comes
 * back, on the client's own native thread, to dev.libmercadopago.AsyncCalls.
 * Internal: the public API is {@code client.payments().getAsync(...)}.
 */
public final class AsyncNative {
    private AsyncNative() {}

    static {
        dev.libmercadopago.NativeLoader.load();
    }

    /**
     * Starts operation on client with request; token comes back with the
     * completion. Returns the call's id (for {@link Client#cancel}); a failure
     * to start throws {@link NativeException} and no completion follows.
     */
    public static long start(Client client, String operation, Request request, long token) {
        try {
            return start0(Client.getCPtr(client), Utf8.encode(operation), Request.getCPtr(request), token);
        } finally {
            // Neither proxy may be finalized (its native object freed) during the call.
            Reference.reachabilityFence(client);
            Reference.reachabilityFence(request);
        }
    }

    /** A mercadopago::Response* handed over by a completion, owned by the proxy from now on. */
    public static Response response(long ptr) {
        return new Response(ptr, true);
    }

    private static native long start0(long client, byte[] operation, long request, long token);
}
