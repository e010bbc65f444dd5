package dev.ariadne.checker.weak;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.Datatypes;
import dev.ariadne.checker.datatype.Keyed;
import dev.ariadne.checker.datatype.NilRead;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.OpView;
import dev.ariadne.checker.report.SequentialCounterexample;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.generators.Objects;
import dev.ariadne.generators.Simulation;
import dev.ariadne.history.History;
import dev.ariadne.history.OpType;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Sequential consistency: the classics, and the checker against a brute-force oracle on random histories. */
class SequentialTest {
    static final DatatypeOptions ZERO = new DatatypeOptions(Values.of(0), NilRead.ABSENT);

    /** Two concurrent writes that two readers see in opposite orders: causal, PRAM, not sequential. */
    static final String OPPOSITE_ORDERS = """
            {:process 0 :type :invoke :f :write :value 1}
            {:process 1 :type :invoke :f :write :value 2}
            {:process 0 :type :ok :f :write :value 1}
            {:process 1 :type :ok :f :write :value 2}
            {:process 2 :type :invoke :f :read :value nil}
            {:process 2 :type :ok :f :read :value 1}
            {:process 2 :type :invoke :f :read :value nil}
            {:process 2 :type :ok :f :read :value 2}
            {:process 3 :type :invoke :f :read :value nil}
            {:process 3 :type :ok :f :read :value 2}
            {:process 3 :type :invoke :f :read :value nil}
            {:process 3 :type :ok :f :read :value 1}
            """;

    static CheckResult check(String datatype, String edn) throws Exception {
        History h = HistoryReader.readString(edn, ReadOptions.DEFAULT);
        return ModelChecker.check(h, CheckRequest.of("sequential").withDatatype(datatype).withOptions(ZERO));
    }

    static CheckResult linearizable(String datatype, String edn) throws Exception {
        History h = HistoryReader.readString(edn, ReadOptions.DEFAULT);
        return ModelChecker.check(h, CheckRequest.of("linearizable").withDatatype(datatype).withOptions(ZERO));
    }

    @Test
    void sequentialButNotLinearizable() throws Exception {
        // The read returns a value that a completed write had already overwritten: real time is broken,
        // but the order write 1, read 1, write 2 keeps every process's order.
        String h = """
                {:process 0 :type :invoke :f :write :value 1}
                {:process 0 :type :ok :f :write :value 1}
                {:process 1 :type :invoke :f :write :value 2}
                {:process 1 :type :ok :f :write :value 2}
                {:process 2 :type :invoke :f :read :value nil}
                {:process 2 :type :ok :f :read :value 1}
                """;
        assertThat(check("register", h).verdict()).isEqualTo(Verdict.VALID);
        assertThat(linearizable("register", h).verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void concurrentWritesSeenInOppositeOrders() throws Exception {
        // Causal but not sequential: p2 sees x=1 then x=2, p3 sees x=2 then x=1.
        CheckResult r = check("register", OPPOSITE_ORDERS);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        SequentialCounterexample c = (SequentialCounterexample) r.counterexamples().get(0);
        assertThat(c.minimal()).isTrue();
        assertThat(c.operations().stream().map(OpView::index).toList()).containsExactly(4L, 6L, 8L, 10L);
        assertThat(c.explanation()).contains("cannot be put in one order");
        assertThat(c.blocked()).isNotEmpty();
    }

    @Test
    void readYourWritesViolationIsNotSequential() throws Exception {
        CheckResult r = check("register", """
                {:process 0 :type :invoke :f :write :value 4}
                {:process 0 :type :ok :f :write :value 4}
                {:process 0 :type :invoke :f :read :value nil}
                {:process 0 :type :ok :f :read :value 0}
                """);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(((SequentialCounterexample) r.counterexamples().get(0)).blocked().get(0).reason())
                .isEqualTo("can't read 0 from a register holding 4");
    }

    @Test
    void keysAreCheckedTogether() throws Exception {
        // Per key each process's view is fine, but no single order explains both keys (the IRIW shape).
        CheckResult r = check("register", """
                {:process 0 :type :invoke :f :write :key "x" :value 1}
                {:process 0 :type :ok :f :write :key "x" :value 1}
                {:process 1 :type :invoke :f :write :key "y" :value 1}
                {:process 1 :type :ok :f :write :key "y" :value 1}
                {:process 2 :type :invoke :f :read :key "x" :value nil}
                {:process 2 :type :ok :f :read :key "x" :value 1}
                {:process 2 :type :invoke :f :read :key "y" :value nil}
                {:process 2 :type :ok :f :read :key "y" :value 0}
                {:process 3 :type :invoke :f :read :key "y" :value nil}
                {:process 3 :type :ok :f :read :key "y" :value 1}
                {:process 3 :type :invoke :f :read :key "x" :value nil}
                {:process 3 :type :ok :f :read :key "x" :value 0}
                """);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    }

    /** Sequential consistency by its definition: every interleaving of the processes' sequences, optional ones placed or not. */
    static <S, I> boolean bruteForce(Datatype<S, I> dt, History h, List<Operation> ops) {
        List<List<Operation>> per = new ArrayList<>();
        for (int q = 0; q < h.processCount(); q++) per.add(new ArrayList<>());
        for (Operation o : ops) if (!o.isFail()) per.get(o.process()).add(o);
        return interleave(dt, per, new int[per.size()], dt.init());
    }

    /** Whether the chains (each kept in order) interleave into a legal sequence; info operations may be left out. */
    static boolean interleaveChains(Datatype<?, ?> dt, List<List<Operation>> chains) {
        return interleaveAny(dt, chains);
    }

    private static <S, I> boolean interleaveAny(Datatype<S, I> dt, List<List<Operation>> chains) {
        return interleave(dt, chains, new int[chains.size()], dt.init());
    }

    private static <S, I> boolean interleave(Datatype<S, I> dt, List<List<Operation>> per, int[] front, S state) {
        boolean done = true;
        for (int q = 0; q < per.size(); q++) {
            for (int i = front[q]; i < per.get(q).size(); i++) if (per.get(q).get(i).isOk()) done = false;
        }
        if (done) return true;
        for (int q = 0; q < per.size(); q++) {
            if (front[q] >= per.get(q).size()) continue;
            Operation o = per.get(q).get(front[q]);
            front[q]++;
            List<S> next = new ArrayList<>();
            dt.steps(state, dt.input(o), next);
            for (S s : next) {
                if (interleave(dt, per, front, s)) {
                    front[q]--;
                    return true;
                }
            }
            if (!o.isOk() && interleave(dt, per, front, state)) {
                front[q]--;
                return true;
            }
            front[q]--;
        }
        return false;
    }

    static List<Operation> relaxed(History h, Set<Long> keep) {
        List<Operation> out = new ArrayList<>();
        for (Operation o : h.operations()) out.add(o.isOk() && !keep.contains(o.index()) ? o.with(o.invoke().value(), OpType.INFO) : o);
        return out;
    }

    @Test
    void randomHistoriesAgreeWithBruteForce() {
        int invalid = 0, total = 0;
        for (String dtName : List.of("register", "cas-register", "kv", "multi-register", "set", "queue", "unordered-queue", "counter",
                "mutex", "unique-ids")) {
            for (long seed = 0; seed < 250; seed++) {
                History h = dev.ariadne.checker.linearizable.RandomHistoriesAccess.of(dtName, seed, 3 + (int) (seed % 5), 2 + (int) (seed % 3), 3);
                Datatype<?, ?> base = Datatypes.byName(dtName, ZERO);
                Datatype<?, ?> dt = dtName.equals("multi-register") ? base : new Keyed<>(base);
                boolean expected = bruteForce(dt, h, h.operations());
                CheckResult r = SequentialChecker.check(h, dt, new SequentialChecker.Options(20_000, 1L << 28, 20_000));
                String where = dtName + " seed " + seed + ": " + h.events();
                if (r.verdict() != (expected ? Verdict.VALID : Verdict.INVALID)) {
                    fail("verdict " + r.verdict() + " but brute force says " + (expected ? "sequential" : "not") + " for " + where);
                }
                total++;
                if (expected) continue;
                invalid++;
                SequentialCounterexample c = (SequentialCounterexample) r.counterexamples().get(0);
                Set<Long> chosen = new HashSet<>();
                for (OpView v : c.operations()) chosen.add(v.index());
                if (bruteForce(dt, h, relaxed(h, chosen))) fail("counterexample is sequential with the rest relaxed: " + where);
                if (c.minimal()) {
                    for (Long drop : chosen) {
                        Set<Long> fewer = new HashSet<>(chosen);
                        fewer.remove(drop);
                        if (!bruteForce(dt, h, relaxed(h, fewer))) fail("counterexample not 1-minimal: " + where);
                    }
                }
            }
        }
        assertThat(total).isEqualTo(2500);
        assertThat(invalid).isGreaterThan(total / 10);
    }

    @Test
    void simulatedHistoriesAreSequential() throws Exception {
        for (String dt : List.of("register", "cas-register", "kv", "counter", "queue")) {
            for (long seed = 0; seed < 20; seed++) {
                History h = History.of(new Simulation(60, 4, 0.1, seed).events(Objects.of(dt, 4, 3)));
                CheckResult r = ModelChecker.check(h, CheckRequest.of("sequential").withDatatype(dt));
                assertThat(r.verdict()).as(dt + " seed " + seed).isEqualTo(Verdict.VALID);
            }
        }
    }
}
