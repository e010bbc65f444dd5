package dev.ariadne.checker.txn;

import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** rw-register's own classics: a lost update with no cycle to show it, and a repeated read of an aborted write. */
class RwRegisterClassicsTest {
    private static CheckResult check(History h, String model) {
        return ModelChecker.check(h, CheckRequest.of(model).withDatatype("rw-register"));
    }

    @Test
    void twoTransactionsThatReadOneVersionAndBothWriteItAreALostUpdate() {
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:w :x 0]]}
                {:process 0 :type :ok :f :txn :value [[:w :x 0]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil] [:w :x 1]]}
                {:process 2 :type :invoke :f :txn :value [[:r :x nil] [:w :x 2]]}
                {:process 1 :type :ok :f :txn :value [[:r :x 0] [:w :x 1]]}
                {:process 2 :type :ok :f :txn :value [[:r :x 0] [:w :x 2]]}
                """);
        for (String m : new String[]{"cursor-stability", "snapshot-isolation", "parallel-snapshot-isolation", "repeatable-read", "serializable"}) {
            CheckResult r = check(h, m);
            assertThat(r.verdict()).as(m).isEqualTo(Verdict.INVALID);
            assertThat(r.counterexamples()).as(m).anySatisfy(c -> {
                assertThat(c.kind()).isEqualTo("lost-update");
                assertThat(c.explanation()).contains("T2 and T3 both read key x = 0 and both wrote it");
            });
        }
        assertThat(check(h, "read-committed").verdict()).isEqualTo(Verdict.VALID);
        // Prefix consistency has no NOCONFLICT: a lost update is allowed, and a prefix schedule found by search shows it.
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.PREFIX)).isTrue();
        CheckResult prefix = check(h, "prefix");
        assertThat(prefix.verdict()).as(prefix.summary()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aRepeatedReadOfAnAbortedWriteIsG1a() {
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:w :x 1]]}
                {:process 0 :type :fail :f :txn :value [[:w :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil] [:r :x nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :x nil] [:r :x 1]]}
                """);
        CheckResult r = check(h, "read-committed");
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexamples()).anySatisfy(c -> assertThat(c.kind()).isEqualTo("G1a"));
        assertThat(check(h, "read-uncommitted").verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aNonRepeatableReadDrawsItsOwnDependenciesAndTheyAreExplained() {
        // T1 reads x as nil, then (a non-repeatable read) as T0's 1, and y as nil: T0 -wr-> T1 by the
        // second read and T1 -rw-> T0 by the first, a G-single cycle. Read committed allows it; the
        // cycle's edges must be explained from the history, the second read included (a real PostgreSQL
        // READ COMMITTED history had its G-single dropped as "failed re-verification").
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:w :x 1] [:w :y 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil] [:r :y nil] [:r :x nil]]}
                {:process 0 :type :ok :f :txn :value [[:w :x 1] [:w :y 1]]}
                {:process 1 :type :ok :f :txn :value [[:r :x nil] [:r :y nil] [:r :x 1]]}
                """);
        CheckResult r = check(h, "consistent-view");
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.notes()).noneMatch(n -> n.contains("failed re-verification"));
        assertThat(r.counterexamples()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo("G-single");
            assertThat(c.explanation()).contains("T0 < T1 (wr): T1 read key x = 1, which T0 wrote.");
        });
        assertThat(check(h, "read-committed").verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void blindWritesWhoseEveryOrderClosesACycleAreRefutedWithBothCycles() {
        // T0 and T2 blindly write y; no read shows which came first. If T0's 1 came first, T0 commits
        // before T2 starts, yet T2 read z as nil, missing T0's z. If T2's 2 came first, T2 commits before
        // T0 starts, yet T0 read x as nil while T2 read T1's x. No version order gives snapshot isolation;
        // the search refutes both and the report shows the two cycles.
        History h = CertifiedIsolationTest.edn("""
                {:process 1 :type :invoke :f :txn :value [[:w :z 1] [:w :y 1] [:r :x nil]]}
                {:process 0 :type :invoke :f :txn :value [[:w :x 3]]}
                {:process 2 :type :invoke :f :txn :value [[:r :z nil] [:w :y 2] [:r :x nil]]}
                {:process 1 :type :ok :f :txn :value [[:w :z 1] [:w :y 1] [:r :x nil]]}
                {:process 0 :type :ok :f :txn :value [[:w :x 3]]}
                {:process 2 :type :ok :f :txn :value [[:r :z nil] [:w :y 2] [:r :x 3]]}
                """);
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.SI)).isFalse();
        CheckResult r = check(h, "snapshot-isolation");
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexamples()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo("G-SIb");
            assertThat(c.explanation()).contains("T0, T1, T2").contains("close a cycle in either order")
                    .contains("T0 commits < T2 starts (T2's write of key y follows 1, if so ordered) < T0 commits (T2 read key z = nil, and T0 wrote 1, which follows the initial state)")
                    .contains("T2 commits < T0 starts (T0's write of key y follows 2, if so ordered)");
        });
        assertThat(check(h, "serializable").verdict()).isEqualTo(Verdict.INVALID);
        assertThat(check(h, "read-committed").verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aVersionReadBeforeItsWriterWroteComesFirstUnderSnapshotIsolation() {
        // T0 read x as nil and wrote 1, so 1 is x's first version and T2's blind 2 comes after it: T0
        // commits before T2 starts. But T2 read z as nil, which T0 wrote: T2 started before T0 committed.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:w :z 1] [:r :x nil] [:w :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :z nil] [:w :x 2]]}
                {:process 0 :type :ok :f :txn :value [[:w :z 1] [:r :x nil] [:w :x 1]]}
                {:process 1 :type :ok :f :txn :value [[:r :z nil] [:w :x 2]]}
                {:process 2 :type :invoke :f :txn :value [[:r :x nil]]}
                {:process 2 :type :ok :f :txn :value [[:r :x 2]]}
                """);
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.SI)).isFalse();
        CheckResult r = check(h, "snapshot-isolation");
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexamples()).anySatisfy(c -> assertThat(c.explanation())
                .contains("T0 commits < T1 starts (T1's write of key x follows 1, as it must (the other run begins at the initial state: its writer read nil)) < T0 commits (T1 read key z = nil, and T0 wrote 1, which follows the initial state)"));
    }

    @Test
    void blindWritesEveryOrderOfWhichShowsAGSingleAreNotConsistentView() {
        // T0 and T1 blindly write x and y; T2 reads x from T0 and y from T1. Whichever order the writes
        // take, a read misses a write that precedes it (G-single) or the writes interleave (G0):
        // consistent view fails; cursor stability and read committed hold (x and y in one order).
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:w :x 1] [:w :y 1]]}
                {:process 1 :type :invoke :f :txn :value [[:w :x 2] [:w :y 2]]}
                {:process 0 :type :ok :f :txn :value [[:w :x 1] [:w :y 1]]}
                {:process 1 :type :ok :f :txn :value [[:w :x 2] [:w :y 2]]}
                {:process 2 :type :invoke :f :txn :value [[:r :x nil] [:r :y nil]]}
                {:process 2 :type :ok :f :txn :value [[:r :x 1] [:r :y 2]]}
                """);
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.CONSISTENT_VIEW)).isFalse();
        CheckResult r = check(h, "consistent-view");
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexamples()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo("G-single");
            assertThat(c.explanation()).contains("(consistent view)").contains("as it must (the other order closes a cycle)");
        });
        for (String m : new String[]{"cursor-stability", "read-committed"}) assertThat(check(h, m).verdict()).as(m).isEqualTo(Verdict.VALID);
    }

    @Test
    void readingTwoVersionsOfAKeyThenWritingItBreaksCursorStability() {
        // T1 reads x as nil and then as T0's 1 before writing 2: its write cannot follow both versions it
        // read. Read committed allows that; cursor stability does not.
        History h = CertifiedIsolationTest.edn("""
                {:process 1 :type :invoke :f :txn :value [[:r :x nil] [:r :x nil] [:w :x 2]]}
                {:process 0 :type :invoke :f :txn :value [[:w :x 1]]}
                {:process 0 :type :ok :f :txn :value [[:w :x 1]]}
                {:process 1 :type :ok :f :txn :value [[:r :x nil] [:r :x 1] [:w :x 2]]}
                """);
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.CURSOR_STABILITY)).isFalse();
        CheckResult r = check(h, "cursor-stability");
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexamples()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo("lost-update");
            assertThat(c.explanation()).contains("(cursor stability)").contains("read two versions of a key and then wrote it");
        });
        assertThat(check(h, "read-committed").verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void twoReadersThatObservedTheWritersInOppositeOrdersBreakMonotonicAtomicView() {
        // T2 saw T0's x, then T1's y: T0's y must come before T1's. T3 saw T1's x, then T0's y: T1's y
        // must come before T0's. No version order does both; read committed needs none of it.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:w :x 1] [:w :y 1]]}
                {:process 1 :type :invoke :f :txn :value [[:w :x 2] [:w :y 2]]}
                {:process 2 :type :invoke :f :txn :value [[:r :x nil] [:r :y nil]]}
                {:process 3 :type :invoke :f :txn :value [[:r :x nil] [:r :y nil]]}
                {:process 0 :type :ok :f :txn :value [[:w :x 1] [:w :y 1]]}
                {:process 1 :type :ok :f :txn :value [[:w :x 2] [:w :y 2]]}
                {:process 2 :type :ok :f :txn :value [[:r :x 1] [:r :y 2]]}
                {:process 3 :type :ok :f :txn :value [[:r :x 2] [:r :y 1]]}
                """);
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.MONOTONIC_ATOMIC_VIEW)).isFalse();
        CheckResult r = check(h, "monotonic-atomic-view");
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexamples()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo("observed-transaction-vanishes");
            assertThat(c.explanation()).contains("No version order keeps every transaction's view monotonic")
                    .contains("T2 read key x = 1 from T0, which also wrote key y = 1, before reading that key as 2, so T0's version comes first")
                    .contains("T3 read key x = 2 from T1, which also wrote key y = 2, before reading that key as 1, so T1's version comes first");
        });
        assertThat(check(h, "read-committed").verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aRepeatedReadAfterObservingAnotherWriterCountsForMonotonicAtomicView() {
        // T2 reads x = 1 (T0), then y = 2 (T1): T0's y comes before T1's. Then it reads x = 1 again,
        // having observed T1, which wrote x = 2: T1's x comes before T0's. The repeated read is what
        // closes the cycle (a PostgreSQL READ COMMITTED history was left UNKNOWN for missing it).
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:w :x 1] [:w :y 1]]}
                {:process 1 :type :invoke :f :txn :value [[:w :x 2] [:w :y 2]]}
                {:process 2 :type :invoke :f :txn :value [[:r :x nil] [:r :y nil] [:r :x nil]]}
                {:process 0 :type :ok :f :txn :value [[:w :x 1] [:w :y 1]]}
                {:process 1 :type :ok :f :txn :value [[:w :x 2] [:w :y 2]]}
                {:process 2 :type :ok :f :txn :value [[:r :x 1] [:r :y 2] [:r :x 1]]}
                """);
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.MONOTONIC_ATOMIC_VIEW)).isFalse();
        CheckResult r = check(h, "monotonic-atomic-view");
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexamples()).anySatisfy(c -> assertThat(c.explanation())
                .contains("T2 read key y = 2 from T1, which also wrote key x = 2, before reading that key as 1, so T1's version comes first"));
        assertThat(check(h, "read-committed").verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void monotonicAtomicViewIsCertifiedByAnOrderOfWhatWasObserved() {
        // T1 blindly wrote x = 2 before T0 began; T2 saw T0's y, then T1's x: T0's x must come first.
        // An order of the dependencies alone (invocation order breaks the tie) puts T1's x first and
        // fails; the order that also keeps what T2 observed passes.
        History h = CertifiedIsolationTest.edn("""
                {:process 1 :type :invoke :f :txn :value [[:w :x 2]]}
                {:process 0 :type :invoke :f :txn :value [[:w :x 1] [:w :y 1]]}
                {:process 1 :type :ok :f :txn :value [[:w :x 2]]}
                {:process 0 :type :ok :f :txn :value [[:w :x 1] [:w :y 1]]}
                {:process 2 :type :invoke :f :txn :value [[:r :y nil] [:r :x nil]]}
                {:process 2 :type :ok :f :txn :value [[:r :y 1] [:r :x 2]]}
                {:process 3 :type :invoke :f :txn :value [[:r :y nil] [:r :x nil]]}
                {:process 3 :type :ok :f :txn :value [[:r :y nil] [:r :x 1]]}
                """);
        // T3's fractured read (y before it observed T0, then T0's x) rules out read atomic and everything
        // above it, but not MAV: it saw nothing of T0's before reading y.
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.MONOTONIC_ATOMIC_VIEW)).isTrue();
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.READ_ATOMIC)).isFalse();
        CheckResult r = check(h, "monotonic-atomic-view");
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
        assertThat(r.witness().found()).contains("what each transaction had observed before each read");
    }

    @Test
    void aMonotonicViewFactAndADependencyCloseACycle() {
        // T2 saw T1's y, then T0's x: T1's x comes before T0's. But T1 read z from T0, so T0 precedes T1.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:w :x 2] [:w :z 5]]}
                {:process 0 :type :ok :f :txn :value [[:w :x 2] [:w :z 5]]}
                {:process 1 :type :invoke :f :txn :value [[:r :z nil] [:w :x 1] [:w :y 1]]}
                {:process 1 :type :ok :f :txn :value [[:r :z 5] [:w :x 1] [:w :y 1]]}
                {:process 2 :type :invoke :f :txn :value [[:r :y nil] [:r :x nil]]}
                {:process 2 :type :ok :f :txn :value [[:r :y 1] [:r :x 2]]}
                """);
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.MONOTONIC_ATOMIC_VIEW)).isFalse();
        CheckResult r = check(h, "monotonic-atomic-view");
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexamples()).anySatisfy(c -> assertThat(c.explanation())
                .contains("T4 read key y = 1 from T2, which also wrote key x = 1, before reading that key as 2, so T2's version comes first")
                .contains("a dependency: T2 read or overwrote what T0 wrote"));
    }

    @Test
    void aWriteThatVanishesAfterItWasObservedBreaksMonotonicAtomicView() {
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:w :x 1] [:w :y 1]]}
                {:process 0 :type :ok :f :txn :value [[:w :x 1] [:w :y 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :y nil] [:r :x nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :y 1] [:r :x nil]]}
                """);
        CheckResult r = check(h, "monotonic-atomic-view");
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexamples()).anySatisfy(c -> assertThat(c.kind()).isEqualTo("observed-transaction-vanishes"));
    }

    @Test
    void writeSkewIsSnapshotIsolationWithAScheduleTheVerifierChecks() {
        // T0 and T2 each read both keys as nil and write a different one: snapshot isolation allows
        // it (no write conflict), serializability does not; the VALID rests on a snapshot schedule.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:r :x nil] [:r :y nil] [:w :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil] [:r :y nil] [:w :y 1]]}
                {:process 0 :type :ok :f :txn :value [[:r :x nil] [:r :y nil] [:w :x 1]]}
                {:process 1 :type :ok :f :txn :value [[:r :x nil] [:r :y nil] [:w :y 1]]}
                {:process 0 :type :invoke :f :txn :value [[:r :x nil] [:r :y nil]]}
                {:process 0 :type :ok :f :txn :value [[:r :x 1] [:r :y 1]]}
                """);
        for (String m : new String[]{"snapshot-isolation", "strong-session-snapshot-isolation", "strong-snapshot-isolation", "parallel-snapshot-isolation", "prefix"}) {
            CheckResult r = check(h, m);
            assertThat(r.verdict()).as(m + ": " + r.summary()).isEqualTo(Verdict.VALID);
            assertThat(r.witness()).as(m).isNotNull();
        }
        assertThat(check(h, "serializable").verdict()).isEqualTo(Verdict.INVALID);
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.STRONG_SI)).isTrue();
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.SERIALIZABLE)).isFalse();
    }

    @Test
    void aScheduleMustAlsoRespectRealTimeForStrongSnapshotIsolation() {
        // The same write skew, but T2 begins after T0 ended: T2 must see T0's x, and it read x as nil.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:r :x nil] [:r :y nil] [:w :x 1]]}
                {:process 0 :type :ok :f :txn :value [[:r :x nil] [:r :y nil] [:w :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil] [:r :y nil] [:w :y 1]]}
                {:process 1 :type :ok :f :txn :value [[:r :x nil] [:r :y nil] [:w :y 1]]}
                """);
        assertThat(check(h, "snapshot-isolation").verdict()).isEqualTo(Verdict.VALID);
        assertThat(check(h, "strong-session-snapshot-isolation").verdict()).isEqualTo(Verdict.VALID);
        assertThat(check(h, "strong-snapshot-isolation").verdict()).isEqualTo(Verdict.INVALID);
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.STRONG_SI)).isFalse();
    }

    @Test
    void aReadOfAWriteStillInFlightGetsAScheduleWithTheWriterFirst() {
        // T1 began before T0 ended and read T0's x; T1 and T3 are a write skew (so no serial order
        // certifies it): the schedule must put T0's commit before T1's snapshot, though T1 was invoked first.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:w :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil] [:r :z nil] [:w :y 1]]}
                {:process 0 :type :ok :f :txn :value [[:w :x 1]]}
                {:process 2 :type :invoke :f :txn :value [[:r :y nil] [:w :z 1]]}
                {:process 1 :type :ok :f :txn :value [[:r :x 1] [:r :z nil] [:w :y 1]]}
                {:process 2 :type :ok :f :txn :value [[:r :y nil] [:w :z 1]]}
                """);
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.SI)).isTrue();
        assertThat(BruteForceIsolation.holds(h, BruteForceIsolation.M.SERIALIZABLE)).isFalse();
        CheckResult r = check(h, "snapshot-isolation");
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
    }
}
