package dev.ariadne.checker.linearizable;

import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.Datatypes;
import dev.ariadne.checker.datatype.NilRead;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.LinearizabilityCounterexample;
import dev.ariadne.checker.report.OpView;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.Values;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-written classics, one per datatype and anomaly, with the counterexample each must produce. */
class LinearizabilityClassicsTest {

    static CheckResult check(String datatype, DatatypeOptions opts, String edn) throws Exception {
        History h = HistoryReader.readString(edn, ReadOptions.DEFAULT);
        return LinearizabilityChecker.check(h, Datatypes.byName(datatype, opts), LinearizabilityChecker.Options.defaults());
    }

    static List<Long> counterexampleOps(CheckResult r) {
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        LinearizabilityCounterexample c = (LinearizabilityCounterexample) r.counterexamples().get(0);
        assertThat(c.minimal()).isTrue();
        return c.operations().stream().map(OpView::index).toList();
    }

    @Test
    void staleReadAfterCompletedWrite() throws Exception {
        CheckResult r = check("register", DatatypeOptions.DEFAULT, """
                {:process 0 :type :invoke :f :write :value 1}
                {:process 0 :type :ok :f :write :value 1}
                {:process 1 :type :invoke :f :write :value 2}
                {:process 1 :type :ok :f :write :value 2}
                {:process 2 :type :invoke :f :read :value nil}
                {:process 2 :type :ok :f :read :value 1}
                """);
        assertThat(counterexampleOps(r)).containsExactly(0L, 2L, 4L);
        LinearizabilityCounterexample c = (LinearizabilityCounterexample) r.counterexamples().get(0);
        assertThat(c.reason()).isEqualTo("can't read 1 from a register holding 2");
        assertThat(c.timeline()).contains("p0").contains("p1").contains("p2").contains("#4 read → 1");
    }

    @Test
    void concurrentReadMayPrecedeTheWrite() throws Exception {
        CheckResult r = check("register", new DatatypeOptions(Values.of(0), NilRead.ABSENT), """
                {:process 0 :type :invoke :f :write :value 1}
                {:process 1 :type :invoke :f :read :value nil}
                {:process 1 :type :ok :f :read :value 0}
                {:process 0 :type :ok :f :write :value 1}
                """);
        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void crashedWriteMayExplainALaterRead() throws Exception {
        String h = """
                {:process 0 :type :invoke :f :write :value 1}
                {:process 0 :type :info :f :write :value 1}
                {:process 1 :type :invoke :f :read :value nil}
                {:process 1 :type :ok :f :read :value nil}
                {:process 1 :type :invoke :f :read :value nil}
                {:process 1 :type :ok :f :read :value 1}
                """;
        assertThat(check("register", DatatypeOptions.DEFAULT, h).verdict()).isEqualTo(Verdict.VALID);
        String failed = h.replace(":type :info", ":type :fail");
        assertThat(counterexampleOps(check("register", DatatypeOptions.DEFAULT, failed))).containsExactly(4L);
    }

    @Test
    void nilReadConventions() throws Exception {
        String h = """
                {:process 0 :type :invoke :f :write :value 1}
                {:process 0 :type :ok :f :write :value 1}
                {:process 1 :type :invoke :f :read :value nil}
                {:process 1 :type :ok :f :read :value nil}
                """;
        assertThat(check("register", new DatatypeOptions(Values.of(0), NilRead.UNKNOWN), h).verdict()).isEqualTo(Verdict.VALID);
        assertThat(check("register", new DatatypeOptions(null, NilRead.ABSENT), h).verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void casLostUpdate() throws Exception {
        CheckResult r = check("cas-register", new DatatypeOptions(Values.of(0), NilRead.ABSENT), """
                {:process 0 :type :invoke :f :cas :value [0 1]}
                {:process 1 :type :invoke :f :cas :value [0 2]}
                {:process 0 :type :ok :f :cas :value [0 1]}
                {:process 1 :type :ok :f :cas :value [0 2]}
                """);
        assertThat(counterexampleOps(r)).containsExactly(0L, 1L);
        assertThat(((LinearizabilityCounterexample) r.counterexamples().get(0)).reason()).contains("can't cas 0→");
    }

    @Test
    void kvIsCheckedPerKey() throws Exception {
        CheckResult r = check("kv", DatatypeOptions.DEFAULT, """
                {:process 0 :type :invoke :f :put :key "x" :value "a"}
                {:process 0 :type :ok :f :put :key "x" :value "a"}
                {:process 0 :type :invoke :f :append :key "y" :value "b"}
                {:process 0 :type :ok :f :append :key "y" :value "b"}
                {:process 1 :type :invoke :f :get :key "y" :value nil}
                {:process 1 :type :ok :f :get :key "y" :value "a"}
                """);
        assertThat(r.partitions()).hasSize(2);
        // Nothing ever puts "a" into y, however the append is relaxed: the read alone is the counterexample.
        assertThat(counterexampleOps(r)).containsExactly(4L);
        assertThat(r.counterexamples().get(0).explanation()).contains("on key y");
    }

    @Test
    void multiRegisterTransactionsAreAtomic() throws Exception {
        CheckResult r = check("multi-register", new DatatypeOptions(Values.of(0), NilRead.ABSENT), """
                {:process 0 :type :invoke :f :txn :value [[:write :x 1] [:write :y 1]]}
                {:process 0 :type :ok :f :txn :value [[:write :x 1] [:write :y 1]]}
                {:process 1 :type :invoke :f :txn :value [[:read :x nil] [:read :y nil]]}
                {:process 1 :type :ok :f :txn :value [[:read :x 1] [:read :y 0]]}
                """);
        // x=1 with y=0 is a state no order of the atomic write reaches: the read alone suffices.
        assertThat(counterexampleOps(r)).containsExactly(2L);
    }

    @Test
    void queueLostElement() throws Exception {
        CheckResult r = check("queue", DatatypeOptions.DEFAULT, """
                {:process 0 :type :invoke :f :enqueue :value 1}
                {:process 0 :type :ok :f :enqueue :value 1}
                {:process 0 :type :invoke :f :enqueue :value 2}
                {:process 0 :type :ok :f :enqueue :value 2}
                {:process 1 :type :invoke :f :dequeue :value nil}
                {:process 1 :type :ok :f :dequeue :value 2}
                """);
        assertThat(counterexampleOps(r)).containsExactly(0L, 4L);
        assertThat(check("unordered-queue", DatatypeOptions.DEFAULT, """
                {:process 0 :type :invoke :f :enqueue :value 1}
                {:process 0 :type :ok :f :enqueue :value 1}
                {:process 0 :type :invoke :f :enqueue :value 2}
                {:process 0 :type :ok :f :enqueue :value 2}
                {:process 1 :type :invoke :f :dequeue :value nil}
                {:process 1 :type :ok :f :dequeue :value 2}
                """).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void duplicateIdAndDoubleAcquireAndSetAndCounter() throws Exception {
        assertThat(counterexampleOps(check("unique-ids", DatatypeOptions.DEFAULT, """
                {:process 0 :type :invoke :f :generate :value nil}
                {:process 1 :type :invoke :f :generate :value nil}
                {:process 0 :type :ok :f :generate :value 7}
                {:process 1 :type :ok :f :generate :value 7}
                """))).containsExactly(0L, 1L);
        assertThat(counterexampleOps(check("mutex", DatatypeOptions.DEFAULT, """
                {:process 0 :type :invoke :f :acquire}
                {:process 0 :type :ok :f :acquire}
                {:process 1 :type :invoke :f :acquire}
                {:process 1 :type :ok :f :acquire}
                """))).containsExactly(0L, 2L);
        assertThat(counterexampleOps(check("set", DatatypeOptions.DEFAULT, """
                {:process 0 :type :invoke :f :add :value 1}
                {:process 0 :type :ok :f :add :value 1}
                {:process 1 :type :invoke :f :read :value nil}
                {:process 1 :type :ok :f :read :value []}
                """))).containsExactly(0L, 2L);
        assertThat(counterexampleOps(check("counter", DatatypeOptions.DEFAULT, """
                {:process 0 :type :invoke :f :add :value 2}
                {:process 0 :type :ok :f :add :value 2}
                {:process 1 :type :invoke :f :read :value nil}
                {:process 1 :type :ok :f :read :value 1}
                """))).containsExactly(2L);
    }

    /** A check with a bounded shrinking budget: a shrinker that needs exponential proofs is not shown minimal in it. */
    static CheckResult checkBounded(String datatype, String edn) throws Exception {
        History h = HistoryReader.readString(edn, ReadOptions.DEFAULT);
        return LinearizabilityChecker.check(h, Datatypes.byName(datatype, DatatypeOptions.DEFAULT),
                new LinearizabilityChecker.Options(60_000, 1L << 30, 1, 10_000, true));
    }

    @Test
    void staleReadAmongManyCrashedWritesShrinksToThree() throws Exception {
        // Twenty crashed writes of distinct values may each have happened at any time, or never: proving the
        // stale read with them relaxed explores every subset of them unless the memo subsumes the
        // configurations that took more of them (Search's subsuming memo).
        StringBuilder edn = new StringBuilder();
        for (int v = 1; v <= 20; v++) edn.append("{:process ").append(10 + v).append(" :type :invoke :f :write :value ").append(v).append("}\n");
        edn.append("""
                {:process 0 :type :invoke :f :write :value 100}
                {:process 0 :type :ok :f :write :value 100}
                {:process 0 :type :invoke :f :write :value 200}
                {:process 0 :type :ok :f :write :value 200}
                {:process 1 :type :invoke :f :read :value nil}
                {:process 1 :type :ok :f :read :value 100}
                """);
        for (int v = 1; v <= 20; v++) edn.append("{:process ").append(10 + v).append(" :type :info :f :write :value ").append(v).append("}\n");
        CheckResult r = checkBounded("register", edn.toString());
        assertThat(counterexampleOps(r)).containsExactly(20L, 22L, 24L);
    }

    @Test
    void appendMissingFromALaterGetAmongManyCrashedAppends() throws Exception {
        // Porcupine's kv shape: the get shows the put and twelve appends that crashed (so they may have
        // happened), but not the append that completed before it. Relaxed appends make every order of them a
        // different string; Kv's state reduction merges those no get can return, so the proof stays small.
        StringBuilder edn = new StringBuilder();
        StringBuilder got = new StringBuilder("P");
        for (int v = 0; v < 12; v++) {
            edn.append("{:process ").append(10 + v).append(" :type :invoke :f :append :key \"k\" :value \"c").append(v).append(";\"}\n");
            got.append("c").append(v).append(';');
        }
        edn.append("""
                {:process 0 :type :invoke :f :put :key "k" :value "P"}
                {:process 0 :type :ok :f :put :key "k" :value "P"}
                {:process 0 :type :invoke :f :append :key "k" :value "Z"}
                {:process 0 :type :ok :f :append :key "k" :value "Z"}
                {:process 1 :type :invoke :f :get :key "k" :value nil}
                {:process 1 :type :ok :f :get :key "k" :value "%s"}
                """.formatted(got));
        for (int v = 0; v < 12; v++) {
            edn.append("{:process ").append(10 + v).append(" :type :ok :f :append :key \"k\" :value \"c").append(v).append(";\"}\n");
        }
        CheckResult r = checkBounded("kv", edn.toString());
        assertThat(counterexampleOps(r)).containsExactly(12L, 14L, 16L);
        LinearizabilityCounterexample c = (LinearizabilityCounterexample) r.counterexamples().get(0);
        assertThat(c.reason()).contains("can't get \"" + got + "\"");
    }

    @Test
    void aCrashedAppendSeenInTheMiddleOfAGetIsKept() throws Exception {
        // The crashed append of "b" shows only in the middle of the get: it must stay in the search (an append is
        // observed wherever its text appears, a put only where a string starts with it).
        String h = """
                {:process 0 :type :invoke :f :put :key "k" :value "a"}
                {:process 0 :type :ok :f :put :key "k" :value "a"}
                {:process 1 :type :invoke :f :append :key "k" :value "b"}
                {:process 1 :type :info :f :append :key "k" :value "b"}
                {:process 0 :type :invoke :f :append :key "k" :value "a"}
                {:process 0 :type :ok :f :append :key "k" :value "a"}
                {:process 2 :type :invoke :f :get :key "k" :value nil}
                {:process 2 :type :ok :f :get :key "k" :value "aba"}
                """;
        assertThat(check("kv", DatatypeOptions.DEFAULT, h).verdict()).isEqualTo(Verdict.VALID);
        // Had it failed, the get could not be explained.
        assertThat(counterexampleOps(check("kv", DatatypeOptions.DEFAULT, h.replace(":type :info", ":type :fail")))).contains(6L);
    }

    @Test
    void sequencesIncreaseInRealTimeWithGapsAllowed() throws Exception {
        String h = """
                {:process 0 :type :invoke :f :next :value nil}
                {:process 0 :type :ok :f :next :value 1}
                {:process 1 :type :invoke :f :next :value nil}
                {:process 2 :type :invoke :f :next :value nil}
                {:process 2 :type :ok :f :next :value 4}
                {:process 1 :type :ok :f :next :value 3}
                {:process 0 :type :invoke :f :next :value nil}
                {:process 0 :type :info :f :next :value nil}
                {:process 2 :type :invoke :f :next :value nil}
                {:process 2 :type :ok :f :next :value 9}
                """;
        // 3 and 4 overlap, so either order is fine; 2 and 5..8 are gaps.
        CheckResult ok = dev.ariadne.checker.Ariadne.check(HistoryReader.readString(h, ReadOptions.DEFAULT),
                dev.ariadne.checker.model.CheckRequest.of(dev.ariadne.checker.model.ConsistencyModel.LINEARIZABLE));
        assertThat(ok.verdict()).isEqualTo(Verdict.VALID);
        assertThat(ok.datatype()).isEqualTo("sequence");
        assertThat(ok.notes()).contains("4 numbers issued from 1 to 9: 5 skipped in 2 gaps, the widest 4 after 4");
        // A number issued twice, and one lower than a number returned before it began.
        LinearizabilityCounterexample dup = (LinearizabilityCounterexample) check("sequence", DatatypeOptions.DEFAULT, h.replace(":value 9", ":value 4")).counterexamples().get(0);
        assertThat(dup.operations().stream().map(OpView::index).toList()).containsExactly(3L, 8L);
        assertThat(dup.reason()).isEqualTo("4 was issued before");
        assertThat(counterexampleOps(check("sequence", DatatypeOptions.DEFAULT, h.replace(":value 9", ":value 2")))).containsExactly(3L, 8L);
        assertThat(check("sequential", h.replace(":value 9", ":value 2"))).isEqualTo(Verdict.INVALID);
    }

    static Verdict check(String model, String edn) throws Exception {
        return dev.ariadne.checker.Ariadne.check(HistoryReader.readString(edn, ReadOptions.DEFAULT),
                dev.ariadne.checker.model.CheckRequest.of(model)).verdict();
    }

    @Test
    void consensusIsAgreementAndValidity() throws Exception {
        String agreed = """
                {:process 0 :type :invoke :f :propose :value 1}
                {:process 1 :type :invoke :f :propose :value 2}
                {:process 1 :type :ok :f :propose :value 1}
                {:process 0 :type :info :f :propose :value 1}
                {:process 2 :type :invoke :f :propose :value 3}
                {:process 2 :type :ok :f :propose :value 1}
                """;
        // The crashed proposal of 1 decided it.
        assertThat(check("consensus", DatatypeOptions.DEFAULT, agreed).verdict()).isEqualTo(Verdict.VALID);
        String twoDecisions = """
                {:process 1 :type :invoke :f :propose :value 2}
                {:process 1 :type :ok :f :propose :value 2}
                {:process 2 :type :invoke :f :propose :value 3}
                {:process 2 :type :ok :f :propose :value 3}
                """;
        LinearizabilityCounterexample split = (LinearizabilityCounterexample) check("consensus", DatatypeOptions.DEFAULT, twoDecisions).counterexamples().get(0);
        assertThat(split.reason()).contains("agreement");
        assertThat(split.minimal()).isTrue();
        // A decision nobody proposed before it was returned.
        String invalid = """
                {:process 0 :type :invoke :f :propose :value 1}
                {:process 0 :type :ok :f :propose :value 5}
                {:process 1 :type :invoke :f :propose :value 5}
                {:process 1 :type :ok :f :propose :value 5}
                """;
        LinearizabilityCounterexample v = (LinearizabilityCounterexample) check("consensus", DatatypeOptions.DEFAULT, invalid).counterexamples().get(0);
        assertThat(v.operations().stream().map(OpView::index).toList()).containsExactly(0L);
        assertThat(v.reason()).contains("validity");
    }

    @Test
    void timeoutGivesUnknownNotAVerdict() throws Exception {
        History h = History.of(new dev.ariadne.generators.Simulation(60_000, 40, 0.3, 3)
                .events(dev.ariadne.generators.Objects.of("cas-register", 3, 1)));
        CheckResult r = LinearizabilityChecker.check(h, Datatypes.byName("cas-register", DatatypeOptions.DEFAULT),
                LinearizabilityChecker.Options.defaults().withTimeout(1));
        assertThat(r.verdict()).isIn(Verdict.UNKNOWN, Verdict.VALID);
        if (r.verdict() == Verdict.UNKNOWN) assertThat(r.partitions().get(0).detail()).contains("time limit");
    }
}
