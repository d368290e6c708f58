package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.libmercadopago.sandbox.MercadoPagoSandboxExtension;
import dev.libmercadopago.sandbox.Sandbox;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every exception class the library can produce, each from a real failure. */
@ExtendWith(MercadoPagoSandboxExtension.class)
class ErrorsTest {
    @Test
    void notFound(Client client) {
        NotFoundException e = assertThrows(NotFoundException.class, () -> client.payments().get(987654321L));
        assertInstanceOf(ApiException.class, e);
        assertEquals(404, e.httpStatus());
        assertEquals(NotFoundException.STATUS, e.status());
        assertEquals("not_found", e.statusName());
        assertFalse(e.requestId().isEmpty());
        assertNotNull(e.body(), "the API's error envelope");
        assertEquals(404L, e.body().get("status"));
        assertFalse(e.retryable());
    }

    @Test
    void authenticationWithoutLeakingTheToken(Sandbox sandbox) {
        String token = "TEST-" + "x".repeat(3); // too short for the sandbox: 401
        try (Client c = sandbox.clientBuilder().accessToken(token).build()) {
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> c.users().get());
            assertEquals(401, e.httpStatus());
            assertFalse(e.getMessage().contains(token), e.getMessage());
            assertFalse(String.valueOf(e.body()).contains(token));
        }
    }

    @Test
    void validationWithCauses(Client client) {
        ValidationException e = assertThrows(ValidationException.class,
                () -> client.payments().create(Map.of("description", "no amount, no token")));
        assertEquals(400, e.httpStatus());
        assertFalse(e.causes().isEmpty(), "the API says which fields");
        assertInstanceOf(Map.class, e.causes().get(0));
        assertFalse(e.apiError().isEmpty());
    }

    @Test
    void conflictOnIdempotencyKeyReuseWithAnotherBody(Client client) {
        String key = "key-" + UUID.randomUUID();
        String token = Fixtures.cardToken(client, "APRO");
        client.payments().create(Fixtures.payment(token, "10"), RequestOptions.idempotencyKey(key));
        ConflictException e = assertThrows(ConflictException.class, () -> client.payments()
                .create(Fixtures.payment(token, "11"), RequestOptions.idempotencyKey(key)));
        assertEquals(409, e.httpStatus());
        assertEquals(key, e.idempotencyKey());
    }

    @Test
    void rateLimitedThenServerError(Client client, Sandbox sandbox) {
        RequestOptions once = RequestOptions.builder().maxRetries(0).build();
        sandbox.armFaults("GET", "/users/me", List.of("429:0"));
        RateLimitException rl = assertThrows(RateLimitException.class,
                () -> client.users().get(null, once));
        assertEquals(429, rl.httpStatus());
        assertTrue(rl.retryable());
        assertEquals(1, rl.attempts());

        sandbox.armFaults("GET", "/users/me", List.of("503"));
        ServerException se = assertThrows(ServerException.class,
                () -> client.users().get(null, once));
        assertEquals(503, se.httpStatus());
        assertInstanceOf(ApiException.class, se);
    }

    @Test
    void retriesThroughFaults(Client client, Sandbox sandbox) {
        sandbox.armFaults("GET", "/users/me", List.of("503", "500", "ok"));
        Result r = client.users().get();
        assertEquals(3, r.attempts());
        assertEquals(1234567L, r.get("id"));
    }

    @Test
    void timeout(Client client, Sandbox sandbox) {
        sandbox.armFaults("GET", "/users/me", List.of("delay:3000"));
        RequestOptions quick = RequestOptions.builder().timeout(Duration.ofMillis(300)).maxRetries(0).build();
        long t0 = System.nanoTime();
        TimeoutException e = assertThrows(TimeoutException.class, () -> client.users().get(null, quick));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "gave up on time");
        assertInstanceOf(NetworkException.class, e);
    }

    @Test
    void tlsWithTheWrongCa(Sandbox sandbox) {
        try (Sandbox other = Sandbox.start();
             Client c = sandbox.clientBuilder().caPem(other.caPem()).maxRetries(0).build()) {
            TlsException e = assertThrows(TlsException.class, () -> c.users().get());
            assertEquals(0, e.httpStatus());
        }
    }

    @Test
    void networkWhenNothingListens() {
        Sandbox gone = Sandbox.start(false, null);
        String url = gone.url();
        gone.close();
        try (Client c = Client.builder().accessToken(Sandbox.TEST_TOKEN).baseUrl(url).maxRetries(0).build()) {
            NetworkException e = assertThrows(NetworkException.class, () -> c.users().get());
            assertEquals(NetworkException.STATUS, e.status());
        }
    }

    @Test
    void invalidArguments(Client client) {
        assertThrows(InvalidArgumentException.class, () -> client.payments().get(null));
        assertThrows(InvalidArgumentException.class, () -> Client.builder().build());
        assertThrows(InvalidArgumentException.class, () -> client.call("payments.nope", Map.of()));
        assertThrows(InvalidArgumentException.class, () -> client.call(null, null));
        assertThrows(InvalidArgumentException.class, () -> client.payments().get(1, null,
                RequestOptions.builder().timeout(Duration.ofSeconds(-1)).build()));
        // A NUL inside a text argument: refused by the JNI wrapper, not truncated.
        InvalidArgumentException nul = assertThrows(InvalidArgumentException.class,
                () -> client.payments().get("12\u00003"));
        assertTrue(nul.getMessage().contains("NUL"), nul.getMessage());
        // Refused by the native library itself.
        assertThrows(InvalidArgumentException.class,
                () -> Client.builder().accessToken(Sandbox.TEST_TOKEN).baseUrl("not a url").build()
                        .users().get());
        assertThrows(InvalidArgumentException.class,
                () -> RequestOptions.builder().header("X-A", null));
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put("id", null);
        assertThrows(InvalidArgumentException.class, () -> client.call("payments.get", nullKey));
    }

    @Test
    void badJson(Client client) {
        JsonException e = assertThrows(JsonException.class,
                () -> client.call("payments.create", Map.of(), "{\"transaction_amount\": 10,"));
        assertEquals(JsonException.STATUS, e.status());
        assertEquals(0, e.httpStatus(), "nothing was sent");
    }

    @Test
    void closedClient(Sandbox sandbox) {
        Client c = sandbox.client();
        c.close();
        c.close();
        assertThrows(IllegalStateException.class, () -> c.users().get());
    }

    @Test
    void everyStatusHasItsClass() {
        for (Class<?> k : Arrays.asList(NetworkException.class, InvalidArgumentException.class,
                JsonException.class, TimeoutException.class, TlsException.class,
                AuthenticationException.class, NotFoundException.class, ValidationException.class,
                ConflictException.class, RateLimitException.class, ServerException.class,
                SignatureException.class, NoMemoryException.class, InternalException.class,
                NotPresentException.class, ProtocolException.class)) {
            assertTrue(MercadoPagoException.class.isAssignableFrom(k));
            assertTrue(RuntimeException.class.isAssignableFrom(k), "unchecked");
        }
        assertEquals(-17, ProtocolException.STATUS);
    }
}
