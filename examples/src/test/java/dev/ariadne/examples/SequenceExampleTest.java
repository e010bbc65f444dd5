package dev.ariadne.examples;

import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.LinearizabilityCounterexample;
import dev.ariadne.checker.report.OpView;
import dev.ariadne.checker.report.Reports;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What each sequence promises, and no more: AtomicLong and H2's sequences are linearizable; a per-session cache is only sequential. */
class SequenceExampleTest {

    @Test
    void atomicLongAndH2SequencesIssueNumbersInRealTimeOrder() throws Exception {
        CheckResult atomic = SequenceExample.run(SequenceExample.atomicLong(), 4, 200, "linearizable");
        assertThat(atomic.verdict()).as(Reports.text(atomic)).isEqualTo(Verdict.VALID);
        assertThat(atomic.notes()).anyMatch(n -> n.startsWith("800 numbers issued from 1 to 800, with no gap"));
        CheckResult h2 = SequenceExample.run(SequenceExample.h2("jdbc:h2:mem:seq;DB_CLOSE_DELAY=-1"), 4, 100, "linearizable");
        assertThat(h2.verdict()).as(Reports.text(h2)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aPerSessionCacheIsSequentialButNotLinearizable() throws Exception {
        History h = SequenceExample.cachedSessions();
        assertThat(Ariadne.check(h, CheckRequest.of("sequential").withDatatype("sequence")).verdict()).isEqualTo(Verdict.VALID);
        CheckResult lin = Ariadne.check(h, CheckRequest.of("linearizable").withDatatype("sequence"));
        assertThat(lin.verdict()).isEqualTo(Verdict.INVALID);
        LinearizabilityCounterexample c = (LinearizabilityCounterexample) lin.counterexamples().get(0);
        assertThat(c.operations()).extracting(OpView::description).containsExactly("next → 11", "next → 2");
    }
}
