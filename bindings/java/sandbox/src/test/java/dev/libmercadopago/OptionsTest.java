package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.libmercadopago.sandbox.MercadoPagoSandboxExtension;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Per-call options: idempotency replay, another access token, extra headers. */
@ExtendWith(MercadoPagoSandboxExtension.class)
class OptionsTest {
    @Test
    void idempotencyReplayReturnsTheSamePayment(Client client) {
        String key = "replay-" + UUID.randomUUID();
        Map<String, Object> body = Fixtures.payment(Fixtures.cardToken(client, "APRO"), "99.90");
        Result first = client.payments().create(body, RequestOptions.idempotencyKey(key));
        Result again = client.payments().create(body, RequestOptions.idempotencyKey(key));
        assertEquals(201, first.httpStatus());
        assertEquals(200, again.httpStatus(), "a replay");
        assertEquals(first.get("id"), again.get("id"));
        assertEquals(key, again.idempotencyKey());
    }

    @Test
    void perCallAccessTokenActsAsAnotherCollector(Client client) {
        Result paid = Fixtures.pay(client, "15");
        RequestOptions seller = RequestOptions.builder().accessToken("TEST-other-seller-7654321").build();
        assertEquals(7654321L, client.users().get(null, seller).get("id"));
        assertThrows(NotFoundException.class, () -> client.payments().get(paid.get("id"), null, seller),
                "another collector cannot see it");
        assertEquals(paid.get("id"), client.payments().get(paid.get("id")).get("id"));
    }

    @Test
    void extraHeadersAndQueryValues(Client client) {
        RequestOptions opts = RequestOptions.builder().header("X-Meli-Session-Id", "device-1")
                .maxRetries(1).build();
        Result r = client.users().get(Map.of("unused", java.util.List.of(1, 2)), opts);
        assertEquals(200, r.httpStatus());
    }
}
