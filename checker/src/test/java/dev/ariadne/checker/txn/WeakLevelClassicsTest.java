package dev.ariadne.checker.txn;

import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weak levels' own anomalies, each in the smallest history that shows it and with the verdicts the
 * definitions give: cursor stability's lost update (Adya's G-cursor), monotonic atomic view's
 * observed transaction that vanishes (Bailis et al.'s OTV), and appends no read orders, each of whose
 * orders is forbidden (a polygraph's constraint).
 */
class WeakLevelClassicsTest {
    private static CheckResult check(History h, String model) {
        return ModelChecker.check(h, CheckRequest.of(model).withDatatype("list-append"));
    }

    private static void verdicts(History h, Verdict expected, String... models) {
        for (String m : models) assertThat(check(h, m).verdict()).as(m).isEqualTo(expected);
    }

    @Test
    void anUpdateOnTopOfAVersionItNeverReadIsALostUpdate() {
        // T2 read y as [] and appended 2, but T0's 1 came between: G-cursor, with one reader only.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :y 1]]}
                {:process 0 :type :ok :f :txn :value [[:append :y 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :y nil] [:append :y 2] [:r :y nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :y []] [:append :y 2] [:r :y [1 2]]]}
                """);
        CheckResult r = check(h, "cursor-stability");
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexamples().get(0).kind()).isEqualTo("lost-update");
        assertThat(r.counterexamples().get(0).explanation()).contains("T2 read key y as [] and then appended 2").contains("T0's append of 1 comes between");
        verdicts(h, Verdict.VALID, "read-committed", "monotonic-atomic-view");
    }

    @Test
    void aSecondReadBeforeTheAppendCountsForCursorStability() {
        // T1 read y as [1], then as [] (non-repeatable), then appended: its append follows T0's 1, which its last read missed.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :y 1]]}
                {:process 0 :type :ok :f :txn :value [[:append :y 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :y nil] [:r :y nil] [:append :y 2]]}
                {:process 1 :type :ok :f :txn :value [[:r :y [1]] [:r :y []] [:append :y 2]]}
                """);
        verdicts(h, Verdict.INVALID, "cursor-stability");
        verdicts(h, Verdict.VALID, "read-committed");
    }

    @Test
    void anObservedTransactionThatVanishesBreaksMonotonicAtomicView() {
        // T2 read x as [1] (T0's), then y as []: T0 appended to y too, so T0 vanished from T2's view.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :x 1] [:append :y 1]]}
                {:process 0 :type :ok :f :txn :value [[:append :x 1] [:append :y 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil] [:r :y nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :x [1]] [:r :y []]]}
                """);
        CheckResult r = check(h, "monotonic-atomic-view");
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexamples()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo("observed-transaction-vanishes");
            assertThat(c.explanation()).contains("T2 read key x as [1], which holds T0's append of 1; later in the same transaction it read key y as []");
        });
        verdicts(h, Verdict.VALID, "read-committed", "cursor-stability");
        verdicts(h, Verdict.INVALID, "read-atomic");
        // The other way round (y first, missing, then x showing T0) is a fractured read but keeps MAV.
        History before = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :x 1] [:append :y 1]]}
                {:process 0 :type :ok :f :txn :value [[:append :x 1] [:append :y 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :y nil] [:r :x nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :y []] [:r :x [1]]]}
                """);
        verdicts(before, Verdict.VALID, "monotonic-atomic-view");
        verdicts(before, Verdict.INVALID, "read-atomic");
    }

    @Test
    void twoUnreadAppendsEachOfWhoseOrdersClosesAGSingle() {
        // T2 and T4 both append to y, no read shows either. T4 missed T2's z (rw T4 -> T2) and T2 missed
        // T4's x (rw T2 -> T4): whichever append comes first, the ww edge closes a cycle with one rw.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :z 1] [:append :y 1] [:r :x nil]]}
                {:process 0 :type :ok :f :txn :value [[:append :z 1] [:append :y 1] [:r :x []]]}
                {:process 1 :type :invoke :f :txn :value [[:r :z nil] [:append :x 1] [:append :y 2]]}
                {:process 1 :type :ok :f :txn :value [[:r :z []] [:append :x 1] [:append :y 2]]}
                """);
        CheckResult r = check(h, "consistent-view");
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexamples().get(0).kind()).isEqualTo("G-single");
        assertThat(r.counterexamples().get(0).explanation()).contains("if T0's append comes first: T0 -ww-> T2 (the assumed order), -rw-> T0")
                .contains("if T2's append comes first: T2 -ww-> T0 (the assumed order), -rw-> T2");
        verdicts(h, Verdict.INVALID, "parallel-snapshot-isolation", "forward-consistent-view", "snapshot-isolation");
        verdicts(h, Verdict.VALID, "cursor-stability", "causal", "prefix", "monotonic-atomic-view");
    }

    @Test
    void aLostUpdateOneWayAndAG1cTheOtherBreakCursorStability() {
        // T2 read y as [] then appended; T0 appended to y too and T2 read T0's z. T2's append first puts
        // T2 -ww-> T0 -wr-> T2 (G1c); T0's first is a lost update for T2.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :z 1] [:append :y 3]]}
                {:process 0 :type :ok :f :txn :value [[:append :z 1] [:append :y 3]]}
                {:process 1 :type :invoke :f :txn :value [[:r :y nil] [:append :y 1] [:r :z nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :y []] [:append :y 1] [:r :z [1]]]}
                """);
        CheckResult r = check(h, "cursor-stability");
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexamples().get(0).kind()).isEqualTo("lost-update");
        assertThat(r.counterexamples().get(0).explanation()).contains("a cycle with no anti-dependency").contains("Adya's G-cursor");
        // T2 read y before it observed T0 (through z): monotonic atomic view holds, read atomic does not.
        verdicts(h, Verdict.VALID, "read-committed", "monotonic-atomic-view");
        verdicts(h, Verdict.INVALID, "read-atomic");
    }

    /** The definitions' verdict ({@link BruteForceIsolation}) and the checker's agree on the model. */
    private static void agrees(History h, BruteForceIsolation.M m, String model, boolean holds) {
        assertThat(BruteForceIsolation.holds(h, m)).as("by definition, " + model).isEqualTo(holds);
        assertThat(check(h, model).verdict()).as(model).isEqualTo(holds ? Verdict.VALID : Verdict.INVALID);
    }

    @Test
    void theLostUpdateIsFoundWhicheverOfTheTwoWritersReadTheKey() {
        // The mirror of the history above: here the writer whose append comes first in the file read y.
        History h = CertifiedIsolationTest.edn("""
                {:process 1 :type :invoke :f :txn :value [[:r :y nil] [:append :y 1] [:r :z nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :y []] [:append :y 1] [:r :z [1]]]}
                {:process 0 :type :invoke :f :txn :value [[:append :z 1] [:append :y 3]]}
                {:process 0 :type :ok :f :txn :value [[:append :z 1] [:append :y 3]]}
                """);
        CheckResult r = check(h, "cursor-stability");
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexamples().get(0).kind()).isEqualTo("lost-update");
        agrees(h, BruteForceIsolation.M.CURSOR_STABILITY, "cursor-stability", false);
        agrees(h, BruteForceIsolation.M.READ_COMMITTED, "read-committed", true);
    }

    @Test
    void eachOrderOfTwoUnreadAppendsClosesAGSingleThroughLongerPaths() {
        // T0 first: T0 -ww-> T1 -wr-> T3 -rw-> T4 -wr-> T0. T1 first: T1 -ww-> T0 -wr-> T6 -rw-> T7 -wr-> T1.
        // Each path has one anti-dependency between other edges.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :y 1] [:append :e 1] [:r :d nil]]}
                {:process 1 :type :invoke :f :txn :value [[:append :y 2] [:append :b 1] [:r :g nil]]}
                {:process 0 :type :ok :f :txn :value [[:append :y 1] [:append :e 1] [:r :d [1]]]}
                {:process 2 :type :invoke :f :txn :value [[:r :b nil] [:r :c nil]]}
                {:process 3 :type :invoke :f :txn :value [[:append :c 1] [:append :d 1]]}
                {:process 1 :type :ok :f :txn :value [[:append :y 2] [:append :b 1] [:r :g [1]]]}
                {:process 4 :type :invoke :f :txn :value [[:r :e nil] [:r :f nil]]}
                {:process 5 :type :invoke :f :txn :value [[:append :f 1] [:append :g 1]]}
                {:process 2 :type :ok :f :txn :value [[:r :b [1]] [:r :c []]]}
                {:process 3 :type :ok :f :txn :value [[:append :c 1] [:append :d 1]]}
                {:process 4 :type :ok :f :txn :value [[:r :e [1]] [:r :f []]]}
                {:process 5 :type :ok :f :txn :value [[:append :f 1] [:append :g 1]]}
                """);
        agrees(h, BruteForceIsolation.M.CONSISTENT_VIEW, "consistent-view", false);
        agrees(h, BruteForceIsolation.M.PSI, "parallel-snapshot-isolation", false);
        agrees(h, BruteForceIsolation.M.CAUSAL, "causal", true);
        CheckResult r = check(h, "consistent-view");
        assertThat(r.counterexamples().get(0).kind()).isEqualTo("G-single");
        assertThat(r.counterexamples().get(0).explanation()).contains("-wr-> T3").contains("-rw-> T4").contains("-wr-> T6").contains("-rw-> T7");
    }

    @Test
    void pathsWithTwoAntiDependenciesForbidNeitherOrder() {
        // T0 ~> T1 and T1 ~> T0 exist, but only through two rw edges each: either order of the unread
        // appends to y leaves every cycle with two adjacent anti-dependencies, which snapshot isolation allows.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :y 1] [:r :a nil] [:append :e 1]]}
                {:process 1 :type :invoke :f :txn :value [[:append :y 2] [:r :d nil] [:append :c 1]]}
                {:process 2 :type :invoke :f :txn :value [[:append :a 1] [:r :c nil]]}
                {:process 3 :type :invoke :f :txn :value [[:append :d 1] [:r :e nil]]}
                {:process 0 :type :ok :f :txn :value [[:append :y 1] [:r :a []] [:append :e 1]]}
                {:process 1 :type :ok :f :txn :value [[:append :y 2] [:r :d []] [:append :c 1]]}
                {:process 2 :type :ok :f :txn :value [[:append :a 1] [:r :c []]]}
                {:process 3 :type :ok :f :txn :value [[:append :d 1] [:r :e []]]}
                """);
        agrees(h, BruteForceIsolation.M.SI, "snapshot-isolation", true);
        agrees(h, BruteForceIsolation.M.PSI, "parallel-snapshot-isolation", true);
        agrees(h, BruteForceIsolation.M.CONSISTENT_VIEW, "consistent-view", true);
        agrees(h, BruteForceIsolation.M.SERIALIZABLE, "serializable", false);
    }

    @Test
    void aLongForkWithUnreadAppendsToOneKeyIsParallelSnapshotIsolation() {
        // T0 and T1 append to x and y, seen by two readers in opposite orders (a long fork, which PSI
        // allows and SI forbids); T4 and T5 both append to z, which no read shows, so PSI's witness must
        // still order them (of two writers of a key, one sees the other).
        History h = CertifiedIsolationTest.edn(CertifiedClassicsTest.LONG_FORK + """
                {:process 4 :type :invoke :f :txn :value [[:append :z 1]]}
                {:process 5 :type :invoke :f :txn :value [[:append :z 2]]}
                {:process 4 :type :ok :f :txn :value [[:append :z 1]]}
                {:process 5 :type :ok :f :txn :value [[:append :z 2]]}
                """);
        agrees(h, BruteForceIsolation.M.PSI, "parallel-snapshot-isolation", true);
        agrees(h, BruteForceIsolation.M.SI, "snapshot-isolation", false);
        agrees(h, BruteForceIsolation.M.PREFIX, "prefix", false);
    }

    @Test
    void theReadOnlyTransactionAnomalyBreaksUpdateSerializabilityButNotSnapshotIsolation() {
        // Fekete, O'Neil and O'Neil's read-only anomaly (SIGMOD Record 2004): T0 appends x and z; T2 read
        // z before T0's append and appended y; the read-only T4 sees T0's x but not T2's y. The cycle
        // T4 -rw-> T2 -rw-> T0 -wr-> T4 has two adjacent anti-dependencies (snapshot isolation allows it),
        // through the updates and one read-only transaction (Adya's G-update).
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :x 1] [:append :z 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :z nil] [:append :y 1]]}
                {:process 0 :type :ok :f :txn :value [[:append :x 1] [:append :z 1]]}
                {:process 1 :type :ok :f :txn :value [[:r :z []] [:append :y 1]]}
                {:process 2 :type :invoke :f :txn :value [[:r :x nil] [:r :y nil]]}
                {:process 2 :type :ok :f :txn :value [[:r :x [1]] [:r :y []]]}
                """);
        agrees(h, BruteForceIsolation.M.UPDATE_SERIALIZABLE, "update-serializable", false);
        agrees(h, BruteForceIsolation.M.SI, "snapshot-isolation", true);
        agrees(h, BruteForceIsolation.M.CONSISTENT_VIEW, "consistent-view", true);
        CheckResult r = check(h, "update-serializable");
        assertThat(r.counterexamples()).anySatisfy(c -> assertThat(c.kind()).isEqualTo("G-update"));
    }

    @Test
    void psiOrdersTwoWritersOfAKeyThatAReadShows() {
        // The long fork again, with T4 and T5 appending to z in the order T6's read shows: PSI's witness
        // must make T5 see T4 (of two writers of a key, the later sees the earlier).
        History h = CertifiedIsolationTest.edn(CertifiedClassicsTest.LONG_FORK + """
                {:process 4 :type :invoke :f :txn :value [[:append :z 1]]}
                {:process 5 :type :invoke :f :txn :value [[:append :z 2]]}
                {:process 4 :type :ok :f :txn :value [[:append :z 1]]}
                {:process 5 :type :ok :f :txn :value [[:append :z 2]]}
                {:process 6 :type :invoke :f :txn :value [[:r :z nil]]}
                {:process 6 :type :ok :f :txn :value [[:r :z [1 2]]]}
                """);
        agrees(h, BruteForceIsolation.M.PSI, "parallel-snapshot-isolation", true);
        agrees(h, BruteForceIsolation.M.SI, "snapshot-isolation", false);
    }
}
