package dev.ariadne.checker.linearizable;

import dev.ariadne.history.History;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.Op;
import dev.ariadne.history.OpType;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Small random histories of every shipped datatype, with random results (so most are not
 * linearizable), random overlapping intervals, and ok, fail, info and never-completed outcomes.
 */
final class RandomHistories {
    private RandomHistories() {}

    static final List<String> DATATYPES = List.of("register", "cas-register", "kv", "multi-register", "set", "queue",
            "unordered-queue", "counter", "mutex", "unique-ids", "sequence", "consensus");

    /** One planned call: function, key, invocation value and completion value. */
    private record Call(String f, Object key, Object invoke, Object complete) {}

    private static Call call(String dt, SplittableRandom r, int values) {
        int v = r.nextInt(values);
        int w = r.nextInt(values);
        switch (dt) {
            case "register":
            case "cas-register": {
                Object key = r.nextInt(4) == 0 ? "k" + r.nextInt(2) : null;
                int kind = r.nextInt(dt.equals("cas-register") ? 3 : 2);
                if (kind == 0) return new Call("read", key, null, r.nextInt(6) == 0 ? null : v);
                if (kind == 1) return new Call("write", key, v, v);
                return new Call("cas", key, List.of(v, w), List.of(v, w));
            }
            case "kv": {
                String key = "k" + r.nextInt(2);
                String s = String.valueOf((char) ('a' + v));
                return switch (r.nextInt(3)) {
                    case 0 -> new Call("get", key, null, r.nextBoolean() ? s : r.nextBoolean() ? "" : s + (char) ('a' + w) + (r.nextBoolean() ? "" : s));
                    case 1 -> new Call("put", key, s, s);
                    default -> new Call("append", key, s, s);
                };
            }
            case "multi-register": {
                List<Object> inv = new ArrayList<>();
                List<Object> done = new ArrayList<>();
                int n = 1 + r.nextInt(2);
                for (int i = 0; i < n; i++) {
                    String k = r.nextBoolean() ? "x" : "y";
                    int x = r.nextInt(values);
                    if (r.nextBoolean()) {
                        inv.add(List.of("read", k, "nil"));
                        done.add(List.of("read", k, x));
                    } else {
                        inv.add(List.of("write", k, x));
                        done.add(List.of("write", k, x));
                    }
                }
                return new Call("txn", null, fixNil(inv), fixNil(done));
            }
            case "set": {
                if (r.nextBoolean()) return new Call("add", null, v, v);
                List<Integer> read = new ArrayList<>();
                for (int i = 0; i < values; i++) if (r.nextBoolean()) read.add(i);
                return new Call("read", null, null, read);
            }
            case "queue":
            case "unordered-queue":
                return r.nextBoolean() ? new Call("enqueue", null, v, v) : new Call("dequeue", null, null, r.nextInt(5) == 0 ? null : v);
            case "counter":
                return r.nextBoolean() ? new Call("add", null, 1 + v, 1 + v) : new Call("read", null, null, v + w);
            case "mutex":
                return new Call(r.nextBoolean() ? "acquire" : "release", null, null, null);
            case "unique-ids":
                return new Call("generate", null, null, v);
            case "sequence":
                return new Call("next", null, null, r.nextInt(4) == 0 ? null : v);
            case "consensus":
                return new Call("propose", null, v, r.nextInt(3) == 0 ? v : w);
            default:
                throw new IllegalArgumentException(dt);
        }
    }

    private static Object fixNil(List<Object> l) {
        List<Object> out = new ArrayList<>();
        for (Object o : l) {
            @SuppressWarnings("unchecked") List<Object> m = (List<Object>) o;
            out.add(java.util.Arrays.asList(m.get(0), m.get(1), "nil".equals(m.get(2)) ? null : m.get(2)));
        }
        return out;
    }

    /** A random history of {@code n} operations over {@code procs} concurrent processes. */
    static History of(String dt, long seed, int n, int procs, int values) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Op> events = new ArrayList<>();
        long[] process = new long[procs];
        for (int i = 0; i < procs; i++) process[i] = i;
        Call[] pending = new Call[procs];
        int started = 0;
        int open = 0;
        while (started < n || open > 0) {
            int p = r.nextInt(procs);
            if (pending[p] == null) {
                if (started == n) continue;
                Call c = call(dt, r, values);
                pending[p] = c;
                started++;
                open++;
                events.add(ev(events.size(), process[p], OpType.INVOKE, c.f(), c.key(), c.invoke()));
            } else {
                Call c = pending[p];
                int o = r.nextInt(10);
                if (o < 7) {
                    events.add(ev(events.size(), process[p], OpType.OK, c.f(), c.key(), c.complete()));
                } else if (o < 8) {
                    events.add(ev(events.size(), process[p], OpType.FAIL, c.f(), c.key(), c.invoke()));
                } else {
                    if (o == 8) events.add(ev(events.size(), process[p], OpType.INFO, c.f(), c.key(), c.invoke()));
                    process[p] += procs;
                }
                pending[p] = null;
                open--;
            }
        }
        try {
            return History.of(events);
        } catch (HistoryException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Op ev(long index, long process, OpType type, String f, Object key, Object value) {
        return new Op(index, Op.NO_TIME, Values.of(process), type, f, Values.of(value), key == null ? null : Values.of(key), null, Map.of());
    }
}
