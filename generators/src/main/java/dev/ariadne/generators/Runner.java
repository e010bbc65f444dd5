package dev.ariadne.generators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.Op;
import dev.ariadne.history.OpType;
import dev.ariadne.history.Values;
import dev.ariadne.history.io.HistoryWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Jepsen's loop on the JVM: N client threads drive a user's {@link Client} with calls from a
 * workload; every invocation and completion is recorded with {@link System#nanoTime()} and written
 * to the sink (JSON Lines, flushed event by event, so a crash of the test loses nothing recorded).
 * A call that throws {@link Client.DefiniteFailure} is {@code fail}; any other exception is
 * {@code info}, and that thread goes on as a new process, as Jepsen's do.
 *
 * @param threads      client threads
 * @param opsPerThread calls each thread makes
 * @param seed         seeds each thread's workload, so the calls are reproducible
 */
public record Runner(int threads, int opsPerThread, long seed) {

    /** The calls a workload makes; the same object kinds as the simulator's (see {@link Objects}). */
    public interface Workload {
        SimObject.Call next(SplittableRandom rnd);
    }

    /** Runs the clients and returns every event, also written to {@code sink} (may be null) as it happens. */
    public List<Op> run(Supplier<Client> clients, Workload workload, Writer sink) throws InterruptedException {
        List<Op> events = new ArrayList<>();
        long origin = System.nanoTime();
        Object lock = new Object();
        long[] index = {0};
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            final int slot = t;
            Client client = clients.get();
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + t);
            ts[t] = new Thread(() -> {
                long process = slot;
                for (int i = 0; i < opsPerThread; i++) {
                    SimObject.Call call;
                    synchronized (lock) {
                        call = workload.next(rnd);
                    }
                    record(events, lock, index, origin, process, OpType.INVOKE, call, call.value(), null, sink);
                    try {
                        JsonNode result = client.invoke(call);
                        record(events, lock, index, origin, process, OpType.OK, call, result == null ? call.value() : result, null, sink);
                    } catch (Client.DefiniteFailure e) {
                        record(events, lock, index, origin, process, OpType.FAIL, call, call.value(), Values.of(String.valueOf(e.getMessage())), sink);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        record(events, lock, index, origin, process, OpType.INFO, call, call.value(), Values.of(e.toString()), sink);
                        process += threads; // the outcome is unknown: carry on as a new process
                    }
                }
            }, "ariadne-client-" + t);
            ts[t].start();
        }
        for (Thread t : ts) t.join();
        return events;
    }

    private static void record(List<Op> events, Object lock, long[] index, long origin, long process, OpType type, SimObject.Call call,
                               JsonNode value, JsonNode error, Writer sink) {
        synchronized (lock) {
            Op op = new Op(index[0]++, System.nanoTime() - origin, Values.of(process), type, call.f(), value, call.key(), error, Map.of());
            events.add(op);
            if (sink != null) {
                try {
                    HistoryWriter.writeJson(op, sink);
                    sink.write('\n');
                    sink.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
