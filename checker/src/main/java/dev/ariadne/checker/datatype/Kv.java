package dev.ariadne.checker.datatype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.Collection;
import java.util.List;

/**
 * A map of string keys to string values ({@code kv}), as in Porcupine's key-value model: operations
 * carry a {@code key}; {@code put v} sets it, {@code append s} appends to it, {@code get} returns it.
 * A key never written reads as the empty string (nil is accepted as the same). Checked per key.
 */
public final class Kv implements Datatype<String, Kv.Input> {
    static final int GET = 0, PUT = 1, APPEND = 2;

    /** {@code s}: the string got, put or appended; null for a get of unknown result. */
    public record Input(int kind, String s) {}

    private final String initial;

    public Kv(DatatypeOptions options) {
        this.initial = options.initial() == null || options.initial().isNull() ? "" : text(options.initial());
    }

    private static String text(JsonNode v) {
        return v.isTextual() ? v.textValue() : Values.show(v);
    }

    @Override
    public String name() {
        return "kv";
    }

    @Override
    public String init() {
        return initial;
    }

    @Override
    public Input input(Operation op) {
        if (op.key() == null) throw new IllegalArgumentException("kv operations carry a key");
        JsonNode v = op.value();
        return switch (op.f() == null ? "" : op.f()) {
            case "get", "read" -> new Input(GET, op.isOk() ? (v.isNull() ? "" : text(v)) : null);
            case "put", "write" -> new Input(PUT, v.isNull() ? "" : text(v));
            case "append" -> new Input(APPEND, v.isNull() ? "" : text(v));
            default -> throw new IllegalArgumentException("kv has no operation " + op.f() + " (it has get, put, append)");
        };
    }

    @Override
    public String step(String state, Input in) {
        return switch (in.kind) {
            case GET -> in.s == null || in.s.equals(state) ? state : null;
            case PUT -> in.s;
            default -> state.concat(in.s);
        };
    }

    @Override
    public boolean exact(Input in) {
        return in.kind == GET && in.s != null;
    }

    @Override
    public boolean blindWrite(Input in) {
        return in.kind == PUT;
    }

    @Override
    public boolean readOnly(Input in) {
        return in.kind == GET;
    }

    @Override
    public boolean isNoOp(Input in) {
        return in.kind == GET && in.s == null;
    }

    @Override
    public String whyIllegal(String state, Input in) {
        if (state == UNREADABLE || in.s.length() + state.length() <= 160) {
            return "can't get \"" + in.s + "\" from a key holding " + describeState(state);
        }
        // Long strings: say where they part, which is what a person needs to see.
        int p = 0;
        int max = Math.min(in.s.length(), state.length());
        while (p < max && in.s.charAt(p) == state.charAt(p)) p++;
        String same = p == 0 ? "they differ from the first character"
                : "both start with the same " + p + " characters (ending \"" + in.s.substring(Math.max(0, p - 24), p) + "\")";
        return "can't get a " + in.s.length() + "-character string from a key holding " + state.length() + " characters: " + same
                + ", then the get has " + rest(in.s, p) + " where the key has " + rest(state, p);
    }

    private static String rest(String s, int from) {
        if (from >= s.length()) return "nothing more";
        return "\"" + s.substring(from, Math.min(s.length(), from + 30)) + (s.length() > from + 30 ? "…\"" : "\"");
    }

    @Override
    public String describeState(String state) {
        if (state == UNREADABLE) return "a string no later get returns";
        return "\"" + state + "\"";
    }

    @Override
    public String describe(Operation op) {
        String v = op.value().isNull() ? "" : text(op.value());
        return switch (op.f()) {
            case "get", "read" -> "get " + Values.show(op.key()) + " → " + (op.isOk() ? "\"" + v + "\"" : "?");
            default -> op.f() + " " + Values.show(op.key()) + " \"" + v + "\"";
        };
    }

    /**
     * An optional put or append that no get could have seen may be left out: were it to take effect,
     * every get until the next put would return a string starting with the put's value or containing
     * the appended text, and no get does.
     */
    @Override
    public void pruneOptional(List<Input> inputs, boolean[] required, boolean[] drop) {
        java.util.TreeSet<String> seen = new java.util.TreeSet<>();
        for (Input in : inputs) if (in.kind == GET && in.s != null) seen.add(in.s);
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            if (required[i] || in.kind == GET) continue;
            boolean observed;
            if (in.kind == PUT) {
                // The strings starting with the put's value follow it in order: look at the first one only.
                String next = seen.ceiling(in.s);
                observed = next != null && next.startsWith(in.s);
            } else {
                observed = false;
                for (java.util.Iterator<String> it = seen.iterator(); it.hasNext() && !observed; ) observed = it.next().contains(in.s);
            }
            if (!observed) drop[i] = true;
        }
    }

    /** The one state standing for every string that no get left returns a string starting with. */
    static final String UNREADABLE = "\u0000(a string no later get returns)";

    /** See {@link KvReduction}. */
    @Override
    public StateReduction<String> reduction(List<Input> inputs, boolean[] required, int[] call, int[] ret) {
        return new KvReduction(inputs, required, call, ret);
    }

    @Override
    public Collection<JsonNode> keys(Operation op) {
        return List.of(op.key());
    }
}
