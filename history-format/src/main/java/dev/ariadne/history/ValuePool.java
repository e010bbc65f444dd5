package dev.ariadne.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A history's values as int codes, so that a loaded history holds primitive arrays rather than a
 * Jackson tree per event. The low two bits of a code say how to read the rest:
 * <ul>
 *   <li>{@code 00}: an interned value: below 2<sup>29</sup> an index into one table of distinct values (0
 *       is nil), above it a string of the {@link TextPool};</li>
 *   <li>{@code 01}: an integer in [-2<sup>29</sup>, 2<sup>29</sup>), held in the code itself;</li>
 *   <li>{@code 10}: an offset into one int array, holding either a transaction's micro-ops: {@code m}
 *       followed by {@code f key value} codes per micro-op; or, for a completion whose micro-ops are its
 *       invocation's with the reads filled in, {@code -1 - offset-of-the-invocation} followed by the
 *       values of the reads only (micro-ops stored once); or any other array or object, element by
 *       element ({@link #TREE} with the size, then a code per element, or a string id and a code per
 *       field), so that a log's polls, maps of lists of [offset value] pairs, are never held as trees;</li>
 *   <li>{@code 11}: a list read from a key, as a length into an array shared by the key's reads: each
 *       read of {@code [1 2 … n]} that extends or repeats what an earlier read of the key saw is a
 *       prefix of one array, so a list-append history stores each list once however often it is read.</li>
 * </ul>
 * Decoding gives back a value {@code equals} to the one encoded. Decoded trees are fresh, except interned
 * values, which are shared: history values are never to be modified.
 */
final class ValuePool {
    static final int NIL = 0;
    private static final int INLINE_MIN = -(1 << 29);
    private static final int INLINE_MAX = (1 << 29) - 1;

    private static final int TEXT_BASE = 1 << 29;
    /** The header of an array or object in {@link #txns} (a transaction's is its micro-op count, or negative). */
    private static final int TREE = 1 << 30;
    private static final int OBJECT = 1 << 29;
    private final List<JsonNode> table = new ArrayList<>();
    private final TextPool texts = new TextPool();
    /** The first strings' nodes, made once (keys and micro-op names are decoded again and again). */
    private final TextNode[] textNodes = new TextNode[1024];
    private Map<JsonNode, Integer> interned = new HashMap<>();

    private int[] txns = new int[1024];
    private int txnLength;

    /** Lists read from keys, each a prefix of its key's shared array. */
    private final PrefixLists lists = new PrefixLists();

    ValuePool() {
        table.add(NullNode.getInstance());
        interned.put(NullNode.getInstance(), 0);
    }

    /** The code of a value (canonical, as {@link Op} holds it). */
    int encode(JsonNode v) {
        if (v == null || v.isNull()) return NIL;
        if (v instanceof LongNode) {
            long x = v.longValue();
            if (x >= INLINE_MIN && x <= INLINE_MAX) return ((int) x << 2) | 1;
        }
        if (MicroOp.isTxnShaped(v)) return encodeTxn(v, NIL);
        // A short flat array ([1 2], a cas pair) recurs and is shared; anything nested is stored element by element.
        if (v.isContainerNode() && !(v.isArray() && v.size() <= 4 && flat(v))) return encodeTree(v);
        return intern(v);
    }

    private static boolean flat(JsonNode v) {
        for (int i = 0; i < v.size(); i++) if (v.get(i).isContainerNode()) return false;
        return true;
    }

    /** An array or object, each element encoded on its own (nested containers never interned). */
    private int encodeTree(JsonNode v) {
        int n = v.size();
        boolean object = v.isObject();
        int[] codes = new int[object ? 2 * n : n];
        if (object) {
            int i = 0;
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                codes[i++] = texts.intern(e.getKey());
                codes[i++] = element(e.getValue());
            }
        } else {
            for (int i = 0; i < n; i++) codes[i] = element(v.get(i));
        }
        int off = reserve(1 + codes.length);
        txns[off] = TREE | (object ? OBJECT : 0) | n;
        System.arraycopy(codes, 0, txns, off + 1, codes.length);
        txnLength = off + 1 + codes.length;
        if (txnLength > (1 << 29)) throw new IllegalStateException("more than 2^29 value codes");
        return (off << 2) | 2;
    }

    private int element(JsonNode v) {
        if (v != null && v.isContainerNode()) return encodeTree(v);
        return encode(v);
    }

    /**
     * The code of a completion's value, stored as a difference from its invocation's when the
     * micro-ops agree (same functions and keys, the invocation's values kept, its nil reads filled).
     */
    int encodeCompletion(JsonNode v, int invocationCode) {
        if ((invocationCode & 3) == 2 && v != null && MicroOp.isTxnShaped(v)) return encodeTxn(v, invocationCode);
        return encode(v);
    }

    private int intern(JsonNode v) {
        if (v.isTextual()) {
            int id = texts.intern(v.textValue());
            if (id >= TEXT_BASE) throw new IllegalStateException("more than 2^29 distinct strings");
            return (TEXT_BASE + id) << 2;
        }
        Integer c = interned.get(v);
        if (c == null) {
            c = table.size() << 2;
            if (table.size() >= TEXT_BASE) throw new IllegalStateException("more than 2^29 distinct values");
            table.add(v);
            interned.put(v, c);
        }
        return c;
    }

    private int encodeTxn(JsonNode v, int invocationCode) {
        int m = v.size();
        int[] codes = new int[3 * m];
        for (int i = 0; i < m; i++) {
            JsonNode mop = v.get(i);
            codes[3 * i] = intern(mop.get(0));
            codes[3 * i + 1] = encode(mop.get(1));
            JsonNode value = mop.get(2);
            codes[3 * i + 2] = value.isArray() && !value.isEmpty() ? encodeList(codes[3 * i + 1], value) : encode(value);
        }
        if (invocationCode != NIL) {
            int base = invocationCode >>> 2;
            if (txns[base] == m && derivable(base, codes)) {
                int off = reserve(1 + m);
                txns[off] = -1 - base;
                int at = off + 1;
                for (int i = 0; i < m; i++) if (txns[base + 3 + 3 * i] == NIL) txns[at++] = codes[3 * i + 2];
                txnLength = at;
                return (off << 2) | 2;
            }
        }
        int off = reserve(1 + 3 * m);
        txns[off] = m;
        System.arraycopy(codes, 0, txns, off + 1, 3 * m);
        txnLength = off + 1 + 3 * m;
        if (txnLength > (1 << 29)) throw new IllegalStateException("more than 2^29 micro-op codes");
        return (off << 2) | 2;
    }

    private boolean derivable(int base, int[] codes) {
        for (int i = 0; i < codes.length / 3; i++) {
            int b = base + 1 + 3 * i;
            if (txns[b] != codes[3 * i] || txns[b + 1] != codes[3 * i + 1]) return false;
            if (txns[b + 2] != NIL && txns[b + 2] != codes[3 * i + 2]) return false;
        }
        return true;
    }

    private int reserve(int n) {
        if (txnLength + n > txns.length) txns = Arrays.copyOf(txns, Math.max(txnLength + n, txns.length * 2));
        return txnLength;
    }

    /** A list read from a key: a prefix of the key's shared array when it agrees with it. */
    private int encodeList(int keyCode, JsonNode list) {
        int n = list.size();
        int[] elems = new int[n];
        for (int i = 0; i < n; i++) elems[i] = encode(list.get(i));
        int l = lists.add(keyCode, elems, n);
        if (l >= (1 << 30) - 1) throw new IllegalStateException("more than 2^30 lists");
        return (l << 2) | 3;
    }

    /** Drops what loading needed and trims the arrays. */
    void seal() {
        interned = null;
        texts.seal();
        txns = Arrays.copyOf(txns, txnLength);
        lists.trim();
        ((ArrayList<JsonNode>) table).trimToSize();
    }

    JsonNode decode(int code) {
        switch (code & 3) {
            case 0: {
                int i = code >>> 2;
                if (i < TEXT_BASE) return table.get(i);
                int id = i - TEXT_BASE;
                if (id >= textNodes.length) return TextNode.valueOf(texts.get(id));
                TextNode t = textNodes[id];
                if (t == null) textNodes[id] = t = TextNode.valueOf(texts.get(id));
                return t;
            }
            case 1:
                return Values.of((long) (code >> 2));
            case 2: {
                int off = code >>> 2;
                return txns[off] >= TREE ? decodeTree(off) : decodeTxn(off);
            }
            default: {
                int l = code >>> 2;
                int n = lists.length(l);
                ArrayNode out = new DecodedNodes.Array(n);
                for (int i = 0; i < n; i++) out.add(decode(lists.get(l, i)));
                return out;
            }
        }
    }

    private JsonNode decodeTxn(int off) {
        int head = txns[off];
        int base = head >= 0 ? off : -1 - head;
        int m = txns[base];
        int fill = off + 1;
        ArrayNode out = new DecodedNodes.Array(m);
        for (int i = 0; i < m; i++) {
            int b = base + 1 + 3 * i;
            int value = txns[b + 2];
            if (head < 0 && value == NIL) value = txns[fill++];
            ArrayNode mop = new DecodedNodes.Array(3);
            mop.add(decode(txns[b]));
            mop.add(decode(txns[b + 1]));
            mop.add(decode(value));
            out.add(mop);
        }
        return out;
    }

    private JsonNode decodeTree(int off) {
        int head = txns[off];
        int n = head & (OBJECT - 1);
        if ((head & OBJECT) != 0) {
            DecodedNodes.Object out = new DecodedNodes.Object();
            for (int i = 0; i < n; i++) out.set(texts.get(txns[off + 1 + 2 * i]), decode(txns[off + 2 + 2 * i]));
            return out;
        }
        ArrayNode out = new DecodedNodes.Array(n);
        for (int i = 0; i < n; i++) out.add(decode(txns[off + 1 + i]));
        return out;
    }

    /** See {@link ValueCodes#kind}. */
    int kind(int code) {
        switch (code & 3) {
            case 0: {
                int i = code >>> 2;
                if (i >= TEXT_BASE) return ValueCodes.TEXT;
                if (i == 0) return ValueCodes.NIL;
                JsonNode v = table.get(i);
                return v.isIntegralNumber() && v.canConvertToLong() ? ValueCodes.INTEGER : ValueCodes.OTHER;
            }
            case 1:
                return ValueCodes.INTEGER;
            case 2: {
                int head = txns[code >>> 2];
                if (head < TREE) return ValueCodes.OTHER;
                return (head & OBJECT) != 0 ? ValueCodes.OBJECT : ValueCodes.ARRAY;
            }
            default:
                return ValueCodes.OTHER;
        }
    }

    /** The element or field count of a stored array or object. */
    int size(int code) {
        return txns[code >>> 2] & (OBJECT - 1);
    }

    /** The code of a stored array's element i. */
    int element(int code, int i) {
        return txns[(code >>> 2) + 1 + i];
    }

    /** A stored object's field i: its name, and its value's code. */
    String fieldName(int code, int i) {
        return texts.get(txns[(code >>> 2) + 1 + 2 * i]);
    }

    int fieldNameId(int code, int i) {
        return txns[(code >>> 2) + 1 + 2 * i];
    }

    int fieldValue(int code, int i) {
        return txns[(code >>> 2) + 2 + 2 * i];
    }

    long longValue(int code) {
        return (code & 3) == 1 ? code >> 2 : table.get(code >>> 2).longValue();
    }

    String text(int code) {
        return texts.get((code >>> 2) - TEXT_BASE);
    }

    /** Roughly the bytes held (the arrays and tables; interned trees counted at 64 bytes each). */
    long bytes() {
        return 4L * txns.length + lists.bytes() + texts.bytes() + 64L * table.size();
    }
}
