package dev.libmercadopago;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.BiConsumer;

/**
 * The options set on a builder (the generated ClientOptions and CallOptions),
 * by name, as the text the library takes (capi/options.inc): it checks and
 * converts each value itself, and names the option when it refuses one.
 */
final class OptionValues {
    private final List<String[]> entries = new ArrayList<>();

    /** Sets an option (any earlier value goes); null text unsets it. */
    void set(String name, String text) {
        entries.removeIf(e -> e[0].equals(name));
        if (text != null) {
            entries.add(new String[] {name, text});
        }
    }

    /** Adds one more entry of a HEADERS option. */
    void add(String name, String text) {
        entries.add(new String[] {name, text});
    }

    /** The text an option was set to, null when unset. */
    String get(String name) {
        for (String[] e : entries) {
            if (e[0].equals(name)) {
                return e[1];
            }
        }
        return null;
    }

    OptionValues copy() {
        OptionValues c = new OptionValues();
        c.entries.addAll(entries);
        return c;
    }

    /** Passes each option, in the order set, to config.set / request.set. */
    void forEach(BiConsumer<String, String> set) {
        for (String[] e : entries) {
            Calls.run(() -> set.accept(e[0], e[1]));
        }
    }

    /** An option's values as its text: Durations in decimal seconds, several joined by ','; null if any is null. */
    static String text(Object... values) {
        StringJoiner out = new StringJoiner(",");
        for (Object v : values) {
            if (v == null) {
                return null;
            }
            out.add(v instanceof Duration d
                    ? BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
                            .stripTrailingZeros().toPlainString()
                    : String.valueOf(v));
        }
        return out.toString();
    }

    /** One entry of a HEADERS option: "Name: value". */
    static String header(String option, String name, String value) {
        if (name == null || value == null) {
            throw new InvalidArgumentException("option '" + option + "' takes a name and a value, not null");
        }
        return name + ": " + value;
    }
}
