package dev.ariadne.checker.txn;

import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.Hierarchy;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.HierarchyResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Histories of completions only, as Elle's README writes them: read, checked, and never judged on real time. */
class CompletionsOnlyTest {
    @Test
    void elleStyleHistoriesAreReadAndCheckedWithoutRealTime() {
        History ok = CertifiedIsolationTest.edn("""
                [{:type :ok, :value [[:append :x 1] [:r :y []]]}
                 {:type :ok, :value [[:append :y 1] [:r :x [1]]]}
                 {:type :ok, :value [[:r :x [1]] [:r :y [1]]]}]
                """);
        assertThat(ok.size()).isEqualTo(3);
        assertThat(ok.realTimeKnown()).isFalse();
        assertThat(ModelChecker.check(ok, CheckRequest.of("serializable")).verdict()).isEqualTo(Verdict.VALID);
        assertThat(ModelChecker.check(ok, CheckRequest.of("strict-serializable")).verdict()).isEqualTo(Verdict.UNKNOWN);
        HierarchyResult all = Hierarchy.check(ok, CheckRequest.of("all"));
        assertThat(all.strongestSatisfied()).contains("strong-session-serializable");

        // The G-single of Elle's paper, completions only: as invalid as with invocations.
        History skew = CertifiedIsolationTest.edn("""
                {:type :ok, :value [[:append :x 1] [:append :y 1]]}
                {:type :ok, :value [[:r :x []] [:r :y [1]]]}
                {:type :ok, :value [[:r :x [1]]]}
                """);
        assertThat(ModelChecker.check(skew, CheckRequest.of("serializable")).verdict()).isEqualTo(Verdict.INVALID);
        assertThat(ModelChecker.check(skew, CheckRequest.of("read-committed")).verdict()).isEqualTo(Verdict.VALID);
    }
}
