package dev.libmercadopago.internal;

import java.nio.charset.StandardCharsets;

/**
 * Text across JNI: standard UTF-8 bytes, converted here rather than by JNI's
 * NewStringUTF/GetStringUTFChars, which speak modified UTF-8 and corrupt
 * characters outside the BMP (emoji). Used by the SWIG proxies.
 */
public final class Utf8 {
    private Utf8() {}

    public static byte[] encode(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    public static String decode(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
