package dev.ariadne.checker.weak;

import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.ariadne.checker.weak.CausalTest.op;
import static org.assertj.core.api.Assertions.assertThat;

/** Causal convergence (CCv): the classics, and the checker against its definition on random differentiated histories. */
class CausalConvergenceTest {

    @Test
    void twoReadersSeeingConcurrentWritesInOppositeOrdersAreCausalButNotConvergent() throws Exception {
        String h = op(0, "write", "x", 1) + op(1, "write", "x", 2) + op(2, "read", "x", 1) + op(2, "read", "x", 2)
                + op(3, "read", "x", 2) + op(3, "read", "x", 1);
        assertThat(CausalTest.check("causal", h).verdict()).isEqualTo(Verdict.VALID);
        CheckResult r = CausalTest.check("causal-convergent", h);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexamples().get(0).kind()).isEqualTo("CyclicCF");
        assertThat(r.counterexamples().get(0).explanation()).contains("so every process must arbitrate it first");
        // One reader alone is convergent: every process can agree on 1 before 2.
        String one = op(0, "write", "x", 1) + op(1, "write", "x", 2) + op(2, "read", "x", 1) + op(2, "read", "x", 2);
        assertThat(CausalTest.check("causal-convergent", one).verdict()).isEqualTo(Verdict.VALID);
    }

    /**
     * CCv by its definition (Bouajjani et al. 2017) with CO = (po ∪ rf)+: CO acyclic, and one total
     * order of the writes extending CO in which each read returns the last write to its key among
     * those in its causal past (the initial value when there is none).
     */
    static boolean bruteForce(History h) {
        CausalTest.Causal c = CausalTest.causalOrder(h);
        if (c.cyclic()) return false;
        List<Integer> writes = new ArrayList<>();
        for (int i = 0; i < c.live().size(); i++) if (c.live().get(i).f().equals("write")) writes.add(i);
        for (int r = 0; r < c.live().size(); r++) {
            Operation rd = c.live().get(r);
            if (rd.f().equals("read") && c.source(r) < 0 && !rd.value().equals(Values.of(0))) return false;
        }
        return arbitrate(c, writes, new ArrayList<>());
    }

    private static boolean arbitrate(CausalTest.Causal c, List<Integer> left, List<Integer> arb) {
        if (left.isEmpty()) return explainsAll(c, arb);
        for (int i = 0; i < left.size(); i++) {
            int w = left.get(i);
            boolean ready = true;
            for (int u : left) if (u != w && c.co()[u][w]) ready = false;
            if (!ready) continue;
            List<Integer> rest = new ArrayList<>(left);
            rest.remove(i);
            arb.add(w);
            boolean ok = arbitrate(c, rest, arb);
            arb.remove(arb.size() - 1);
            if (ok) return true;
        }
        return false;
    }

    private static boolean explainsAll(CausalTest.Causal c, List<Integer> arb) {
        for (int r = 0; r < c.live().size(); r++) {
            Operation rd = c.live().get(r);
            if (!rd.f().equals("read")) continue;
            int last = -1;
            for (int w : arb) if (c.live().get(w).key().equals(rd.key()) && c.co()[w][r]) last = w;
            if (last != c.source(r)) return false;
        }
        return true;
    }

    @Test
    void randomHistoriesAgreeWithTheDefinition() {
        CausalTest.agree("causal-convergent", CausalConvergenceTest::bruteForce, h -> CausalChecker.checkConvergent(h, "register", CausalTest.ZERO), true);
    }
}
