package dev.ariadne.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Operation values are Jackson trees in one canonical form, so that equal values are
 * {@code equals}: every integer that fits a long is a {@link LongNode}, larger ones are
 * {@link BigIntegerNode}, and absent values are {@link NullNode}.
 */
public final class Values {
    private Values() {}

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final LongNode[] SMALL = new LongNode[1024 + 128];

    static {
        for (int i = 0; i < SMALL.length; i++) SMALL[i] = new LongNode(i - 128);
    }

    /** A canonical integer node; small values are shared. */
    public static LongNode of(long v) {
        if (v >= -128 && v < 1024) return SMALL[(int) v + 128];
        return new LongNode(v);
    }

    public static TextNode of(String s) {
        return s == null ? null : TextNode.valueOf(s);
    }

    public static JsonNode integer(BigInteger v) {
        return v.bitLength() < 64 ? of(v.longValue()) : BigIntegerNode.valueOf(v);
    }

    /** Converts plain Java values (null, numbers, strings, booleans, lists, maps) to a canonical tree. */
    public static JsonNode of(Object o) {
        if (o == null) return NullNode.getInstance();
        if (o instanceof JsonNode n) return canonical(n);
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return of(((Number) o).longValue());
        }
        if (o instanceof BigInteger b) return integer(b);
        if (o instanceof Double || o instanceof Float) return DoubleNode.valueOf(((Number) o).doubleValue());
        if (o instanceof Boolean b) return BooleanNode.valueOf(b);
        if (o instanceof CharSequence s) return TextNode.valueOf(s.toString());
        if (o instanceof List<?> l) {
            ArrayNode a = NODES.arrayNode(l.size());
            for (Object e : l) a.add(of(e));
            return a;
        }
        if (o instanceof Object[] arr) return of(List.of(arr));
        if (o instanceof Map<?, ?> m) {
            ObjectNode obj = NODES.objectNode();
            for (Map.Entry<?, ?> e : m.entrySet()) obj.set(String.valueOf(e.getKey()), of(e.getValue()));
            return obj;
        }
        throw new IllegalArgumentException("not a history value: " + o.getClass().getName());
    }

    /** The canonical form of a tree: the same instance when it is canonical already. */
    public static JsonNode canonical(JsonNode n) {
        if (n == null) return NullNode.getInstance();
        if (isCanonical(n)) return n;
        if (n.isIntegralNumber()) return integer(n.bigIntegerValue());
        if (n.isArray()) {
            ArrayNode a = NODES.arrayNode(n.size());
            for (JsonNode e : n) a.add(canonical(e));
            return a;
        }
        if (n.isObject()) {
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                o.set(e.getKey(), canonical(e.getValue()));
            }
            return o;
        }
        if (n.isMissingNode()) return NullNode.getInstance();
        return n;
    }

    /** Walked for every operation made from a history's columns: the common nodes first, arrays by index (no iterator). */
    private static boolean isCanonical(JsonNode n) {
        if (n instanceof LongNode || n instanceof TextNode || n instanceof DecodedNodes.Array || n instanceof DecodedNodes.Object) return true;
        if (n instanceof ArrayNode a) {
            for (int i = 0, size = a.size(); i < size; i++) if (!isCanonical(a.get(i))) return false;
            return true;
        }
        if (n.isIntegralNumber()) return n instanceof BigIntegerNode && n.bigIntegerValue().bitLength() >= 64;
        if (n.isMissingNode()) return false;
        if (n instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) if (!isCanonical(e.getValue())) return false;
        }
        return true;
    }

    /** Longest rendering {@link #show} returns: a history's values are its author's, and may be huge. */
    public static final int MAX_SHOWN = 2000;

    /**
     * A short human rendering: strings bare, null as {@code nil}, lists as {@code [1 2]} (EDN-like);
     * control characters escaped (a value must not drive the reader's terminal), and cut after
     * {@link #MAX_SHOWN} characters with a note of the length.
     */
    public static String show(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        show(n, sb);
        if (sb.length() <= MAX_SHOWN) return sb.toString();
        return sb.substring(0, MAX_SHOWN) + "... (" + sb.length() + " characters)";
    }

    /**
     * Whether a string shown bare could be taken for another value: a number ("1" is not 1), nil,
     * true, false, the empty string, or text with spaces or brackets. Keyword-like strings (EDN's
     * {@code :x} read as "x") stay bare.
     */
    static boolean ambiguous(String t) {
        if (t.isEmpty() || t.equals("nil") || t.equals("true") || t.equals("false")) return true;
        char c = t.charAt(0);
        if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && t.length() > 1)) return true;
        for (int i = 0; i < t.length(); i++) {
            char d = t.charAt(i);
            if (Character.isWhitespace(d) || d == '[' || d == ']' || d == '{' || d == '}' || d == '(' || d == ')' || d == '"' || d == ',') return true;
        }
        return false;
    }

    private static void text(String t, StringBuilder sb) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
    }

    private static void show(JsonNode n, StringBuilder sb) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            sb.append("nil");
        } else if (n.isTextual()) {
            String t = n.textValue();
            if (ambiguous(t)) {
                sb.append('"');
                text(t.replace("\\", "\\\\").replace("\"", "\\\""), sb);
                sb.append('"');
            } else {
                text(t, sb);
            }
        } else if (n.isArray()) {
            sb.append('[');
            boolean first = true;
            for (JsonNode e : n) {
                if (!first) sb.append(' ');
                first = false;
                show(e, sb);
            }
            sb.append(']');
        } else if (n.isObject()) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (!first) sb.append(", ");
                first = false;
                text(e.getKey(), sb);
                sb.append(' ');
                show(e.getValue(), sb);
            }
            sb.append('}');
        } else {
            sb.append(n.asText());
        }
    }
}
