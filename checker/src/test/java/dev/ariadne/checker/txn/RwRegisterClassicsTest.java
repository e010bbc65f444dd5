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
}
