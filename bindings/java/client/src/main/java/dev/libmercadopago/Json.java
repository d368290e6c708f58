package dev.libmercadopago;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.libmercadopago.types.Shapes;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * JSON with Jackson: objects as LinkedHashMap, arrays as ArrayList, floats as
 * BigDecimal (money stays exact), integers as Long (BigInteger beyond), but
 * for the amounts: a number under a key that is an amount in
 * bindings/shapes.txt ({@link Shapes#AMOUNTS}) is always a BigDecimal, so
 * that 250.00, which the API writes 250, is not a Long while 250.5 is a
 * BigDecimal.
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // Parse errors must not quote the input: a body may hold card data.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private Json() {}

    /** UTF-8 JSON of a Map, List, String, Number... (JsonException when Jackson cannot). */
    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new JsonException("cannot write the body as JSON: " + e.getOriginalMessage());
        }
    }

    /** The integers under amount keys, at any depth, made BigDecimal (exact: from Long or BigInteger). */
    @SuppressWarnings("unchecked")
    private static Object amounts(Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                Object v = e.getValue();
                if (v instanceof Long n && Shapes.AMOUNTS.contains(e.getKey())) {
                    e.setValue(BigDecimal.valueOf(n));
                } else if (v instanceof BigInteger n && Shapes.AMOUNTS.contains(e.getKey())) {
                    e.setValue(new BigDecimal(n));
                } else {
                    amounts(v);
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object v : list) {
                amounts(v);
            }
        }
        return value;
    }

    /** The value of UTF-8 JSON; null for null or empty input. */
    static Object read(byte[] json) {
        if (json == null || json.length == 0) {
            return null;
        }
        try {
            return amounts(MAPPER.readValue(json, Object.class));
        } catch (IOException e) {
            throw new JsonException("the answer is not valid JSON: " + e.getMessage());
        }
    }
}
