package dev.libmercadopago;

import dev.libmercadopago.internal.Config;
import dev.libmercadopago.internal.LogLine;
import dev.libmercadopago.internal.MpNative;
import dev.libmercadopago.internal.Pager;
import dev.libmercadopago.internal.Request;
import dev.libmercadopago.internal.Response;
import dev.libmercadopago.internal.Utf8;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A Mercado Pago API client over libmercadopago: every operation of the
 * library's table as {@code client.payments().create(body)},
 * {@code client.payments().get(id)}, {@code client.customers().search(query)}
 * (a lazily paging {@link Paged})... plus {@link #call} by operation name.
 *
 * <p>One client is meant to be shared by all the threads of an application:
 * it keeps a pool of keep-alive connections, and calls from many threads run
 * in parallel (each blocks its own thread in the network). Close it when done.
 *
 * <p>Every operation also has a {@link CompletableFuture} twin,
 * {@code client.payments().getAsync(id)}, with the same options, results and
 * exceptions (the future completes exceptionally with the exception the
 * blocking call throws). Those calls run on one native thread of the client
 * (started by its first asynchronous call; one libcurl multi handle, no thread
 * per call), which also completes the futures unless the builder was given an
 * {@link Builder#asyncExecutor executor}: then, dependent stages must not
 * block (use the *Async stage methods, or an executor). {@code cancel} on such
 * a future closes the call's transfer; {@link #close} completes the calls
 * still running with {@link CanceledException}.
 *
 * <p>Log lines of the library (already redacted: no token, card number or
 * security code) go to {@code System.getLogger("dev.libmercadopago")}.
 */
public final class Client extends ClientResources implements AutoCloseable {
    static final System.Logger LOGGER = System.getLogger("dev.libmercadopago");

    static final String DEFAULT_BASE_URL = "https://api.mercadopago.com";

    /* Thread-safe: close() waits for the calls in flight; a later call throws. */
    private final dev.libmercadopago.internal.Client client;
    private final String baseUrl;
    /* Where the futures of asynchronous calls complete; null: the native thread. */
    private final Executor asyncExecutor;
    /* The client's native thread, once one of its completions ran (close() must not run there). */
    private volatile Thread engineThread;
    /* Asynchronous calls started and not yet completed by the library. */
    final AtomicInteger asyncInFlight = new AtomicInteger();

    private Client(Builder b) {
        if (b.values.get("access_token") == null) {
            throw new InvalidArgumentException("an access token is required");
        }
        Config config = Calls.run(() -> new Config());
        try {
            b.values.forEach(config::set);
            int level = nativeLevel(b.logLevel);
            Calls.run(() -> config.set_log_level(level));
            this.client = Calls.run(() -> new dev.libmercadopago.internal.Client(config));
        } finally {
            config.delete(); // the client keeps what it needs
        }
        String url = b.values.get("base_url");
        this.baseUrl = url != null ? url : DEFAULT_BASE_URL;
        this.asyncExecutor = b.asyncExecutor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client with the defaults and this access token. */
    public static Client of(String accessToken) {
        return builder().accessToken(accessToken).build();
    }

    /*
     * Levels: the library's "info" lines (one per request and answer) are what
     * Java libraries log at DEBUG, and its "debug" lines (redacted bodies) at
     * TRACE; so a logger left at INFO (JUL's default) gets warnings and errors only.
     */

    /** The library's max log level for a System.Logger level (null: what the logger lets through). */
    private static int nativeLevel(Level level) {
        if (level == null) {
            return LOGGER.isLoggable(Level.TRACE) ? 4 : LOGGER.isLoggable(Level.DEBUG) ? 3
                    : LOGGER.isLoggable(Level.WARNING) ? 2 : LOGGER.isLoggable(Level.ERROR) ? 1 : 0;
        }
        return switch (level) {
            case ALL, TRACE -> 4;
            case DEBUG -> 3;
            case INFO, WARNING -> 2;
            case ERROR -> 1;
            case OFF -> 0;
        };
    }

    private static Level javaLevel(int level) {
        return switch (level) {
            case 1 -> Level.ERROR;
            case 2 -> Level.WARNING;
            case 3 -> Level.DEBUG;
            default -> Level.TRACE;
        };
    }

    /** Runs a native call on this client: open-check, failure mapping, then the log lines. */
    <T> T guard(Supplier<T> call) {
        if (client.closed()) {
            throw new IllegalStateException("the client is closed");
        }
        try {
            return Calls.run(call);
        } finally {
            drainLog();
        }
    }

    /* Forwards the lines the native client queued, on the caller's thread. */
    void drainLog() {
        for (LogLine line = client.next_log(); line != null; line = client.next_log()) {
            try {
                LOGGER.log(javaLevel(line.level()), Utf8.decode(line.message()));
            } finally {
                line.delete();
            }
        }
    }

    dev.libmercadopago.internal.Client nativeClient() {
        return client;
    }

    @Override
    Result invoke(String operation, String[] params, Object[] values, Map<String, ?> bodyOrQuery,
                  RequestOptions options) {
        return call(Operation.named(operation), pathMap(params, values), bodyOrQuery, options);
    }

    @Override
    Paged paged(String operation, String[] params, Object[] values, Map<String, ?> query,
                RequestOptions options) {
        return new Paged(this, Operation.named(operation), pathMap(params, values), query, options, 0);
    }

    private static Map<String, Object> pathMap(String[] params, Object[] values) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < params.length; i++) {
            m.put(params[i], values[i]);
        }
        return m;
    }

    /**
     * Calls an operation by name ("payments.get"). pathParams fills the path's
     * {placeholders}; bodyOrQuery is the JSON body (a Map, or raw JSON as a
     * String or byte[]) for operations that send one, else the query (a Map;
     * an Iterable value repeats the name). A paging operation returns its first
     * page here; use the resource method for the whole walk.
     */
    public Result call(String operation, Map<String, ?> pathParams, Object bodyOrQuery,
                       RequestOptions options) {
        return call(Operation.named(operation), pathParams, bodyOrQuery, options);
    }

    public Result call(String operation, Map<String, ?> pathParams, Object bodyOrQuery) {
        return call(operation, pathParams, bodyOrQuery, null);
    }

    public Result call(String operation, Map<String, ?> pathParams) {
        return call(operation, pathParams, null, null);
    }

    private Result call(Operation op, Map<String, ?> pathParams, Object bodyOrQuery,
                        RequestOptions options) {
        Request req = Calls.request(op, pathParams, bodyOrQuery, options);
        try {
            Response r = guard(() -> client.call(op.name(), req));
            return new Result(r);
        } finally {
            req.delete();
        }
    }

    /**
     * {@link #call(String, Map, Object, RequestOptions)}, asynchronously: the
     * future completes with its Result, or exceptionally with the exception
     * the blocking call would throw (see the class comment for the thread).
     */
    public CompletableFuture<Result> callAsync(String operation, Map<String, ?> pathParams,
                                               Object bodyOrQuery, RequestOptions options) {
        Operation op;
        try {
            op = Operation.named(operation);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return AsyncCalls.start(this, op, pathParams, bodyOrQuery, options);
    }

    public CompletableFuture<Result> callAsync(String operation, Map<String, ?> pathParams,
                                               Object bodyOrQuery) {
        return callAsync(operation, pathParams, bodyOrQuery, null);
    }

    public CompletableFuture<Result> callAsync(String operation, Map<String, ?> pathParams) {
        return callAsync(operation, pathParams, null, null);
    }

    @Override
    CompletableFuture<Result> invokeAsync(String operation, String[] params, Object[] values,
                                          Map<String, ?> bodyOrQuery, RequestOptions options) {
        return callAsync(operation, pathMap(params, values), bodyOrQuery, options);
    }

    Executor asyncExecutor() {
        return asyncExecutor;
    }

    /* A completion of this client runs on the current thread (its native thread). */
    void completing() {
        asyncInFlight.decrementAndGet();
        if (engineThread == null) {
            engineThread = Thread.currentThread();
        }
        drainLog();
    }

    void cancelCall(long callId) {
        client.cancel(java.math.BigInteger.valueOf(callId));
    }

    /**
     * Opens up to n (1 to 64) connections to the API now for the blocking
     * calls, and n for the asynchronous ones (this starts the client's native
     * thread), so that the first calls do not wait for TCP and TLS
     * handshakes; for a service at start-up. Blocks until they answered or
     * failed; returns how many answered, up to 2n (a failure is not an error:
     * the calls will try again).
     */
    public int warm(int n) {
        return guard(() -> client.warm(n, MpNative.WARM_BLOCKING | MpNative.WARM_ASYNC));
    }

    /** {@link #warm(int)} with one connection. */
    public int warm() {
        return warm(1);
    }

    Pager pager(Operation op, Map<String, ?> pathParams, Map<String, ?> query,
                RequestOptions options, int pageSize) {
        Request req = Calls.request(op, pathParams, query, options);
        try {
            return guard(() -> client.pager(op.name(), req, pageSize));
        } finally {
            req.delete();
        }
    }

    /** A new batch of calls for this client. */
    public Batch batch() {
        return new Batch(this);
    }

    /** The URL where a seller authorizes your application (OAuth); state may be null. */
    public static String oauthAuthorizationUrl(String clientId, String redirectUri, String state) {
        NativeLoader.load();
        return Calls.run(() -> MpNative.oauth_authorization_url(clientId, redirectUri, state));
    }

    /** libmercadopago's version. */
    public static String version() {
        NativeLoader.load();
        return MpNative.version();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Frees the connections; waits for the calls in flight. The asynchronous
     * calls still running complete with {@link CanceledException} before it
     * returns (on the executor, if the client has one). Idempotent. Not from a
     * stage running on the client's own native thread (IllegalStateException:
     * that thread cannot wait for itself). The native object itself goes with
     * this one (a call racing close() must find it closed, never freed).
     */
    @Override
    public void close() {
        if (Thread.currentThread() == engineThread) {
            throw new IllegalStateException(
                    "a client cannot be closed from its own completion thread; use an executor");
        }
        client.close();
        drainLog();
    }

    @Override
    public String toString() {
        return "Client(" + baseUrl + (client.closed() ? ", closed)" : ")");
    }

    /**
     * The settings of a Client; only the access token is required. The option
     * setters (timeout, maxRetries, caPem, proxy...) are those of the library's
     * option table, generated into {@link ClientOptions}.
     */
    public static final class Builder extends ClientOptions<Builder> {
        private Level logLevel;
        private Executor asyncExecutor;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /** CAs to trust instead of the system's (TLS stays verified). */
        public Builder caFile(Path file) {
            return caFile(file == null ? null : file.toString());
        }

        /** What the library logs (default: what the dev.libmercadopago logger lets through). */
        public Builder logLevel(Level level) {
            this.logLevel = level;
            return this;
        }

        /**
         * Where the futures of asynchronous calls complete (and so where their
         * dependent stages run). Default null: on the client's native thread,
         * which every other asynchronous call of the client waits for
         * meanwhile, so stages there must be quick and never block.
         */
        public Builder asyncExecutor(Executor executor) {
            this.asyncExecutor = executor;
            return this;
        }

        public Client build() {
            NativeLoader.load();
            return new Client(this);
        }
    }
}
