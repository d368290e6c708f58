package dev.libmercadopago;

import dev.libmercadopago.internal.NativeException;
import dev.libmercadopago.internal.Request;
import java.util.Map;
import java.util.function.Supplier;

/** What every call shares: building the native request, and turning failures into exceptions. */
final class Calls {
    private Calls() {}

    /** Runs a native call; its failure becomes the exception class of its status. */
    static <T> T run(Supplier<T> call) {
        try {
            return call.get();
        } catch (NativeException e) {
            throw Errors.of(e.failure());
        }
    }

    static void run(Runnable call) {
        run(() -> {
            call.run();
            return null;
        });
    }

    /**
     * A native request for op. bodyOrQuery: a Map (JSON body, or query for the
     * operations without one); for body operations also a String or byte[] of
     * raw JSON (checked by the library). The caller deletes the request.
     */
    static Request request(Operation op, Map<String, ?> pathParams, Object bodyOrQuery,
                           RequestOptions options) {
        Request req = new Request();
        try {
            fill(req, op, pathParams, bodyOrQuery, options);
            return req;
        } catch (RuntimeException e) {
            req.delete();
            throw e;
        }
    }

    private static void fill(Request req, Operation op, Map<String, ?> pathParams,
                             Object bodyOrQuery, RequestOptions options) {
        for (String p : op.params()) {
            Object v = pathParams == null ? null : pathParams.get(p);
            if (v == null) {
                throw new InvalidArgumentException(op.name() + ": path parameter " + p + " is null");
            }
            run(() -> req.set_path_param(p, text(v)));
        }
        if (bodyOrQuery != null) {
            if (op.hasBody()) {
                byte[] json = bodyOrQuery instanceof byte[] b ? b
                        : bodyOrQuery instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                        : Json.write(bodyOrQuery);
                run(() -> req.set_body(json));
            } else if (bodyOrQuery instanceof Map<?, ?> query) {
                for (Map.Entry<?, ?> e : query.entrySet()) {
                    addQuery(req, String.valueOf(e.getKey()), e.getValue());
                }
            } else {
                throw new InvalidArgumentException(op.name() + " takes its query as a Map");
            }
        }
        if (options != null) {
            options.values.forEach(req::set);
        }
    }

    /** Query values: null is skipped, an Iterable or array repeats the name. */
    private static void addQuery(Request req, String name, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Iterable<?> it) {
            for (Object v : it) {
                addQuery(req, name, v);
            }
        } else if (value instanceof Object[] arr) {
            for (Object v : arr) {
                addQuery(req, name, v);
            }
        } else {
            run(() -> req.add_query(name, text(value)));
        }
    }

    static String text(Object v) {
        return v instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(v);
    }
}
