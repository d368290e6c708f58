// A payment from Java against the embedded sandbox (HTTPS, its own CA). With the jars built
// by bindings/java/run_tests.sh (the client's and the sandbox's) and Jackson on the class path:
//   java -cp mercadopago-native-VERSION.jar:mercadopago-native-sandbox-VERSION.jar:$JACKSON \
//       examples/java/Pay.java
// (bindings/java/run_example.sh does exactly that.) Against Mercado Pago, make the client with
// Client.builder().accessToken(System.getenv("MP_ACCESS_TOKEN")).build(): production code
// needs the client jar alone.
import dev.libmercadopago.Client;
import dev.libmercadopago.MercadoPagoException;
import dev.libmercadopago.Result;
import dev.libmercadopago.sandbox.Sandbox;
import java.math.BigDecimal;
import java.util.Map;

public class Pay {
    public static void main(String[] args) {
        try (Sandbox sandbox = Sandbox.start(); Client client = sandbox.client()) {
            String token = client.cardTokens().create(Map.of(
                    "card_number", "5031755734530604", "expiration_month", 11,
                    "expiration_year", 2030, "security_code", "123",
                    "cardholder", Map.of("name", "APRO"))).getString("id");
            Result payment = client.payments().create(Map.of(
                    "transaction_amount", new BigDecimal("250.00"), "token", token,
                    "installments", 1, "payment_method_id", "master",
                    "payer", Map.of("email", "buyer@example.com")));
            Result refund = client.refunds().create(payment.get("id"),
                    Map.of("amount", new BigDecimal("100.00")));
            System.out.printf("payment %s %s (request id %s), refunded %s%n", payment.get("id"),
                    payment.get("status"), payment.requestId(), refund.get("amount"));
        } catch (MercadoPagoException e) {
            System.err.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
