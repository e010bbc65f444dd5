package dev.ariadne.checker.weak;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.ariadne.checker.weak.CausalTest.op;
import static org.assertj.core.api.Assertions.assertThat;

/** Read-your-writes: the classics, and the checker against the definition (a view per process) on random histories. */
class ReadYourWritesTest {

    @Test
    void notSeeingYourOwnWrite() throws Exception {
        CheckResult initial = CausalTest.check("read-your-writes", op(0, "write", "x", 4) + op(0, "read", "x", 0));
        assertThat(initial.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(((dev.ariadne.checker.report.SequentialCounterexample) initial.counterexamples().get(0)).why())
                .containsExactly("op 2 (p0 read → 0 [key x]) returned the initial value, but its process had written op 0 (p0 write 4 [key x]) before it.");
        // After writing 1 and then 2, reading 1 means the process did not see its latest write.
        assertThat(CausalTest.check("read-your-writes", op(0, "write", "x", 1) + op(0, "write", "x", 2) + op(0, "read", "x", 1)).verdict())
                .isEqualTo(Verdict.INVALID);
        CheckResult ok = CausalTest.check("read-your-writes", op(0, "write", "x", 1) + op(1, "write", "x", 2) + op(0, "read", "x", 2));
        assertThat(ok.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void readingOthersBackwardsIsNotAReadYourWritesViolation() throws Exception {
        String h = op(0, "write", "x", 3) + op(0, "write", "x", 4) + op(1, "read", "x", 4) + op(1, "read", "x", 3);
        assertThat(CausalTest.check("read-your-writes", h).verdict()).isEqualTo(Verdict.VALID);
        assertThat(CausalTest.check("monotonic-reads", h).verdict()).isEqualTo(Verdict.INVALID);
    }

    /** The definition: for each process, a legal order of every process's writes (in issue order) and its reads, each read after its process's earlier writes. */
    static boolean bruteForce(Datatype<?, ?> dt, History h) {
        for (int p = 0; p < h.processCount(); p++) {
            List<Operation> items = new ArrayList<>();
            for (Operation o : h.operations()) {
                if (o.isFail()) continue;
                if (o.f().equals("read") && o.process() != p) continue;
                items.add(o);
            }
            if (!start(dt, items, p)) return false;
        }
        return true;
    }

    private static <S, I> boolean start(Datatype<S, I> dt, List<Operation> items, int p) {
        return order(dt, items, new boolean[items.size()], dt.init(), p);
    }

    private static <S, I> boolean order(Datatype<S, I> dt, List<Operation> items, boolean[] used, S state, int p) {
        boolean done = true;
        for (int i = 0; i < items.size(); i++) if (!used[i] && items.get(i).isOk()) done = false;
        if (done) return true;
        for (int i = 0; i < items.size(); i++) {
            if (used[i]) continue;
            Operation o = items.get(i);
            boolean read = o.f().equals("read");
            boolean allowed = true;
            for (int j = 0; j < items.size(); j++) {
                Operation e = items.get(j);
                if (used[j] || j == i || e.f().equals("read")) continue;
                // Writes keep issue order; a read of p waits for p's earlier writes.
                if (e.process() == o.process() && e.invokePosition() < o.invokePosition() && (!read || o.process() == p)) allowed = false;
            }
            if (!allowed) continue;
            used[i] = true;
            List<S> next = new ArrayList<>();
            dt.steps(state, dt.input(o), next);
            for (S s : next) if (order(dt, items, used, s, p)) return true;
            if (!o.isOk() && order(dt, items, used, state, p)) return true;
            used[i] = false;
        }
        return false;
    }

    @Test
    void randomHistoriesAgreeWithTheDefinition() {
        int invalid = ViewDifferential.agree("read-your-writes", 2000, ReadYourWritesTest::bruteForce, (h, dt) -> PramChecker.check(h, dt, ViewDifferential.OPTIONS, PramChecker.View.READ_YOUR_WRITES));
        assertThat(invalid).isBetween(50, 1900);
    }

    @Test
    void withoutSearchAgreesWithTheDefinitionAndTheSearch() {
        ViewDifferential.withoutSearchAgrees("read-your-writes", ReadYourWritesTest::bruteForce, 10_000, (h, dt) -> PramChecker.check(h, dt, ViewDifferential.OPTIONS, PramChecker.View.READ_YOUR_WRITES),
                (h, dt) -> PramChecker.check(h, dt, ViewDifferential.OPTIONS, PramChecker.View.READ_YOUR_WRITES, ViewDifferential.READ_WRITE));
    }
}
