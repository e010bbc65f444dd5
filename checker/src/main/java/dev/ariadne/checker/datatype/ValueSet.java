package dev.ariadne.checker.datatype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable multiset of values, kept sorted so that equal multisets are equal.
 * Small and simple: the states of sets, queues and id generators in a partition stay small.
 */
final class ValueSet {
    static final ValueSet EMPTY = new ValueSet(new JsonNode[0]);
    /** Integers by value first, then strings, then anything else by its rendering: a total order that needs no rendering in the usual cases. */
    private static final Comparator<JsonNode> ORDER = (a, b) -> {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) return Integer.compare(ra, rb);
        if (ra == 0) return a.canConvertToLong() && b.canConvertToLong() ? Long.compare(a.longValue(), b.longValue()) : a.bigIntegerValue().compareTo(b.bigIntegerValue());
        if (ra == 1) return a.textValue().compareTo(b.textValue());
        return a.toString().compareTo(b.toString());
    };

    private static int rank(JsonNode n) {
        return n.isIntegralNumber() ? 0 : n.isTextual() ? 1 : 2;
    }

    final JsonNode[] items;
    private final int hash;

    private ValueSet(JsonNode[] items) {
        this.items = items;
        this.hash = Arrays.hashCode(items);
    }

    static ValueSet of(JsonNode list) {
        List<JsonNode> l = new ArrayList<>();
        for (JsonNode e : list) l.add(e);
        JsonNode[] a = l.toArray(new JsonNode[0]);
        Arrays.sort(a, ORDER);
        return new ValueSet(a);
    }

    int size() {
        return items.length;
    }

    boolean contains(JsonNode v) {
        for (JsonNode e : items) if (e.equals(v)) return true;
        return false;
    }

    boolean distinct() {
        for (int i = 1; i < items.length; i++) if (items[i].equals(items[i - 1])) return false;
        return true;
    }

    ValueSet plus(JsonNode v) {
        JsonNode[] a = Arrays.copyOf(items, items.length + 1);
        a[items.length] = v;
        Arrays.sort(a, ORDER);
        return new ValueSet(a);
    }

    ValueSet minus(JsonNode v) {
        for (int i = 0; i < items.length; i++) {
            if (items[i].equals(v)) return without(i);
        }
        return null;
    }

    ValueSet without(int i) {
        JsonNode[] a = new JsonNode[items.length - 1];
        System.arraycopy(items, 0, a, 0, i);
        System.arraycopy(items, i + 1, a, i, items.length - i - 1);
        return new ValueSet(a);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueSet s && s.hash == hash && Arrays.equals(s.items, items);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("#{");
        for (int i = 0; i < items.length; i++) {
            if (i > 0) sb.append(' ');
            sb.append(Values.show(items[i]));
        }
        return sb.append('}').toString();
    }
}
