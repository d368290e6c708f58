package dev.libmercadopago;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;

/**
 * Run in a fresh JVM by ClientOnlyTest and ClientJarIT, with the client (its
 * classes or its jar), Jackson and these tests on the class path, and nothing
 * of the sandbox: makes a real client call (payments.get, over plain HTTP to a
 * JDK HttpServer on loopback playing the API), then prints "call <status>",
 * whether the sandbox's classes can be found, and every file this process has
 * mapped whose path names "mercadopago" or "sandbox" (/proc/self/maps).
 */
public final class ClientOnlyProbe {
    private ClientOnlyProbe() {}

    public static void main(String[] args) throws IOException {
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", exchange -> {
            byte[] body = "{\"id\":123,\"status\":\"approved\",\"transaction_amount\":10.5}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Request-Id", "probe-1");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/v1/payments/123") ? 200 : 404,
                    body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        api.start();
        try (Client client = Client.builder().accessToken("TEST-client-only-probe-1234567")
                .baseUrl("http://127.0.0.1:" + api.getAddress().getPort()).build()) {
            Result r = client.payments().get(123);
            System.out.println("call " + r.get("status") + " " + r.requestId());
        } catch (Throwable t) {
            System.err.println(t);
            System.exit(3);
        } finally {
            api.stop(0);
        }
        try {
            Class.forName("dev.libmercadopago.sandbox.Sandbox");
            System.out.println("sandbox classes: present");
        } catch (ClassNotFoundException e) {
            System.out.println("sandbox classes: absent");
        }
        TreeSet<String> mapped = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            int slash = line.indexOf('/');
            String file = slash < 0 ? "" : line.substring(slash);
            if (file.contains("mercadopago") || file.contains("sandbox")) {
                mapped.add(file);
            }
        }
        mapped.forEach(f -> System.out.println("mapped " + f));
    }
}
