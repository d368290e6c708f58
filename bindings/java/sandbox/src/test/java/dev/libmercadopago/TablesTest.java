package dev.libmercadopago;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.libmercadopago.internal.MpNative;
import dev.libmercadopago.sandbox.MercadoPagoSandboxExtension;
import dev.libmercadopago.sandbox.Sandbox;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The generated surface held against the loaded library's own tables
 * (mp_option_*, mp_error_class_*): a row the generator missed, or a stale
 * generated file, fails here as well as in generate.py --check.
 */
@ExtendWith(MercadoPagoSandboxExtension.class)
class TablesTest {
    record Option(String name, int type, int arity, int scope) {}

    static List<Option> options() {
        NativeLoader.load();
        List<Option> out = new ArrayList<>();
        for (long i = 0; i < MpNative.option_count(); i++) {
            out.add(new Option(MpNative.option_name(i), MpNative.option_type(i), MpNative.option_arity(i),
                    MpNative.option_scope(i)));
        }
        return out;
    }

    static String camel(String name) {
        StringBuilder b = new StringBuilder();
        for (String part : name.split("_")) {
            b.append(b.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return b.toString();
    }

    /** The setter an option of the table must have on a builder. */
    static Method setter(Class<?> builder, Option o) throws NoSuchMethodException {
        if (o.type() == MpNative.OPTION_HEADERS) { // one "Name: value" per call: the singular
            return builder.getMethod(camel(o.name()).replaceAll("s$", ""), String.class, String.class);
        }
        Class<?> t = o.type() == MpNative.OPTION_STRING ? String.class
                : o.type() == MpNative.OPTION_INT ? int.class
                : o.type() == MpNative.OPTION_SECONDS ? Duration.class
                : o.type() == MpNative.OPTION_BOOL ? boolean.class : null;
        assertNotNull(t, o + ": a type the generator does not know");
        Class<?>[] params = new Class<?>[o.arity()];
        Arrays.fill(params, t);
        return builder.getMethod(camel(o.name()), params);
    }

    @Test
    void everyClientOptionHasABuilderSetter() throws Exception {
        int n = 0;
        for (Option o : options()) {
            if ((o.scope() & MpNative.OPTION_CLIENT) != 0) {
                Method m = setter(Client.Builder.class, o);
                assertTrue(m.getReturnType().isAssignableFrom(Client.Builder.class), m.toString());
                n++;
            }
        }
        assertTrue(n >= 16, "the client options of the table: " + n);
        // The hand-written ones stay beside them.
        Client.Builder.class.getMethod("caFile", java.nio.file.Path.class);
        Client.Builder.class.getMethod("logLevel", System.Logger.Level.class);
    }

    @Test
    void everyPerCallOptionHasARequestOptionsSetter() throws Exception {
        for (Option o : options()) {
            if ((o.scope() & (MpNative.OPTION_CALL | MpNative.OPTION_PAGES)) != 0) {
                setter(RequestOptions.Builder.class, o);
            }
        }
    }

    /** A value of the option's Java type that the library refuses, null when its type has none. */
    static Object[] badValues(Option o) {
        Object bad = o.type() == MpNative.OPTION_SECONDS ? Duration.ofSeconds(-1)
                : o.type() == MpNative.OPTION_INT ? (Object) (-1) : null;
        if (bad == null) {
            return null;
        }
        Object[] values = new Object[o.arity()];
        Arrays.fill(values, bad);
        return values;
    }

    @Test
    void aBadValueNamesItsOption() throws Exception {
        int n = 0;
        for (Option o : options()) {
            Object[] bad = badValues(o);
            if ((o.scope() & MpNative.OPTION_CLIENT) == 0 || bad == null) {
                continue; // a String or boolean of Java is no bad value by its type
            }
            Client.Builder b = Client.builder().accessToken(Sandbox.TEST_TOKEN);
            setter(Client.Builder.class, o).invoke(b, bad);
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, b::build, o.name());
            assertTrue(e.getMessage().contains("'" + o.name() + "'"), e.getMessage());
            n++;
        }
        assertTrue(n >= 6, "options tried: " + n);
    }

    @Test
    void aBadPerCallValueNamesItsOption(Client client) throws Exception {
        for (Option o : options()) {
            Object[] bad = badValues(o);
            if ((o.scope() & MpNative.OPTION_CALL) == 0 || bad == null) {
                continue;
            }
            RequestOptions.Builder b = RequestOptions.builder();
            setter(RequestOptions.Builder.class, o).invoke(b, bad);
            RequestOptions opts = b.build();
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> client.users().get(null, opts), o.name());
            assertTrue(e.getMessage().contains("'" + o.name() + "'"), e.getMessage());
        }
        // Read by the pager: refused when the walk starts.
        RequestOptions zero = RequestOptions.builder().pageSize(0).build();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> client.payments().search(Map.of(), zero).iterator());
        assertTrue(e.getMessage().contains("'page_size'"), e.getMessage());
    }

    @Test
    void valuesBecomeTheOptionsText() {
        assertEquals("1.5", OptionValues.text(Duration.ofMillis(1500)));
        assertEquals("0.3", OptionValues.text(Duration.ofMillis(300)));
        assertEquals("60", OptionValues.text(Duration.ofMinutes(1)));
        assertEquals("-1", OptionValues.text(Duration.ofSeconds(-1)));
        assertEquals("-0.5", OptionValues.text(Duration.ofMillis(-500)));
        assertEquals("0.5,5,30", OptionValues.text(Duration.ofMillis(500), Duration.ofSeconds(5),
                Duration.ofSeconds(30)));
        assertEquals("true", OptionValues.text(true));
        assertEquals("7", OptionValues.text(7));
        assertNull(OptionValues.text((Object) null));
        assertEquals("X-A: b", OptionValues.header("headers", "X-A", "b"));
    }

    @Test
    void theSettersSetTheLibrarysOptions(Sandbox sandbox) {
        // Each client option in use: the client works, every value accepted by the library.
        try (Client c = sandbox.clientBuilder().timeout(Duration.ofSeconds(30))
                .connectTimeout(Duration.ofMillis(2500)).stallTimeout(Duration.ofSeconds(10))
                .maxRetries(1).retryDelays(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(2))
                .proxy("").proxyFromEnvironment(false).maxResponseBytes(1 << 20)
                .userAgentSuffix("tables-test/1").platformId("p").integratorId("i").corporationId("c")
                .baseUrl(null).baseUrl(sandbox.url()).build()) {
            assertEquals(200, c.users().get().httpStatus());
            assertEquals(sandbox.url(), c.baseUrl());
        }
        // The page size as a per-call option, read by the pager.
        try (Client c = sandbox.client()) {
            for (int i = 0; i < 3; i++) {
                Fixtures.pay(c, "1." + i);
            }
            int pages = 0;
            for (Result page : c.payments().search(Map.of(), RequestOptions.builder().pageSize(1).build())
                    .pages()) {
                assertEquals(1, ((List<?>) page.get("results")).size(), page.toString());
                if (++pages == 2) {
                    break;
                }
            }
            assertEquals(2, pages);
        }
    }

    @Test
    void theExceptionHierarchyIsTheTables() throws Exception {
        NativeLoader.load();
        long n = MpNative.error_class_count();
        assertTrue(n >= 17);
        for (long i = 0; i < n; i++) {
            String name = MpNative.error_class_name(i);
            String parent = MpNative.error_class_parent(i);
            Class<?> k = Class.forName("dev.libmercadopago." + name + "Exception");
            Class<?> p = parent.isEmpty() ? MercadoPagoException.class
                    : Class.forName("dev.libmercadopago." + parent + "Exception");
            assertSame(p, k.getSuperclass(), name);
            int status = MpNative.error_class_status(i);
            if (status != 0) {
                assertEquals(status, k.getField("STATUS").getInt(null), name);
            } else {
                assertThrows(NoSuchFieldException.class, () -> k.getDeclaredField("STATUS"), name);
            }
        }
    }

    @Test
    void aFailureGetsTheClassOfItsStatus(Sandbox sandbox) {
        // The status -> class map of Errors.java, through real failures of each kind the sandbox makes.
        Map<String, Class<? extends MercadoPagoException>> expected = Map.of(
                "404", NotFoundException.class, "409", ConflictException.class,
                "422", ValidationException.class, "429:0", RateLimitException.class,
                "500", ServerException.class, "401", AuthenticationException.class);
        try (Client c = sandbox.clientBuilder().maxRetries(0).build()) {
            for (Map.Entry<String, Class<? extends MercadoPagoException>> e : expected.entrySet()) {
                sandbox.armFaults("GET", "/users/me", List.of(e.getKey()));
                MercadoPagoException x = assertThrows(MercadoPagoException.class, () -> c.users().get());
                assertSame(e.getValue(), x.getClass(), e.getKey());
                assertEquals(MpNative.status_name(x.status()), x.statusName());
            }
        }
    }

    @Test
    void faultsAreArmedAndClearedOnTheSandboxItself(Sandbox sandbox) throws Exception {
        try (Client c = sandbox.clientBuilder().maxRetries(0).build()) {
            long before = sandbox.requestCount();
            sandbox.armFaults(null, "/users", List.of("503", "ok"));
            assertThrows(ServerException.class, () -> c.users().get());
            assertEquals(200, c.users().get().httpStatus());
            assertEquals(before + 2, sandbox.requestCount(), "no request to an admin route");
            sandbox.armFaults("get", "/users/me", List.of("reset_before"));
            sandbox.clearFaults();
            assertEquals(200, c.users().get().httpStatus());
            for (String bad : List.of("nope", "delay", "ok:1", "200", "delay:x", "")) {
                assertThrows(InvalidArgumentException.class,
                        () -> sandbox.armFaults(null, null, List.of(bad)), bad);
            }
            InvalidArgumentException path = assertThrows(InvalidArgumentException.class,
                    () -> sandbox.armFaults(null, "no-slash", List.of("503")));
            assertTrue(path.getMessage().startsWith("sandbox: "), path.getMessage());
            Object id = Fixtures.pay(c, "3.21").get("id");
            sandbox.reset();
            assertThrows(NotFoundException.class, () -> c.payments().get(id));
        }
    }
}
