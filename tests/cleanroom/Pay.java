// The clean-room Java payment (tests/cleanroom/jar.sh): compiled on the host
// (javac --release 17), run in a bare Debian with only a JRE, the two jars of
// dist/ and Jackson's. Starts the embedded sandbox from the sandbox jar,
// tokenizes an APRO test card and pays with it through the client jar, over
// HTTPS verified against the sandbox's CA; prints where each jar's natives were
// loaded from, and exits non-zero unless the payment is approved.
import dev.libmercadopago.Client;
import dev.libmercadopago.NativeLoader;
import dev.libmercadopago.Result;
import dev.libmercadopago.sandbox.Sandbox;
import dev.libmercadopago.sandbox.SandboxNativeLoader;
import java.math.BigDecimal;
import java.util.Map;

public final class Pay {
    private Pay() {}

    public static void main(String[] args) {
        System.out.println("java " + System.getProperty("java.version") + " at " + System.getProperty("java.home"));
        try (Sandbox sandbox = Sandbox.start(); Client client = sandbox.client()) {
            String token = client.cardTokens().create(Map.of(
                    "card_number", Sandbox.TEST_CARDS.get("master"), "expiration_month", 11,
                    "expiration_year", 2030, "security_code", "123",
                    "cardholder", Map.of("name", "APRO"))).getString("id");
            Result payment = client.payments().create(Map.of(
                    "transaction_amount", new BigDecimal("99.90"), "token", token, "installments", 1,
                    "payment_method_id", "master", "payer", Map.of("email", "cleanroom@example.com")));
            System.out.println("sandbox " + sandbox.url() + ", natives from " + SandboxNativeLoader.loadedFrom());
            System.out.println("client natives from " + NativeLoader.loadedFrom());
            System.out.println("payment " + payment.get("id") + ": " + payment.get("status") + "/"
                    + payment.get("status_detail"));
            if (!"approved".equals(payment.get("status"))) {
                System.exit(2);
            }
        } catch (RuntimeException | LinkageError e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
