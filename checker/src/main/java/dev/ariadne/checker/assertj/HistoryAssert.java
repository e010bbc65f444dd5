package dev.ariadne.checker.assertj;

import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Reports;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a recorded history; a failing assertion's message is Ariadne's report,
 * counterexample included, so it reads well in a test log.
 *
 * <pre>{@code
 * import static dev.ariadne.checker.assertj.AriadneAssertions.assertThat;
 * assertThat(recorder.history()).isLinearizable("cas-register");
 * }</pre>
 */
public final class HistoryAssert extends AbstractAssert<HistoryAssert, History> {

    HistoryAssert(History actual) {
        super(actual, HistoryAssert.class);
    }

    /** The history is linearizable for the datatype (null: inferred from the operations). */
    public HistoryAssert isLinearizable(String datatype) {
        return satisfies(CheckRequest.of("linearizable").withDatatype(datatype));
    }

    /** The transactional history is serializable (list-append or rw-register, inferred). */
    public HistoryAssert isSerializable() {
        return satisfies(CheckRequest.of("serializable"));
    }

    /** The transactional history is strictly serializable: serializable in an order that respects real time. */
    public HistoryAssert isStrictSerializable() {
        return satisfies(CheckRequest.of("strict-serializable"));
    }

    /** The history satisfies the model, its datatype inferred. */
    public HistoryAssert satisfies(String model) {
        return satisfies(CheckRequest.of(model));
    }

    /** The history satisfies the request; UNKNOWN fails the assertion too, saying why. */
    public HistoryAssert satisfies(CheckRequest request) {
        isNotNull();
        CheckResult r = ModelChecker.check(actual, request);
        if (r.verdict() != Verdict.VALID) {
            failWithMessage("expected the history to be %s but it was %s%n%s", r.model(), r.verdict(), Reports.text(r));
        }
        return this;
    }
}
