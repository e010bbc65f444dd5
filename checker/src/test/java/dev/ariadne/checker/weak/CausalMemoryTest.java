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

/** Causal memory (CM): the classics, and the checker against its definition on random differentiated histories. */
class CausalMemoryTest {

    @Test
    void readingAValueAgainAfterANewerOneIsCausalButNotCausalMemory() throws Exception {
        String back = op(0, "write", "x", 1) + op(1, "write", "x", 2) + op(2, "read", "x", 1) + op(2, "read", "x", 2) + op(2, "read", "x", 1);
        assertThat(CausalTest.check("causal", back).verdict()).isEqualTo(Verdict.VALID);
        assertThat(CausalTest.check("causal-memory", back).verdict()).isEqualTo(Verdict.INVALID);
        // Two readers may still see concurrent writes in opposite orders: CM is not convergent.
        String opposite = op(0, "write", "x", 1) + op(1, "write", "x", 2) + op(2, "read", "x", 1) + op(2, "read", "x", 2)
                + op(3, "read", "x", 2) + op(3, "read", "x", 1);
        assertThat(CausalTest.check("causal-memory", opposite).verdict()).isEqualTo(Verdict.VALID);
        assertThat(CausalTest.check("causal-convergent", opposite).verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aViewMustKeepCausalOrderNotJustProgramOrder() throws Exception {
        // p4 reads x=1 then x=2, and y=1 then y=2. Causally y=2 (p0) precedes x=1 (p1 read it, then wrote
        // x=1) and x=2 (p2) precedes y=1 (p3 read it, then wrote y=1): p4's view would need
        // y=2 < x=1 < x=2 < y=1 < y=2. Each read alone has a causal explanation (CC), and program order
        // alone lets the view interleave the writers freely (PRAM); causal memory does not.
        String h = op(0, "write", "y", 2) + op(1, "read", "y", 2) + op(1, "write", "x", 1) + op(2, "write", "x", 2)
                + op(3, "read", "x", 2) + op(3, "write", "y", 1)
                + op(4, "read", "x", 1) + op(4, "read", "x", 2) + op(4, "read", "y", 1) + op(4, "read", "y", 2);
        assertThat(CausalTest.check("causal", h).verdict()).isEqualTo(Verdict.VALID);
        assertThat(CausalTest.check("pram", h).verdict()).isEqualTo(Verdict.VALID);
        CheckResult cm = CausalTest.check("causal-memory", h);
        assertThat(cm.verdict()).isEqualTo(Verdict.INVALID);
        // The proof runs through another process's read, which carries causality into p4's view.
        String why = String.join("\n", ((dev.ariadne.checker.report.SequentialCounterexample) cm.counterexamples().get(0)).why());
        assertThat(why).contains("form a cycle").contains("op 2 (p1 read → 2 [key y]) < op 4 (p1 write 1 [key x]): p1 issued them in this order");
        assertThat(bruteForce(dev.ariadne.history.io.HistoryReader.readString(h, dev.ariadne.history.io.ReadOptions.DEFAULT))).isFalse();
    }

    /** CM by its definition: for each process, an order of its operations and every write that keeps CO and is legal. */
    static boolean bruteForce(History h) {
        CausalTest.Causal c = CausalTest.causalOrder(h);
        if (c.cyclic()) return false;
        List<Operation> live = c.live();
        for (int r = 0; r < live.size(); r++) {
            Operation o = live.get(r);
            if (o.f().equals("read") && c.source(r) < 0 && !o.value().equals(Values.of(0))) return false;
        }
        for (int p = 0; p < h.processCount(); p++) {
            List<Integer> view = new ArrayList<>();
            for (int i = 0; i < live.size(); i++) if (live.get(i).f().equals("write") || live.get(i).process() == p) view.add(i);
            if (!serialize(c, view, new boolean[live.size()], new java.util.HashMap<>())) return false;
        }
        return true;
    }

    private static boolean serialize(CausalTest.Causal c, List<Integer> left, boolean[] placed, java.util.Map<Object, Object> state) {
        if (left.isEmpty()) return true;
        for (int k = 0; k < left.size(); k++) {
            int u = left.get(k);
            boolean ready = true;
            for (int v : left) if (v != u && c.co()[v][u]) ready = false;
            if (!ready) continue;
            Operation o = c.live().get(u);
            Object before = state.get(o.key());
            if (o.f().equals("read")) {
                Object cur = before == null ? Values.of(0) : before;
                if (!cur.equals(o.value())) continue;
            } else {
                state.put(o.key(), o.value());
            }
            List<Integer> rest = new ArrayList<>(left);
            rest.remove(k);
            boolean ok = serialize(c, rest, placed, state);
            if (o.f().equals("write")) {
                if (before == null) state.remove(o.key());
                else state.put(o.key(), before);
            }
            if (ok) return true;
        }
        return false;
    }

    @Test
    void randomHistoriesAgreeWithTheDefinition() {
        CausalTest.agree("causal-memory", CausalMemoryTest::bruteForce, h -> dev.ariadne.checker.model.ModelChecker.check(h, dev.ariadne.checker.model.CheckRequest.of("causal-memory").withDatatype("register").withOptions(CausalTest.ZERO)), true);
    }

    /** Causal memory with every view searched (the frontier search gated on causal order), as before saturation decided them. */
    static CheckResult searched(History h, dev.ariadne.checker.datatype.Datatype<?, ?> dt) {
        CheckResult cc = CausalChecker.check(h, "register", CausalTest.ZERO);
        if (cc.verdict() != Verdict.VALID) return cc;
        ReadWriteHistory rw = new ReadWriteHistory(h, "register", CausalTest.ZERO);
        CausalOrder order = new CausalOrder(rw.nodes, rw.src, h.processCount());
        return PramChecker.views(h, dt, ViewDifferential.OPTIONS, SequentialProblem.Reads.PROGRAM_ORDER, order, rw, null);
    }

    @Test
    void saturationAgreesWithTheSearchOnLargerHistories() {
        int invalid = ViewDifferential.withoutSearchAgreesWithSearch("causal-memory", 30_000, 1500, CausalMemoryTest::searched,
                (h, dt) -> CausalMemoryChecker.check(h, dt, "register", CausalTest.ZERO, ViewDifferential.OPTIONS));
        assertThat(invalid).isBetween(150, 1400);
    }
}
