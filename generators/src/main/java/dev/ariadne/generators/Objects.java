package dev.ariadne.generators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.ariadne.history.Values;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/** The shipped simulated objects, by the checker's datatype names. */
public final class Objects {
    private Objects() {}

    /**
     * A simulated object of that datatype; {@code values} bounds the values written (0: every written
     * value unique, as the causal and session checks need), {@code keys} the keys used.
     */
    public static SimObject of(String datatype, int values, int keys) {
        return switch (datatype) {
            case "register" -> new Register(false, values, keys);
            case "cas-register" -> new Register(true, values, keys);
            case "kv" -> new Kv(values, keys);
            case "counter" -> new Counter(values);
            case "set" -> new SetObject(values);
            case "queue" -> new QueueObject();
            case "mutex" -> new MutexObject();
            case "unique-ids" -> new UniqueIds();
            case "list-append", "rw-register" -> new TxnObject(datatype, 4, Math.max(keys, 1), 32, 0, 0);
            case "log" -> new LogObject(keys, null, 0, 0);
            case "sequence" -> MessageObjects.sequence(null, 0, 0);
            case "consensus" -> MessageObjects.consensus(null, 0, 0);
            case "broadcast" -> MessageObjects.broadcast(null, 0, 0);
            default -> throw new IllegalArgumentException("no simulated object for " + datatype);
        };
    }

    static final class Register implements SimObject {
        final boolean cas;
        final int values;
        final int keys;
        final Map<JsonNode, JsonNode> state = new HashMap<>();
        int counter;

        Register(boolean cas, int values, int keys) {
            this.cas = cas;
            this.values = values;
            this.keys = keys;
        }

        public String datatype() {
            return cas ? "cas-register" : "register";
        }

        JsonNode key(SplittableRandom rnd) {
            return keys <= 1 ? null : Values.of(rnd.nextInt(keys));
        }

        public Call next(SplittableRandom rnd) {
            int r = rnd.nextInt(cas ? 3 : 2);
            JsonNode k = key(rnd);
            if (r == 0) return new Call("read", k, NullNode.getInstance());
            if (r == 1) return new Call("write", k, Values.of(values <= 0 ? ++counter : rnd.nextInt(values)));
            if (values <= 0) {
                JsonNode cur = state.getOrDefault(k == null ? NullNode.getInstance() : k, NullNode.getInstance());
                return new Call("cas", k, Values.of(java.util.Arrays.asList(cur.isNull() ? null : cur.longValue(), ++counter)));
            }
            return new Call("cas", k, Values.of(List.of(rnd.nextInt(values), rnd.nextInt(values))));
        }

        public Result apply(Call c) {
            JsonNode k = c.key() == null ? NullNode.getInstance() : c.key();
            JsonNode cur = state.getOrDefault(k, NullNode.getInstance());
            switch (c.f()) {
                case "read":
                    return new Result(true, cur);
                case "write":
                    state.put(k, c.value());
                    return new Result(true, c.value());
                default:
                    if (!cur.equals(c.value().get(0))) return new Result(false, c.value());
                    state.put(k, c.value().get(1));
                    return new Result(true, c.value());
            }
        }
    }

    static final class Kv implements SimObject {
        final int values;
        final int keys;
        final Map<JsonNode, String> state = new HashMap<>();
        int counter;

        Kv(int values, int keys) {
            this.values = values;
            this.keys = Math.max(1, keys);
        }

        public String datatype() {
            return "kv";
        }

        public Call next(SplittableRandom rnd) {
            JsonNode k = Values.of("k" + rnd.nextInt(keys));
            return switch (rnd.nextInt(3)) {
                case 0 -> new Call("get", k, NullNode.getInstance());
                case 1 -> new Call("put", k, Values.of("v" + (values <= 0 ? ++counter : rnd.nextInt(values))));
                default -> values <= 0 ? new Call("put", k, Values.of("v" + ++counter))
                        : new Call("append", k, Values.of(String.valueOf((char) ('a' + rnd.nextInt(Math.min(26, values))))));
            };
        }

        public Result apply(Call c) {
            String cur = state.getOrDefault(c.key(), "");
            switch (c.f()) {
                case "get":
                    return new Result(true, Values.of(cur));
                case "put":
                    state.put(c.key(), c.value().textValue());
                    return new Result(true, c.value());
                default:
                    state.put(c.key(), cur + c.value().textValue());
                    return new Result(true, c.value());
            }
        }
    }

    static final class Counter implements SimObject {
        final int values;
        long n;

        Counter(int values) {
            this.values = values;
        }

        public String datatype() {
            return "counter";
        }

        public Call next(SplittableRandom rnd) {
            return rnd.nextBoolean() ? new Call("read", null, NullNode.getInstance()) : new Call("add", null, Values.of(1 + rnd.nextInt(values)));
        }

        public Result apply(Call c) {
            if (c.f().equals("read")) return new Result(true, Values.of(n));
            n += c.value().longValue();
            return new Result(true, c.value());
        }
    }

    static final class SetObject implements SimObject {
        final int values;
        final TreeSet<Long> set = new TreeSet<>();

        SetObject(int values) {
            this.values = values;
        }

        public String datatype() {
            return "set";
        }

        public Call next(SplittableRandom rnd) {
            return rnd.nextInt(3) == 0 ? new Call("read", null, NullNode.getInstance()) : new Call("add", null, Values.of(rnd.nextInt(values)));
        }

        public Result apply(Call c) {
            if (c.f().equals("read")) return new Result(true, Values.of(new ArrayList<>(set)));
            set.add(c.value().longValue());
            return new Result(true, c.value());
        }
    }

    static final class QueueObject implements SimObject {
        final ArrayDeque<JsonNode> q = new ArrayDeque<>();
        int counter;

        public String datatype() {
            return "queue";
        }

        public Call next(SplittableRandom rnd) {
            // Unique values, as Jepsen's queue workloads enqueue: duplicates make dequeues ambiguous.
            return rnd.nextBoolean() ? new Call("dequeue", null, NullNode.getInstance()) : new Call("enqueue", null, Values.of(counter++));
        }

        public Result apply(Call c) {
            if (c.f().equals("enqueue")) {
                q.add(c.value());
                return new Result(true, c.value());
            }
            JsonNode v = q.poll();
            return new Result(true, v == null ? NullNode.getInstance() : v);
        }
    }

    static final class MutexObject implements SimObject {
        boolean held;

        public String datatype() {
            return "mutex";
        }

        public Call next(SplittableRandom rnd) {
            return new Call(rnd.nextBoolean() ? "acquire" : "release", null, NullNode.getInstance());
        }

        public Result apply(Call c) {
            boolean acquire = c.f().equals("acquire");
            if (acquire == held) return new Result(false, NullNode.getInstance());
            held = acquire;
            return new Result(true, NullNode.getInstance());
        }
    }

    static final class UniqueIds implements SimObject {
        long next;

        public String datatype() {
            return "unique-ids";
        }

        public Call next(SplittableRandom rnd) {
            return new Call("generate", null, NullNode.getInstance());
        }

        public Result apply(Call c) {
            return new Result(true, Values.of(next++));
        }
    }
}
