package sandboxtest;

import com.mercadopago.MercadoPagoConfig;
import com.mercadopago.client.cardtoken.CardTokenClient;
import com.mercadopago.client.cardtoken.CardTokenRequest;
import com.mercadopago.client.customer.CustomerCardClient;
import com.mercadopago.client.customer.CustomerCardCreateRequest;
import com.mercadopago.client.customer.CustomerClient;
import com.mercadopago.client.customer.CustomerRequest;
import com.mercadopago.client.payment.PaymentClient;
import com.mercadopago.client.payment.PaymentCreateRequest;
import com.mercadopago.client.payment.PaymentPayerRequest;
import com.mercadopago.client.payment.PaymentRefundClient;
import com.mercadopago.exceptions.MPApiException;
import com.mercadopago.exceptions.MPException;
import com.mercadopago.net.MPDefaultHttpClient;
import com.mercadopago.net.MPRequest;
import com.mercadopago.net.MPResponse;
import com.mercadopago.resources.CardToken;
import com.mercadopago.resources.customer.Customer;
import com.mercadopago.resources.customer.CustomerCard;
import com.mercadopago.resources.payment.Payment;
import com.mercadopago.resources.payment.PaymentRefund;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Objects;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One card payment through the official sdk-java 3.2.1, unmodified, against mp-sandbox, with
 * Brazil's documented Mastercard test card (5031 4332 1540 6351, cardholder APRO).
 *
 * <pre>
 *   java sandboxtest.OfficialSdkPayment                  the SDK as shipped: its fixed
 *        https://api.mercadopago.com, trusted through -Djavax.net.ssl.trustStore (run.sh runs
 *        it where that name resolves to the sandbox)
 *   java sandboxtest.OfficialSdkPayment --url URL --ca CA   the SDK's own seam instead:
 *        MercadoPagoConfig.setHttpClient(new SandboxHttpClient(URL, CA))
 * </pre>
 *
 * The SDK tokenizes saved cards only (card id + security code): raw card data is tokenized by
 * the buyer's browser (MercadoPago.js) with the public key. So the card's first token is made
 * the browser's way, a plain HTTPS POST of /v1/card_tokens?public_key=..., then saved to a
 * customer, and the SDK's CardTokenClient makes the token the payment uses. Exit status 0 when
 * every check passed.
 */
public final class OfficialSdkPayment {
    static final String TOKEN = "TEST-FAKE-ACCESS-TOKEN-FOR-TESTS-1234567";
    static final String PUBLIC_KEY = "TEST-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0-1234567";
    static int failures = 0;

    static boolean check(String what, boolean ok, Object detail) {
        System.out.println((ok ? "ok   " : "FAIL ") + what + (ok ? "" : "  " + detail));
        if (!ok) failures++;
        return ok;
    }

    /** An SSLContext trusting only the CA in this PEM file. */
    static SSLContext trusting(Path caPem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(caPem))) {
            store.setCertificateEntry("mp-sandbox", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    /**
     * The README's snippet: the SDK's own client (its Apache HttpClient 4 setup, trusting the
     * sandbox's CA) with the fixed https://api.mercadopago.com prefix of every request replaced.
     */
    static final class SandboxHttpClient extends MPDefaultHttpClient {
        private final String baseUrl;

        SandboxHttpClient(String baseUrl, SSLContext ssl) {
            super(org.apache.http.impl.client.HttpClients.custom()
                    .setSSLContext(ssl)
                    .disableCookieManagement()
                    .disableRedirectHandling()
                    .build());
            this.baseUrl = baseUrl;
        }

        @Override
        public MPResponse send(MPRequest r) throws MPException, MPApiException {
            String uri = r.getUri();
            if (uri.startsWith(MercadoPagoConfig.BASE_URL)) {
                uri = baseUrl + uri.substring(MercadoPagoConfig.BASE_URL.length());
            }
            return super.send(MPRequest.builder().uri(uri).method(r.getMethod()).headers(r.getHeaders())
                    .payload(r.getPayload()).queryParams(r.getQueryParams()).accessToken(r.getAccessToken())
                    .connectionTimeout(r.getConnectionTimeout())
                    .connectionRequestTimeout(r.getConnectionRequestTimeout())
                    .socketTimeout(r.getSocketTimeout()).build());
        }
    }

    /** What MercadoPago.js does in the buyer's browser: the raw card, with the public key. */
    static String browserCardToken(String baseUrl, SSLContext ssl) throws Exception {
        String body = "{\"card_number\":\"5031433215406351\",\"expiration_month\":11,"
                + "\"expiration_year\":2030,\"security_code\":\"123\",\"cardholder\":{\"name\":\"APRO\","
                + "\"identification\":{\"type\":\"CPF\",\"number\":\"12345678909\"}}}";
        HttpsURLConnection c = (HttpsURLConnection) new URL(baseUrl + "/v1/card_tokens?public_key=" + PUBLIC_KEY)
                .openConnection();
        if (ssl != null) c.setSSLSocketFactory(ssl.getSocketFactory());
        c.setRequestMethod("POST");
        c.setRequestProperty("Content-Type", "application/json");
        c.setDoOutput(true);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        int status = c.getResponseCode();
        String answer = new String((status < 400 ? c.getInputStream() : c.getErrorStream()).readAllBytes(),
                StandardCharsets.UTF_8);
        if (!check("browser-side POST /v1/card_tokens -> 201", status == 201, status + " " + answer)) return null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":\"([^\"]+)\"").matcher(answer);
        return m.find() ? m.group(1) : null;
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        Path ca = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--url")) url = args[i + 1];
            else if (args[i].equals("--ca")) ca = Path.of(args[i + 1]);
        }
        SSLContext ssl = null;
        String base = MercadoPagoConfig.BASE_URL;
        if (url != null) {
            ssl = trusting(Objects.requireNonNull(ca, "--url needs --ca"));
            MercadoPagoConfig.setHttpClient(new SandboxHttpClient(url, ssl));
            base = url;
            System.out.println("sdk-java " + MercadoPagoConfig.CURRENT_VERSION
                    + ": MercadoPagoConfig.setHttpClient(new SandboxHttpClient(" + url + ", CA))");
        } else {
            System.out.println("sdk-java " + MercadoPagoConfig.CURRENT_VERSION + " as shipped, to "
                    + MercadoPagoConfig.BASE_URL + " (trust store " + System.getProperty("javax.net.ssl.trustStore") + ")");
        }
        MercadoPagoConfig.setAccessToken(TOKEN);
        try {
            run(base, ssl);
        } catch (MPApiException e) {
            check("no API error", false, e.getApiResponse().getStatusCode() + " " + e.getApiResponse().getContent());
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    static void run(String base, SSLContext ssl) throws Exception {
        String browserToken = browserCardToken(base, ssl);
        if (browserToken == null) return;

        Customer customer = new CustomerClient().create(CustomerRequest.builder()
                .email("test_payer_" + System.nanoTime() + "@testuser.com").build());
        check("CustomerClient.create", customer.getId() != null, customer.getResponse().getContent());
        CustomerCard card = new CustomerCardClient().create(customer.getId(),
                CustomerCardCreateRequest.builder().token(browserToken).build());
        check("CustomerCardClient.create saves the card", card.getId() != null, card.getResponse().getContent());

        CardToken token = new CardTokenClient().create(CardTokenRequest.builder()
                .customerId(customer.getId()).cardId(card.getId()).securityCode("123").build());
        check("CardTokenClient.create (saved card + security code)", token.getId() != null,
                token.getResponse().getContent());

        PaymentClient payments = new PaymentClient();
        Payment payment = payments.create(PaymentCreateRequest.builder()
                .transactionAmount(new BigDecimal("100"))
                .token(token.getId())
                .description("official sdk-java against mp-sandbox")
                .installments(1)
                .paymentMethodId("master")
                .payer(PaymentPayerRequest.builder().type("customer").id(customer.getId()).build())
                .build());
        check("PaymentClient.create: approved/accredited",
                "approved".equals(payment.getStatus()) && "accredited".equals(payment.getStatusDetail()),
                payment.getResponse().getContent());

        Payment got = payments.get(payment.getId());
        check("PaymentClient.get: the same payment", payment.getId().equals(got.getId()), got.getResponse().getContent());

        PaymentRefund refund = new PaymentRefundClient().refund(payment.getId());
        check("PaymentRefundClient.refund: the whole amount",
                refund.getAmount() != null && refund.getAmount().compareTo(new BigDecimal("100")) == 0,
                refund.getResponse().getContent());

        check("the payment is refunded", "refunded".equals(payments.get(payment.getId()).getStatus()), "");
    }
}
