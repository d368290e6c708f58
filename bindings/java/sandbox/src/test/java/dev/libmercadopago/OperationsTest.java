package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.libmercadopago.sandbox.MercadoPagoSandboxExtension;
import dev.libmercadopago.sandbox.Sandbox;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every operation of the library's table is a method of the generated resources, and reaches the server. */
@ExtendWith(MercadoPagoSandboxExtension.class)
class OperationsTest {
    private static final Set<String> RESERVED = Set.of("default", "new", "import", "package", "class",
            "interface", "switch", "case");

    static String camel(String snake, boolean upper) {
        StringBuilder b = new StringBuilder();
        boolean up = upper;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    @Test
    void everyOperationIsReachable(Client client, Sandbox sandbox) throws Exception {
        Map<String, Operation> all = Operation.all();
        assertTrue(all.size() > 50, "the table has " + all.size() + " operations");
        for (Operation op : all.values()) {
            String[] parts = op.name().split("\\.", 2);
            String accessor = camel(parts[0], false);
            if (RESERVED.contains(accessor)) {
                accessor += "_";
            }
            String action = camel(parts[1], false);
            if (RESERVED.contains(action)) {
                action += "_";
            }
            Object resource = ClientResources.class.getMethod(accessor).invoke(client);
            Class<?>[] types = new Class<?>[op.params().size() + 2];
            Arrays.fill(types, Object.class);
            types[types.length - 2] = Map.class;
            types[types.length - 1] = RequestOptions.class;
            Method m = resource.getClass().getMethod(action, types);
            assertEquals(op.pages() ? Paged.class : Result.class, m.getReturnType(), op.name());

            Object[] args = new Object[types.length];
            Arrays.fill(args, "1");
            args[args.length - 2] = null;
            args[args.length - 1] = RequestOptions.builder().maxRetries(0).build();
            long before = sandbox.requestCount();
            try {
                Object out = m.invoke(resource, args);
                if (out instanceof Paged p) {
                    p.iterator().hasNext();
                }
                assertNotNull(out);
            } catch (InvocationTargetException e) {
                if (!(e.getCause() instanceof ApiException api)) {
                    fail(op.name() + " failed before reaching the API", e.getCause());
                    return;
                }
                assertTrue(api.httpStatus() >= 400, op.name() + ": " + api.getMessage());
            } catch (ApiException api) {
                assertTrue(api.httpStatus() >= 400, op.name());
            }
            assertEquals(1, sandbox.requestCount() - before, op.name() + " sent one request");
        }
    }

    @Test
    void theTableDescribesEachOperation() {
        Operation get = Operation.named("payments.get");
        assertEquals("GET", get.method());
        assertEquals("/v1/payments/{id}", get.path());
        assertEquals(java.util.List.of("id"), get.params());
        assertTrue(Operation.named("payments.create").hasBody());
        assertTrue(Operation.named("payments.search").pages());
        assertTrue(Client.version().matches("\\d+\\.\\d+\\.\\d+.*"), Client.version());
        String url = Client.oauthAuthorizationUrl("app-1", "https://example.com/cb?x=ü", "st8");
        assertTrue(url.contains("client_id=app-1"), url);
        assertTrue(url.contains("state=st8"), url);
    }
}
