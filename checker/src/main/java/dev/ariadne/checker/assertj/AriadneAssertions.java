package dev.ariadne.checker.assertj;

import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.history.History;

/** Entry points for AssertJ-style assertions: {@code assertThat(history).isLinearizable("register")}. */
public final class AriadneAssertions {
    private AriadneAssertions() {}

    public static HistoryAssert assertThat(History history) {
        return new HistoryAssert(history);
    }

    public static CheckResultAssert assertThat(CheckResult result) {
        return new CheckResultAssert(result);
    }
}
