package dev.libmercadopago;

import dev.libmercadopago.internal.MpNative;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row of libmercadopago's operations table ("payments.create", POST /v1/payments...). */
public final class Operation {
    private static final Map<String, Operation> ALL = load();

    private final String name;
    private final String method;
    private final String path;
    private final boolean hasBody;
    private final String paging;
    private final List<String> params;

    private Operation(long i) {
        this.name = MpNative.operation_name(i);
        this.method = MpNative.operation_method(i);
        this.path = MpNative.operation_path(i);
        this.hasBody = MpNative.operation_has_body(i);
        this.paging = MpNative.operation_paging(i);
        List<String> p = new ArrayList<>();
        for (long j = 0; j < MpNative.operation_path_param_count(i); j++) {
            p.add(MpNative.operation_path_param(i, j));
        }
        this.params = List.copyOf(p);
    }

    private static Map<String, Operation> load() {
        NativeLoader.load();
        Map<String, Operation> out = new LinkedHashMap<>();
        long n = MpNative.operation_count();
        for (long i = 0; i < n; i++) {
            Operation op = new Operation(i);
            out.put(op.name, op);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Every operation of the loaded library, by name, in the table's order. */
    public static Map<String, Operation> all() {
        return ALL;
    }

    /** The operation of that name; InvalidArgumentException when there is none. */
    public static Operation named(String name) {
        Operation op = name == null ? null : ALL.get(name);
        if (op == null) {
            throw new InvalidArgumentException("unknown operation " + name);
        }
        return op;
    }

    public String name() {
        return name;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** Whether it sends a JSON body (else its Map goes to the query string). */
    public boolean hasBody() {
        return hasBody;
    }

    /** Whether it is a search/list that pages by itself (the method returns Paged). */
    public boolean pages() {
        return !"none".equals(paging);
    }

    /** The path parameters, in order. */
    public List<String> params() {
        return params;
    }

    @Override
    public String toString() {
        return name + " " + method + " " + path;
    }
}
