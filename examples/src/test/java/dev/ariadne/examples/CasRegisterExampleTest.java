package dev.ariadne.examples;

import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.LinearizabilityCounterexample;
import dev.ariadne.checker.report.OpView;
import dev.ariadne.checker.report.Reports;
import dev.ariadne.checker.report.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CasRegisterExampleTest {

    @Test
    void atomicReferenceIsLinearizable() throws Exception {
        for (int round = 0; round < 5; round++) {
            CheckResult r = CasRegisterExample.check(CasRegisterExample.record(new CasRegisterExample.Atomic(), 2, 30));
            assertThat(r.verdict()).as(Reports.text(r)).isEqualTo(Verdict.VALID);
        }
    }

    @Test
    void racyReadModifyWriteLosesAnUpdateAndIsCaught() throws Exception {
        CheckResult r = CasRegisterExample.check(CasRegisterExample.record(new CasRegisterExample.Racy(), 2, 0));
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        LinearizabilityCounterexample c = (LinearizabilityCounterexample) r.counterexamples().get(0);
        assertThat(c.minimal()).isTrue();
        assertThat(c.operations()).extracting(OpView::description).containsExactlyInAnyOrder("cas 0→1", "cas 0→2");
    }
}
