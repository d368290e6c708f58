package dev.libmercadopago;

import dev.libmercadopago.internal.AsyncNative;
import dev.libmercadopago.internal.NativeException;
import dev.libmercadopago.internal.Request;
import dev.libmercadopago.internal.Response;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The asynchronous calls (client.payments().getAsync(id) ...): each one a
 * {@link CompletableFuture} kept here under a token until the library's
 * completion, which comes from the client's own native thread
 * (bindings/java/jni/async_calls_jni.cpp) into {@link #complete}.
 */
final class AsyncCalls {
    private AsyncCalls() {}

    /* The calls in flight, by token: the native side holds the token only. */
    private static final Map<Long, Call> PENDING = new ConcurrentHashMap<>();
    private static final AtomicLong TOKENS = new AtomicLong();

    /**
     * Starts a call. A failure to start (bad input, a closed client) completes
     * the future at once with the exception the blocking call would throw.
     */
    static CompletableFuture<Result> start(Client client, Operation op, Map<String, ?> pathParams,
                                           Object bodyOrQuery, RequestOptions options) {
        Call call = new Call(client);
        try {
            Request req = Calls.request(op, pathParams, bodyOrQuery, options);
            try {
                long token = TOKENS.incrementAndGet();
                PENDING.put(token, call);
                client.asyncInFlight.incrementAndGet();
                try {
                    // The library copies the request: it may go once this returns.
                    call.started(client.guard(
                            () -> AsyncNative.start(client.nativeClient(), op.name(), req, token)));
                } catch (RuntimeException e) {
                    if (PENDING.remove(token) != null) {
                        client.asyncInFlight.decrementAndGet();
                    }
                    throw e;
                }
            } finally {
                req.delete();
            }
        } catch (RuntimeException e) {
            call.completeExceptionally(e);
        }
        return call;
    }

    /**
     * The library's completion, called from JNI on the client's native thread
     * (attached to the JVM as a daemon). It takes ownership of the response or
     * failure first, and lets no exception go back into native code.
     */
    @SuppressWarnings("unused")
    private static void complete(long token, int status, long responsePtr, long failurePtr) {
        try {
            Response response = responsePtr != 0 ? AsyncNative.response(responsePtr) : null;
            NativeException failure = failurePtr != 0 ? new NativeException(failurePtr) : null;
            Call call = PENDING.remove(token);
            if (call == null) { // cannot happen: the library completes a call once
                discard(response, failure);
                return;
            }
            call.client.completing();
            call.deliver(response, failure);
        } catch (Throwable t) {
            try {
                Client.LOGGER.log(System.Logger.Level.ERROR, "an asynchronous completion failed", t);
            } catch (Throwable ignored) {
                // nothing may reach the native thread
            }
        }
    }

    private static void discard(Response response, NativeException failure) {
        if (response != null) {
            response.delete();
        }
        if (failure != null) {
            failure.failure().delete();
        }
    }

    /** The future of one call; cancel() closes its transfer (mp_client_cancel). */
    static final class Call extends CompletableFuture<Result> {
        private static final long NOT_STARTED = -1;

        final Client client;
        private volatile long callId = NOT_STARTED;

        Call(Client client) {
            this.client = client;
        }

        void started(long id) {
            callId = id;
            if (isCancelled()) { // canceled before its id was known
                client.cancelCall(id);
            }
        }

        /**
         * Completes this future with {@link java.util.concurrent.CancellationException}
         * and cancels the call: its transfer is closed at once. The library's
         * completion (MP_ERR_CANCELED) that follows is dropped.
         * mayInterruptIfRunning has no effect (no Java thread runs the call).
         */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean canceled = super.cancel(mayInterruptIfRunning);
            long id = callId;
            if (canceled && id != NOT_STARTED) {
                client.cancelCall(id);
            }
            return canceled;
        }

        /* On the native thread: hand over to the client's executor, if it has one. */
        void deliver(Response response, NativeException failure) {
            Executor executor = client.asyncExecutor();
            if (executor == null) {
                finish(response, failure);
                return;
            }
            try {
                executor.execute(() -> finish(response, failure));
            } catch (RejectedExecutionException e) { // a shut-down executor: deliver here
                finish(response, failure);
            }
        }

        private void finish(Response response, NativeException failure) {
            if (isDone()) { // canceled: nobody reads this outcome
                discard(response, failure);
                return;
            }
            try {
                if (response != null) {
                    complete(new Result(response));
                } else if (failure != null) {
                    completeExceptionally(Errors.of(failure.failure()));
                } else {
                    completeExceptionally(new NoMemoryException("out of memory in a completion"));
                }
            } catch (RuntimeException e) { // a body that is not JSON, as the blocking call
                completeExceptionally(e);
            }
        }
    }
}
