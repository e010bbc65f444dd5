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
 * {@code info}, and that thread goes on as a new process, as Jepsen's do. An optional
 * {@link FaultSchedule} drives the user's {@link Nemesis} meanwhile, recorded as {@code nemesis}
 * operations.
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
        return run(clients, workload, sink, null, null);
    }

    /**
     * The same, with faults: while the clients run, a nemesis thread follows {@code schedule}, calling
     * {@code nemesis} and recording each start and stop as an {@code info} operation of process
     * {@code nemesis}. A hook that throws is recorded with its error and the run goes on.
     */
    public List<Op> run(Supplier<Client> clients, Workload workload, Writer sink, Nemesis nemesis, FaultSchedule schedule) throws InterruptedException {
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
        Thread faults = null;
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        if (nemesis != null && schedule != null) {
            faults = new Thread(() -> runFaults(nemesis, schedule, done, events, lock, index, origin, sink), "ariadne-nemesis");
            faults.start();
        }
        for (Thread t : ts) t.join();
        done.set(true);
        if (faults != null) {
            faults.interrupt();
            faults.join();
        }
        return events;
    }

    private static final JsonNode NEMESIS = Values.of("nemesis");

    private void runFaults(Nemesis nemesis, FaultSchedule schedule, java.util.concurrent.atomic.AtomicBoolean done, List<Op> events, Object lock,
                           long[] index, long origin, Writer sink) {
        java.util.Iterator<FaultSchedule.Step> steps = schedule.steps();
        while (!done.get()) {
            FaultSchedule.Step step = steps.next();
            if (!sleep(step.afterMillis(), done)) return;
            fault(nemesis, "start", step.fault(), events, lock, index, origin, sink);
            boolean interrupted = !sleep(step.forMillis(), done);
            fault(nemesis, "stop", step.fault(), events, lock, index, origin, sink); // always heal, even at the end
            if (interrupted) return;
        }
    }

    /** Sleeps unless the run is over; false when it ended (or the thread was interrupted). */
    private static boolean sleep(long millis, java.util.concurrent.atomic.AtomicBoolean done) {
        if (done.get()) return false;
        try {
            Thread.sleep(millis);
            return !done.get();
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void fault(Nemesis nemesis, String phase, String fault, List<Op> events, Object lock, long[] index, long origin, Writer sink) {
        SimObject.Call call = new SimObject.Call(phase + "-" + fault, null, Values.of(fault));
        JsonNode error = null;
        try {
            if (phase.equals("start")) nemesis.start(fault);
            else nemesis.stop(fault);
        } catch (Exception e) {
            error = Values.of(e.toString());
        }
        record(events, lock, index, origin, NEMESIS, OpType.INFO, call, call.value(), error, sink);
    }

    private static void record(List<Op> events, Object lock, long[] index, long origin, long process, OpType type, SimObject.Call call,
                               JsonNode value, JsonNode error, Writer sink) {
        record(events, lock, index, origin, Values.of(process), type, call, value, error, sink);
    }

    private static void record(List<Op> events, Object lock, long[] index, long origin, JsonNode process, OpType type, SimObject.Call call,
                               JsonNode value, JsonNode error, Writer sink) {
        synchronized (lock) {
            Op op = new Op(index[0]++, System.nanoTime() - origin, process, type, call.f(), value, call.key(), error, Map.of());
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
