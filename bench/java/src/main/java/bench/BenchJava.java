package bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mercadopago.MercadoPagoConfig;
import com.mercadopago.client.payment.PaymentClient;
import com.mercadopago.net.MPDefaultHttpClient;
import com.mercadopago.net.MPRequest;
import com.mercadopago.net.MPResponse;
import dev.libmercadopago.Client;
import dev.libmercadopago.sandbox.Sandbox;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactoryBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * payments.get of one payment, in a loop on one thread, through three clients:
 * mercadopago-native (libmercadopago over JNI), Apache HttpClient 5 classic
 * (pooled keep-alive connections, Jackson to a Map: what a hand-written client
 * would do) and the official SDK com.mercadopago:sdk-java (its Apache 4 client,
 * pointed at the sandbox by a subclass that rewrites its fixed base URL).
 * Client CPU is the calling thread's CPU time (every client does its I/O on
 * the calling thread) and the process's (adds GC and JIT threads).
 *
 *   java bench.BenchJava --url URL [--ca FILE] [-n 3000] [--rounds 7] [--n-official N]
 */
public final class BenchJava {
    private static final String TOKEN = Sandbox.TEST_TOKEN;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    interface Get {
        Object get(long id) throws Exception;
    }

    record Round(double threadUs, double processUs, double perSecond, double gcUs) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        String url = a.get("--url");
        String caFile = a.get("--ca");
        int n = Integer.parseInt(a.getOrDefault("-n", "3000"));
        int rounds = Integer.parseInt(a.getOrDefault("--rounds", "7"));
        int nOfficial = Integer.parseInt(a.getOrDefault("--n-official", String.valueOf(n)));
        String pem = caFile == null ? null : Files.readString(Path.of(caFile));
        SSLContext ssl = pem == null ? SSLContext.getDefault() : Sandbox.trusting(pem);

        Client.Builder nb = Client.builder().accessToken(TOKEN).baseUrl(url).maxRetries(0);
        Client nativeClient = (pem == null ? nb : nb.caPem(pem)).build();
        long id = payment(nativeClient);

        // Apache HttpClient 5 classic: a pool of keep-alive connections, JSON to a Map with Jackson.
        CloseableHttpClient apache = HttpClients.custom().setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                        .setSSLSocketFactory(SSLConnectionSocketFactoryBuilder.create().setSslContext(ssl).build())
                        .build()).build();
        ObjectMapper mapper = new ObjectMapper();
        String paymentUrl = url + "/v1/payments/";

        // The official SDK: its fixed https://api.mercadopago.com rewritten to the sandbox.
        MercadoPagoConfig.setAccessToken(TOKEN);
        PaymentClient official = new PaymentClient(new SandboxHttpClient(url, ssl));

        Map<String, Get> clients = new LinkedHashMap<>();
        clients.put("mercadopago-native (libmercadopago, JNI)", pid -> check(nativeClient.payments().get(pid).get("id"), pid));
        clients.put("Apache HttpClient 5 pooled + Jackson", pid -> {
            HttpGet get = new HttpGet(paymentUrl + pid);
            get.addHeader("Authorization", "Bearer " + TOKEN);
            return apache.execute(get, r -> {
                if (r.getCode() != 200) {
                    throw new IllegalStateException("HTTP " + r.getCode());
                }
                return check(((Number) mapper.readValue(EntityUtils.toByteArray(r.getEntity()), Map.class).get("id")).longValue(), pid);
            });
        });
        clients.put("official sdk-java 3.2.1", pid -> check(official.get(pid).getId(), pid));

        System.out.printf("payments.get %s, %d requests x %d rounds (official SDK: %d), one thread%n",
                url, n, rounds, nOfficial);
        System.out.printf("%-44s %14s %14s %12s %10s%n", "client", "thread CPU/req", "process CPU/req", "req/s", "GC/req");
        Map<String, Round> medians = new LinkedHashMap<>();
        for (Map.Entry<String, Get> c : clients.entrySet()) {
            int count = c.getKey().startsWith("official") ? nOfficial : n;
            // JIT warm-up: enough calls for C2 to compile the hot paths.
            for (int i = 0; i < Math.max(count, 5000); i++) {
                c.getValue().get(id);
            }
            List<Round> rs = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                rs.add(round(c.getValue(), id, count));
            }
            Round m = new Round(median(rs, Round::threadUs), median(rs, Round::processUs), median(rs, Round::perSecond),
                    median(rs, Round::gcUs));
            medians.put(c.getKey(), m);
            System.out.printf("%-44s %11.1f us %12.1f us %12.0f %7.1f us%n", c.getKey(), m.threadUs(), m.processUs(),
                    m.perSecond(), m.gcUs());
        }
        Round base = medians.values().iterator().next();
        System.out.println("ratios to mercadopago-native (thread CPU / process CPU / req/s):");
        for (Map.Entry<String, Round> e : medians.entrySet()) {
            Round r = e.getValue();
            System.out.printf("  %-42s %.2fx / %.2fx / %.2fx%n", e.getKey(), r.threadUs() / base.threadUs(),
                    r.processUs() / base.processUs(), r.perSecond() / base.perSecond());
        }
        nativeClient.close();
        apache.close();
    }

    static Object check(Object got, long want) {
        if (got == null || ((Number) got).longValue() != want) {
            throw new IllegalStateException("got payment " + got + ", wanted " + want);
        }
        return got;
    }

    static Round round(Get get, long id, int count) throws Exception {
        long g0 = gcMillis();
        long t0 = System.nanoTime();
        long c0 = THREADS.getCurrentThreadCpuTime();
        long p0 = OS.getProcessCpuTime();
        for (int i = 0; i < count; i++) {
            get.get(id);
        }
        long p1 = OS.getProcessCpuTime();
        long c1 = THREADS.getCurrentThreadCpuTime();
        long t1 = System.nanoTime();
        long g1 = gcMillis();
        return new Round((c1 - c0) / 1e3 / count, (p1 - p0) / 1e3 / count, count / ((t1 - t0) / 1e9),
                (g1 - g0) * 1e3 / count);
    }

    /** Wall time spent in garbage collections so far (all collectors). */
    static long gcMillis() {
        long ms = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    interface Field {
        double of(Round r);
    }

    static double median(List<Round> rs, Field f) {
        List<Double> v = new ArrayList<>();
        for (Round r : rs) {
            v.add(f.of(r));
        }
        Collections.sort(v);
        return v.get(v.size() / 2);
    }

    static long payment(Client client) {
        String token = client.cardTokens().create(Map.of("card_number", Sandbox.TEST_CARDS.get("master"),
                "expiration_month", 11, "expiration_year", 2030, "security_code", "123",
                "cardholder", Map.of("name", "APRO", "identification", Map.of("type", "CPF", "number", "19119119100"))))
                .getString("id");
        return ((Number) client.payments().create(Map.of("transaction_amount", new BigDecimal("100.00"),
                "token", token, "installments", 1, "payment_method_id", "master",
                "payer", Map.of("email", "bench@example.com"))).get("id")).longValue();
    }


    /**
     * The SDK's own MPDefaultHttpClient over an Apache 4 pooled client like the
     * one it builds itself (keep-alive pool, no retries), trusting the
     * sandbox's CA, with the request's https://api.mercadopago.com prefix
     * replaced by the sandbox's URL (the SDK has no base URL setting).
     */
    static final class SandboxHttpClient extends MPDefaultHttpClient {
        private final String url;

        SandboxHttpClient(String url, SSLContext ssl) {
            super(org.apache.http.impl.client.HttpClients.custom()
                    .setConnectionManager(new org.apache.http.impl.conn.PoolingHttpClientConnectionManager(
                            org.apache.http.config.RegistryBuilder.<org.apache.http.conn.socket.ConnectionSocketFactory>create()
                                    .register("https", new org.apache.http.conn.ssl.SSLConnectionSocketFactory(ssl))
                                    .register("http", org.apache.http.conn.socket.PlainConnectionSocketFactory.getSocketFactory())
                                    .build()))
                    .disableCookieManagement()
                    .disableRedirectHandling()
                    .build());
            this.url = url;
        }

        @Override
        public MPResponse send(MPRequest r) throws com.mercadopago.exceptions.MPException,
                com.mercadopago.exceptions.MPApiException {
            String uri = r.getUri().replace(MercadoPagoConfig.BASE_URL, url);
            return super.send(MPRequest.builder().uri(uri).method(r.getMethod()).headers(r.getHeaders())
                    .payload(r.getPayload()).queryParams(r.getQueryParams()).accessToken(r.getAccessToken())
                    .connectionTimeout(r.getConnectionTimeout())
                    .connectionRequestTimeout(r.getConnectionRequestTimeout())
                    .socketTimeout(r.getSocketTimeout()).build());
        }
    }
}
