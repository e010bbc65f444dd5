package dev.ariadne.checker.txn;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.ariadne.checker.certify.Axiom;
import dev.ariadne.checker.certify.WitnessVerifier;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.NilRead;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.TransactionalWitness;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The false VALIDs an independent brute-force checker found, each as the smallest history that shows
 * it, with the verdicts the definitions give; and the verifier refusing witnesses that are wrong.
 */
class CertifiedClassicsTest {
    /** Long fork: two readers see two independent appends (T0's to x, T1's to y) in opposite orders. */
    static final String LONG_FORK = """
                {:process 0 :type :invoke :f :txn :value [[:append :x 1]]}
                {:process 0 :type :ok :f :txn :value [[:append :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:append :y 1]]}
                {:process 1 :type :ok :f :txn :value [[:append :y 1]]}
                {:process 2 :type :invoke :f :txn :value [[:r :x nil] [:r :y nil]]}
                {:process 2 :type :ok :f :txn :value [[:r :x [1]] [:r :y []]]}
                {:process 3 :type :invoke :f :txn :value [[:r :x nil] [:r :y nil]]}
                {:process 3 :type :ok :f :txn :value [[:r :x []] [:r :y [1]]]}
            """;

    private static Verdict v(History h, String model) {
        return ModelChecker.check(h, CheckRequest.of(model).withDatatype("list-append")).verdict();
    }

    @Test
    void twoAppendsNoReadShowsStillConflictUnderSnapshotIsolation() {
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:r :x nil] [:append :y 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :y nil] [:append :x 1] [:append :y 2]]}
                {:process 0 :type :ok :f :txn :value [[:r :x []] [:append :y 1]]}
                {:process 1 :type :ok :f :txn :value [[:r :y []] [:append :x 1] [:append :y 2]]}
                """);
        for (String m : new String[]{"snapshot-isolation", "strong-session-snapshot-isolation", "strong-snapshot-isolation", "serializable"}) {
            assertThat(v(h, m)).as(m).isEqualTo(Verdict.INVALID);
        }
        CheckResult r = ModelChecker.check(h, CheckRequest.of("snapshot-isolation").withDatatype("list-append"));
        // T1 read y and then appended to it, so its append comes first (else a lost update), and then
        // T1 -ww-> T0 -rw-> T1 is a G-single: both orders are named.
        assertThat(r.counterexamples().get(0).explanation()).contains("if T0's append comes first: T1 read the key's latest version")
                .contains("if T1's append comes first: T1 -ww-> T0 (the assumed order), -rw-> T1");
        for (String m : new String[]{"parallel-snapshot-isolation", "consistent-view", "forward-consistent-view", "repeatable-read"}) {
            assertThat(v(h, m)).as(m).isEqualTo(Verdict.INVALID);
        }
        assertThat(v(h, "cursor-stability")).isEqualTo(Verdict.VALID);
        assertThat(v(h, "read-atomic")).isEqualTo(Verdict.VALID);
        assertThat(v(h, "prefix")).isEqualTo(Verdict.VALID);
    }

    /**
     * PostgreSQL's REPEATABLE READ, seen in CI: two appends to x no read shows, B invoked first, but A's
     * read of y misses B's append, so A must commit before B starts. A write skew (C, D) rules out a
     * serial order, and 4 keys with 3 unread appends each make 2 x 6^4 orders, more than the schedule
     * tries one by one: it used to stop at the first (invocation) order and answer UNKNOWN.
     */
    @Test
    void snapshotIsolationOrdersUnreadAppendsAgainstTheirInvocationOrderWhenTheReadsDemandIt() {
        assertThat(v(CertifiedIsolationTest.edn(unreadAppends(false)), "serializable")).isEqualTo(Verdict.INVALID);
        for (String m : new String[]{"snapshot-isolation", "strong-snapshot-isolation"}) {
            assertThat(v(CertifiedIsolationTest.edn(unreadAppends(false)), m)).as(m).isEqualTo(Verdict.VALID);
        }
        // B's read of z also misses A's append: each must commit before the other starts.
        assertThat(v(CertifiedIsolationTest.edn(unreadAppends(true)), "snapshot-isolation")).isEqualTo(Verdict.INVALID);
    }

    private static String unreadAppends(boolean bothMiss) {
        StringBuilder sb = new StringBuilder();
        java.util.function.BiConsumer<Integer, String> op = (p, s) -> sb.append("{:process ").append(p).append(s).append("}\n");
        op.accept(0, " :type :invoke :f :txn :value [[:append :x 2] [:append :y 1]" + (bothMiss ? " [:r :z nil]]" : "]"));
        op.accept(1, " :type :invoke :f :txn :value [[:r :y nil] [:append :x 1] [:append :z 1]]");
        op.accept(1, " :type :ok :f :txn :value [[:r :y []] [:append :x 1] [:append :z 1]]");
        op.accept(0, " :type :ok :f :txn :value [[:append :x 2] [:append :y 1]" + (bothMiss ? " [:r :z []]]" : "]"));
        op.accept(2, " :type :invoke :f :txn :value [[:r :u nil] [:append :v 1]]");
        op.accept(3, " :type :invoke :f :txn :value [[:r :v nil] [:append :u 1]]");
        op.accept(2, " :type :ok :f :txn :value [[:r :u []] [:append :v 1]]");
        op.accept(3, " :type :ok :f :txn :value [[:r :v []] [:append :u 1]]");
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < 3; i++) op.accept(4 + 3 * k + i, " :type :invoke :f :txn :value [[:append :k" + k + " " + (i + 1) + "]]");
            for (int i = 0; i < 3; i++) op.accept(4 + 3 * k + i, " :type :ok :f :txn :value [[:append :k" + k + " " + (i + 1) + "]]");
        }
        return sb.toString();
    }

    @Test
    void forwardConsistentViewAllowsALongForkButNotAWriteSkewCycleWithOneAntiDependency() {
        // Long fork: two readers see two independent appends in opposite orders. The cycle T0 wr T2 rw T1
        // wr T3 rw T0 has two anti-dependencies, so no G-single and no G-SIb: PL-2+ and PL-FCV hold,
        // snapshot isolation (G-nonadjacent) does not.
        History fork = CertifiedIsolationTest.edn(LONG_FORK);
        assertThat(v(fork, "forward-consistent-view")).isEqualTo(Verdict.VALID);
        assertThat(v(fork, "consistent-view")).isEqualTo(Verdict.VALID);
        assertThat(v(fork, "snapshot-isolation")).isEqualTo(Verdict.INVALID);
        CheckResult r = ModelChecker.check(fork, CheckRequest.of("forward-consistent-view").withDatatype("list-append"));
        assertThat(r.witness()).isNotNull();
        // Read skew: T2 reads x before T1's append and y after it; T1 wr T2 rw T1 has one anti-dependency.
        History skew = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :x 1] [:append :y 1]]}
                {:process 0 :type :ok :f :txn :value [[:append :x 1] [:append :y 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil] [:r :y nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :x []] [:r :y [1]]]}
                """);
        assertThat(v(skew, "forward-consistent-view")).isEqualTo(Verdict.INVALID);
        assertThat(v(skew, "consistent-view")).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aReadShowingALaterAppendOfATransactionButNotAnEarlierOneIsNoVersion() {
        // T0 appended 1 then 2 to x; a read of [2] (or [1 3 2] ...) is no version of any order.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :x 1] [:append :x 2]]}
                {:process 0 :type :info :f :txn :value [[:append :x 1] [:append :x 2]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :x [2]]]}
                """);
        for (String m : new String[]{"read-committed", "read-atomic", "serializable"}) assertThat(v(h, m)).as(m).isEqualTo(Verdict.INVALID);
        CheckResult r = ModelChecker.check(h, CheckRequest.of("read-committed").withDatatype("list-append"));
        assertThat(r.counterexamples().get(0).explanation()).contains("shows 2 but not, before it, 1");
    }

    @Test
    void aReadAppendReadIsAVersionOfTheList() {
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :x 1]]}
                {:process 0 :type :ok :f :txn :value [[:append :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:append :x 2]]}
                {:process 1 :type :ok :f :txn :value [[:append :x 2]]}
                {:process 2 :type :invoke :f :txn :value [[:r :x nil] [:append :x 3] [:r :x nil]]}
                {:process 2 :type :ok :f :txn :value [[:r :x [1]] [:append :x 3] [:r :x [1 3]]]}
                {:process 3 :type :invoke :f :txn :value [[:r :x nil]]}
                {:process 3 :type :ok :f :txn :value [[:r :x [1 2 3]]]}
                """);
        for (String m : new String[]{"read-committed", "read-atomic", "causal"}) assertThat(v(h, m)).as(m).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aSecondReadOfAKeyIsStillARead() {
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :x 1]]}
                {:process 0 :type :fail :f :txn :value [[:append :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil] [:r :x nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :x []] [:r :x [1]]]}
                """);
        for (String m : new String[]{"read-committed", "repeatable-read", "read-atomic"}) assertThat(v(h, m)).as(m).isEqualTo(Verdict.INVALID);
        CheckResult r = ModelChecker.check(h, CheckRequest.of("read-committed").withDatatype("list-append"));
        assertThat(r.summary()).contains("G1a");
    }

    @Test
    void aNonRepeatableReadIsAllowedAtReadCommittedOnly() {
        History h = CertifiedIsolationTest.edn("""
                {:process 1 :type :invoke :f :txn :value [[:r :x nil] [:r :x nil]]}
                {:process 0 :type :invoke :f :txn :value [[:append :x 1]]}
                {:process 0 :type :ok :f :txn :value [[:append :x 1]]}
                {:process 1 :type :ok :f :txn :value [[:r :x []] [:r :x [1]]]}
                """);
        assertThat(v(h, "read-committed")).isEqualTo(Verdict.VALID);
        assertThat(v(h, "repeatable-read")).isEqualTo(Verdict.INVALID);
        assertThat(v(h, "read-atomic")).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aReadThatReordersOneTransactionsAppendsIsNoVersion() {
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :x 1] [:append :x 2] [:append :x 3]]}
                {:process 0 :type :ok :f :txn :value [[:append :x 1] [:append :x 2] [:append :x 3]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :x [2 1 3]]]}
                """);
        for (String m : new String[]{"strict-serializable", "serializable", "read-committed"}) assertThat(v(h, m)).as(m).isEqualTo(Verdict.INVALID);
    }

    @Test
    void anInitialValueBuiltAsAnIntNodeEqualsTheSameNumberReadFromAFile() {
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :read :value nil}
                {:process 0 :type :ok :f :read :value 0}
                """);
        CheckResult r = ModelChecker.check(h, CheckRequest.of("linearizable").withDatatype("register")
                .withOptions(new DatatypeOptions(IntNode.valueOf(0), NilRead.ABSENT)));
        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void everyValidCarriesTheWitnessTheVerifierPassed() {
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :x 1]]}
                {:process 0 :type :ok :f :txn :value [[:append :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :x [1]]]}
                """);
        CheckResult r = ModelChecker.check(h, CheckRequest.of("strict-serializable").withDatatype("list-append"));
        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.witness().order()).containsExactly(0, 2);
        assertThat(r.witness().found()).contains("serial order");
    }

    @Test
    void theVerifierRefusesWrongWitnesses() {
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :x 1]]}
                {:process 0 :type :ok :f :txn :value [[:append :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :x [1]]]}
                """);
        EnumSet<Axiom> ser = EnumSet.of(Axiom.COMMITTED_READS, Axiom.ATOMIC, Axiom.TOTAL, Axiom.PREFIX, Axiom.TRANSITIVE, Axiom.NO_CONFLICT);
        assertThat(WitnessVerifier.verify(h, TransactionalWitness.serial(new int[]{0, 1}, "t"), ser, true)).isNull();
        assertThat(WitnessVerifier.verify(h, TransactionalWitness.serial(new int[]{1, 0}, "t"), ser, true)).contains("T2");
        assertThat(WitnessVerifier.verify(h, TransactionalWitness.serial(new int[]{1}, "t"), ser, true)).contains("leaves it out");
        assertThat(WitnessVerifier.verify(h, TransactionalWitness.snapshots(new int[]{0, 1}, new int[]{0, 0}, "t"), ser, true)).contains("every transaction before it");
        assertThat(WitnessVerifier.verify(h, TransactionalWitness.snapshots(new int[]{0, 1}, new int[]{0, 0}, "t"),
                EnumSet.of(Axiom.COMMITTED_READS, Axiom.ATOMIC), true)).contains("does not see");
        assertThat(WitnessVerifier.verify(h, TransactionalWitness.versionOrder(new int[]{0, 1}, "t"), EnumSet.of(Axiom.COMMITTED_READS), true)).isNull();
        assertThat(WitnessVerifier.verify(h, TransactionalWitness.versionOrder(new int[]{1, 0}, "t"), EnumSet.of(Axiom.COMMITTED_READS), true))
                .contains("after it");
        assertThat(WitnessVerifier.verify(h, TransactionalWitness.visibility(new int[]{0, 1}, new int[]{}, new int[]{}, true, "t"),
                EnumSet.of(Axiom.COMMITTED_READS, Axiom.ATOMIC), true)).contains("does not see");
        assertThat(WitnessVerifier.verify(h, TransactionalWitness.visibility(new int[]{0, 1}, new int[]{0}, new int[]{1}, true, "t"),
                EnumSet.of(Axiom.COMMITTED_READS, Axiom.ATOMIC, Axiom.TRANSITIVE), true)).isNull();
    }

    @Test
    void theScheduleTriesOtherOrdersOfUnreadAppends() {
        // T0 is invoked first, yet it read T1's append to z, so T1 committed before T0 began: their
        // unread appends to y go T1 first, the order the schedule must find beyond invocation order. A
        // write skew beside them (T4, T5) rules out a serial order, so only the SI schedule can prove it.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:r :z nil] [:append :y 1]]}
                {:process 1 :type :invoke :f :txn :value [[:append :z 1] [:append :y 2]]}
                {:process 1 :type :ok :f :txn :value [[:append :z 1] [:append :y 2]]}
                {:process 0 :type :ok :f :txn :value [[:r :z [1]] [:append :y 1]]}
                {:process 2 :type :invoke :f :txn :value [[:r :p nil] [:append :q 1]]}
                {:process 3 :type :invoke :f :txn :value [[:r :q nil] [:append :p 1]]}
                {:process 2 :type :ok :f :txn :value [[:r :p []] [:append :q 1]]}
                {:process 3 :type :ok :f :txn :value [[:r :q []] [:append :p 1]]}
                """);
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.SI)).isTrue();
        assertThat(v(h, "serializable")).isEqualTo(Verdict.INVALID);
        CheckResult r = ModelChecker.check(h, CheckRequest.of("snapshot-isolation").withDatatype("list-append"));
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
        assertThat(r.witness().found()).contains("snapshot-isolation schedule");
        java.util.List<Long> order = java.util.Arrays.stream(r.witness().order()).boxed().toList();
        assertThat(order.indexOf(1L)).isLessThan(order.indexOf(0L));
    }

    @Test
    void threeUnreadWritersWhoseEveryOrderCyclesAreRefuted() {
        // Each of three concurrent transactions appends to y, which nobody reads, and reads as empty a
        // key another of them appends to: whichever commits first, a later one had to see its append.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:r :a nil] [:append :b 1] [:append :y 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :b nil] [:append :c 1] [:append :y 2]]}
                {:process 2 :type :invoke :f :txn :value [[:r :c nil] [:append :a 1] [:append :y 3]]}
                {:process 0 :type :ok :f :txn :value [[:r :a []] [:append :b 1] [:append :y 1]]}
                {:process 1 :type :ok :f :txn :value [[:r :b []] [:append :c 1] [:append :y 2]]}
                {:process 2 :type :ok :f :txn :value [[:r :c []] [:append :a 1] [:append :y 3]]}
                """);
        CheckResult r = ModelChecker.check(h, CheckRequest.of("snapshot-isolation").withDatatype("list-append"));
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.INVALID);
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.SI)).isFalse();
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.PREFIX)).isTrue();
    }

    @Test
    void readOnlyTransactionsMaySeeUpdatesInDifferentOrdersUnderUpdateSerializability() {
        // Adya's PL-3U: the updates with each read-only transaction are serializable, not all at once.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:append :y 1]]}
                {:process 2 :type :invoke :f :txn :value [[:r :x nil] [:r :y nil]]}
                {:process 3 :type :invoke :f :txn :value [[:r :x nil] [:r :y nil]]}
                {:process 0 :type :ok :f :txn :value [[:append :x 1]]}
                {:process 1 :type :ok :f :txn :value [[:append :y 1]]}
                {:process 2 :type :ok :f :txn :value [[:r :x [1]] [:r :y []]]}
                {:process 3 :type :ok :f :txn :value [[:r :x []] [:r :y [1]]]}
                """);
        assertThat(v(h, "update-serializable")).isEqualTo(Verdict.VALID);
        assertThat(v(h, "serializable")).isEqualTo(Verdict.INVALID);
        assertThat(v(h, "snapshot-isolation")).isEqualTo(Verdict.INVALID);
        assertThat(v(h, "parallel-snapshot-isolation")).isEqualTo(Verdict.VALID);
        CheckResult r = ModelChecker.check(h, CheckRequest.of("update-serializable").withDatatype("list-append"));
        assertThat(r.witness().found()).contains("version order");
        History lost = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:r :x nil] [:append :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil] [:append :x 2]]}
                {:process 0 :type :ok :f :txn :value [[:r :x []] [:append :x 1]]}
                {:process 1 :type :ok :f :txn :value [[:r :x []] [:append :x 2]]}
                {:process 2 :type :invoke :f :txn :value [[:r :x nil]]}
                {:process 2 :type :ok :f :txn :value [[:r :x [1 2]]]}
                """);
        assertThat(v(lost, "update-serializable")).isEqualTo(Verdict.INVALID);
    }
}
