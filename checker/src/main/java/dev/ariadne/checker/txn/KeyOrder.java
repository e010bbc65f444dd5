package dev.ariadne.checker.txn;

import java.util.Locale;

/**
 * What the user asserts about each key's version order, when the history alone does not fix it
 * (rw-register), as Elle's {@code :sequential-keys?} and {@code :linearizable-keys?} do. Each assertion
 * adds version-order facts; the report names the assumption used, since its verdicts depend on it.
 */
public enum KeyOrder {
    /** Nothing beyond what the history shows. */
    NONE("nothing beyond what the history shows"),
    /** Each key is sequentially consistent: a process's writes to a key take effect in the order it made them. */
    SEQUENTIAL("each key is sequentially consistent: a process's writes to a key take effect in the order it made them"),
    /** Each key is linearizable: a write that completed before another began comes first. */
    LINEARIZABLE("each key is linearizable: a write that completed before another began comes first (and a process's writes in its order)");

    private final String meaning;

    KeyOrder(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    /** {@code none}, {@code sequential-keys} or {@code linearizable-keys}. */
    public static KeyOrder parse(String s) {
        if (s == null) return NONE;
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "sequential-keys", "sequential" -> SEQUENTIAL;
            case "linearizable-keys", "linearizable" -> LINEARIZABLE;
            default -> throw new IllegalArgumentException("--assume takes none, sequential-keys or linearizable-keys, not " + s);
        };
    }
}
