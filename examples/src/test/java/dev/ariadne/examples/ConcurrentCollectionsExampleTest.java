package dev.ariadne.examples;

import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.LinearizabilityCounterexample;
import dev.ariadne.checker.report.OpView;
import dev.ariadne.checker.report.Reports;
import dev.ariadne.checker.report.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentCollectionsExampleTest {

    @Test
    void javasConcurrentMapAndQueueAreLinearizable() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            CheckResult map = ConcurrentCollectionsExample.map(false, 4, 150, seed);
            assertThat(map.verdict()).as(Reports.text(map)).isEqualTo(Verdict.VALID);
            CheckResult queue = ConcurrentCollectionsExample.queue(false, 4, 150, seed);
            assertThat(queue.verdict()).as(Reports.text(queue)).isEqualTo(Verdict.VALID);
        }
    }

    @Test
    void aReadThenWriteAppendLosesAnAppendAndIsCaught() throws Exception {
        CheckResult r = ConcurrentCollectionsExample.map(true, 2, 2, 1);
        assertThat(r.verdict()).as(Reports.text(r)).isEqualTo(Verdict.INVALID);
        LinearizabilityCounterexample c = (LinearizabilityCounterexample) r.counterexamples().get(0);
        assertThat(c.operations()).extracting(OpView::description).anyMatch(d -> d.startsWith("append"));
    }

    @Test
    void aPeekThenRemoveDequeueTakesOneElementTwiceAndIsCaught() throws Exception {
        CheckResult r = ConcurrentCollectionsExample.queue(true, 2, 2, 1);
        assertThat(r.verdict()).as(Reports.text(r)).isEqualTo(Verdict.INVALID);
        LinearizabilityCounterexample c = (LinearizabilityCounterexample) r.counterexamples().get(0);
        assertThat(c.operations()).extracting(OpView::description).anyMatch(d -> d.startsWith("dequeue"));
    }
}
