package dev.libmercadopago;

/**
 * Per-call settings: an idempotency key (sent as X-Idempotency-Key; the
 * library makes one for the calls that need it), another access token (a
 * seller's, for marketplaces), extra headers, a timeout, a retry budget, the
 * page size of a walk: the per-call options of the library's table, generated
 * into {@link CallOptions}. Immutable; build with {@link #builder()}.
 */
public final class RequestOptions {
    final OptionValues values;

    private RequestOptions(Builder b) {
        this.values = b.values.copy();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options with only an idempotency key. */
    public static RequestOptions idempotencyKey(String key) {
        return builder().idempotencyKey(key).build();
    }

    public static final class Builder extends CallOptions<Builder> {
        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        public RequestOptions build() {
            return new RequestOptions(this);
        }
    }
}
