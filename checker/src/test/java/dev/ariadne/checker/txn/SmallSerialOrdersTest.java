package dev.ariadne.checker.txn;

import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The second opinion on small refutations: every order replayed, process and real-time order kept where asked. */
class SmallSerialOrdersTest {
    @Test
    void aWriteSkewHasNoOrderAndAStaleReadHasOneOnlyWithoutRealTime() {
        TxnHistory skew = new TxnHistory(CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:r :x nil] [:w :y 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :y nil] [:w :x 1]]}
                {:process 0 :type :ok :f :txn :value [[:r :x nil] [:w :y 1]]}
                {:process 1 :type :ok :f :txn :value [[:r :y nil] [:w :x 1]]}
                """));
        assertThat(SmallSerialOrders.exists(skew, new int[]{0, 1}, false, false)).isFalse();
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:w :x 1]]}
                {:process 0 :type :ok :f :txn :value [[:w :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :x nil]]}
                """);
        TxnHistory stale = new TxnHistory(h);
        assertThat(SmallSerialOrders.exists(stale, new int[]{0, 1}, false, false)).isTrue();
        assertThat(SmallSerialOrders.exists(stale, new int[]{0, 1}, true, false)).isTrue();
        assertThat(SmallSerialOrders.exists(stale, new int[]{0, 1}, true, true)).isFalse();
    }

    @Test
    void processOrderIsKeptWhenAsked() {
        TxnHistory h = new TxnHistory(CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:r :x nil]]}
                {:process 1 :type :invoke :f :txn :value [[:w :x 1]]}
                {:process 1 :type :ok :f :txn :value [[:w :x 1]]}
                {:process 0 :type :ok :f :txn :value [[:r :x 1]]}
                {:process 0 :type :invoke :f :txn :value [[:r :x nil]]}
                {:process 0 :type :ok :f :txn :value [[:r :x nil]]}
                """));
        assertThat(SmallSerialOrders.exists(h, new int[]{0, 1, 2}, false, false)).isTrue();
        assertThat(SmallSerialOrders.exists(h, new int[]{0, 1, 2}, true, false)).isFalse();
    }
}
