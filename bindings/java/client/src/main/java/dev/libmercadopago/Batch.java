package dev.libmercadopago;

import dev.libmercadopago.internal.Failure;
import dev.libmercadopago.internal.Request;
import dev.libmercadopago.internal.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Many calls sent at once (parallel connections, or HTTP/2 streams), each
 * with its own outcome. add() the calls, then run() once. Not thread-safe.
 */
public final class Batch {
    private final Client client;
    private final dev.libmercadopago.internal.Batch batch;
    private boolean ran;

    Batch(Client client) {
        this.client = client;
        this.batch = Calls.run(() -> new dev.libmercadopago.internal.Batch());
    }

    /** Adds a call of the operation table; returns its index in run()'s list. */
    public int add(String operation, Map<String, ?> pathParams, Object bodyOrQuery,
                   RequestOptions options) {
        if (ran) {
            throw new IllegalStateException("this batch already ran");
        }
        Operation op = Operation.named(operation);
        Request req = Calls.request(op, pathParams, bodyOrQuery, options);
        try {
            return (int) (long) Calls.run(() -> batch.add(op.name(), req));
        } finally {
            req.delete();
        }
    }

    public int add(String operation, Map<String, ?> pathParams, Object bodyOrQuery) {
        return add(operation, pathParams, bodyOrQuery, null);
    }

    public int add(String operation, Map<String, ?> pathParams) {
        return add(operation, pathParams, null, null);
    }

    public int size() {
        return (int) batch.size();
    }

    /** Runs every call (up to 16 at a time) and returns their outcomes in order. */
    public List<Outcome> run() {
        return run(0);
    }

    /** Runs every call, at most maxInFlight at a time (0: 16). */
    public List<Outcome> run(int maxInFlight) {
        if (ran) {
            throw new IllegalStateException("this batch already ran");
        }
        ran = true;
        try {
            client.guard(() -> {
                client.nativeClient().run_batch(batch, maxInFlight);
                return null;
            });
            List<Outcome> out = new ArrayList<>();
            for (long i = 0; i < batch.size(); i++) {
                Failure f = batch.error(i);
                if (f != null) {
                    out.add(new Outcome(null, Errors.of(f)));
                } else {
                    Response r = batch.take_response(i);
                    out.add(r == null
                            ? new Outcome(null, new InternalException("batch call " + i + " has no answer"))
                            : new Outcome(new Result(r), null));
                }
            }
            return out;
        } finally {
            batch.delete();
        }
    }

    /** One call's outcome: its Result, or the exception it failed with (not thrown). */
    public static final class Outcome {
        private final Result result;
        private final MercadoPagoException error;

        Outcome(Result result, MercadoPagoException error) {
            this.result = result;
            this.error = error;
        }

        public boolean ok() {
            return error == null;
        }

        /** The Result; throws the call's exception when it failed. */
        public Result result() {
            if (error != null) {
                throw error;
            }
            return result;
        }

        /** The failure, null when the call succeeded. */
        public MercadoPagoException error() {
            return error;
        }

        @Override
        public String toString() {
            return ok() ? result.toString() : error.toString();
        }
    }
}
