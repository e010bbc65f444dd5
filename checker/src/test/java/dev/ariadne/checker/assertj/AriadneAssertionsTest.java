package dev.ariadne.checker.assertj;

import dev.ariadne.checker.Ariadne;
import dev.ariadne.history.History;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AriadneAssertionsTest {
    static final String STALE = """
            {:process 0 :type :invoke :f :write :value 1}
            {:process 0 :type :ok :f :write :value 1}
            {:process 1 :type :invoke :f :write :value 2}
            {:process 1 :type :ok :f :write :value 2}
            {:process 2 :type :invoke :f :read :value nil}
            {:process 2 :type :ok :f :read :value 1}
            """;

    @Test
    void passingAndFailingAssertions() throws Exception {
        History h = HistoryReader.readString(STALE, ReadOptions.DEFAULT);
        AriadneAssertions.assertThat(h).satisfies("sequential");
        AriadneAssertions.assertThat(Ariadne.check(h, "sequential", "register")).isValid();
        AriadneAssertions.assertThat(Ariadne.check(h, "linearizable", "register")).isInvalid();
        assertThatThrownBy(() -> AriadneAssertions.assertThat(h).isLinearizable("register"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected the history to be linearizable but it was INVALID")
                .hasMessageContaining("can't read 1 from a register holding 2");
    }

    @Test
    void serializabilityAssertionsShowTheCycleWhenTheyFail() throws Exception {
        History skew = HistoryReader.readString("""
                {:process 0 :type :invoke :f :txn :value [[:r :x nil] [:append :y 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :y nil] [:append :x 1]]}
                {:process 0 :type :ok :f :txn :value [[:r :x []] [:append :y 1]]}
                {:process 1 :type :ok :f :txn :value [[:r :y []] [:append :x 1]]}
                """, ReadOptions.DEFAULT);
        AriadneAssertions.assertThat(skew).satisfies("snapshot-isolation");
        assertThatThrownBy(() -> AriadneAssertions.assertThat(skew).isSerializable())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("G2-item")
                .hasMessageContaining("T0 < T1 (rw)");
        History serial = HistoryReader.readString("""
                {:process 0 :type :invoke :f :txn :value [[:append :x 1]]}
                {:process 0 :type :ok :f :txn :value [[:append :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :x [1]]]}
                """, ReadOptions.DEFAULT);
        AriadneAssertions.assertThat(serial).isSerializable().isStrictSerializable();
    }
}
