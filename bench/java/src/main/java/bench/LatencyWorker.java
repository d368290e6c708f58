package bench;

import com.mercadopago.MercadoPagoConfig;
import com.mercadopago.client.payment.PaymentClient;
import dev.libmercadopago.Batch;
import dev.libmercadopago.Client;
import dev.libmercadopago.Result;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Java clients of the latency bench (bench/latency/run.sh), driven line by line by
 * bench/latency/bench_latency.py; each command's answer is one JSON line: {"ms": [...]} or
 * {"na": "why"}.
 *
 *   java bench.LatencyWorker native BASE_URL CA_FILE
 *   java -Djavax.net.ssl.trustStore=... bench.LatencyWorker official
 *   commands: first ID | steady ID N | seq ID N | batch ID N | async ID N | warmfirst ID | quit
 *
 * native: mercadopago-native (base URL and CA given). official: com.mercadopago:sdk-java 3.2.1
 * as shipped (it calls https://api.mercadopago.com, which the bench's network namespace
 * resolves to its proxy; it trusts the JVM's trust store).
 */
public final class LatencyWorker {
    private static final String TOKEN = "TEST-FAKE-ACCESS-TOKEN-FOR-TESTS-1234567";

    private static String mode, base, ca;
    private static Object client;

    static Object newClient() {
        if (mode.equals("native")) {
            return Client.builder().accessToken(TOKEN).baseUrl(base).caFile(Path.of(ca)).build();
        }
        MercadoPagoConfig.setAccessToken(TOKEN);
        return new PaymentClient();
    }

    static void get(Object c, long id) throws Exception {
        long got = c instanceof Client n ? ((Number) n.payments().get(id).get("id")).longValue()
                : ((PaymentClient) c).get(id).getId();
        if (got != id) {
            throw new IllegalStateException("got payment " + got + ", wanted " + id);
        }
    }

    static String ms(List<Double> times) {
        StringBuilder s = new StringBuilder("{\"ms\": [");
        for (int i = 0; i < times.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", times.get(i)));
        }
        return s.append("]}").toString();
    }

    static double since(long t) {
        return (System.nanoTime() - t) / 1e6;
    }

    static String batch(long id, int n) {
        if (!(client instanceof Client c)) {
            return "{\"na\": \"no batch API\"}";
        }
        Batch b = c.batch();
        for (int i = 0; i < n; i++) {
            b.add("payments.get", Map.of("id", id));
        }
        long t = System.nanoTime();
        List<Batch.Outcome> out = b.run(n); // all n at once: the concurrency measured
        double took = since(t);
        for (Batch.Outcome o : out) {
            if (((Number) o.result().get("id")).longValue() != id) {
                throw new IllegalStateException("batch: wrong payment");
            }
        }
        return ms(List.of(took));
    }

    /** n calls of client.payments().getAsync(id), each a CompletableFuture, joined with allOf. */
    static String async(long id, int n) {
        if (!(client instanceof Client c)) {
            return "{\"na\": \"no async API\"}";
        }
        long t = System.nanoTime();
        List<CompletableFuture<Result>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(c.payments().getAsync(id));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).join();
        double took = since(t);
        for (CompletableFuture<Result> f : all) {
            if (((Number) f.join().get("id")).longValue() != id) {
                throw new IllegalStateException("async: wrong payment");
            }
        }
        return ms(List.of(took));
    }

    /** The first call of a new client after client.warm(). */
    static String warmFirst(long id) throws Exception {
        if (!mode.equals("native")) {
            return "{\"na\": \"no warm API\"}";
        }
        long t = System.nanoTime();
        Client c = (Client) newClient();
        client = c;
        c.warm();
        double warmMs = since(t);
        t = System.nanoTime();
        get(client, id);
        String out = ms(List.of(since(t)));
        return out.substring(0, out.length() - 1) + String.format(Locale.ROOT, ", \"warm_ms\": %.3f}", warmMs);
    }

    public static void main(String[] args) throws Exception {
        mode = args[0];
        base = args.length > 1 ? args[1] : null;
        ca = args.length > 2 ? args[2] : null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("{\"ready\": true}");
        System.out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.trim().split("\\s+");
            if (w[0].isEmpty() || w[0].equals("quit")) {
                break;
            }
            long id = w.length > 1 ? Long.parseLong(w[1]) : 0;
            int n = w.length > 2 ? Integer.parseInt(w[2]) : 1;
            String out;
            switch (w[0]) {
                case "first" -> {
                    long t = System.nanoTime();
                    client = newClient();
                    get(client, id);
                    out = ms(List.of(since(t)));
                }
                case "steady" -> {
                    List<Double> times = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        long t = System.nanoTime();
                        get(client, id);
                        times.add(since(t));
                    }
                    out = ms(times);
                }
                case "seq" -> {
                    long t = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        get(client, id);
                    }
                    out = ms(List.of(since(t)));
                }
                case "batch" -> out = batch(id, n);
                case "async" -> out = async(id, n);
                case "warmfirst" -> out = warmFirst(id);
                default -> out = "{\"na\": \"unknown command " + w[0] + "\"}";
            }
            System.out.println(out);
            System.out.flush();
        }
    }
}
