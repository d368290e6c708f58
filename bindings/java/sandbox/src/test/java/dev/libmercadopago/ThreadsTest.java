package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.libmercadopago.sandbox.MercadoPagoSandboxExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One client shared by many threads, as applications do. */
@ExtendWith(MercadoPagoSandboxExtension.class)
class ThreadsTest {
    @Test
    void eightThreadsShareOneClient(Client client) throws Exception {
        int threads = 8;
        int each = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Object>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    List<Object> ids = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        Result p = client.payments().create(
                                Fixtures.payment(Fixtures.cardToken(client, "APRO"), "1.50"));
                        assertEquals("approved", p.get("status"));
                        assertEquals(p.get("id"), client.payments().get(p.get("id")).get("id"));
                        ids.add(p.get("id"));
                    }
                    return ids;
                }));
            }
            Set<Object> all = new HashSet<>();
            int count = 0;
            for (Future<List<Object>> f : futures) {
                List<Object> ids = f.get();
                count += ids.size();
                all.addAll(ids);
            }
            assertEquals(threads * each, count);
            assertEquals(threads * each, all.size(), "no duplicate payments");
        } finally {
            pool.shutdownNow();
        }
    }
}
