package dev.libmercadopago;

import dev.libmercadopago.internal.Failure;
import dev.libmercadopago.internal.MpNative;
import dev.libmercadopago.internal.Utf8;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Every failure of the library: the base of the classes generated from its
 * status table (NotFoundException, ValidationException, TimeoutException...).
 *
 * <p>Unchecked: a payment call can fail in a dozen ways that callers mostly
 * handle in one place (or retry), and checked exceptions would force every
 * lambda and stream that makes calls to wrap them. The fields are a snapshot
 * copied when the failure happened; the message never holds the access token
 * (the native library redacts it).
 */
public class MercadoPagoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String statusName;
    private final int httpStatus;
    private final String apiError;
    private final List<Object> causes;
    private final String requestId;
    private final String idempotencyKey;
    private final int attempts;
    private final boolean retryable;
    private final Map<String, Object> body;

    MercadoPagoException(Failure f) {
        super(Utf8.decode(f.message()));
        this.status = f.status();
        this.statusName = f.status_name();
        this.httpStatus = f.http_status();
        this.apiError = f.api_error();
        this.causes = list(Json.read(f.causes()));
        this.requestId = f.request_id();
        this.idempotencyKey = f.idempotency_key();
        this.attempts = f.attempts();
        this.retryable = f.retryable();
        this.body = map(f.body());
        f.delete();
    }

    /** A failure found by the Java layer itself (no native call behind it). */
    MercadoPagoException(String message, int status) {
        super(message);
        NativeLoader.load(); // for status_name: a typed view may fail before any client was made
        this.status = status;
        this.statusName = MpNative.status_name(status);
        this.httpStatus = 0;
        this.apiError = "";
        this.causes = List.of();
        this.requestId = "";
        this.idempotencyKey = "";
        this.attempts = 0;
        this.retryable = false;
        this.body = null;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List ? Collections.unmodifiableList((List<Object>) o) : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(byte[] json) {
        if (json == null) {
            return null;
        }
        try {
            Object o = Json.read(json);
            return o instanceof Map ? Collections.unmodifiableMap((Map<String, Object>) o) : null;
        } catch (JsonException e) {
            return null; // an error page that is not JSON: the message says enough
        }
    }

    /** The library's status code (negative; the STATUS of the subclass). */
    public int status() {
        return status;
    }

    /** The status as a name: "not_found", "timeout"... */
    public String statusName() {
        return statusName;
    }

    /** The HTTP status of the API's answer, 0 when none came. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The API's error code ("bad_request", ...), empty when none. */
    public String apiError() {
        return apiError;
    }

    /** The API's causes array (each usually a Map with code and description). */
    public List<Object> causes() {
        return causes;
    }

    /** The X-Request-Id of the failed call, empty when unknown. */
    public String requestId() {
        return requestId;
    }

    /** The idempotency key the call was sent with, empty when none. */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** How many times the call was sent (retries included). */
    public int attempts() {
        return attempts;
    }

    /** Whether repeating the call (with the same idempotency key) may succeed. */
    public boolean retryable() {
        return retryable;
    }

    /** The API's error answer as a Map, null when none came (or it was not JSON). */
    public Map<String, Object> body() {
        return body;
    }
}
