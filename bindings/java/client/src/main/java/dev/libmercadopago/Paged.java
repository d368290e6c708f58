package dev.libmercadopago;

import dev.libmercadopago.internal.Pager;
import dev.libmercadopago.internal.Response;
import dev.libmercadopago.types.Shapes;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The items of a search or list operation across all its pages, fetched
 * lazily (a page at a time) as the iteration goes. Each {@link #iterator()} or
 * {@link #pages()} walk starts from the first page again. A walk is not
 * thread-safe; the Paged itself may be shared.
 */
public final class Paged implements Iterable<Map<String, Object>> {
    private final Client client;
    private final Operation op;
    private final Map<String, ?> pathParams;
    private final Map<String, ?> query;
    private final RequestOptions options;
    private final int pageSize;
    private volatile long total = -1;
    private volatile boolean walked;

    Paged(Client client, Operation op, Map<String, ?> pathParams, Map<String, ?> query,
          RequestOptions options, int pageSize) {
        this.client = client;
        this.op = op;
        this.pathParams = pathParams;
        this.query = query;
        this.options = options;
        this.pageSize = pageSize;
    }

    /** The same search with that many items per page (0: the query's limit, or 50). */
    public Paged pageSize(int size) {
        if (size < 0) {
            throw new InvalidArgumentException("the page size must not be negative");
        }
        return new Paged(client, op, pathParams, query, options, size);
    }

    /** Walks item by item (each a Map), fetching pages as needed. */
    @Override
    public Iterator<Map<String, Object>> iterator() {
        Pager pager = client.pager(op, pathParams, query, options, pageSize);
        return new Walk<>(pager) {
            @Override
            @SuppressWarnings("unchecked")
            Map<String, Object> fetch() {
                byte[] json = client.guard(() -> pager.next_item());
                return json == null ? null : (Map<String, Object>) Json.read(json);
            }
        };
    }

    /**
     * Walks item by item as a view of dev.libmercadopago.types
     * ({@code client.payments().search(query).as(Payment.class)}), fetching
     * pages as needed; InvalidArgumentException at once for another class.
     */
    public <T> Iterable<T> as(Class<T> type) {
        if (type == null || !Shapes.views().contains(type)) {
            throw new InvalidArgumentException((type == null ? "null" : type.getName())
                    + " is not a view of dev.libmercadopago.types");
        }
        return () -> {
            Iterator<Map<String, Object>> items = iterator();
            return new Iterator<T>() {
                @Override
                public boolean hasNext() {
                    return items.hasNext();
                }

                @Override
                public T next() {
                    return Shapes.read(type, items.next());
                }
            };
        };
    }

    /** Walks page by page: each page is the Result of one call. */
    public Iterable<Result> pages() {
        return () -> {
            Pager pager = client.pager(op, pathParams, query, options, pageSize);
            return new Walk<>(pager) {
                @Override
                Result fetch() {
                    Response page = client.guard(() -> pager.next_page());
                    return page == null ? null : new Result(page);
                }
            };
        };
    }

    /**
     * The server's total count as of the last page fetched by a walk (-1 when
     * it does not say); before any walk, fetches the first page to learn it.
     */
    public long total() {
        if (!walked) {
            Iterator<Result> it = pages().iterator();
            if (it.hasNext()) {
                it.next();
            }
        }
        return total;
    }

    /** One walk over a native pager: fetch() returns null at the end. */
    private abstract class Walk<T> implements Iterator<T> {
        private final Pager pager;
        private T next;
        private boolean done;

        Walk(Pager pager) {
            this.pager = pager;
        }

        abstract T fetch();

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = fetch();
                walked = true;
                total = pager.total();
                if (next == null) {
                    done = true;
                    pager.delete(); // the end: free it now rather than at GC
                }
            }
            return next != null;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T out = next;
            next = null;
            return out;
        }
    }
}
