package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.libmercadopago.sandbox.MercadoPagoSandboxExtension;
import dev.libmercadopago.sandbox.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MercadoPagoSandboxExtension.class)
class PagingBatchTest {
    @Test
    void searchWalksSeveralPagesLazily(Client client, Sandbox sandbox) {
        String ref = "paging-" + UUID.randomUUID();
        List<Object> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Map<String, Object> body = Fixtures.payment(Fixtures.cardToken(client, "APRO"), String.valueOf(10 + i));
            body.put("external_reference", ref);
            created.add(client.payments().create(body).get("id"));
        }
        Paged paged = client.payments().search(Map.of("external_reference", ref)).pageSize(3);

        long before = sandbox.requestCount();
        var it = paged.iterator();
        assertTrue(it.hasNext());
        assertEquals(1, sandbox.requestCount() - before, "one page fetched for the first item");
        List<Object> seen = new ArrayList<>();
        it.forEachRemaining(p -> seen.add(p.get("id")));
        assertEquals(created, seen, "every item once, in id order, across pages");
        assertEquals(3, sandbox.requestCount() - before, "7 items in pages of 3");
        assertEquals(7, paged.total());

        int pages = 0;
        int items = 0;
        for (Result page : paged.pages()) {
            pages++;
            items += ((List<?>) page.get("results")).size();
        }
        assertEquals(3, pages);
        assertEquals(7, items);
    }

    @Test
    void emptySearch(Client client) {
        Paged none = client.payments().search(Map.of("external_reference", "none-" + UUID.randomUUID()));
        assertFalse(none.iterator().hasNext());
        assertEquals(0, none.total());
    }

    @Test
    void batchKeepsEachOutcome(Client client) {
        Result paid = Fixtures.pay(client, "42");
        Batch batch = client.batch();
        assertEquals(0, batch.add("payments.get", Map.of("id", paid.get("id"))));
        assertEquals(1, batch.add("payments.get", Map.of("id", 1)));
        assertEquals(2, batch.add("users.get", Map.of()));
        for (int i = 0; i < 5; i++) {
            batch.add("payments.get", Map.of("id", paid.get("id")));
        }
        assertEquals(8, batch.size());
        List<Batch.Outcome> out = batch.run(4);
        assertEquals(8, out.size());
        assertEquals(paid.get("id"), out.get(0).result().get("id"));
        assertFalse(out.get(1).ok());
        assertInstanceOf(NotFoundException.class, out.get(1).error());
        assertThrows(NotFoundException.class, () -> out.get(1).result());
        assertEquals(1234567L, out.get(2).result().get("id"));
        for (int i = 3; i < 8; i++) {
            assertEquals(paid.get("id"), out.get(i).result().get("id"));
        }
        assertThrows(IllegalStateException.class, batch::run, "a batch runs once");
    }
}
