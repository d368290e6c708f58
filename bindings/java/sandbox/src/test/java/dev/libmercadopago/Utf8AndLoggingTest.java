package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.libmercadopago.sandbox.MercadoPagoSandboxExtension;
import dev.libmercadopago.sandbox.Sandbox;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MercadoPagoSandboxExtension.class)
class Utf8AndLoggingTest {
    @Test
    void nonBmpTextRoundTrips(Client client) {
        // Emoji and a musical symbol (outside the BMP: surrogate pairs in Java, 4 bytes in UTF-8);
        // JNI's modified UTF-8 would corrupt them.
        String text = "Ingressos 🎟️🎸 𝄞 — ação №1 你好";
        Map<String, Object> body = Fixtures.payment(Fixtures.cardToken(client, "APRO"), "5");
        body.put("description", text);
        Result created = client.payments().create(body);
        assertEquals(text, created.get("description"));
        assertEquals(text, client.payments().get(created.get("id")).get("description"));
        assertTrue(created.bodyText().contains(text));

        Result customer = client.customers().create(Map.of("email", "emoji@example.com", "first_name", "Zoë 😀"));
        assertEquals("Zoë 😀", client.customers().get(customer.get("id")).get("first_name"));
    }

    @Test
    void quietByDefault(Sandbox sandbox) {
        // JUL's default level is INFO: a successful call logs nothing there (its lines are DEBUG).
        Logger jul = Logger.getLogger("dev.libmercadopago");
        List<LogRecord> records = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        jul.setLevel(java.util.logging.Level.INFO);
        jul.addHandler(h);
        try (Client client = sandbox.client()) {
            client.users().get();
        } finally {
            jul.removeHandler(h);
            jul.setLevel(null);
        }
        assertTrue(records.isEmpty(), records.toString());
    }

    @Test
    void logsGoToSystemLoggerRedacted(Sandbox sandbox) {
        String token = "TEST-VerySecretTokenXyz-1234567";
        String card = Sandbox.TEST_CARDS.get("visa");
        Logger jul = Logger.getLogger("dev.libmercadopago");
        List<LogRecord> records = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (records) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Level before = jul.getLevel();
        jul.setLevel(java.util.logging.Level.ALL);
        jul.setUseParentHandlers(false); // keep the test's output quiet
        jul.addHandler(h);
        try (Client client = sandbox.clientBuilder().accessToken(token).logLevel(Level.TRACE).build()) {
            String cardToken = client.cardTokens().create(Map.of(
                    "card_number", card, "expiration_month", 11, "expiration_year", 2030,
                    "security_code", "917", "cardholder", Map.of("name", "APRO",
                            "identification", Map.of("type", "CPF", "number", "19119119100"))))
                    .getString("id");
            Map<String, Object> body = Fixtures.payment(cardToken, "12");
            body.put("payment_method_id", "visa");
            client.payments().create(body);
            try {
                client.payments().get(1);
            } catch (NotFoundException expected) {
                // logged as well
            }
        } finally {
            jul.removeHandler(h);
            jul.setUseParentHandlers(true);
            jul.setLevel(before);
        }
        assertFalse(records.isEmpty());
        boolean sawBody = false;
        for (LogRecord r : records) {
            String m = r.getMessage();
            assertFalse(m.contains(token), m);
            assertFalse(m.contains("VerySecretToken"), m);
            assertFalse(m.contains(card), m);
            // (a bare "917" could be part of a request id: look for it as the value)
            assertFalse(m.replace(" ", "").contains("\"security_code\":\"917\""), m);
            assertFalse(m.contains("19119119100"), m);
            sawBody |= m.contains("\"security_code\":\"[REDACTED]\"");
        }
        assertTrue(sawBody, "TRACE shows the (redacted) bodies");
        // System.Logger DEBUG is JUL's FINE: one line per request and answer.
        assertTrue(records.stream().anyMatch(r -> r.getLevel() == java.util.logging.Level.FINE
                && r.getMessage().contains("/v1/payments")), "DEBUG: each request");
        assertTrue(records.stream().noneMatch(r -> r.getLevel() == java.util.logging.Level.INFO),
                "nothing at INFO: a default logger stays quiet on success");
    }
}
