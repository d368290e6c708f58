package dev.libmercadopago;

import dev.libmercadopago.internal.Config;
import dev.libmercadopago.internal.LogLine;
import dev.libmercadopago.internal.MpNative;
import dev.libmercadopago.internal.Pager;
import dev.libmercadopago.internal.Request;
import dev.libmercadopago.internal.Response;
import dev.libmercadopago.internal.Utf8;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
 * <p>Log lines of the library (already redacted: no token, card number or
 * security code) go to {@code System.getLogger("dev.libmercadopago")}.
 */
public final class Client extends ClientResources implements AutoCloseable {
    static final System.Logger LOGGER = System.getLogger("dev.libmercadopago");

    private final dev.libmercadopago.internal.Client client;
    private final String baseUrl;
    /* Calls hold the read lock, close() the write lock: no call can use a freed handle. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private Client(Builder b) {
        if (b.accessToken == null) {
            throw new InvalidArgumentException("an access token is required");
        }
        Config config = Calls.run(() -> new Config());
        try {
            Calls.run(() -> config.set_access_token(b.accessToken));
            if (b.baseUrl != null) {
                Calls.run(() -> config.set_base_url(b.baseUrl));
            }
            if (b.timeout != null) {
                int ms = Calls.millis(b.timeout, "timeout");
                Calls.run(() -> config.set_timeout_ms(ms));
            }
            if (b.connectTimeout != null) {
                int ms = Calls.millis(b.connectTimeout, "connectTimeout");
                Calls.run(() -> config.set_connect_timeout_ms(ms));
            }
            if (b.stallTimeout != null) {
                int ms = Calls.millis(b.stallTimeout, "stallTimeout");
                Calls.run(() -> config.set_stall_timeout_ms(ms));
            }
            if (b.maxRetries != null) {
                Calls.run(() -> config.set_max_retries(b.maxRetries));
            }
            if (b.retryDelays != null) {
                int[] d = b.retryDelays;
                Calls.run(() -> config.set_retry_delays_ms(d[0], d[1], d[2]));
            }
            if (b.caFile != null) {
                Calls.run(() -> config.set_ca_file(b.caFile.toString()));
            }
            if (b.caPem != null) {
                byte[] pem = b.caPem.getBytes(StandardCharsets.US_ASCII);
                Calls.run(() -> config.set_ca_pem(pem));
            }
            if (b.proxy != null) {
                Calls.run(() -> config.set_proxy(b.proxy));
            }
            if (b.userAgentSuffix != null) {
                Calls.run(() -> config.set_user_agent_suffix(b.userAgentSuffix));
            }
            if (b.platformId != null) {
                Calls.run(() -> config.set_platform_id(b.platformId));
            }
            if (b.integratorId != null) {
                Calls.run(() -> config.set_integrator_id(b.integratorId));
            }
            if (b.corporationId != null) {
                Calls.run(() -> config.set_corporation_id(b.corporationId));
            }
            int level = nativeLevel(b.logLevel);
            Calls.run(() -> config.set_log_level(level));
            this.client = Calls.run(() -> new dev.libmercadopago.internal.Client(config));
        } finally {
            config.delete(); // the client keeps what it needs
        }
        this.baseUrl = b.baseUrl != null ? b.baseUrl : "https://api.mercadopago.com";
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
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the client is closed");
            }
            try {
                return Calls.run(call);
            } finally {
                drainLog();
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /* Forwards the lines the native client queued, on the caller's thread. */
    private void drainLog() {
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

    /** Frees the connections; waits for the calls in flight. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                client.delete();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "Client(" + baseUrl + (closed ? ", closed)" : ")");
    }

    /** The settings of a Client; only the access token is required. */
    public static final class Builder {
        private String accessToken;
        private String baseUrl;
        private Duration timeout;
        private Duration connectTimeout;
        private Duration stallTimeout;
        private Integer maxRetries;
        private int[] retryDelays;
        private Path caFile;
        private String caPem;
        private String proxy;
        private String userAgentSuffix;
        private String platformId;
        private String integratorId;
        private String corporationId;
        private Level logLevel;

        private Builder() {}

        public Builder accessToken(String token) {
            this.accessToken = token;
            return this;
        }

        /** Default https://api.mercadopago.com. */
        public Builder baseUrl(String url) {
            this.baseUrl = url;
            return this;
        }

        /** The whole call, retries included. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** How long a connection may stay silent. */
        public Builder stallTimeout(Duration timeout) {
            this.stallTimeout = timeout;
            return this;
        }

        public Builder maxRetries(int n) {
            this.maxRetries = n;
            return this;
        }

        /** Backoff base and cap, and the longest Retry-After honoured. */
        public Builder retryDelays(Duration base, Duration max, Duration maxRetryAfter) {
            this.retryDelays = new int[] {(int) base.toMillis(), (int) max.toMillis(),
                (int) maxRetryAfter.toMillis()};
            return this;
        }

        /** CAs to trust instead of the system's (TLS stays verified). */
        public Builder caFile(Path file) {
            this.caFile = file;
            return this;
        }

        /** CAs to trust instead of the system's, as PEM text. */
        public Builder caPem(String pem) {
            this.caPem = pem;
            return this;
        }

        public Builder proxy(String proxy) {
            this.proxy = proxy;
            return this;
        }

        public Builder userAgentSuffix(String suffix) {
            this.userAgentSuffix = suffix;
            return this;
        }

        public Builder platformId(String id) {
            this.platformId = id;
            return this;
        }

        public Builder integratorId(String id) {
            this.integratorId = id;
            return this;
        }

        public Builder corporationId(String id) {
            this.corporationId = id;
            return this;
        }

        /** What the library logs (default: what the dev.libmercadopago logger lets through). */
        public Builder logLevel(Level level) {
            this.logLevel = level;
            return this;
        }

        public Client build() {
            NativeLoader.load();
            return new Client(this);
        }
    }
}
