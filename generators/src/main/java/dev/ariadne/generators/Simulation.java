package dev.ariadne.generators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.Op;
import dev.ariadne.history.OpType;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Records a history that is linearizable by construction: concurrent client processes invoke
 * random calls on a correct sequential {@link SimObject}; each call takes effect atomically at a
 * random moment between its invocation and its completion. A crash ends an operation with
 * {@code info}, whether or not it took effect, and its process is replaced by a fresh one (as in
 * Jepsen). Seeded: the same parameters give the same history.
 *
 * @param operations  how many operations to invoke
 * @param concurrency how many processes run at once
 * @param infoRate    probability that an operation crashes (0..1)
 * @param seed        the random seed
 */
public record Simulation(int operations, int concurrency, double infoRate, long seed) {

    /** Runs the simulation and hands each event to {@code out}, in order. */
    public void run(SimObject object, Consumer<Op> out) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int slots = Math.max(1, concurrency);
        long[] process = new long[slots];
        for (int i = 0; i < slots; i++) process[i] = i;
        SimObject.Call[] pending = new SimObject.Call[slots];
        SimObject.Result[] result = new SimObject.Result[slots];
        int invoked = 0;
        int open = 0;
        long index = 0;
        while (invoked < operations || open > 0) {
            int s = rnd.nextInt(slots);
            SimObject.Call c = pending[s];
            if (c == null) {
                if (invoked == operations) continue;
                c = object.next(rnd);
                pending[s] = c;
                result[s] = null;
                invoked++;
                open++;
                out.accept(event(index++, process[s], OpType.INVOKE, c.f(), c.key(), c.value()));
            } else if (result[s] == null && rnd.nextDouble() < 0.5) {
                if (rnd.nextDouble() < infoRate / 2) {
                    crash(out, index++, process, s, c, slots);
                    pending[s] = null;
                    open--;
                } else {
                    result[s] = object.apply(c, process[s]);
                }
            } else if (result[s] != null) {
                if (rnd.nextDouble() < infoRate / 2) {
                    crash(out, index++, process, s, c, slots);
                } else {
                    SimObject.Result r = result[s];
                    out.accept(event(index++, process[s], r.ok() ? OpType.OK : OpType.FAIL, c.f(), c.key(), r.value()));
                }
                pending[s] = null;
                open--;
            }
        }
        long fresh = 0;
        for (int i = 0; i < slots; i++) fresh = Math.max(fresh, process[i] + 1);
        for (SimObject.Call c : object.finalCalls()) {
            out.accept(event(index++, fresh, OpType.INVOKE, c.f(), c.key(), c.value()));
            SimObject.Result r = object.apply(c, -1);
            out.accept(event(index++, fresh, r.ok() ? OpType.OK : OpType.FAIL, c.f(), c.key(), r.value()));
        }
    }

    private static void crash(Consumer<Op> out, long index, long[] process, int s, SimObject.Call c, int slots) {
        out.accept(event(index, process[s], OpType.INFO, c.f(), c.key(), c.value()));
        process[s] += slots;
    }

    /** Runs the simulation and writes each event as a JSON Lines row as it is made (never the whole history in memory). */
    public void writeJsonLines(SimObject object, java.io.Writer out) throws java.io.IOException {
        try {
            run(object, e -> {
                try {
                    dev.ariadne.history.io.HistoryWriter.writeJson(e, out);
                    out.write('\n');
                } catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    /** Runs the simulation into a list. */
    public List<Op> events(SimObject object) {
        List<Op> events = new ArrayList<>();
        run(object, events::add);
        return events;
    }

    static Op event(long index, long process, OpType type, String f, JsonNode key, JsonNode value) {
        return new Op(index, index * 1000, Values.of(process), type, f, value, key, null, Map.of());
    }
}
