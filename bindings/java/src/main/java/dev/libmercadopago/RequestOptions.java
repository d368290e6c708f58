package dev.libmercadopago;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-call settings: an idempotency key (sent as X-Idempotency-Key; the
 * library makes one for the calls that need it), another access token (a
 * seller's, for marketplaces), extra headers, a timeout and a retry budget.
 * Immutable; build with {@link #builder()}.
 */
public final class RequestOptions {
    final String idempotencyKey;
    final String accessToken;
    final List<Map.Entry<String, String>> headers;
    final Duration timeout;
    final Integer maxRetries;

    private RequestOptions(Builder b) {
        this.idempotencyKey = b.idempotencyKey;
        this.accessToken = b.accessToken;
        this.headers = List.copyOf(b.headers);
        this.timeout = b.timeout;
        this.maxRetries = b.maxRetries;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options with only an idempotency key. */
    public static RequestOptions idempotencyKey(String key) {
        return builder().idempotencyKey(key).build();
    }

    public static final class Builder {
        private String idempotencyKey;
        private String accessToken;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private Duration timeout;
        private Integer maxRetries;

        private Builder() {}

        public Builder idempotencyKey(String key) {
            this.idempotencyKey = key;
            return this;
        }

        public Builder accessToken(String token) {
            this.accessToken = token;
            return this;
        }

        /** Adds a header (repeat for several); null names or values are refused. */
        public Builder header(String name, String value) {
            if (name == null || value == null) {
                throw new InvalidArgumentException("a header name and value must not be null");
            }
            headers.add(Map.entry(name, value));
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public RequestOptions build() {
            return new RequestOptions(this);
        }
    }
}
