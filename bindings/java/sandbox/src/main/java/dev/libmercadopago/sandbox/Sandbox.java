package dev.libmercadopago.sandbox;

import dev.libmercadopago.Client;
import dev.libmercadopago.InvalidArgumentException;
import dev.libmercadopago.sandbox.internal.SandboxFault;
import dev.libmercadopago.sandbox.internal.SandboxNativeException;
import dev.libmercadopago.sandbox.internal.SandboxOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The embedded Mercado Pago emulator (libmercadopago-sandbox), for tests: an
 * in-memory API on a loopback port of this process, HTTPS by default with a CA
 * generated at start. {@code try (Sandbox sb = Sandbox.start()) { ... sb.client() ... }}
 *
 * <p>In the sandbox jar (dev.libmercadopago:mercadopago-native-sandbox, for
 * tests), with its own native libraries: the client jar alone never loads
 * them. A failure of the sandbox raises the client's
 * {@link InvalidArgumentException}, its message starting with "sandbox: ".
 */
public final class Sandbox implements AutoCloseable {
    /** A token the sandbox accepts (its last group, 1234567, is the collector id). */
    public static final String TEST_TOKEN = "TEST-sandbox-token-1234567";
    /** Test cards (Luhn-valid; the cardholder name decides the outcome: APRO approves). */
    public static final Map<String, String> TEST_CARDS = Map.of(
            "visa", "4509953566233704", "master", "5031755734530604", "amex", "371180303257522");

    private final dev.libmercadopago.sandbox.internal.Sandbox sandbox;
    private final String url;
    private final int port;
    private final String caPem;

    private Sandbox(boolean tls, String webhookSecret) {
        SandboxOptions options = run(() -> new SandboxOptions());
        try {
            this.sandbox = run(() -> {
                options.set_tls(tls);
                if (webhookSecret != null) {
                    options.set_webhook_secret(webhookSecret);
                }
                return new dev.libmercadopago.sandbox.internal.Sandbox(options);
            });
        } finally {
            options.delete();
        }
        this.url = run(sandbox::url);
        this.port = run(sandbox::port);
        String pem = run(sandbox::ca_pem);
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
        return run(() -> (long) sandbox.request_count());
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
            SandboxFault f = run(() -> new SandboxFault(String.valueOf(spec)));
            try {
                run(() -> {
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
        run(sandbox::clear_faults);
    }

    /**
     * Forgets every resource, idempotency key and armed fault, as if the
     * sandbox had just started (the URL, CA and request count stay).
     */
    public void reset() {
        run(sandbox::reset);
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

    /** Runs a native call; its failure becomes the client's InvalidArgumentException. */
    private static <T> T run(Supplier<T> call) {
        try {
            return call.get();
        } catch (SandboxNativeException e) {
            throw new InvalidArgumentException("sandbox: " + e.getMessage());
        }
    }

    private static void run(Runnable call) {
        run(() -> {
            call.run();
            return null;
        });
    }

    @Override
    public String toString() {
        return "Sandbox(" + url + ")";
    }
}
