package dev.ariadne.checker.assertj;

import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Reports;
import dev.ariadne.checker.report.Verdict;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a check's result; the failure message is the report. */
public final class CheckResultAssert extends AbstractAssert<CheckResultAssert, CheckResult> {

    CheckResultAssert(CheckResult actual) {
        super(actual, CheckResultAssert.class);
    }

    public CheckResultAssert isValid() {
        return hasVerdict(Verdict.VALID);
    }

    public CheckResultAssert isInvalid() {
        return hasVerdict(Verdict.INVALID);
    }

    public CheckResultAssert hasVerdict(Verdict expected) {
        isNotNull();
        if (actual.verdict() != expected) {
            failWithMessage("expected verdict %s but it was %s%n%s", expected, actual.verdict(), Reports.text(actual));
        }
        return this;
    }
}
