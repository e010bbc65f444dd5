package dev.ariadne.checker.txn;

import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Transactional histories as other tests write them: the micro-ops decide, whatever :f says. */
class FieldShapesTest {
    @Test
    void transactionsNamedReadAndWriteAreTransactions() {
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :write :value [[:w 1 1]]}
                {:process 0 :type :ok :f :write :value [[:w 1 1]]}
                {:process 1 :type :invoke :f :read :value [[:r 1 nil]]}
                {:process 1 :type :ok :f :read :value [[:r 1 1]]}
                """);
        CheckResult r = ModelChecker.check(h, CheckRequest.of("serializable"));
        assertThat(r.datatype()).isEqualTo("rw-register");
        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        History bad = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :write :value [[:append 1 1]]}
                {:process 0 :type :fail :f :write :value [[:append 1 1]]}
                {:process 1 :type :invoke :f :read :value [[:r 1 nil]]}
                {:process 1 :type :ok :f :read :value [[:r 1 [1]]]}
                """);
        assertThat(ModelChecker.check(bad, CheckRequest.of("read-committed")).verdict()).isEqualTo(Verdict.INVALID);
    }
}
