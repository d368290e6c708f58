package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.libmercadopago.sandbox.MercadoPagoSandboxExtension;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Amounts read back as BigDecimal whatever their value: the sandbox, as the API, writes 250.00
 * as the JSON number 250, which a plain reader gives as a Long.
 */
@ExtendWith(MercadoPagoSandboxExtension.class)
class MoneyTest {
    private static BigDecimal amount(Object value) {
        return assertInstanceOf(BigDecimal.class, value, "an amount is a BigDecimal");
    }

    private static Result pay(Client client, String amount, String reference) {
        Map<String, Object> body = Fixtures.payment(Fixtures.cardToken(client, "APRO"), amount);
        body.put("external_reference", reference);
        return client.payments().create(body);
    }

    @Test
    void integralAndFractionalAmountsAreBigDecimal(Client client) {
        String reference = "money-" + UUID.randomUUID();
        for (String sent : List.of("250.00", "250.5", "0.01", "1234567890123.45")) {
            Result created = pay(client, sent, reference);
            assertInstanceOf(Long.class, created.get("id"), "ids stay Long");
            assertEquals(0, new BigDecimal(sent).compareTo(amount(created.get("transaction_amount"))), sent);
            Map<String, Object> details = created.getMap("transaction_details");
            assertEquals(0, new BigDecimal(sent).compareTo(amount(details.get("total_paid_amount"))), sent);
            assertEquals(0, new BigDecimal(sent).compareTo(amount(details.get("installment_amount"))), sent);

            Result got = client.payments().get(created.get("id"));
            assertEquals(0, new BigDecimal(sent).compareTo(amount(got.get("transaction_amount"))), sent);
        }
        // The items of a search page, read by Paged, too.
        List<Map<String, Object>> found = StreamSupport.stream(
                client.payments().search(Map.of("external_reference", reference)).spliterator(), false).toList();
        assertEquals(4, found.size());
        for (Map<String, Object> item : found) {
            amount(item.get("transaction_amount"));
        }
    }

    @Test
    void anAmountReadBackPaysTheSameAgain(Client client) {
        // The round trip: what was read is sent again, exactly, and read back equal.
        Result first = pay(client, "250.00", "money-" + UUID.randomUUID());
        Object read = first.get("transaction_amount");
        Map<String, Object> body = Fixtures.payment(Fixtures.cardToken(client, "APRO"), "1");
        body.put("transaction_amount", read);
        Result again = client.payments().create(body);
        assertEquals(amount(read), amount(again.get("transaction_amount")));
    }
}
