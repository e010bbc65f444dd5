package dev.ariadne.checker.weak;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.SequentialCounterexample;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.ariadne.checker.weak.CausalTest.op;
import static org.assertj.core.api.Assertions.assertThat;

/** Monotonic reads: the classics, and the checker against the definition (a view per process) on random histories. */
class MonotonicReadsTest {

    @Test
    void readingWritesBackwardsBreaksMonotonicReads() throws Exception {
        CheckResult r = CausalTest.check("monotonic-reads", op(0, "write", "x", 3) + op(0, "write", "x", 4) + op(1, "read", "x", 4) + op(1, "read", "x", 3));
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        SequentialCounterexample c = (SequentialCounterexample) r.counterexamples().get(0);
        assertThat(c.kind()).isEqualTo("monotonic-reads-violation");
        assertThat(c.explanation()).startsWith("Process p1's reads cannot move only forward");
    }

    @Test
    void returningToAnOldValueBreaksItButOppositeOrdersDoNot() throws Exception {
        String back = op(0, "write", "x", 1) + op(1, "write", "x", 2) + op(2, "read", "x", 1) + op(2, "read", "x", 2) + op(2, "read", "x", 1);
        assertThat(CausalTest.check("monotonic-reads", back).verdict()).isEqualTo(Verdict.INVALID);
        String opposite = op(0, "write", "x", 1) + op(1, "write", "x", 2) + op(2, "read", "x", 1) + op(2, "read", "x", 2)
                + op(3, "read", "x", 2) + op(3, "read", "x", 1);
        assertThat(CausalTest.check("monotonic-reads", opposite).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void notReadingYourOwnWriteIsNotAMonotonicReadsViolation() throws Exception {
        String h = op(0, "write", "x", 4) + op(0, "read", "x", 0);
        assertThat(CausalTest.check("monotonic-reads", h).verdict()).isEqualTo(Verdict.VALID);
        assertThat(CausalTest.check("pram", h).verdict()).isEqualTo(Verdict.INVALID);
    }

    /** The definition: for each process, an order of every process's writes (in issue order) and its own reads (in its order) that is legal. */
    static boolean bruteForce(Datatype<?, ?> dt, History h) {
        for (int p = 0; p < h.processCount(); p++) {
            List<List<Operation>> chains = new ArrayList<>();
            for (int q = 0; q <= h.processCount(); q++) chains.add(new ArrayList<>());
            for (Operation o : h.operations()) {
                if (o.isFail()) continue;
                boolean read = o.f().equals("read");
                if (read && o.process() != p) continue;
                chains.get(read ? h.processCount() : o.process()).add(o);
            }
            if (!SequentialTest.interleaveChains(dt, chains)) return false;
        }
        return true;
    }

    @Test
    void randomHistoriesAgreeWithTheDefinition() {
        int invalid = ViewDifferential.agree("monotonic-reads", 2000, MonotonicReadsTest::bruteForce, (h, dt) -> PramChecker.check(h, dt, ViewDifferential.OPTIONS, PramChecker.View.MONOTONIC_READS));
        assertThat(invalid).isBetween(100, 1900);
    }

    @Test
    void withoutSearchAgreesWithTheDefinitionAndTheSearch() {
        ViewDifferential.withoutSearchAgrees("monotonic-reads", MonotonicReadsTest::bruteForce, 10_000, (h, dt) -> PramChecker.check(h, dt, ViewDifferential.OPTIONS, PramChecker.View.MONOTONIC_READS),
                (h, dt) -> PramChecker.check(h, dt, ViewDifferential.OPTIONS, PramChecker.View.MONOTONIC_READS, ViewDifferential.READ_WRITE));
    }
}
