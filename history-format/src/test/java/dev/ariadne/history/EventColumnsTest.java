package dev.ariadne.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The columns give back every event exactly as added: values of every shape (integers at the edges
 * of the inline range, big integers, doubles, strings, nested lists and maps), transactions whose
 * completions repeat, extend or contradict their invocations, reads that extend, repeat or diverge
 * from a key's shared list, and sparse columns (index, time, error, extra fields, lines) that start
 * obvious and stop being so midway.
 */
class EventColumnsTest {

    @Test
    void randomEventsComeBackEqual() {
        long base = Long.getLong("ariadne.seed", 20261201L);
        for (int round = 0; round < 2000; round++) {
            long seed = base + round;
            Random rnd = new Random(seed);
            List<Op> events = new ArrayList<>();
            int[] lines = new int[40];
            int n = 1 + rnd.nextInt(40);
            Map<Long, JsonNode> openTxn = new HashMap<>();
            // Times: none, close together (int offsets), or far apart and mixed with none (plain longs).
            int timed = rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                long process = rnd.nextInt(4);
                boolean invoke = !openTxn.containsKey(process) || rnd.nextInt(4) == 0;
                JsonNode value;
                if (rnd.nextInt(3) == 0) {
                    value = invoke ? txn(rnd, null) : txn(rnd, openTxn.get(process));
                    if (invoke) openTxn.put(process, value);
                    else openTxn.remove(process);
                } else {
                    value = value(rnd, 2 + rnd.nextInt(2));
                }
                long index = rnd.nextInt(8) == 0 ? 1000 + i : i;
                long time = timed == 0 ? Op.NO_TIME : timed == 1 ? 1_000_000L * i + rnd.nextInt(1000)
                        : i > n / 2 && rnd.nextBoolean() ? rnd.nextLong() : Op.NO_TIME;
                JsonNode error = rnd.nextInt(6) == 0 ? value(rnd, 1) : null;
                Map<String, JsonNode> extra = rnd.nextInt(6) == 0 ? Map.of("node", Values.of("n" + rnd.nextInt(3))) : Map.of();
                JsonNode key = rnd.nextInt(3) == 0 ? value(rnd, 0) : null;
                JsonNode proc = rnd.nextInt(10) == 0 ? Values.of("nemesis") : rnd.nextInt(10) == 0 ? null : Values.of(process);
                OpType type = invoke ? OpType.INVOKE : OpType.values()[1 + rnd.nextInt(3)];
                events.add(new Op(index, time, proc, type, rnd.nextInt(5) == 0 ? null : "f" + rnd.nextInt(3), value, key, error, extra));
                lines[i] = rnd.nextInt(5) == 0 ? 0 : i > n / 2 && rnd.nextBoolean() ? 7 * i : i + 1;
            }
            EventColumns c = new EventColumns();
            for (int i = 0; i < n; i++) c.add(events.get(i), lines[i]);
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < n; i++) {
                    assertThat(c.get(i)).as("seed %d, event %d, %s", seed, i, pass == 0 ? "loading" : "sealed").isEqualTo(events.get(i));
                    assertThat(events.get(i)).as("seed %d, event %d, the other way", seed, i).isEqualTo(c.get(i));
                    assertThat(c.get(i).hashCode()).as("seed %d, hash of event %d", seed, i).isEqualTo(events.get(i).hashCode());
                    assertThat(c.line(i)).as("seed %d, line of event %d", seed, i).isEqualTo(lines[i]);
                    assertThat(walk(c.codes(), c.valueCode(i))).as("seed %d, value of event %d walked by code", seed, i).isEqualTo(events.get(i).value());
                }
                c.seal();
            }
        }
    }

    /** A value rebuilt through {@link ValueCodes} alone: what a check walking codes in place reads. */
    private static JsonNode walk(ValueCodes c, int code) {
        switch (c.kind(code)) {
            case ValueCodes.NIL: return Values.of((Object) null);
            case ValueCodes.INTEGER: return Values.of(c.longValue(code));
            case ValueCodes.TEXT: return Values.of(c.text(code));
            case ValueCodes.ARRAY: {
                ArrayNode a = Values.NODES.arrayNode();
                for (int i = 0; i < c.size(code); i++) a.add(walk(c, c.element(code, i)));
                return a;
            }
            case ValueCodes.OBJECT: {
                com.fasterxml.jackson.databind.node.ObjectNode o = Values.NODES.objectNode();
                for (int i = 0; i < c.size(code); i++) {
                    o.set(c.fieldName(code, i), walk(c, c.fieldValue(code, i)));
                }
                return o;
            }
            default: {
                JsonNode v = c.decode(code);
                assertThat(v.isIntegralNumber() && v.canConvertToLong()).as("an integer read as OTHER: " + v).isFalse();
                return v;
            }
        }
    }

    /** A transaction; given the invocation's, a completion that mostly fills its reads and sometimes does not. */
    private static JsonNode txn(Random rnd, JsonNode invocation) {
        ArrayNode out = Values.NODES.arrayNode();
        if (invocation != null && rnd.nextInt(4) != 0) {
            for (JsonNode m : invocation) {
                ArrayNode mop = Values.NODES.arrayNode();
                mop.add(m.get(0)).add(m.get(1));
                boolean read = m.get(2).isNull();
                mop.add(read ? list(rnd) : rnd.nextInt(8) == 0 ? Values.of(99L) : m.get(2));
                out.add(mop);
            }
            return out;
        }
        int m = 1 + rnd.nextInt(4);
        for (int i = 0; i < m; i++) {
            boolean read = rnd.nextBoolean();
            ArrayNode mop = Values.NODES.arrayNode();
            mop.add(read ? "r" : "append").add(Values.of((long) rnd.nextInt(3)));
            mop.add(read ? (invocation == null ? Values.of((Object) null) : list(rnd)) : Values.of((long) rnd.nextInt(6)));
            out.add(mop);
        }
        return out;
    }

    /** A list of a key: prefixes of 1 2 3 ... mostly, sometimes another order, sometimes empty. */
    private static JsonNode list(Random rnd) {
        ArrayNode a = Values.NODES.arrayNode();
        int n = rnd.nextInt(6);
        boolean odd = rnd.nextInt(5) == 0;
        for (int i = 0; i < n; i++) a.add(Values.of(odd ? (long) n - i : i + 1L));
        return a;
    }

    private static JsonNode value(Random rnd, int depth) {
        switch (rnd.nextInt(depth > 0 ? 10 : 8)) {
            case 0: return Values.of((Object) null);
            case 1: return Values.of((long) rnd.nextInt(2000) - 1000);
            case 2: return Values.of(rnd.nextBoolean() ? (1L << 29) - 1 + rnd.nextInt(3) : -(1L << 29) - rnd.nextInt(3) + 1);
            case 3: return Values.of(rnd.nextLong());
            case 4: return BigIntegerNode.valueOf(BigInteger.ONE.shiftLeft(70).add(BigInteger.valueOf(rnd.nextInt(3))));
            case 5: return DoubleNode.valueOf(rnd.nextBoolean() ? 0.0 : -0.0);
            case 6: return Values.of("v" + rnd.nextInt(4));
            case 7: return Values.of(rnd.nextBoolean());
            case 8: {
                ArrayNode a = Values.NODES.arrayNode();
                // Up to 4 flat elements are interned; longer or nested arrays are stored element by element.
                int k = rnd.nextInt(7);
                for (int i = 0; i < k; i++) a.add(value(rnd, depth - 1));
                return a;
            }
            default: {
                Map<String, Object> m = new HashMap<>();
                m.put("k" + rnd.nextInt(3), value(rnd, depth - 1));
                return Values.of(m);
            }
        }
    }

    /** A Kafka poll's value, a map of lists of [offset value] pairs, comes back equal and already canonical (not walked again). */
    @Test
    void aPollComesBackEqualWithoutAnotherWalk() {
        Map<String, Object> polled = new java.util.LinkedHashMap<>();
        polled.put("7", List.of(List.of(100_000L, 3L), List.of(100_001L, 4L)));
        polled.put("2", List.of());
        JsonNode value = Values.of(List.of(List.of("poll", polled)));
        EventColumns c = new EventColumns();
        c.add(new Op(0, Op.NO_TIME, Values.of(1L), OpType.OK, "poll", value, null, null, Map.of()), 1);
        c.seal();
        JsonNode back = c.value(0);
        assertThat(back).isEqualTo(value);
        assertThat(Values.canonical(back)).isSameAs(back);
        assertThat(back.get(0).get(1).get("7").get(1).get(0).longValue()).isEqualTo(100_001L);
    }

    @Test
    void manyDistinctStringsComeBackEqual() {
        EventColumns c = new EventColumns();
        List<Op> events = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            // Some repeat, some are not ASCII, and keys stay few.
            String v = i % 7 == 0 ? "v" + (i / 7) : "välue-" + i;
            events.add(new Op(i, 1000L * i, Values.of((long) (i % 5)), OpType.INVOKE, "put", Values.of(v), Values.of("k" + i % 3), null, Map.of()));
        }
        for (Op e : events) c.add(e, 0);
        c.seal();
        for (int i = 0; i < events.size(); i++) assertThat(c.get(i)).as("event %d", i).isEqualTo(events.get(i));
    }

    @Test
    void aListAppendHistoryStoresEachListOnce() {
        EventColumns c = new EventColumns();
        int n = 5_000;
        for (int i = 0; i < n; i++) {
            ArrayNode read = Values.NODES.arrayNode();
            for (int e = 1; e <= i; e++) read.add(Values.of((long) e));
            c.add(Op.of(2L * i, 0, OpType.INVOKE, "txn", List.of(List.of("r", "x", Values.of((Object) null)), List.of("append", "x", i + 1))), 0);
            c.add(new Op(2L * i + 1, Op.NO_TIME, Values.of(0L), OpType.OK, "txn",
                    Values.of(List.of(List.of("r", "x", read), List.of("append", "x", i + 1))), null, null, Map.of()), 0);
        }
        c.seal();
        // Each read of [1 ... i] is a prefix of one array: far less than the 12 million elements the reads hold.
        assertThat(c.bytes()).isLessThan(100L * n);
        assertThat(c.get(2 * n - 1).value().get(0).get(2)).hasSize(n - 1);
    }
}
