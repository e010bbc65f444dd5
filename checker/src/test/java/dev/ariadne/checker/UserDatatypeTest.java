package dev.ariadne.checker;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ConsistencyModel;
import dev.ariadne.checker.model.UnsupportedCheck;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.HierarchyResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.checker.search.Cancellation;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A datatype the library does not ship, written as a user would (Porcupine's four methods), checked through the front door. */
class UserDatatypeTest {

    /** A LIFO stack: push x, pop → x (nil when empty). State: the elements, bottom first. */
    static final class Stack implements Datatype<List<Long>, Operation> {
        @Override
        public String name() {
            return "stack";
        }

        @Override
        public List<Long> init() {
            return List.of();
        }

        @Override
        public Operation input(Operation op) {
            if (!op.f().equals("push") && !op.f().equals("pop")) throw new IllegalArgumentException("a stack has push and pop, not " + op.f());
            return op;
        }

        @Override
        public List<Long> step(List<Long> s, Operation op) {
            if (op.f().equals("push")) {
                List<Long> next = new ArrayList<>(s);
                next.add(op.value().asLong());
                return List.copyOf(next);
            }
            boolean unknown = !op.isOk() || op.value() == null;
            if (s.isEmpty()) return unknown || op.value().isNull() ? s : null;
            if (unknown || (op.value().isNumber() && op.value().asLong() == s.get(s.size() - 1))) return List.copyOf(s.subList(0, s.size() - 1));
            return null;
        }

        @Override
        public String whyIllegal(List<Long> s, Operation op) {
            return "pop returned " + op.value() + " but the top is " + (s.isEmpty() ? "nothing" : s.get(s.size() - 1));
        }

        @Override
        public String describeState(List<Long> s) {
            return s.toString();
        }

        @Override
        public String describe(Operation op) {
            return op.f() + " " + op.value();
        }
    }

    private static History edn(String s) throws Exception {
        return HistoryReader.readString(s, ReadOptions.DEFAULT);
    }

    private static final String FIFO_ORDER = """
            {:process 0 :type :invoke :f :push :value 1}
            {:process 0 :type :ok :f :push :value 1}
            {:process 0 :type :invoke :f :push :value 2}
            {:process 0 :type :ok :f :push :value 2}
            {:process 1 :type :invoke :f :pop :value nil}
            {:process 1 :type :ok :f :pop :value 1}
            """;

    @Test
    void aUsersOwnDatatypeIsCheckedForLinearizabilityAndSequentialConsistency() throws Exception {
        History lifo = edn("""
                {:process 0 :type :invoke :f :push :value 1}
                {:process 1 :type :invoke :f :push :value 2}
                {:process 0 :type :ok :f :push :value 1}
                {:process 1 :type :ok :f :push :value 2}
                {:process 2 :type :invoke :f :pop :value nil}
                {:process 2 :type :ok :f :pop :value 1}
                """);
        // The concurrent pushes may take effect 2 then 1: linearizable.
        CheckResult ok = Ariadne.check(lifo, CheckRequest.of(ConsistencyModel.LINEARIZABLE).withDatatype(new Stack()));
        assertThat(ok.verdict()).isEqualTo(Verdict.VALID);
        assertThat(ok.datatype()).isEqualTo("stack");

        // Push 1, push 2 in one process, then a pop of 1: no order explains it.
        History fifo = edn(FIFO_ORDER);
        CheckResult bad = Ariadne.check(fifo, CheckRequest.of(ConsistencyModel.LINEARIZABLE).withDatatype(new Stack()));
        assertThat(bad.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(bad.counterexamples()).isNotEmpty();
        // Sequentially consistent, though: p1's pop may come between the pushes.
        assertThat(Ariadne.check(fifo, CheckRequest.of(ConsistencyModel.SEQUENTIAL).withDatatype(new Stack())).verdict()).isEqualTo(Verdict.VALID);
        // Not when one process pushes 1 and 2 and then pops 1.
        History own = edn(FIFO_ORDER.replace(":process 1", ":process 0"));
        assertThat(Ariadne.check(own, CheckRequest.of(ConsistencyModel.SEQUENTIAL).withDatatype(new Stack())).verdict()).isEqualTo(Verdict.INVALID);

        HierarchyResult all = Ariadne.checkAll(fifo, CheckRequest.all().withDatatype(new Stack()));
        assertThat(all.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void modelsThatNeedReadsAndWritesSayWhatTheyNeed() throws Exception {
        assertThatThrownBy(() -> Ariadne.check(edn(FIFO_ORDER), CheckRequest.of(ConsistencyModel.PRAM).withDatatype(new Stack())))
                .isInstanceOf(UnsupportedCheck.class).hasMessageContaining("register, cas-register and kv").hasMessageContaining("stack");
        assertThatThrownBy(() -> Ariadne.check(edn(FIFO_ORDER), CheckRequest.of(ConsistencyModel.SERIALIZABLE).withDatatype(new Stack())))
                .isInstanceOf(UnsupportedCheck.class).hasMessageContaining("not a transactional datatype");
    }

    /** Thirty concurrent pushes, then a pop of a value nobody pushed: no order works, and the search must try them all. */
    private static History hopeless() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30; i++) sb.append("{:process ").append(i).append(" :type :invoke :f :push :value ").append(i).append("}\n");
        for (int i = 0; i < 30; i++) sb.append("{:process ").append(i).append(" :type :ok :f :push :value ").append(i).append("}\n");
        sb.append("{:process 0 :type :invoke :f :pop :value nil}\n{:process 0 :type :ok :f :pop :value 99}\n");
        return edn(sb.toString());
    }

    @Test
    void aCancelledCheckIsUnknownNeverValid() throws Exception {
        Cancellation token = new Cancellation();
        token.cancel();
        CheckResult r = Ariadne.check(hopeless(), CheckRequest.of(ConsistencyModel.LINEARIZABLE).withDatatype(new Stack()).withCancellation(token));
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.summary()).contains("cancelled");
    }

    @Test
    void aCheckWithoutATimeLimitStopsWhenCancelledFromAnotherThread() throws Exception {
        History h = hopeless();
        Cancellation token = new Cancellation();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<CheckResult> f = pool.submit(() -> Ariadne.check(h,
                    CheckRequest.of(ConsistencyModel.LINEARIZABLE).withDatatype(new Stack()).withCancellation(token)));
            Thread.sleep(300);
            assertThat(f.isDone()).as("the search is still running").isFalse();
            token.cancel();
            CheckResult r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
            assertThat(r.partitions().get(0).detail()).contains("cancelled");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void interruptingTheCheckingThreadStopsItWithUnknown() throws Exception {
        History h = hopeless();
        CheckResult[] result = new CheckResult[1];
        Thread t = new Thread(() -> result[0] = Ariadne.check(h, CheckRequest.of(ConsistencyModel.LINEARIZABLE).withDatatype(new Stack())));
        t.start();
        Thread.sleep(300);
        t.interrupt();
        t.join(60_000);
        assertThat(t.isAlive()).as("the check stopped").isFalse();
        assertThat(result[0].verdict()).isEqualTo(Verdict.UNKNOWN);
        // Stopped by the interrupt, not by the memo budget it would reach seconds later.
        assertThat(result[0].partitions().get(0).detail()).contains("cancelled");
    }
}
