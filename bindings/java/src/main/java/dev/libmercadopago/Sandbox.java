package dev.libmercadopago;

import dev.libmercadopago.internal.SandboxFault;
import dev.libmercadopago.internal.SandboxOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
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

    private Sandbox(boolean tls, String webhookSecret) {
        NativeLoader.load();
        SandboxOptions options = Calls.run(() -> new SandboxOptions());
        try {
            this.sandbox = Calls.run(() -> {
                options.set_tls(tls);
                if (webhookSecret != null) {
                    options.set_webhook_secret(webhookSecret);
                }
                return new dev.libmercadopago.internal.Sandbox(options);
            });
        } finally {
            options.delete();
        }
        this.url = sandbox.url();
        this.port = sandbox.port();
        String pem = sandbox.ca_pem();
        this.caPem = pem.isEmpty() ? null : pem;
    }

    /** An HTTPS sandbox on a free port. */
    public static Sandbox start() {
        return start(true, null);
    }

    /** tls false serves plain HTTP; webhookSecret (may be null) signs webhook deliveries. */
    public static Sandbox start(boolean tls, String webhookSecret) {
        return new Sandbox(tls, webhookSecret);
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
     * Makes the next requests to (method, path prefix; null for any) meet these
     * faults, in order: "ok", "stall", "reset_before", "reset_after", "truncate",
     * "delay:&lt;ms&gt;", an HTTP status "400".."599", or "&lt;status&gt;:&lt;retry-after s&gt;".
     * Armed on the sandbox directly (mp_sandbox_fault_*), not over HTTP.
     */
    public void armFaults(String method, String path, List<String> faults) {
        if (faults == null || faults.isEmpty()) {
            throw new InvalidArgumentException("sandbox faults: at least one fault is needed");
        }
        for (String spec : faults) {
            // The sandbox's own parser reads the text.
            SandboxFault f = Calls.run(() -> new SandboxFault(String.valueOf(spec)));
            try {
                Calls.run(() -> {
                    if (method != null) {
                        f.set_method(method);
                    }
                    if (path != null) {
                        f.set_path(path);
                    }
                    sandbox.arm(f);
                });
            } finally {
                f.delete();
            }
        }
    }

    /** Disarms every fault not yet met. */
    public void clearFaults() {
        Calls.run(() -> sandbox.clear_faults());
    }

    /**
     * Forgets every resource, idempotency key and armed fault, as if the
     * sandbox had just started (the URL, CA and request count stay).
     */
    public void reset() {
        Calls.run(() -> sandbox.reset());
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
    public synchronized void stop() {
        sandbox.stop();
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
