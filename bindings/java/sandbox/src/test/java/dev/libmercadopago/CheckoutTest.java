package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.libmercadopago.sandbox.MercadoPagoSandboxExtension;
import dev.libmercadopago.sandbox.Sandbox;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The card checkout of examples/checkout.c, over HTTPS with the sandbox's CA verified. */
@ExtendWith(MercadoPagoSandboxExtension.class)
class CheckoutTest {
    @Test
    void cardCustomerSavedCardCaptureRefund(Client client, Sandbox sandbox) {
        assertTrue(sandbox.url().startsWith("https://"), sandbox.url());
        String order = "order-" + UUID.randomUUID();

        String token = Fixtures.cardToken(client, "APRO");
        assertNotNull(token);

        Result customer = client.customers().create(Map.of(
                "email", "buyer-" + order + "@example.com", "first_name", "Ana", "last_name", "Souza"));
        String customerId = customer.getString("id");
        assertEquals(201, customer.httpStatus());

        Result card = client.cards().create(customerId, Map.of("token", token));
        assertEquals("master", card.getMap("payment_method").get("id"));
        assertEquals("0604", card.getString("last_four_digits"));

        // A later purchase: the saved card plus its security code.
        String savedToken = client.cardTokens()
                .create(Map.of("card_id", card.getString("id"), "security_code", "123")).getString("id");
        Map<String, Object> body = new HashMap<>();
        body.put("transaction_amount", new BigDecimal("250.50"));
        body.put("token", savedToken);
        body.put("installments", 1);
        body.put("payment_method_id", "master");
        body.put("capture", false);
        body.put("external_reference", order);
        body.put("payer", Map.of("type", "customer", "id", customerId));
        Result payment = client.payments().create(body);
        assertEquals("authorized", payment.get("status"));
        assertEquals("pending_capture", payment.get("status_detail"));
        assertFalse(payment.idempotencyKey().isEmpty(), "the library makes a key for payments");
        assertFalse(payment.requestId().isEmpty());
        assertEquals(payment.requestId(), payment.header("x-request-id"));
        Object id = payment.get("id");
        assertInstanceOf(Long.class, id, "integers are Long");
        assertEquals(new BigDecimal("250.5"), payment.get("transaction_amount"), "money is BigDecimal");

        Result captured = client.payments().capture(id, Map.of("transaction_amount", new BigDecimal("200.25")));
        assertEquals("approved", captured.get("status"));
        assertEquals(new BigDecimal("200.25"), captured.get("transaction_amount"));

        Result refund = client.refunds().create(id, Map.of("amount", new BigDecimal("100.00")));
        assertEquals(0, new BigDecimal("100").compareTo(new BigDecimal(refund.getString("amount"))));
        int refunds = 0;
        for (Map<String, Object> r : client.refunds().list(id)) {
            assertEquals(refund.get("id"), r.get("id"));
            refunds++;
        }
        assertEquals(1, refunds);

        // A declined card: the cardholder name decides (OTHE rejects).
        Result declined = client.payments().create(Fixtures.payment(Fixtures.cardToken(client, "OTHE"), "10"));
        assertEquals("rejected", declined.get("status"));
        assertEquals("cc_rejected_other_reason", declined.get("status_detail"));

        // The order's payments, found again by search.
        List<Object> ids = new java.util.ArrayList<>();
        for (Map<String, Object> p : client.payments().search(Map.of("external_reference", order))) {
            ids.add(p.get("id"));
        }
        assertEquals(List.of(id), ids);
    }
}
