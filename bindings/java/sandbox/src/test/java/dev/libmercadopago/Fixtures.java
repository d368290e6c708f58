package dev.libmercadopago;

import dev.libmercadopago.sandbox.Sandbox;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** Bodies the tests share (the shapes of examples/checkout.c). */
final class Fixtures {
    private Fixtures() {}

    static String cardToken(Client client, String cardholder) {
        return client.cardTokens().create(Map.of(
                "card_number", Sandbox.TEST_CARDS.get("master"),
                "expiration_month", 11, "expiration_year", 2030, "security_code", "123",
                "cardholder", Map.of("name", cardholder,
                        "identification", Map.of("type", "CPF", "number", "19119119100"))))
                .getString("id");
    }

    static Map<String, Object> payment(String token, String amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("transaction_amount", new BigDecimal(amount));
        body.put("token", token);
        body.put("installments", 1);
        body.put("payment_method_id", "master");
        body.put("description", "Java test");
        body.put("payer", Map.of("email", "buyer@example.com"));
        return body;
    }

    static Result pay(Client client, String amount) {
        return client.payments().create(payment(cardToken(client, "APRO"), amount));
    }
}
