package dev.ariadne.history;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A history's events as columns of primitive arrays: index, time, process, type, function, key and
 * value (as {@link ValuePool} codes), and the source line. A column whose every entry is the obvious
 * one (the index equal to the position, no time, the line after the previous) takes no space until
 * an event differs. Events are appended one at a time as a reader parses them, so a history's text and
 * trees are never held whole; {@link #get} rebuilds an {@link Op} when one is asked for.
 *
 * <p>About 30 bytes an event for a key-value history, and about 50 for a list-append transaction's
 * (its micro-ops stored once, its read lists as prefixes of one array per key); compare some 220 and
 * 750 bytes as Jackson trees.
 */
public final class EventColumns extends AbstractList<Op> implements RandomAccess {
    private static final OpType[] TYPES = OpType.values();

    private final ValuePool values = new ValuePool();
    private ValueCodes codes;
    private int size;
    private int capacity = 1024;
    private long[] index;
    private TimeColumn time;
    private byte[] type = new byte[capacity];
    private final IntColumn process = new IntColumn();
    private final IntColumn f = new IntColumn();
    private final IntColumn key = new IntColumn();
    private final IntColumn value = new IntColumn();
    private IntColumn error;
    private IntColumn extra;
    /** 0: no line known; 1: each event on the line after the previous; 2: {@link #lines} says. */
    private int lineMode = -1;
    private int[] lines;

    private final List<JsonNode> processTable = new ArrayList<>();
    private final List<String> fTable = new ArrayList<>();
    private final List<Map<String, JsonNode>> extraTable = new ArrayList<>();
    private Map<JsonNode, Integer> processCodes = new HashMap<>();
    private Map<String, Integer> fCodes = new HashMap<>();
    private Map<Map<String, JsonNode>, Integer> extraCodes = new HashMap<>();
    /** Per process code, while loading: the position of its open invocation, or -1. */
    private int[] open = minusOnes(16);
    private final Map<Integer, String> txnErrors = new HashMap<>();
    private boolean sealed;

    /** Appends an event read at {@code line} (0 when unknown). */
    public void add(Op e, int line) {
        if (sealed) throw new IllegalStateException("the history is built");
        if (size == capacity) grow();
        int pos = size;
        if (index == null && e.index() != pos) {
            index = new long[capacity];
            for (int i = 0; i < pos; i++) index[i] = i;
        }
        if (index != null) index[pos] = e.index();
        if (time == null && e.time() != Op.NO_TIME) {
            time = new TimeColumn();
            for (int i = 0; i < pos; i++) time.add(Op.NO_TIME);
        }
        if (time != null) time.add(e.time());
        type[pos] = (byte) e.type().ordinal();
        int p = e.process() == null ? 0 : processCodes.computeIfAbsent(e.process(), x -> {
            processTable.add(x);
            return processTable.size();
        });
        process.add(p);
        f.add(e.f() == null ? 0 : fCodes.computeIfAbsent(e.f(), x -> {
            fTable.add(x);
            return fTable.size();
        }));
        key.add(e.key() == null ? ValuePool.NIL : values.encode(e.key()));
        value.add(encodeValue(e, p, pos));
        if (e.error() != null && error == null) error = zeros(pos);
        if (error != null) error.add(e.error() == null ? ValuePool.NIL : values.encode(e.error()));
        if (!e.extra().isEmpty() && extra == null) extra = zeros(pos);
        if (extra != null) {
            extra.add(e.extra().isEmpty() ? 0 : extraCodes.computeIfAbsent(e.extra(), x -> {
                extraTable.add(x);
                return extraTable.size();
            }));
        }
        line(pos, line);
        if ("txn".equals(e.f()) && !MicroOp.isLogTxn(e.value())) {
            try {
                MicroOp.parseAll(e.value());
            } catch (IllegalArgumentException ex) {
                txnErrors.put(pos, ex.getMessage());
            }
        }
        size++;
    }

    /** A completion's value as a difference from its process's open invocation where the micro-ops allow. */
    private int encodeValue(Op e, int p, int pos) {
        if (p >= open.length) {
            int old = open.length;
            open = Arrays.copyOf(open, Math.max(p + 1, old * 2));
            Arrays.fill(open, old, open.length, -1);
        }
        if (e.type() == OpType.INVOKE) {
            open[p] = p == 0 ? -1 : pos;
            return values.encode(e.value());
        }
        int inv = open[p];
        open[p] = -1;
        return inv >= 0 ? values.encodeCompletion(e.value(), value.get(inv)) : values.encode(e.value());
    }

    private static int[] minusOnes(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    private IntColumn zeros(int n) {
        IntColumn c = new IntColumn();
        for (int i = 0; i < n; i++) c.add(0);
        return c;
    }

    private void line(int pos, int line) {
        if (lineMode < 0) lineMode = line == 0 ? 0 : line == 1 ? 1 : 2;
        if (lineMode == 2 || (lineMode == 0 && line != 0) || (lineMode == 1 && line != pos + 1)) {
            if (lines == null) {
                lines = new int[capacity];
                for (int i = 0; i < pos; i++) lines[i] = lineMode == 1 ? i + 1 : 0;
                lineMode = 2;
            }
            lines[pos] = line;
        }
    }

    private void grow() {
        capacity *= 2;
        if (index != null) index = Arrays.copyOf(index, capacity);
        type = Arrays.copyOf(type, capacity);
        if (lines != null) lines = Arrays.copyOf(lines, capacity);
    }

    /** Ends loading: trims the columns and drops the tables only loading needs. */
    public EventColumns seal() {
        if (sealed) return this;
        sealed = true;
        capacity = size;
        if (index != null) index = Arrays.copyOf(index, size);
        if (time != null) time.trim();
        type = Arrays.copyOf(type, size);
        if (lines != null) lines = Arrays.copyOf(lines, size);
        for (IntColumn c : new IntColumn[]{process, f, key, value, error, extra}) if (c != null) c.trim();
        processCodes = null;
        fCodes = null;
        extraCodes = null;
        open = null;
        values.seal();
        return this;
    }

    public boolean sealed() {
        return sealed;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Op get(int i) {
        check(i);
        return new Op(index(i), time(i), process(i), type(i), f(i), value(i), key(i), error == null ? null : nullable(error.get(i)), extra(i));
    }

    private void check(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i);
    }

    public long index(int i) {
        check(i);
        return index == null ? i : index[i];
    }

    public long time(int i) {
        check(i);
        return time == null ? Op.NO_TIME : time.get(i);
    }

    public OpType type(int i) {
        check(i);
        return TYPES[type[i]];
    }

    public String f(int i) {
        int c = f.get(i);
        return c == 0 ? null : fTable.get(c - 1);
    }

    /** The process as the event names it, or null. */
    public JsonNode process(int i) {
        int c = process.get(i);
        return c == 0 ? null : processTable.get(c - 1);
    }

    /** A number per distinct process name (0 for none), dense from 1. */
    int processCode(int i) {
        return process.get(i);
    }

    JsonNode processOfCode(int code) {
        return code == 0 ? null : processTable.get(code - 1);
    }

    int processCodeCount() {
        return processTable.size() + 1;
    }

    public JsonNode value(int i) {
        return values.decode(value.get(i));
    }

    /** The event's other fields (never null), without decoding its value. */
    public Map<String, JsonNode> extra(int i) {
        check(i);
        int x = extra == null ? 0 : extra.get(i);
        return x == 0 ? Map.of() : extraTable.get(x - 1);
    }

    /** The key, or null. */
    public JsonNode key(int i) {
        return nullable(key.get(i));
    }

    /** The event's value as a code of {@link #codes()}, to walk without decoding it. */
    public int valueCode(int i) {
        return value.get(i);
    }

    /** Reads value codes ({@link #valueCode}) in place. */
    public ValueCodes codes() {
        ValueCodes c = codes;
        if (c == null) codes = c = new ValueCodes(values);
        return c;
    }

    int keyCode(int i) {
        return key.get(i);
    }

    JsonNode decode(int code) {
        return values.decode(code);
    }

    private JsonNode nullable(int code) {
        return code == ValuePool.NIL ? null : values.decode(code);
    }

    /** The source line, or 0 when unknown. */
    public int line(int i) {
        if (i < 0 || i >= size) return 0;
        return lineMode == 2 ? lines[i] : lineMode == 1 ? i + 1 : 0;
    }

    /** The source lines of every event (0 where unknown). */
    public int[] lines() {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) out[i] = line(i);
        return out;
    }

    /** Why the event's transaction is malformed, or null. */
    String txnError(int i) {
        return txnErrors.get(i);
    }

    /** Roughly the bytes the columns hold. */
    public long bytes() {
        long b = (long) type.length + (index == null ? 0 : 8L * index.length) + (time == null ? 0 : time.bytes())
                + (lines == null ? 0 : 4L * lines.length);
        for (IntColumn c : new IntColumn[]{process, f, key, value, error, extra}) if (c != null) b += c.bytes();
        return b + values.bytes();
    }
}
