package dev.ariadne.generators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Correct simulated objects for the sequence, consensus and broadcast datatypes, each with its
 * injectable faults: a sequence that issues a number again ({@code duplicate-value}), a consensus
 * that lets a proposal decide its own value after another was decided ({@code split-decision}), a
 * total-order broadcast (a sequencer: every process delivers the one order) whose receive sometimes
 * skips ahead one message ({@code reordered-delivery}) or delivers the last message again
 * ({@code duplicate-delivery}).
 */
public final class MessageObjects {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private MessageObjects() {}

    /** A database-like sequence: increasing numbers with random gaps (a cache thrown away, a rollback). */
    public static SimObject sequence(Anomaly fault, double rate, long seed) {
        check(fault, "sequence");
        SplittableRandom faults = new SplittableRandom(seed ^ 0x51L);
        return new SimObject() {
            long last;

            @Override
            public String datatype() {
                return "sequence";
            }

            @Override
            public Call next(SplittableRandom rnd) {
                return new Call("next", null, F.nullNode());
            }

            @Override
            public synchronized Result apply(Call call) {
                if (fault == Anomaly.DUPLICATE_VALUE && last > 0 && faults.nextDouble() < rate) return new Result(true, F.numberNode(last));
                last += 1 + (faults.nextInt(5) == 0 ? faults.nextInt(10) : 0);
                return new Result(true, F.numberNode(last));
            }
        };
    }

    /** Consensus: the first proposal decides its own value; every proposal returns the decision. */
    public static SimObject consensus(Anomaly fault, double rate, long seed) {
        check(fault, "consensus");
        SplittableRandom faults = new SplittableRandom(seed ^ 0x52L);
        return new SimObject() {
            JsonNode decided;

            @Override
            public String datatype() {
                return "consensus";
            }

            @Override
            public Call next(SplittableRandom rnd) {
                return new Call("propose", null, F.numberNode(rnd.nextInt(100)));
            }

            @Override
            public synchronized Result apply(Call call) {
                if (decided == null) decided = call.value();
                if (fault == Anomaly.SPLIT_DECISION && faults.nextDouble() < rate) return new Result(true, call.value());
                return new Result(true, decided);
            }
        };
    }

    /** Total-order broadcast through a sequencer: {@code broadcast m} appends; {@code receive} returns the process's next message, or nil. */
    public static SimObject broadcast(Anomaly fault, double rate, long seed) {
        check(fault, "broadcast");
        SplittableRandom faults = new SplittableRandom(seed ^ 0x53L);
        return new SimObject() {
            final List<JsonNode> order = new ArrayList<>();
            final Map<Long, List<JsonNode>> pending = new HashMap<>();
            final Map<Long, JsonNode> lastDelivered = new HashMap<>();
            long counter;

            @Override
            public String datatype() {
                return "broadcast";
            }

            @Override
            public Call next(SplittableRandom rnd) {
                return rnd.nextInt(3) == 0 ? new Call("broadcast", null, F.numberNode(++counter)) : new Call("receive", null, F.nullNode());
            }

            @Override
            public Result apply(Call call) {
                return apply(call, -1);
            }

            @Override
            public synchronized Result apply(Call call, long process) {
                if (call.f().equals("broadcast")) {
                    order.add(call.value());
                    for (List<JsonNode> p : pending.values()) p.add(call.value());
                    return new Result(true, call.value());
                }
                // A process first seen starts with every message broadcast so far.
                List<JsonNode> mine = pending.computeIfAbsent(process, p -> new ArrayList<>(order));
                if (fault == Anomaly.DUPLICATE_DELIVERY && lastDelivered.containsKey(process) && faults.nextDouble() < rate) {
                    return new Result(true, lastDelivered.get(process));
                }
                if (mine.isEmpty()) return new Result(true, F.nullNode());
                int i = fault == Anomaly.REORDERED_DELIVERY && mine.size() > 1 && faults.nextDouble() < rate ? 1 : 0;
                JsonNode m = mine.remove(i);
                lastDelivered.put(process, m);
                return new Result(true, m);
            }
        };
    }

    private static void check(Anomaly fault, String datatype) {
        if (fault != null && !fault.datatypes().contains(datatype)) {
            throw new IllegalArgumentException(fault.cliName() + " cannot be injected into " + datatype + "; it applies to " + fault.datatypes());
        }
    }
}
