package dev.ariadne.examples;

import dev.ariadne.checker.model.ConsistencyModel;
import dev.ariadne.checker.datatype.BuiltinDatatype;
import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.NilRead;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Reports;
import dev.ariadne.history.History;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.Recorder;
import dev.ariadne.history.Values;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The whole loop on Java's own objects: client threads drive a compare-and-set register, a
 * {@link Recorder} stamps every invocation and completion, and Ariadne checks the history.
 * An {@link AtomicReference} is linearizable; a register whose cas reads, then writes (an
 * unsynchronised read-modify-write), loses updates, and the checker shows the two cas operations
 * that cannot both have succeeded.
 *
 * <p>Run: {@code java -cp examples/target/classes:... dev.ariadne.examples.CasRegisterExample}, or see
 * its test.
 */
public final class CasRegisterExample {
    private CasRegisterExample() {}

    /** A register with read, write and compare-and-set. */
    public interface CasRegister {
        int read();

        void write(int v);

        boolean cas(int expected, int next);
    }

    /** Linearizable: every operation is one atomic step of an {@link AtomicReference}. */
    public static final class Atomic implements CasRegister {
        private final AtomicReference<Integer> ref = new AtomicReference<>(0);

        public int read() {
            return ref.get();
        }

        public void write(int v) {
            ref.set(v);
        }

        public boolean cas(int expected, int next) {
            return ref.compareAndSet(expected, next);
        }
    }

    /**
     * Broken on purpose: cas reads, compares, then writes, and two concurrent cas calls meet at a
     * barrier between the read and the write, so both see the same old value and both succeed.
     */
    public static final class Racy implements CasRegister {
        private volatile int value;
        private final CyclicBarrier race = new CyclicBarrier(2);

        public int read() {
            return value;
        }

        public void write(int v) {
            value = v;
        }

        public boolean cas(int expected, int next) {
            int seen = value;
            Race.meet(race);
            if (seen != expected) return false;
            value = next;
            return true;
        }
    }

    /** Two threads, each: cas 0→(its id), then reads. The racy register lets both cas succeed. */
    public static History record(CasRegister register, int threads, int opsPerThread) throws InterruptedException, HistoryException {
        Recorder rec = new Recorder();
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            final int process = t;
            ts[t] = new Thread(() -> {
                Recorder.Pending c = rec.invoke(process, "cas", java.util.List.of(0, process + 1));
                if (register.cas(0, process + 1)) c.ok();
                else c.fail("mismatch");
                for (int i = 0; i < opsPerThread; i++) {
                    if (ThreadLocalRandom.current().nextBoolean()) {
                        Recorder.Pending r = rec.invoke(process, "read", null);
                        r.ok(register.read());
                    } else {
                        int v = 10 + ThreadLocalRandom.current().nextInt(5);
                        Recorder.Pending w = rec.invoke(process, "write", v);
                        register.write(v);
                        w.ok();
                    }
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) t.join();
        return rec.history();
    }

    public static CheckResult check(History h) {
        return Ariadne.check(h, CheckRequest.of(ConsistencyModel.LINEARIZABLE).withDatatype(BuiltinDatatype.CAS_REGISTER)
                .withOptions(new DatatypeOptions(Values.of(0), NilRead.ABSENT)));
    }

    public static void main(String[] args) throws Exception {
        System.out.println("AtomicReference:\n" + Reports.text(check(record(new Atomic(), 2, 20))));
        System.out.println("Racy read-modify-write:\n" + Reports.text(check(record(new Racy(), 2, 20))));
    }
}
