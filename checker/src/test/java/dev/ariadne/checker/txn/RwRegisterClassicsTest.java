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
