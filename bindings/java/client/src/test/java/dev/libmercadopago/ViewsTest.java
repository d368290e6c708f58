package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.libmercadopago.types.Order;
import dev.libmercadopago.types.Payment;
import dev.libmercadopago.types.Shapes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON reader's amounts and the typed views, on JSON text (no native library needed). */
class ViewsTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String json) {
        return (Map<String, Object>) Json.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @SuppressWarnings("unchecked")
    void amountsAreBigDecimalAtAnyDepthIdsStayLong() {
        Map<String, Object> m = read("{\"id\":12345678901,\"transaction_amount\":250,"
                + "\"transaction_details\":{\"total_paid_amount\":250,\"installment_amount\":83.33},"
                + "\"refunds\":[{\"id\":7,\"amount\":100}],\"installments\":3}");
        assertEquals(12345678901L, m.get("id"));
        assertEquals(3L, m.get("installments"));
        assertEquals(new BigDecimal("250"), m.get("transaction_amount"));
        Map<String, Object> details = (Map<String, Object>) m.get("transaction_details");
        assertEquals(new BigDecimal("250"), details.get("total_paid_amount"));
        assertEquals(new BigDecimal("83.33"), details.get("installment_amount"));
        Map<String, Object> refund = ((List<Map<String, Object>>) m.get("refunds")).get(0);
        assertEquals(7L, refund.get("id"));
        assertEquals(new BigDecimal("100"), refund.get("amount"));
        // Exact and with the text's scale: never through a double.
        Map<String, Object> exact = read("{\"amount\":0.10,\"unit_price\":12345678901234567.89}");
        assertEquals(new BigDecimal("0.10"), exact.get("amount"));
        assertEquals(new BigDecimal("12345678901234567.89"), exact.get("unit_price"));
        assertEquals("{\"amount\":0.10,\"unit_price\":12345678901234567.89}",
                new String(Json.write(exact), StandardCharsets.UTF_8), "written back as read");
    }

    @Test
    void viewsConvertAndMissingFieldsAreNull() {
        Payment p = Payment.of(read("{\"id\":1,\"status\":\"approved\",\"transaction_amount\":250,"
                + "\"issuer_id\":24,\"date_created\":\"2024-05-01T12:00:00.000-04:00\","
                + "\"payer\":{\"email\":\"a@example.com\",\"identification\":{\"type\":\"CPF\",\"number\":\"19119119100\"}},"
                + "\"refunds\":[{\"id\":9,\"amount\":\"10.50\"}],\"unknown_field\":true}"));
        assertEquals(1L, p.id());
        assertEquals(new BigDecimal("250"), p.transactionAmount());
        assertEquals("24", p.issuerId(), "a number where a string is expected gives its text");
        assertEquals(2024, p.dateCreated().getYear());
        assertEquals(-4 * 3600, p.dateCreated().getOffset().getTotalSeconds());
        assertEquals("a@example.com", p.payer().email());
        assertEquals(new BigDecimal("10.50"), p.refunds().get(0).amount(), "a decimal string is an amount too");
        assertNull(p.card());
        assertNull(p.feeDetails());
        assertNull(p.captured());
        assertFalse(p.toString().contains("19119119100"), "the document number is masked: " + p);
        assertTrue(p.toString().contains("number=***"), p.toString());
        assertThrows(UnsupportedOperationException.class, () -> p.refunds().clear());

        Order o = Order.of(read("{\"id\":\"ORD1\",\"total_amount\":\"100.00\"}"));
        assertEquals(new BigDecimal("100.00"), o.totalAmount());
        assertEquals(2, o.totalAmount().scale());
        assertInstanceOf(Order.class, Shapes.read(Order.class, Map.of("id", "x")));
    }

    @Test
    void aWrongTypeNamesTheFieldNotTheValue() {
        JsonException e = assertThrows(JsonException.class,
                () -> Payment.of(read("{\"id\":1,\"payer\":{\"identification\":{\"number\":[\"19119119100\"]}}}")));
        assertTrue(e.getMessage().contains("Identification.number"), e.getMessage());
        assertFalse(e.getMessage().contains("19119119100"), e.getMessage());
        JsonException bad = assertThrows(JsonException.class,
                () -> Payment.of(read("{\"id\":1,\"transaction_amount\":\"4509 9535 6623 3704\"}")));
        assertFalse(bad.getMessage().contains("4509"), bad.getMessage());
        assertThrows(JsonException.class, () -> Payment.of(Map.of("status", "approved")), "a payment has an id");
        assertThrows(JsonException.class, () -> Payment.of(read("{\"id\":1.5}")));
        assertThrows(InvalidArgumentException.class, () -> Shapes.read(String.class, Map.of()));
    }
}
