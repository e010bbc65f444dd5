package dev.ariadne.checker.txn;

import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evidence that re-verifies each cycle edge reads a key's value only from reads made before the
 * transaction wrote that key (the first, or a non-repeatable one), as the inference draws edges: a
 * read after the transaction's own write is no evidence of another's version.
 */
class RwRegisterEvidenceTest {
    private static final History H = CertifiedIsolationTest.edn("""
            {:process 0 :type :invoke :f :txn :value [[:w :x 1]]}
            {:process 0 :type :ok :f :txn :value [[:w :x 1]]}
            {:process 1 :type :invoke :f :txn :value [[:w :x 2] [:r :x nil]]}
            {:process 1 :type :ok :f :txn :value [[:w :x 2] [:r :x 1]]}
            {:process 2 :type :invoke :f :txn :value [[:r :x nil] [:r :x nil]]}
            {:process 2 :type :ok :f :txn :value [[:r :x nil] [:r :x 1]]}
            """);
    private static final RwRegisterEvidence EVIDENCE = new RwRegisterEvidence(new TxnHistory(H), KeyOrder.NONE);

    @Test
    void aReadAfterTheTransactionsOwnWriteIsNoEvidence() {
        assertThat(EVIDENCE.explain(0, 1, DependencyGraph.WR)).isNull();
        assertThat(EVIDENCE.explain(1, 0, DependencyGraph.RW)).isNull();
    }

    @Test
    void aNonRepeatableReadIsEvidenceOfTheVersionItShows() {
        assertThat(EVIDENCE.explain(0, 2, DependencyGraph.WR)).isEqualTo("T4 read key x = 1, which T0 wrote");
        assertThat(EVIDENCE.explain(2, 0, DependencyGraph.RW)).isEqualTo("T4 read key x = nil, and T0 wrote 1, which follows the initial state");
        assertThat(EVIDENCE.explain(2, 1, DependencyGraph.WR)).isNull();
    }
}
