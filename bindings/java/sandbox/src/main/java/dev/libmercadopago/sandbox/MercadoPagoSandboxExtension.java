package dev.libmercadopago.sandbox;

import dev.libmercadopago.Client;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension for your own tests: one HTTPS {@link Sandbox} per test
 * class, and a {@link Client} for it, injected as parameters of test methods,
 * constructors or lifecycle methods. Both are closed after the class. Faults
 * armed by a test are cleared after it.
 *
 * <pre>{@code
 * @ExtendWith(MercadoPagoSandboxExtension.class)
 * class CheckoutTest {
 *     @Test void pays(Client client, Sandbox sandbox) { ... }
 * }
 * }</pre>
 *
 * Needs junit-jupiter-api on the test classpath (a provided dependency of
 * this jar: your tests bring their own JUnit 5).
 */
public final class MercadoPagoSandboxExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NS =
            ExtensionContext.Namespace.create(MercadoPagoSandboxExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        Class<?> t = p.getParameter().getType();
        return t == Sandbox.class || t == Client.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == Sandbox.class ? sandbox(c) : client(c);
    }

    @Override
    public void afterEach(ExtensionContext c) {
        Stored s = classStore(c).get("sandbox", Stored.class);
        if (s != null) {
            ((Sandbox) s.value).clearFaults();
        }
    }

    /* The store of the class (or the root for per-class lifecycles): lives as long as it. */
    private static ExtensionContext.Store classStore(ExtensionContext c) {
        ExtensionContext at = c;
        while (at.getTestMethod().isPresent() && at.getParent().isPresent()) {
            at = at.getParent().get();
        }
        return at.getStore(NS);
    }

    private static Sandbox sandbox(ExtensionContext c) {
        return (Sandbox) classStore(c)
                .getOrComputeIfAbsent("sandbox", k -> new Stored(Sandbox.start()), Stored.class).value;
    }

    private static Client client(ExtensionContext c) {
        Sandbox sb = sandbox(c);
        return (Client) classStore(c)
                .getOrComputeIfAbsent("client", k -> new Stored(sb.client()), Stored.class).value;
    }

    /* Closed by JUnit when its store goes away. */
    private static final class Stored implements ExtensionContext.Store.CloseableResource {
        final AutoCloseable value;

        Stored(AutoCloseable value) {
            this.value = value;
        }

        @Override
        public void close() throws Exception {
            value.close();
        }
    }
}
