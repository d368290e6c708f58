package dev.libmercadopago;

import dev.libmercadopago.internal.Response;
import dev.libmercadopago.internal.Utf8;
import dev.libmercadopago.types.Values;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An answer of the API: a read-only Map of the JSON object (Jackson types:
 * LinkedHashMap, ArrayList, String, Long/BigInteger, BigDecimal, Boolean,
 * null; every amount a BigDecimal), or, for an array answer, an empty Map with
 * the elements in {@link #list()}; plus the HTTP status, headers, request id,
 * idempotency key and attempts of the call. Its typed views
 * ({@link #asPayment()}, {@link #as(Class)}, from {@link ResultViews}) read
 * the same Map as records of dev.libmercadopago.types.
 */
public final class Result extends ResultViews {
    private final Map<String, Object> object;
    private final List<Object> array;
    private final int httpStatus;
    private final String requestId;
    private final String idempotencyKey;
    private final int attempts;
    /* Kept for header(): the C ABI reads headers by name only. Freed with this object. */
    private final Response response;

    @SuppressWarnings("unchecked")
    Result(Response response) {
        this.response = response;
        Object data = Json.read(response.body());
        if (data instanceof Map) {
            object = Collections.unmodifiableMap((Map<String, Object>) data);
            array = null;
        } else if (data instanceof List) {
            object = Map.of();
            array = Collections.unmodifiableList((List<Object>) data);
        } else {
            object = data == null ? Map.of() : Collections.singletonMap("value", data);
            array = null;
        }
        httpStatus = response.http_status();
        requestId = nonNull(response.request_id());
        idempotencyKey = nonNull(response.idempotency_key());
        attempts = response.attempts();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return object.entrySet();
    }

    @Override
    public Object get(Object key) {
        return object.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return object.containsKey(key);
    }

    /** Whether the answer was a JSON array (see {@link #list()}). */
    public boolean isList() {
        return array != null;
    }

    /** The elements of an array answer; an empty list for an object answer. */
    public List<Object> list() {
        return array == null ? List.of() : array;
    }

    /** The member as a String (numbers and booleans as their JSON text), null when absent. */
    public String getString(String key) {
        Object v = object.get(key);
        return v == null ? null : Calls.text(v);
    }

    /**
     * The member as a BigDecimal, null when absent: an amount (a JSON number of
     * any value, or a decimal string such as the Orders API's "100.00"), with
     * the scale of its JSON text (compare with compareTo). JsonException when
     * it is not a number.
     */
    public BigDecimal getBigDecimal(String key) {
        return Values.decimal(object.get(key), key);
    }

    /** The member as a Map (an empty one when absent or not an object). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> getMap(String key) {
        Object v = object.get(key);
        return v instanceof Map ? (Map<String, Object>) v : Map.of();
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** A header of the answer (any case), null when absent. */
    public String header(String name) {
        if (name == null) {
            throw new InvalidArgumentException("a header name must not be null");
        }
        synchronized (response) {
            return response.header(name);
        }
    }

    /** X-Request-Id of the answer, empty when none. */
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

    @Override
    public String toString() {
        return "Result(" + httpStatus + ", " + (array != null ? array : object) + ")";
    }

    /** The raw UTF-8 body, for callers that want to parse it themselves. */
    public String bodyText() {
        synchronized (response) {
            return Utf8.decode(response.body());
        }
    }
}
