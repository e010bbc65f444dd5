package dev.ariadne.examples;

import dev.ariadne.checker.report.BroadcastCounterexample;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.OpView;
import dev.ariadne.checker.report.Reports;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What Pekko promises, and no more: FIFO per pair of actors holds; causal order across three actors breaks when a path is slower. */
class PekkoMailboxExampleTest {

    @Test
    void fifoPerPairHoldsAndACausalViolationIsShownWhenItOccurs() throws Exception {
        History h = PekkoMailboxExample.run(100, 300);
        CheckResult fifo = PekkoMailboxExample.check(h, "fifo-order");
        assertThat(fifo.verdict()).as(Reports.text(fifo)).isEqualTo(Verdict.VALID);
        // Did actor 2 handle the forwarded 9002 before the slow 9000? Then causal order broke, and the report shows how.
        long at9000 = -1;
        long at9002 = -1;
        for (Operation o : h.operations()) {
            if (!"receive".equals(o.f())) continue;
            if (o.value().get(1).asLong() == 9_000) at9000 = o.completePosition();
            if (o.value().get(1).asLong() == 9_002) at9002 = o.completePosition();
        }
        CheckResult causal = PekkoMailboxExample.check(h, "causal-order");
        System.out.println("Pekko, causal-order: " + causal.summary());
        if (at9002 < at9000) {
            assertThat(causal.verdict()).isEqualTo(Verdict.INVALID);
            BroadcastCounterexample c = (BroadcastCounterexample) causal.counterexamples().get(0);
            assertThat(c.messages()).containsExactly("9000", "9002");
            assertThat(c.operations()).extracting(OpView::description)
                    .contains("send [2 9000]", "send [1 9001]", "receive [0 9001]", "send [2 9002]", "receive [1 9002]", "receive [0 9000]");
        } else {
            assertThat(causal.verdict()).as("the slow message happened to arrive first").isEqualTo(Verdict.VALID);
        }
    }
}
