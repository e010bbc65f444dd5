package dev.ariadne.checker.txn;

import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.TransactionalCounterexample;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A real-time cycle is shown by its shortest real-time shortcut, not the chain the reduced graph walks. */
class OrderShortcutTest {
    @Test
    void aChainOfRealTimeEdgesBecomesTheOnePairThatExplainsIt() {
        // T0, T2, T4 and T6 run one after another on four processes; T6 misses T0's append.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:append :x 1]]}
                {:process 0 :type :ok :f :txn :value [[:append :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :z nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :z []]]}
                {:process 2 :type :invoke :f :txn :value [[:r :w nil]]}
                {:process 2 :type :ok :f :txn :value [[:r :w []]]}
                {:process 3 :type :invoke :f :txn :value [[:r :x nil]]}
                {:process 3 :type :ok :f :txn :value [[:r :x []]]}
                """);
        CheckResult r = ModelChecker.check(h, CheckRequest.of("strict-serializable").withDatatype("list-append"));
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        TransactionalCounterexample c = (TransactionalCounterexample) r.counterexamples().get(0);
        assertThat(c.anomaly()).isEqualTo("G-single-realtime");
        assertThat(c.transactions()).extracting(TransactionalCounterexample.Txn::name).containsExactlyInAnyOrder("T0", "T6");
        assertThat(c.cycle()).extracting(TransactionalCounterexample.Dependency::type).containsExactlyInAnyOrder("realtime", "rw");
        assertThat(c.cycle()).anySatisfy(d -> assertThat(d.reason()).contains("T0 completed (event 1) before T6 was invoked (event 6)"));
    }
}
