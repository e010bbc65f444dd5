package dev.ariadne.checker.txn;

import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.checker.search.Budget;
import dev.ariadne.history.History;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One small hand-written list-append history per anomaly, each with exactly the anomalies it should
 * show and the verdict of the models that tell it apart; and histories with none.
 */
class TransactionalClassicsTest {

    /** Transactions as {@code "process outcome [micro-ops]"}, all invoked before any completes (fully concurrent). */
    static History concurrent(String... txns) {
        return history(false, txns);
    }

    /** Transactions one after another: each completes before the next is invoked. */
    static History serial(String... txns) {
        return history(true, txns);
    }

    private static History history(boolean serial, String... txns) {
        StringBuilder inv = new StringBuilder();
        StringBuilder done = new StringBuilder();
        for (String t : txns) {
            String[] p = t.split(" ", 3);
            inv.append("{:process ").append(p[0]).append(" :type :invoke :f :txn :value ").append(p[2]).append("}\n");
            (serial ? inv : done).append("{:process ").append(p[0]).append(" :type :").append(p[1]).append(" :f :txn :value ").append(p[2]).append("}\n");
        }
        return read(inv + done.toString());
    }

    static History read(String edn) {
        try {
            return HistoryReader.readString(edn, ReadOptions.DEFAULT);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The anomalies by Elle's names, in the order found. */
    static Set<String> names(Set<AnomalyKind> kinds) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (AnomalyKind k : kinds) out.add(k.toString());
        return out;
    }

    static Set<String> anomalies(History h) {
        return names(TransactionalChecker.analyze(h, "list-append", Budget.unlimited()).counts().keySet());
    }

    static void verdicts(History h, Map<String, Verdict> expected) {
        for (Map.Entry<String, Verdict> e : expected.entrySet()) {
            CheckResult r = ModelChecker.check(h, CheckRequest.of(e.getKey()).withDatatype("list-append"));
            assertThat(r.verdict()).as(e.getKey() + ": " + r.summary()).isEqualTo(e.getValue());
            if (r.verdict() == Verdict.INVALID) assertThat(r.counterexamples()).as(e.getKey()).isNotEmpty();
        }
    }

    static final Verdict V = Verdict.VALID;
    static final Verdict I = Verdict.INVALID;

    @Test
    void aSerialHistoryHasNoAnomalyAndSatisfiesEveryModel() {
        History h = serial("0 ok [[:append :x 1]]", "1 ok [[:r :x [1]] [:append :x 2]]", "0 ok [[:r :x [1 2]] [:r :y nil]]");
        assertThat(anomalies(h)).isEmpty();
        verdicts(h, Map.of("strict-serializable", V, "read-uncommitted", V, "cursor-stability", V, "prefix", V));
    }

    @Test
    void g0IsAWriteCycle() {
        History h = concurrent("0 ok [[:append :x 1] [:append :y 1]]", "1 ok [[:append :x 2] [:append :y 2]]", "2 ok [[:r :x [1 2]] [:r :y [2 1]]]");
        assertThat(anomalies(h)).containsExactly("G0");
        verdicts(h, Map.of("read-uncommitted", I, "read-committed", I));
    }

    @Test
    void g1aReadsAnAbortedAppend() {
        History h = concurrent("0 fail [[:append :x 1]]", "1 ok [[:r :x [1]]]");
        assertThat(anomalies(h)).containsExactly("G1a");
        verdicts(h, Map.of("read-uncommitted", V, "read-committed", I));
    }

    @Test
    void g1bReadsAnIntermediateVersion() {
        History h = concurrent("0 ok [[:append :x 1] [:append :x 2]]", "1 ok [[:r :x [1]]]");
        // Reading [1] misses T1's 2 and observes its 1: a two-transaction cycle and a fractured read as well.
        assertThat(anomalies(h)).contains("G1b").doesNotContain("G0", "G1c");
        verdicts(h, Map.of("read-uncommitted", V, "read-committed", I));
    }

    @Test
    void g1cIsCircularInformationFlow() {
        History h = concurrent("0 ok [[:append :x 1] [:r :y [1]]]", "1 ok [[:append :y 1] [:r :x [1]]]");
        assertThat(anomalies(h)).containsExactly("G1c");
        verdicts(h, Map.of("read-uncommitted", V, "read-committed", I));
    }

    @Test
    void gSingleWithoutAFracturedReadBreaksConsistentViewButNotReadAtomicOrCausal() {
        History h = concurrent("0 ok [[:append :x 1] [:append :z 1]]", "1 ok [[:append :z 2] [:append :y 1]]", "2 ok [[:r :y [1]] [:r :x nil]]",
                "3 ok [[:r :z [1 2]]]");
        // T1 appended to z after T0, so under PSI T1 saw T0, and T2, which saw T1, must see T0's x: a conflict-read.
        assertThat(anomalies(h)).containsExactly("G-single", "conflict-read", "G-update", "non-prefix-snapshot");
        verdicts(h, Map.of("read-atomic", V, "causal", V, "read-committed", V, "consistent-view", I, "snapshot-isolation", I, "serializable", I,
                "parallel-snapshot-isolation", I, "prefix", I));
    }

    @Test
    void gNonadjacentBreaksSnapshotIsolationButNotConsistentView() {
        History h = concurrent("0 ok [[:r :a nil] [:r :d [1]]]", "1 ok [[:append :a 1] [:append :b 1]]", "2 ok [[:r :b [1]] [:r :c nil]]",
                "3 ok [[:append :c 1] [:append :d 1]]");
        // A long fork: T0 and T2 see T1 and T3 in opposite orders, which PSI allows and prefix consistency does not.
        assertThat(anomalies(h)).containsExactly("G-nonadjacent", "non-prefix-snapshot");
        verdicts(h, Map.of("consistent-view", V, "read-atomic", V, "snapshot-isolation", I, "repeatable-read", I, "parallel-snapshot-isolation", V,
                "prefix", I));
    }

    @Test
    void writeSkewIsG2ItemWhichSnapshotIsolationAllows() {
        History h = concurrent("0 ok [[:r :x nil] [:append :y 1]]", "1 ok [[:r :y nil] [:append :x 1]]");
        // Both transactions update, so the cycle is also Adya's G-update: not update serializable either.
        assertThat(anomalies(h)).containsExactly("G2-item", "G-update");
        verdicts(h, Map.of("snapshot-isolation", V, "repeatable-read", I, "serializable", I, "update-serializable", I));
    }

    @Test
    void lostUpdateBreaksCursorStabilityAndSnapshotIsolation() {
        History h = concurrent("0 ok [[:r :x nil] [:append :x 1]]", "1 ok [[:r :x nil] [:append :x 2]]", "2 ok [[:r :x [1 2]]]");
        assertThat(anomalies(h)).contains("lost-update", "G-single");
        verdicts(h, Map.of("cursor-stability", I, "snapshot-isolation", I, "read-committed", V));
    }

    @Test
    void aFracturedReadOfAnEmptyListBreaksReadAtomic() {
        History h = concurrent("0 ok [[:append :x 1] [:append :y 1]]", "1 ok [[:r :x [1]] [:r :y nil]]");
        assertThat(anomalies(h)).contains("fractured-read");
        verdicts(h, Map.of("read-committed", V, "read-atomic", I, "causal", I));
    }

    @Test
    void aTransitivelyMissedAppendBreaksCausalButNotReadAtomic() {
        History h = concurrent("0 ok [[:append :x 1]]", "1 ok [[:r :x [1]] [:append :y 1]]", "2 ok [[:r :y [1]] [:r :x nil]]");
        assertThat(anomalies(h)).contains("causal-read").doesNotContain("fractured-read");
        verdicts(h, Map.of("read-atomic", V, "causal", I, "snapshot-isolation", I));
    }

    @Test
    void theAnomaliesThatAreNotCycles() {
        assertThat(anomalies(concurrent("0 ok [[:append :x 1] [:r :x nil]]"))).containsExactly("internal", "missed-own-write");
        assertThat(anomalies(concurrent("0 ok [[:r :x [1]] [:append :x 1]]"))).contains("future-read");
        assertThat(anomalies(concurrent("0 ok [[:r :x [9]]]"))).containsExactly("garbage-read");
        assertThat(anomalies(concurrent("0 ok [[:append :x 1]]", "1 ok [[:r :x [1 1]]]"))).containsExactly("duplicate-elements");
        assertThat(anomalies(concurrent("0 ok [[:append :x 1]]", "1 ok [[:append :x 2]]", "2 ok [[:r :x [1 2]]]", "3 ok [[:r :x [2 1]]]")))
                .contains("incompatible-order");
        assertThat(anomalies(concurrent("0 fail [[:append :x 1]]", "1 ok [[:append :x 2]]", "2 ok [[:r :x [1 2]]]"))).contains("dirty-update", "G1a");
        // A read that misses the transaction's own append is no version of the key: every level forbids it.
        verdicts(concurrent("0 ok [[:append :x 1] [:r :x nil]]"), Map.of("read-uncommitted", I, "read-committed", I, "read-atomic", I, "serializable", I));
        verdicts(concurrent("0 ok [[:r :x [9]]]"), Map.of("read-uncommitted", I));
    }

    @Test
    void processAndRealTimeOrderMakeTheirOwnVariants() {
        History session = serial("0 ok [[:append :x 1]]", "0 ok [[:r :x nil]]");
        assertThat(anomalies(session)).containsExactly("G-single-process");
        verdicts(session, Map.of("serializable", V, "snapshot-isolation", V, "strong-session-serializable", I, "strong-session-snapshot-isolation", I,
                "strict-serializable", I));
        History realtime = serial("0 ok [[:append :x 1]]", "1 ok [[:r :x nil]]");
        assertThat(anomalies(realtime)).containsExactly("G-single-realtime");
        verdicts(realtime, Map.of("strong-session-serializable", V, "strict-serializable", I, "strong-snapshot-isolation", I));
    }

    @Test
    void infoTransactionsMayOrMayNotHaveCommitted() {
        verdicts(concurrent("0 info [[:append :x 1]]", "1 ok [[:r :x [1]]]"), Map.of("strict-serializable", V));
        verdicts(concurrent("0 info [[:append :x 1]]", "1 ok [[:r :x nil]]"), Map.of("strict-serializable", V));
        verdicts(concurrent("0 fail [[:append :x 1]]", "1 ok [[:r :x nil]]"), Map.of("strict-serializable", V));
        // Seen committed by one read, the info transaction's other append must be seen by a later one too.
        verdicts(serial("0 info [[:append :x 1] [:append :y 1]]", "1 ok [[:r :x [1]]]", "1 ok [[:r :y nil]]"), Map.of("strong-session-serializable", I));
    }

    static Set<String> registerAnomalies(History h) {
        return names(TransactionalChecker.analyze(h, "rw-register", Budget.unlimited()).counts().keySet());
    }

    static void registerVerdicts(History h, Map<String, Verdict> expected) {
        for (Map.Entry<String, Verdict> e : expected.entrySet()) {
            CheckResult r = ModelChecker.check(h, CheckRequest.of(e.getKey()).withDatatype("rw-register"));
            assertThat(r.verdict()).as("rw-register " + e.getKey() + ": " + r.summary()).isEqualTo(e.getValue());
        }
    }

    @Test
    void rwRegisterClassics() {
        History fine = serial("0 ok [[:w :x 1]]", "1 ok [[:r :x 1] [:w :x 2]]", "0 ok [[:r :x 2] [:r :y nil]]");
        assertThat(registerAnomalies(fine)).isEmpty();
        registerVerdicts(fine, Map.of("strict-serializable", V, "snapshot-isolation", V, "read-atomic", V));

        assertThat(registerAnomalies(concurrent("0 fail [[:w :x 1]]", "1 ok [[:r :x 1]]"))).containsExactly("G1a");
        registerVerdicts(concurrent("0 fail [[:w :x 1]]", "1 ok [[:r :x 1]]"), Map.of("read-committed", I, "read-uncommitted", V));
        registerVerdicts(concurrent("0 ok [[:w :x 1] [:w :x 2]]", "1 ok [[:r :x 1]]"), Map.of("read-committed", I, "read-uncommitted", V));
        assertThat(registerAnomalies(concurrent("0 ok [[:w :x 1] [:w :x 2]]", "1 ok [[:r :x 1]]"))).contains("G1b");
        assertThat(registerAnomalies(concurrent("0 ok [[:r :x 9]]"))).containsExactly("garbage-read");
        assertThat(registerAnomalies(concurrent("0 ok [[:w :x 1] [:r :x nil]]"))).containsExactly("internal");

        // Write skew: each read the initial state of what the other wrote.
        History skew = concurrent("0 ok [[:r :x nil] [:w :y 1]]", "1 ok [[:r :y nil] [:w :x 1]]");
        // The cycle, then the version-order search's own refutation of update serializability (two updates in a G2-item are a G-update).
        assertThat(registerAnomalies(skew)).containsExactly("G2-item", "G-update");
        registerVerdicts(skew, Map.of("serializable", I, "update-serializable", I, "repeatable-read", I, "read-atomic", V, "causal", V, "snapshot-isolation", V,
                "parallel-snapshot-isolation", V, "prefix", V, "consistent-view", V, "cursor-stability", V));

        // A fractured read: T1 saw T0's write of y but the initial x, though T0 wrote x too.
        History fractured = concurrent("0 ok [[:w :x 1] [:w :y 1]]", "1 ok [[:r :x nil] [:r :y 1]]");
        assertThat(registerAnomalies(fractured)).contains("G-single", "fractured-read");
        // Read committed (Adya's PL-2) allows it: a version order in which both reads show committed versions installed before T1 is its witness.
        registerVerdicts(fractured, Map.of("read-committed", V, "monotonic-atomic-view", V, "cursor-stability", V, "read-atomic", I, "consistent-view", I,
                "snapshot-isolation", I, "prefix", I, "serializable", I));

        // Lost update: both read the initial state and wrote over it; a later read shows one write.
        History lost = concurrent("0 ok [[:r :x nil] [:w :x 1]]", "1 ok [[:r :x nil] [:w :x 2]]", "2 ok [[:r :x 2]]");
        registerVerdicts(lost, Map.of("serializable", I, "snapshot-isolation", I, "parallel-snapshot-isolation", I, "cursor-stability", I, "read-atomic", V,
                "prefix", V, "monotonic-atomic-view", V, "read-committed", V));

        // Not strictly serializable: a read after a completed write still sees the initial state.
        History stale = serial("0 ok [[:w :x 1]]", "1 ok [[:r :x nil]]");
        registerVerdicts(stale, Map.of("serializable", V, "strict-serializable", I));
        CheckResult r = ModelChecker.check(stale, CheckRequest.of("strict-serializable").withDatatype("rw-register"));
        assertThat(r.counterexamples()).isNotEmpty();
    }

    @Test
    void anAssumedKeyOrderAddsVersionFactsAndTheReportNamesIt() {
        // T2 wrote x = 2 after T1's x = 1 completed; T3 saw T2's y but T1's x. Serializable (T2, T1, T3)
        // unless x is assumed linearizable, which puts 1 before 2: then T3 -rw-> T2 -wr-> T3.
        History h = serial("0 ok [[:w :x 1]]", "1 ok [[:w :x 2] [:w :y 2]]", "2 ok [[:r :y 2] [:r :x 1]]");
        CheckRequest plain = CheckRequest.of("serializable").withDatatype("rw-register");
        assertThat(ModelChecker.check(h, plain).verdict()).isEqualTo(V);
        CheckResult assumed = ModelChecker.check(h, plain.withKeyOrder(KeyOrder.LINEARIZABLE));
        assertThat(assumed.verdict()).isEqualTo(I);
        assertThat(assumed.counterexamples()).extracting(c -> c.kind()).contains("G-single");
        assertThat(assumed.counterexamples().get(0).explanation()).contains("assumed linearizable");
        assertThat(assumed.notes()).anyMatch(n -> n.contains("assumed (--assume): each key is linearizable"));
        // Under sequential keys the two writes are on different processes: no fact, still serializable.
        assertThat(ModelChecker.check(h, plain.withKeyOrder(KeyOrder.SEQUENTIAL)).verdict()).isEqualTo(V);
    }

    @Test
    void aRepeatedAppendedValueGivesUnknownWithTheReason() {
        CheckResult r = ModelChecker.check(concurrent("0 ok [[:append :x 1]]", "1 ok [[:append :x 1]]"), CheckRequest.of("serializable"));
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.summary()).contains("appended to key x twice");
    }
}
