package dev.ariadne.history;

import java.util.Locale;

/**
 * Jepsen's four event types. {@code invoke} starts an operation; it completes with {@code ok}
 * (it happened, with the value given), {@code fail} (it certainly did not happen) or
 * {@code info} (it may or may not have happened, at any time after its invocation).
 */
public enum OpType {
    INVOKE, OK, FAIL, INFO;

    /** The name as Jepsen writes it: {@code invoke}, {@code ok}, {@code fail}, {@code info}. */
    public String jepsenName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a Jepsen type name (with or without a leading colon); null if it is none. */
    public static OpType parse(String name) {
        if (name == null) return null;
        String n = name.startsWith(":") ? name.substring(1) : name;
        switch (n) {
            case "invoke": return INVOKE;
            case "ok": return OK;
            case "fail": return FAIL;
            case "info": return INFO;
            default: return null;
        }
    }

    public boolean isCompletion() {
        return this != INVOKE;
    }
}
