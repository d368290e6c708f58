package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.libmercadopago.sandbox.Sandbox;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhooksTest {
    static String sign(String secret, String id, String requestId, long ts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String manifest = "id:" + id + ";request-id:" + requestId + ";ts:" + ts + ";";
        return "ts=" + ts + ",v1=" + HexFormat.of().formatHex(mac.doFinal(manifest.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void verifiesAndSaysWhyNot() throws Exception {
        long now = Instant.now().getEpochSecond();
        String sig = sign("s3cret", "123456", "req-1", now);
        assertDoesNotThrow(() -> Webhooks.verify(sig, "req-1", "123456", "s3cret"));

        SignatureException bad = assertThrows(SignatureException.class,
                () -> Webhooks.verify(sig, "req-1", "123457", "s3cret"));
        assertEquals("mismatch", bad.reason());
        assertEquals(SignatureException.STATUS, bad.status());

        String old = sign("s3cret", "123456", "req-1", now - 3600);
        assertEquals("out_of_tolerance", assertThrows(SignatureException.class,
                () -> Webhooks.verify(old, "req-1", "123456", "s3cret")).reason());
        assertEquals("ok", Webhooks.check(old, "req-1", "123456", List.of("s3cret"), Duration.ofSeconds(-1), null));
        assertEquals("ok", Webhooks.check(old, "req-1", "123456", List.of("s3cret"), null,
                Instant.ofEpochSecond(now - 3600)));
        assertEquals("missing_header", Webhooks.check(null, "req-1", "123456", List.of("s3cret"), null, null));
        assertEquals("malformed_header", Webhooks.check("garbage", "req-1", "123456", List.of("s3cret"), null, null));
        // A rotation: either secret verifies.
        assertEquals("ok", Webhooks.check(sig, "req-1", "123456", List.of("new", "s3cret"), null, null));

        assertThrows(InvalidArgumentException.class, () -> Webhooks.verify(sig, "req-1", "123456", ""));
        assertThrows(InvalidArgumentException.class,
                () -> Webhooks.check(sig, "req-1", "123456", List.of(), null, null));
    }

    @Test
    void aDeliveryFromTheSandboxVerifies() throws Exception {
        BlockingQueue<Map<String, String>> got = new ArrayBlockingQueue<>(16);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            String q = ex.getRequestURI().getRawQuery();
            String dataId = null;
            for (String kv : q.split("&")) {
                if (kv.startsWith("data.id=")) {
                    dataId = URLDecoder.decode(kv.substring(8), StandardCharsets.UTF_8);
                }
            }
            got.add(Map.of("x-signature", String.valueOf(ex.getRequestHeaders().getFirst("X-Signature")),
                    "x-request-id", String.valueOf(ex.getRequestHeaders().getFirst("X-Request-Id")),
                    "data.id", String.valueOf(dataId)));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try (Sandbox sb = Sandbox.start(true, "whsec-java"); Client client = sb.client()) {
            Map<String, Object> body = Fixtures.payment(Fixtures.cardToken(client, "APRO"), "30");
            body.put("notification_url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            Object id = client.payments().create(body).get("id");
            Map<String, String> n = got.poll(10, TimeUnit.SECONDS);
            assertNotNull(n, "the sandbox delivered the notification");
            assertEquals(String.valueOf(id), n.get("data.id"));
            Webhooks.verifyRequest(Map.of("X-Signature", n.get("x-signature"),
                    "X-Request-Id", n.get("x-request-id")), n.get("data.id"), "whsec-java");
            assertEquals("mismatch", assertThrows(SignatureException.class, () -> Webhooks.verifyRequest(
                    n, n.get("data.id"), "another-secret")).reason());
        } finally {
            server.stop(0);
        }
    }
}
