package dev.ariadne.generators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A correct Kafka-like log behind Jepsen's Kafka workload: {@code send} operations append unique
 * messages to keys (topic-partitions) and return their offsets (some offsets stay empty, as
 * transaction markers leave them); {@code poll} operations return, per key, the next few messages
 * after where the process's consumer last stopped (each process's consumer is assigned every key
 * and starts at the beginning). A final poll by a fresh consumer reads every key to the end, as
 * Jepsen's workload does, so nothing acknowledged is left unseen.
 *
 * <p>With an {@link Anomaly}: {@code lost-message} acknowledges a send but never appends it (the
 * next send gets its offset), {@code duplicate-message} appends a message twice, {@code skipped-poll}
 * makes a poll jump over one message, {@code reordered-poll} returns two messages swapped.
 */
public final class LogObject implements SimObject {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final int keys;
    private final Anomaly anomaly;
    private final double rate;
    private final SplittableRandom faults;
    /** Per key: the offsets and messages appended, in order, and the next free offset. */
    private final List<List<long[]>> logs = new ArrayList<>();
    private final long[] nextOffset;
    /** Per process and key: how many of the key's messages its consumer has polled. */
    private final Map<Long, int[]> position = new HashMap<>();
    private long counter;
    /** Whether each poll reads every key to the end of its log (a serializable log) rather than a few messages. */
    private boolean toTheEnd;

    public LogObject(int keys, Anomaly anomaly, double rate, long seed) {
        if (anomaly != null && !anomaly.datatypes().contains("log")) {
            throw new IllegalArgumentException(anomaly.cliName() + " cannot be injected into a log; it applies to " + anomaly.datatypes());
        }
        this.keys = Math.max(1, keys);
        this.anomaly = anomaly;
        this.rate = rate;
        this.faults = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.nextOffset = new long[this.keys];
        for (int k = 0; k < this.keys; k++) logs.add(new ArrayList<>());
    }

    /**
     * Polls read every key to the end of the log, as a serializable log's reads do: with each call
     * applied at once, the history is then serializable in the order the calls were applied.
     */
    public LogObject readingToTheEnd() {
        toTheEnd = true;
        return this;
    }

    @Override
    public String datatype() {
        return "log";
    }

    @Override
    public Call next(SplittableRandom rnd) {
        ArrayNode txn = F.arrayNode();
        if (rnd.nextInt(5) < 2) {
            txn.add(F.arrayNode().add("poll"));
            return new Call("poll", null, txn);
        }
        int n = 1 + rnd.nextInt(2);
        for (int i = 0; i < n; i++) txn.add(F.arrayNode().add("send").add(rnd.nextInt(keys)).add(++counter));
        return new Call("send", null, txn);
    }

    @Override
    public Result apply(Call call) {
        return apply(call, -1);
    }

    @Override
    public Result apply(Call call, long process) {
        ArrayNode out = F.arrayNode();
        if (call.f().equals("send")) {
            for (JsonNode m : call.value()) {
                int k = m.get(1).intValue();
                long v = m.get(2).longValue();
                if (faults.nextInt(10) == 0) nextOffset[k]++; // a transaction marker's offset
                long offset = nextOffset[k]++;
                boolean fault = anomaly != null && faults.nextDouble() < rate;
                if (fault && anomaly == Anomaly.LOST_MESSAGE) {
                    nextOffset[k]--; // acknowledged, never appended: the next message takes its offset
                } else {
                    logs.get(k).add(new long[] {offset, v});
                    if (fault && anomaly == Anomaly.DUPLICATE_MESSAGE) logs.get(k).add(new long[] {nextOffset[k]++, v});
                }
                out.add(F.arrayNode().add("send").add(k).add(F.arrayNode().add(offset).add(v)));
            }
            return new Result(true, out);
        }
        int[] pos = position.computeIfAbsent(process, p -> new int[keys]);
        ObjectNode got = F.objectNode();
        for (int k = 0; k < keys; k++) {
            List<long[]> log = logs.get(k);
            boolean fault = process >= 0 && anomaly != null && faults.nextDouble() < rate;
            // Skipping: the consumer jumps over the message after the last one it polled.
            if (fault && anomaly == Anomaly.SKIPPED_POLL && pos[k] > 0 && pos[k] + 1 < log.size()) pos[k]++;
            int take = Math.min(log.size() - pos[k], process < 0 || toTheEnd ? Integer.MAX_VALUE : 1 + faults.nextInt(4));
            if (take <= 0) continue;
            List<long[]> msgs = new ArrayList<>(log.subList(pos[k], pos[k] + take));
            pos[k] += take;
            if (fault && anomaly == Anomaly.REORDERED_POLL && msgs.size() >= 2) {
                long[] first = msgs.get(0);
                msgs.set(0, msgs.get(1));
                msgs.set(1, first);
            }
            ArrayNode pairs = got.putArray(String.valueOf(k));
            for (long[] m : msgs) pairs.add(F.arrayNode().add(m[0]).add(m[1]));
        }
        out.add(F.arrayNode().add("poll").add(got));
        return new Result(true, out);
    }

    /** A fresh consumer's poll of every key to the end (applied with process -1: it takes everything, and never misbehaves). */
    @Override
    public List<Call> finalCalls() {
        return List.of(new Call("poll", null, F.arrayNode().add(F.arrayNode().add("poll"))));
    }
}
