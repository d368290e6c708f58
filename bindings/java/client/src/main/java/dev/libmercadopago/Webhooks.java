package dev.libmercadopago;

import dev.libmercadopago.internal.MpNative;
import dev.libmercadopago.internal.WebhookVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Verification of Mercado Pago webhook notifications: the x-signature header
 * against "id:&lt;data.id&gt;;request-id:&lt;x-request-id&gt;;ts:&lt;ts&gt;;" with
 * HMAC-SHA256 under each secret (several during a rotation), in constant time,
 * by libmercadopago.
 */
public final class Webhooks {
    private Webhooks() {}

    /**
     * Throws SignatureException (with {@link SignatureException#reason()})
     * unless the notification verifies within the default 300 s window.
     * dataId is the "data.id" query parameter exactly as received.
     */
    public static void verify(String xSignature, String xRequestId, String dataId, String secret) {
        verify(xSignature, xRequestId, dataId, List.of(nonNull(secret)), null, null);
    }

    /**
     * As above with several secrets; tolerance null for 300 s, negative for no
     * limit; now null for the current time.
     */
    public static void verify(String xSignature, String xRequestId, String dataId,
                              Collection<String> secrets, Duration tolerance, Instant now) {
        String reason = check(xSignature, xRequestId, dataId, secrets, tolerance, now);
        if (!reason.equals("ok")) {
            throw new SignatureException("webhook signature does not verify: " + reason, reason);
        }
    }

    /** The outcome as a name: "ok", "mismatch", "out_of_tolerance", "missing_header"... */
    public static String check(String xSignature, String xRequestId, String dataId,
                               Collection<String> secrets, Duration tolerance, Instant now) {
        if (secrets == null || secrets.isEmpty()) {
            throw new InvalidArgumentException("at least one webhook secret is needed");
        }
        NativeLoader.load();
        WebhookVerifier v = new WebhookVerifier();
        try {
            for (String s : secrets) {
                Calls.run(() -> v.add_secret(nonNull(s)));
            }
            int tol = tolerance == null ? 0
                    : tolerance.isNegative() ? -1 : (int) Math.max(1, tolerance.toSeconds());
            long at = now == null ? 0 : now.getEpochSecond();
            int result = Calls.run(() -> v.verify(xSignature, xRequestId, dataId, tol, at));
            return MpNative.webhook_result_name(result);
        } finally {
            v.delete();
        }
    }

    /** Verifies from a request's headers (any case) and its data.id query parameter. */
    public static void verifyRequest(Map<String, String> headers, String dataId, String secret) {
        String sig = null;
        String rid = null;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if ("x-signature".equalsIgnoreCase(h.getKey())) {
                sig = h.getValue();
            } else if ("x-request-id".equalsIgnoreCase(h.getKey())) {
                rid = h.getValue();
            }
        }
        verify(sig, rid, dataId, secret);
    }

    private static String nonNull(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new InvalidArgumentException("a webhook secret must not be empty");
        }
        return secret;
    }
}
