package dev.libmercadopago.types;

import dev.libmercadopago.JsonException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The conversions of the typed views: a JSON value of Jackson's types (as a
 * {@code Result} holds them) to the Java type of a field of bindings/shapes.txt.
 * Absent and null give null. A value of another JSON type raises
 * {@link JsonException} naming the field, never quoting the value (it may be
 * card or document data). They are lenient where the API is: a number where a
 * string is expected gives its text, and a numeric string where a number is
 * expected gives the number ("decimal" amounts are strings in the Orders API).
 */
public final class Values {
    private Values() {}

    private static JsonException wrong(String field, String expected, Object v) {
        String got = v instanceof Map ? "an object" : v instanceof List ? "an array"
                : v instanceof String ? "a string" : v instanceof Boolean ? "a boolean"
                : v instanceof Number ? "a number" : v.getClass().getSimpleName();
        return new JsonException(field + " should be " + expected + ", the answer has " + got);
    }

    /**
     * An amount: a JSON number (any, integral or not) or a decimal string, as
     * a BigDecimal with the scale of its JSON text (250 is 250, 250.50 is
     * 250.50: compare amounts with compareTo). Never through a double, except
     * for a Double or Float that was put in a map by hand (its shortest text).
     */
    public static BigDecimal decimal(Object v, String field) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                return new BigDecimal(Double.toString(d));
            }
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw new JsonException(field + " should be a decimal number, the answer has another string");
            }
        }
        throw wrong(field, "a decimal number", v);
    }

    /** A whole number (ids are 64-bit): a JSON integer, or a string of one. */
    public static Long integer(Object v, String field) {
        if (v == null) {
            return null;
        }
        BigDecimal d;
        try {
            d = decimal(v, field);
        } catch (JsonException e) {
            throw v instanceof String ? new JsonException(field + " should be a whole number, the answer has another string")
                    : wrong(field, "a whole number", v);
        }
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            throw new JsonException(field + " should be a whole number of 64 bits, the answer has another number");
        }
    }

    /** A whole number the shape says is always there (an id): JsonException when it is not. */
    public static long requiredInteger(Object v, String field) {
        Long n = integer(v, field);
        if (n == null) {
            throw new JsonException(field + " is absent or null");
        }
        return n;
    }

    /** A string; a number or boolean gives its JSON text. */
    public static String string(Object v, String field) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw wrong(field, "a string", v);
    }

    /** true or false. */
    public static Boolean bool(Object v, String field) {
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        throw wrong(field, "a boolean", v);
    }

    /** An ISO-8601 date-time with its offset ("2024-05-01T12:00:00.000-04:00"). */
    public static OffsetDateTime date(Object v, String field) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw wrong(field, "a date string", v);
        }
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            throw new JsonException(field + " should be an ISO-8601 date-time with an offset");
        }
    }

    /** A JSON object, read-only. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object v, String field) {
        if (v == null) {
            return null;
        }
        if (v instanceof Map<?, ?> m) {
            return Collections.unmodifiableMap((Map<String, Object>) m);
        }
        throw wrong(field, "an object", v);
    }

    /** Any JSON value, as it is. */
    public static Object any(Object v, String field) {
        return v;
    }

    /** A JSON object read as a shape's view (its record's {@code of}). */
    public static <T> T shape(Object v, String field, Function<Map<String, ?>, T> of) {
        return v == null ? null : of.apply(map(v, field));
    }

    /** A JSON array, each element read by element (given the field's name with [i]); read-only. */
    public static <T> List<T> list(Object v, String field, BiFunction<Object, String, T> element) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> in)) {
            throw wrong(field, "an array", v);
        }
        List<T> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            out.add(element.apply(in.get(i), field + "[" + i + "]"));
        }
        return Collections.unmodifiableList(out);
    }
}
