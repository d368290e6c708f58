package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.libmercadopago.sandbox.MercadoPagoSandboxExtension;
import dev.libmercadopago.sandbox.Sandbox;
import dev.libmercadopago.types.Card;
import dev.libmercadopago.types.CardToken;
import dev.libmercadopago.types.Customer;
import dev.libmercadopago.types.Order;
import dev.libmercadopago.types.OrderPayment;
import dev.libmercadopago.types.Payment;
import dev.libmercadopago.types.Preference;
import dev.libmercadopago.types.PreferenceItem;
import dev.libmercadopago.types.Refund;
import dev.libmercadopago.types.Shapes;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The drift test of the typed views (bindings/shapes.txt): every resource the sandbox makes, read
 * through its view without exception and with the values sent. A field whose JSON type in the
 * sandbox's answers differs from its shape's fails here (JsonException naming it).
 */
@ExtendWith(MercadoPagoSandboxExtension.class)
class TypedViewsTest {
    private static void sameAmount(String expected, BigDecimal actual) {
        assertNotNull(actual, "amount present");
        assertEquals(0, new BigDecimal(expected).compareTo(actual), expected + " vs " + actual);
    }

    @Test
    void everyCheckoutResourceReadsThroughItsView(Client client) {
        String reference = "typed-" + UUID.randomUUID();

        // Card token.
        Result tokenResult = client.cardTokens().create(Map.of(
                "card_number", Sandbox.TEST_CARDS.get("master"), "expiration_month", 11,
                "expiration_year", 2030, "security_code", "123",
                "cardholder", Map.of("name", "APRO", "identification", Map.of("type", "CPF", "number", "19119119100"))));
        CardToken token = tokenResult.asCardToken();
        assertFalse(token.id().isEmpty());
        assertEquals("0604", token.lastFourDigits());
        assertEquals(11L, token.expirationMonth());
        assertEquals(2030L, token.expirationYear());
        assertEquals("APRO", token.cardholder().name());
        assertEquals("CPF", token.cardholder().identification().type());
        assertFalse(token.toString().contains("19119119100"), "a view's toString hides the document");
        assertEquals(token, client.cardTokens().get(token.id()).as(CardToken.class));

        // Customer and a saved card.
        Customer customer = client.customers().create(Map.of(
                "email", reference + "@example.com", "first_name", "Ana", "last_name", "Souza")).asCustomer();
        assertEquals(reference + "@example.com", customer.email());
        assertEquals("Ana", customer.firstName());
        Card card = client.cards().create(customer.id(), Map.of("token", Fixtures.cardToken(client, "APRO"))).asCard();
        assertEquals(customer.id(), card.customerId());
        assertEquals("0604", card.lastFourDigits());
        assertEquals("master", card.paymentMethod().id());
        Customer again = client.customers().get(customer.id()).asCustomer();
        assertEquals(List.of(card.id()), again.cards().stream().map(Card::id).toList());
        List<Card> listed = new ArrayList<>();
        client.cards().list(customer.id()).as(Card.class).forEach(listed::add);
        assertEquals(List.of(card.id()), listed.stream().map(Card::id).toList());

        // Payment: 250.00 is sent, the JSON number 250 comes back, a BigDecimal either way.
        Map<String, Object> body = Fixtures.payment(token.id(), "250.00");
        body.put("external_reference", reference);
        Result created = client.payments().create(body);
        Payment payment = created.asPayment();
        assertEquals(created.get("id"), payment.id());
        assertEquals("approved", payment.status());
        sameAmount("250.00", payment.transactionAmount());
        sameAmount("250.00", created.getBigDecimal("transaction_amount"));
        sameAmount("250.00", payment.transactionDetails().totalPaidAmount());
        assertEquals("buyer@example.com", client.payments().get(payment.id()).asPayment().payer().email());
        assertEquals(1L, payment.installments());
        assertEquals("master", payment.paymentMethodId());
        assertEquals(reference, payment.externalReference());
        assertNotNull(payment.dateCreated());
        assertTrue(payment.dateCreated().isBefore(OffsetDateTime.now().plusMinutes(1)));
        assertEquals("0604", payment.card().lastFourDigits());

        // Refund: part of it, then the payment lists it.
        Refund refund = client.refunds().create(payment.id(), Map.of("amount", new BigDecimal("100.00"))).asRefund();
        sameAmount("100", refund.amount());
        assertEquals(payment.id(), refund.paymentId());
        assertTrue(refund.id() > 0);
        Payment refunded = client.payments().get(payment.id()).asPayment();
        sameAmount("100", refunded.transactionAmountRefunded());
        assertEquals(List.of(refund.id()), refunded.refunds().stream().map(Refund::id).toList());
        sameAmount("100", refunded.refunds().get(0).amount());
        List<Payment> found = new ArrayList<>();
        client.payments().search(Map.of("external_reference", reference)).as(Payment.class).forEach(found::add);
        assertEquals(List.of(payment.id()), found.stream().map(Payment::id).toList());
        sameAmount("250", found.get(0).transactionAmount());

        // Preference: an integral and a fractional unit price.
        Preference preference = client.preferences().create(Map.of(
                "external_reference", reference,
                "items", List.of(Map.of("title", "Shoes", "quantity", 2, "unit_price", 100),
                        Map.of("title", "Socks", "quantity", 1, "unit_price", new BigDecimal("9.90"))),
                "back_urls", Map.of("success", "https://shop.example.com/ok"))).asPreference();
        assertFalse(preference.id().isEmpty());
        assertEquals(reference, preference.externalReference());
        List<PreferenceItem> items = preference.items();
        assertEquals(List.of("Shoes", "Socks"), items.stream().map(PreferenceItem::title).toList());
        assertEquals(2L, items.get(0).quantity());
        sameAmount("100", items.get(0).unitPrice());
        sameAmount("9.90", items.get(1).unitPrice());
        assertEquals("https://shop.example.com/ok", preference.backUrls().success());
        assertEquals(preference, client.preferences().get(preference.id()).asPreference());

        // Order: its amounts are decimal strings; the view gives BigDecimal.
        Map<String, Object> orderBody = new HashMap<>();
        orderBody.put("type", "online");
        orderBody.put("total_amount", "150.50");
        orderBody.put("external_reference", reference);
        orderBody.put("payer", Map.of("email", "buyer@example.com"));
        orderBody.put("transactions", Map.of("payments", List.of(Map.of("amount", "150.50",
                "payment_method", Map.of("id", "master", "type", "credit_card",
                        "token", Fixtures.cardToken(client, "APRO"), "installments", 1)))));
        Result orderResult = client.orders().create(orderBody);
        Order order = orderResult.asOrder();
        assertFalse(order.id().isEmpty());
        sameAmount("150.50", order.totalAmount());
        sameAmount("150.50", orderResult.getBigDecimal("total_amount"));
        assertEquals(reference, order.externalReference());
        assertEquals("online", order.type());
        assertNotNull(order.createdDate());
        OrderPayment orderPayment = order.transactions().payments().get(0);
        sameAmount("150.50", orderPayment.amount());
        assertEquals("master", orderPayment.paymentMethod().id());
        assertEquals(1L, orderPayment.paymentMethod().installments());
        assertEquals(order.id(), client.orders().get(order.id()).asOrder().id());
    }

    @Test
    void aViewIsTheAnswersShapeOrAClearError(Client client) {
        Result created = Fixtures.pay(client, "10");
        assertEquals(created.asPayment(), Shapes.read(Payment.class, created));
        assertEquals(created.asPayment(), created.as(Payment.class));
        // Another class is refused; a payment is no order (no exception: its fields are null).
        InvalidArgumentException notView = assertThrows(InvalidArgumentException.class, () -> created.as(String.class));
        assertTrue(notView.getMessage().contains("java.lang.String"), notView.getMessage());
        assertThrows(InvalidArgumentException.class,
                () -> client.payments().search(Map.of()).as(Map.class));
        assertNull(created.asOrder().totalAmount());
        // A payment's id is always there: an answer without one is not a payment.
        JsonException noId = assertThrows(JsonException.class,
                () -> Payment.of(Map.of("status", "approved")));
        assertTrue(noId.getMessage().contains("Payment.id"), noId.getMessage());
    }
}
