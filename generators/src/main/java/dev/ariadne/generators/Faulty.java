package dev.ariadne.generators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A single-object {@link SimObject} that misbehaves on purpose: with probability {@code rate} a call
 * suffers the chosen {@link Anomaly} instead of its correct result. Seeded, so a history with an
 * injected anomaly is reproducible. (Transactional anomalies are {@link TxnObject}'s.)
 */
public final class Faulty implements SimObject {
    private final SimObject inner;
    private final Anomaly anomaly;
    private final double rate;
    private final SplittableRandom rnd;
    /** Per key: the values it has held, oldest first (for stale reads). */
    private final Map<JsonNode, List<JsonNode>> past = new HashMap<>();
    private final List<JsonNode> ids = new ArrayList<>();
    private JsonNode lastDequeued;

    public Faulty(SimObject inner, Anomaly anomaly, double rate, long seed) {
        if (!anomaly.datatypes().contains(inner.datatype()) || inner.datatype().equals("list-append") || inner.datatype().equals("rw-register")) {
            throw new IllegalArgumentException(anomaly.cliName() + " cannot be injected into " + inner.datatype() + " this way; it applies to " + anomaly.datatypes());
        }
        this.inner = inner;
        this.anomaly = anomaly;
        this.rate = rate;
        this.rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    }

    @Override
    public String datatype() {
        return inner.datatype();
    }

    @Override
    public Call next(SplittableRandom r) {
        return inner.next(r);
    }

    /** Per process and key: the value it last wrote or read there, and the key's history index of that value. */
    private final Map<Long, Map<JsonNode, Integer>> seenAt = new HashMap<>();

    @Override
    public Result apply(Call call, long process) {
        if (anomaly != Anomaly.READ_YOUR_WRITES_VIOLATION && anomaly != Anomaly.MONOTONIC_READS_VIOLATION) return apply(call);
        JsonNode key = call.key() == null ? NullNode.getInstance() : call.key();
        Map<JsonNode, Integer> mine = seenAt.computeIfAbsent(process, p -> new HashMap<>());
        if (!isRead(call.f())) {
            Result r = inner.apply(call);
            if (r.ok()) {
                remember(key, call);
                if (anomaly == Anomaly.READ_YOUR_WRITES_VIOLATION) mine.put(key, past.get(key).size() - 1);
            }
            return r;
        }
        Integer at = mine.get(key);
        List<JsonNode> values = past.getOrDefault(key, List.of());
        if (at != null && at > 0 && rnd.nextDouble() < rate) {
            // The key's initial value, after the process wrote (or read) a later one: no view can explain
            // that (another process's older write might still be ordered after, but nothing restores the initial value).
            return new Result(true, values.get(0));
        }
        Result r = inner.apply(call);
        if (anomaly == Anomaly.MONOTONIC_READS_VIOLATION) {
            int idx = values.lastIndexOf(r.value());
            if (idx >= 0) mine.put(key, idx);
        }
        return r;
    }

    @Override
    public Result apply(Call call) {
        boolean strike = rnd.nextDouble() < rate;
        String f = call.f();
        JsonNode key = call.key() == null ? NullNode.getInstance() : call.key();
        switch (anomaly) {
            case STALE_READ -> {
                if (isRead(f)) {
                    List<JsonNode> values = past.getOrDefault(key, List.of());
                    if (strike && values.size() > 1) return new Result(true, values.get(rnd.nextInt(values.size() - 1)));
                    return inner.apply(call);
                }
                Result r = inner.apply(call);
                if (r.ok()) remember(key, call);
                return r;
            }
            case LOST_UPDATE -> {
                if (!isRead(f) && strike) return new Result(true, call.value());
                return inner.apply(call);
            }
            case DOUBLE_GRANT -> {
                Result r = inner.apply(call);
                if (f.equals("acquire") && !r.ok() && strike) return new Result(true, r.value());
                return r;
            }
            case DUPLICATE_ID -> {
                if (strike && !ids.isEmpty()) return new Result(true, ids.get(rnd.nextInt(ids.size())));
                Result r = inner.apply(call);
                ids.add(r.value());
                return r;
            }
            case LOST_ELEMENT -> {
                if (f.equals("enqueue") && strike) return new Result(true, call.value());
                return inner.apply(call);
            }
            case DUPLICATE_ELEMENT -> {
                if (f.equals("dequeue") && strike && lastDequeued != null) return new Result(true, lastDequeued);
                Result r = inner.apply(call);
                if (f.equals("dequeue") && !r.value().isNull()) lastDequeued = r.value();
                return r;
            }
            case READ_YOUR_WRITES_VIOLATION, MONOTONIC_READS_VIOLATION -> {
                Result r = inner.apply(call);
                if (!isRead(f) && r.ok()) remember(key, call);
                return r;
            }
            default -> throw new IllegalStateException(anomaly + " is transactional");
        }
    }

    private static boolean isRead(String f) {
        return f.equals("read") || f.equals("get");
    }

    /** Records the key's value after a change, read through the correct object (reads change nothing). */
    private void remember(JsonNode key, Call changed) {
        String read = changed.f().equals("put") || changed.f().equals("append") ? "get" : "read";
        JsonNode now = inner.apply(new Call(read, changed.key(), NullNode.getInstance())).value();
        List<JsonNode> values = past.computeIfAbsent(key, k -> new ArrayList<>());
        if (values.isEmpty()) values.add(read.equals("get") ? com.fasterxml.jackson.databind.node.TextNode.valueOf("") : NullNode.getInstance());
        values.add(now);
    }
}
