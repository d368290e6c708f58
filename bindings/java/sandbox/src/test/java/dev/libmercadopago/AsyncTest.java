package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.libmercadopago.sandbox.MercadoPagoSandboxExtension;
import dev.libmercadopago.sandbox.Sandbox;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The CompletableFuture calls (client.payments().getAsync(id) ...) against the
 * sandbox over HTTPS: the same results and exceptions as the blocking calls,
 * one native thread per client whatever the number of calls, retries,
 * idempotency keys, cancellation, executors and closing with calls in flight.
 */
@ExtendWith(MercadoPagoSandboxExtension.class)
class AsyncTest {
    /* The cause a failed future carries. */
    private static Throwable failure(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void getAsyncEqualsTheBlockingGet(Client client) throws Exception {
        Result paid = Fixtures.pay(client, "12.50");
        Result blocking = client.payments().get(paid.get("id"));
        Result async = client.payments().getAsync(paid.get("id")).get(30, TimeUnit.SECONDS);
        assertEquals(blocking, async);
        assertEquals("approved", async.get("status"));
        assertEquals(200, async.httpStatus());
        assertEquals(1, async.attempts());
        assertFalse(async.requestId().isEmpty());
        assertNotEquals(blocking.requestId(), async.requestId());
        // The same through callAsync by operation name.
        assertEquals(blocking, client.callAsync("payments.get", Map.of("id", paid.get("id")))
                .get(30, TimeUnit.SECONDS));
    }

    @Test
    void notFoundCompletesExceptionallyAsTheBlockingCallThrows(Client client) {
        NotFoundException blocking = assertThrows(NotFoundException.class,
                () -> client.payments().get(999_999_999L));
        Throwable async = failure(client.payments().getAsync(999_999_999L));
        NotFoundException nf = assertInstanceOf(NotFoundException.class, async);
        assertEquals(404, nf.httpStatus());
        assertEquals(blocking.apiError(), nf.apiError());
        // join() wraps the same exception in a CompletionException.
        Throwable joined = assertThrows(java.util.concurrent.CompletionException.class,
                () -> client.payments().getAsync(999_999_999L).join()).getCause();
        assertInstanceOf(NotFoundException.class, joined);
    }

    @Test
    void badInputFailsTheFutureWithTheBlockingException(Client client) {
        assertInstanceOf(InvalidArgumentException.class, failure(client.payments().getAsync(null)));
        assertInstanceOf(InvalidArgumentException.class,
                failure(client.callAsync("no.such_operation", Map.of())));
        assertInstanceOf(JsonException.class,
                failure(client.callAsync("payments.create", Map.of(), "{not json")));
    }

    @Test
    void hundredConcurrentCallsShareOneNativeThread(Sandbox sandbox) throws Exception {
        try (Client client = sandbox.client()) {
            Object id = Fixtures.pay(client, "3.00").get("id");
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            int before = threads.getThreadCount();
            List<CompletableFuture<Result>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                futures.add(client.payments().getAsync(id));
            }
            int during = threads.getThreadCount();
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
            int after = threads.getThreadCount();
            for (CompletableFuture<Result> f : futures) {
                assertEquals(id, f.get().get("id"));
            }
            // The one native thread of the client, attached to the JVM once.
            assertTrue(during - before <= 1, "threads before " + before + ", during " + during);
            assertTrue(after - before <= 1, "threads before " + before + ", after " + after);
            long named = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("mercadopago-async")).count();
            assertTrue(named >= 1, "the client's native thread is attached to the JVM");
            assertEquals(0, client.asyncInFlight.get());
        }
    }

    @Test
    void retriesThroughServerErrors(Client client, Sandbox sandbox) throws Exception {
        sandbox.armFaults("GET", "/users/me", List.of("503", "503", "ok"));
        Result r = client.users().getAsync().get(30, TimeUnit.SECONDS);
        assertEquals(3, r.attempts());
        assertEquals(1234567L, r.get("id"));
        // Retries off for one call: the 503 itself, as the blocking call raises it.
        sandbox.armFaults("GET", "/users/me", List.of("503"));
        ServerException se = assertInstanceOf(ServerException.class, failure(
                client.users().getAsync(null, RequestOptions.builder().maxRetries(0).build())));
        assertEquals(503, se.httpStatus());
        assertEquals(1, se.attempts());
    }

    @Test
    void idempotencyKeyKeptThroughRetriesAndRepeats(Client client, Sandbox sandbox) throws Exception {
        String key = "async-" + UUID.randomUUID();
        Map<String, Object> body = Fixtures.payment(Fixtures.cardToken(client, "APRO"), "7.00");
        sandbox.armFaults("POST", "/v1/payments", List.of("503", "ok"));
        Result first = client.payments().createAsync(body, RequestOptions.idempotencyKey(key))
                .get(30, TimeUnit.SECONDS);
        assertEquals(2, first.attempts());
        assertEquals(key, first.idempotencyKey());
        Result again = client.payments().createAsync(body, RequestOptions.idempotencyKey(key))
                .get(30, TimeUnit.SECONDS);
        assertEquals(first.get("id"), again.get("id"), "the same key: the same payment");
        // Without a key, each write gets one of its own, kept by its retries.
        sandbox.armFaults("POST", "/v1/payments", List.of("503", "ok"));
        Result fresh = client.payments().createAsync(
                Fixtures.payment(Fixtures.cardToken(client, "APRO"), "7.00")).get(30, TimeUnit.SECONDS);
        assertEquals(2, fresh.attempts());
        assertFalse(fresh.idempotencyKey().isEmpty());
        assertNotEquals(first.get("id"), fresh.get("id"));
    }

    @Test
    void cancelClosesAStalledCall(Sandbox sandbox) throws Exception {
        try (Client client = sandbox.client()) {
            sandbox.armFaults("GET", "/v1/payment_methods", List.of("stall"));
            CompletableFuture<Result> f = client.paymentMethods().listAsync();
            assertThrows(java.util.concurrent.TimeoutException.class, () -> f.get(500, TimeUnit.MILLISECONDS));
            assertEquals(1, client.asyncInFlight.get());
            long t0 = System.nanoTime();
            assertTrue(f.cancel(true));
            assertThrows(CancellationException.class, f::join);
            assertTrue(f.isCancelled());
            // The library's own completion (MP_ERR_CANCELED) follows once the
            // transfer is closed: well before the stall timeout (20 s) would end it.
            while (client.asyncInFlight.get() != 0) {
                assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10),
                        "the canceled call's transfer was not closed");
                Thread.sleep(5);
            }
            System.out.printf("  canceled call closed after %.1f ms%n", (System.nanoTime() - t0) / 1e6);
            // The client goes on: the next call is answered.
            assertFalse(client.paymentMethods().listAsync().get(30, TimeUnit.SECONDS).list().isEmpty());
        }
    }

    @Test
    void completionsRunOnTheGivenExecutor(Sandbox sandbox) throws Exception {
        AtomicInteger made = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "test-executor-" + made.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try (Client withPool = sandbox.clientBuilder().asyncExecutor(pool).build();
             Client plain = sandbox.client()) {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            List<CompletableFuture<String>> stages = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                // A delay, so that the stage is attached before the answer comes.
                sandbox.armFaults("GET", "/users/me", List.of("delay:300"));
                stages.add(withPool.users().getAsync().thenApply(r -> {
                    seen.add(Thread.currentThread().getName());
                    return Thread.currentThread().getName();
                }));
            }
            for (CompletableFuture<String> s : stages) {
                assertTrue(s.get(30, TimeUnit.SECONDS).startsWith("test-executor-"), s.get());
            }
            assertFalse(seen.isEmpty());
            // Without an executor: the client's native thread.
            sandbox.armFaults("GET", "/users/me", List.of("delay:300"));
            assertEquals("mercadopago-async", plain.users().getAsync()
                    .thenApply(r -> Thread.currentThread().getName()).get(30, TimeUnit.SECONDS));
            // Where a client cannot be closed: on its own native thread.
            sandbox.armFaults("GET", "/users/me", List.of("delay:300"));
            assertInstanceOf(IllegalStateException.class, plain.users().getAsync()
                    .thenApply(r -> {
                        plain.close();
                        return r;
                    }).handle((r, e) -> e.getCause()).get(30, TimeUnit.SECONDS));
            assertEquals(1234567L, plain.users().get().get("id"), "still open");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingCompletesTheCallsInFlightWithCanceled(Sandbox sandbox) throws Exception {
        Client client = sandbox.client();
        sandbox.armFaults("GET", "/v1/identification_types", List.of("stall", "stall", "stall"));
        List<CompletableFuture<Result>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            futures.add(client.identificationTypes().listAsync());
        }
        assertThrows(java.util.concurrent.TimeoutException.class,
                () -> futures.get(0).get(300, TimeUnit.MILLISECONDS));
        client.close(); // the completions run before it returns
        for (CompletableFuture<Result> f : futures) {
            assertTrue(f.isDone());
            CanceledException c = assertInstanceOf(CanceledException.class, failure(f));
            assertEquals(CanceledException.STATUS, c.status());
        }
        // A call on the closed client fails as the blocking one does.
        assertInstanceOf(IllegalStateException.class, failure(client.users().getAsync()));
        assertThrows(IllegalStateException.class, () -> client.users().get());
    }

    @Test
    void warmOpensConnectionsAhead(Sandbox sandbox) throws Exception {
        try (Client client = sandbox.clientBuilder().persistent(false).maxIdleConnections(8).build()) {
            // Two for the blocking calls and two for the asynchronous ones.
            assertEquals(4, client.warm(2));
            assertEquals(1234567L, client.users().getAsync().get(30, TimeUnit.SECONDS).get("id"));
        }
    }
}
