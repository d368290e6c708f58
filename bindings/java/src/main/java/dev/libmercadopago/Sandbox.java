package dev.libmercadopago;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The embedded Mercado Pago emulator (libmercadopago-sandbox), for tests: an
 * in-memory API on a loopback port of this process, HTTPS by default with a CA
 * generated at start. {@code try (Sandbox sb = Sandbox.start()) { ... sb.client() ... }}
 */
public final class Sandbox implements AutoCloseable {
    /** A token the sandbox accepts (its last group, 1234567, is the collector id). */
    public static final String TEST_TOKEN = "TEST-sandbox-token-1234567";
    /** Test cards (Luhn-valid; the cardholder name decides the outcome: APRO approves). */
    public static final Map<String, String> TEST_CARDS = Map.of(
            "visa", "4509953566233704", "master", "5031755734530604", "amex", "371180303257522");

    private final dev.libmercadopago.internal.Sandbox sandbox;
    private final String url;
    private final int port;
    private final String caPem;
    private HttpClient admin;

    private Sandbox(Map<String, Object> options) {
        NativeLoader.load();
        String json = new String(Json.write(options), StandardCharsets.UTF_8);
        this.sandbox = Calls.run(() -> new dev.libmercadopago.internal.Sandbox(json));
        this.url = sandbox.url();
        this.port = sandbox.port();
        this.caPem = sandbox.ca_pem();
    }

    /** An HTTPS sandbox on a free port. */
    public static Sandbox start() {
        return start(true, null);
    }

    /** tls false serves plain HTTP; webhookSecret (may be null) signs webhook deliveries. */
    public static Sandbox start(boolean tls, String webhookSecret) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("tls", tls);
        if (webhookSecret != null) {
            options.put("webhook_secret", webhookSecret);
        }
        return new Sandbox(options);
    }

    /** e.g. https://127.0.0.1:40123 */
    public String url() {
        return url;
    }

    public int port() {
        return port;
    }

    /** The PEM of the CA that signed the server certificate, null without TLS. */
    public String caPem() {
        return caPem;
    }

    /** Requests served so far (all routes). */
    public long requestCount() {
        return sandbox.request_count();
    }

    /** A client builder for this sandbox: its URL, its CA, and {@link #TEST_TOKEN}. */
    public Client.Builder clientBuilder() {
        Client.Builder b = Client.builder().accessToken(TEST_TOKEN).baseUrl(url);
        return caPem != null ? b.caPem(caPem) : b;
    }

    /** A client for this sandbox (TLS verified against its CA). */
    public Client client() {
        return clientBuilder().build();
    }

    /**
     * Makes the next requests to (method, path prefix) meet these faults, in
     * order: "ok", "stall", "reset_before", "reset_after", "truncate",
     * "delay:&lt;ms&gt;", "429:&lt;retry-after s&gt;", or an HTTP status "400".."599".
     */
    public void armFaults(String method, String path, List<String> faults) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (method != null) {
            body.put("method", method);
        }
        if (path != null) {
            body.put("path", path);
        }
        body.put("faults", faults);
        admin("POST", Json.write(body));
    }

    public void clearFaults() {
        admin("DELETE", null);
    }

    private synchronized void admin(String method, byte[] body) {
        try {
            if (admin == null) {
                HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
                admin = (caPem != null ? b.sslContext(trusting(caPem)) : b).build();
            }
            HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/__sandbox/faults"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> r = admin.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new InvalidArgumentException("sandbox faults: HTTP " + r.statusCode() + " " + r.body());
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new NetworkException("sandbox faults: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException("sandbox faults: interrupted");
        }
    }

    /** An SSLContext trusting only this PEM's certificates (for the users' own HTTP clients). */
    public static SSLContext trusting(String pem) throws GeneralSecurityException {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                ks.setCertificateEntry("ca" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** Stops the server (prompt even with stalled connections). Idempotent. */
    public void stop() {
        synchronized (this) {
            sandbox.stop();
            admin = null;
        }
    }

    @Override
    public void close() {
        stop();
        sandbox.delete();
    }

    @Override
    public String toString() {
        return "Sandbox(" + url + ")";
    }
}
