package dev.ariadne.checker.weak;

import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.Hierarchy;
import dev.ariadne.checker.report.CausalCounterexample;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.HierarchyResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.ariadne.checker.weak.CausalTest.op;
import static org.assertj.core.api.Assertions.assertThat;

/** Writes-follow-reads: the classics with their verdict for every model, and the checker against its view definition on random histories. */
class WritesFollowReadsTest {

    /** p0 reads y=1 and then writes x=1; p1 reads x=1 and then writes y=1: each write must follow the other in every view. */
    static final String CAUSAL_LOOP = "{:process 0 :type :invoke :f :read :key :y :value nil}\n{:process 1 :type :invoke :f :read :key :x :value nil}\n"
            + "{:process 0 :type :ok :f :read :key :y :value 1}\n{:process 1 :type :ok :f :read :key :x :value 1}\n"
            + op(0, "write", "x", 1) + op(1, "write", "y", 1);

    static Map<String, Verdict> everyModel(String edn) throws Exception {
        History h = HistoryReader.readString(edn, ReadOptions.DEFAULT);
        HierarchyResult all = Hierarchy.check(h, CheckRequest.of("all").withDatatype("register").withOptions(CausalTest.ZERO));
        Map<String, Verdict> v = new HashMap<>();
        for (HierarchyResult.ModelVerdict mv : all.models()) v.put(mv.model(), mv.verdict());
        return v;
    }

    @Test
    void aCausalLoopBreaksWritesFollowReadsButNotPram() throws Exception {
        CheckResult r = CausalTest.check("writes-follow-reads", CAUSAL_LOOP);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        CausalCounterexample c = (CausalCounterexample) r.counterexamples().get(0);
        assertThat(c.pattern()).isEqualTo("CyclicCO");
        assertThat(c.operations()).hasSize(4);
        assertThat(c.explanation()).contains("each process wrote after reading the write before it").contains("ran them in this order");
        Map<String, Verdict> v = everyModel(CAUSAL_LOOP);
        for (String m : List.of("linearizable", "sequential", "causal-convergent", "causal-memory", "causal", "writes-follow-reads")) {
            assertThat(v.get(m)).as(m).isEqualTo(Verdict.INVALID);
        }
        for (String m : List.of("pram", "monotonic-reads", "read-your-writes", "monotonic-writes")) assertThat(v.get(m)).as(m).isEqualTo(Verdict.VALID);
    }

    @Test
    void seeingAnEffectBeforeItsCauseNeedsMonotonicReadsToo() throws Exception {
        // p1 reads x=1 and then writes y=1; p2 reads y=1 and then x=0. Writes-follow-reads alone lets p2's
        // second read sit before x=1 in p2's view; CC, which also keeps p2's reads in order, forbids it.
        String h = op(0, "write", "x", 1) + op(1, "read", "x", 1) + op(1, "write", "y", 1) + op(2, "read", "y", 1) + op(2, "read", "x", 0);
        Map<String, Verdict> v = everyModel(h);
        assertThat(v.get("writes-follow-reads")).isEqualTo(Verdict.VALID);
        assertThat(v.get("monotonic-reads")).isEqualTo(Verdict.VALID);
        assertThat(v.get("pram")).isEqualTo(Verdict.VALID);
        assertThat(v.get("causal")).isEqualTo(Verdict.INVALID);
        assertThat(v.get("causal-memory")).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aValueFromNowhereAndAmbiguousValues() throws Exception {
        CheckResult air = CausalTest.check("writes-follow-reads", op(0, "write", "x", 1) + op(1, "read", "x", 7));
        assertThat(air.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(((CausalCounterexample) air.counterexamples().get(0)).pattern()).isEqualTo("ThinAirRead");
        CheckResult dup = CausalTest.check("writes-follow-reads", op(0, "write", "x", 1) + op(1, "write", "x", 1) + op(2, "read", "x", 1));
        assertThat(dup.verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    /**
     * The definition, by views: for each process, some order of its own operations and every process's
     * writes in which each of its reads returns the latest value, where a write w2 comes after every
     * write w1 whose value its process read before issuing w2. Reads are otherwise free. Failed
     * operations did not happen; a crashed write happened if some read returned its value, and may have
     * happened otherwise.
     */
    static boolean bruteForce(History h) {
        List<Operation> ops = new ArrayList<>();
        for (Operation o : h.operations()) if (!o.isFail() && (o.f().equals("write") || o.isOk())) ops.add(o);
        for (int q = 0; q < h.processCount(); q++) {
            List<Operation> items = new ArrayList<>();
            for (Operation o : ops) if (o.f().equals("write") || o.process() == q) items.add(o);
            if (!order(items, ops, new boolean[items.size()], new HashMap<>())) return false;
        }
        return true;
    }

    private static boolean read(List<Operation> ops, Operation w) {
        for (Operation r : ops) if (r.f().equals("read") && r.isOk() && r.key().equals(w.key()) && r.value().equals(w.value())) return true;
        return false;
    }

    private static boolean order(List<Operation> items, List<Operation> ops, boolean[] used, Map<String, Integer> state) {
        boolean done = true;
        for (int i = 0; i < items.size(); i++) {
            Operation o = items.get(i);
            if (!used[i] && (o.isOk() || read(ops, o))) done = false;
        }
        if (done) return true;
        for (int i = 0; i < items.size(); i++) {
            if (used[i]) continue;
            Operation o = items.get(i);
            String key = o.key().asText();
            if (o.f().equals("read")) {
                if (!o.value().equals(Values.of(state.getOrDefault(key, 0)))) continue;
                used[i] = true;
                if (order(items, ops, used, state)) return true;
                used[i] = false;
                continue;
            }
            // A write waits for every write its process read before issuing it.
            boolean allowed = true;
            for (Operation r : ops) {
                if (r.process() != o.process() || !r.f().equals("read") || r.invokePosition() > o.invokePosition()) continue;
                for (int j = 0; j < items.size(); j++) {
                    Operation w = items.get(j);
                    if (!used[j] && w.f().equals("write") && w.key().equals(r.key()) && w.value().equals(r.value())) allowed = false;
                }
            }
            if (!allowed) continue;
            used[i] = true;
            Integer before = state.put(key, o.value().asInt());
            if (order(items, ops, used, state)) return true;
            if (before == null) state.remove(key);
            else state.put(key, before);
            // A crashed write nobody read may not have happened at all.
            if (!o.isOk() && !read(ops, o) && order(items, ops, used, state)) return true;
            used[i] = false;
        }
        return false;
    }

    @Test
    void randomHistoriesAgreeWithTheDefinitionAndCausalImpliesIt() {
        int invalid = 0;
        for (long seed = 0; seed < 3000; seed++) {
            History h = CausalTest.random(seed);
            boolean expected = bruteForce(h);
            CheckResult r = WritesFollowReadsChecker.check(h, "register", CausalTest.ZERO);
            assertThat(r.verdict()).as("seed " + seed + " (" + r.summary() + "): " + h.events()).isEqualTo(expected ? Verdict.VALID : Verdict.INVALID);
            if (!expected) invalid++;
            if (CausalTest.bruteForce(h)) assertThat(expected).as("CC implies writes-follow-reads, seed " + seed).isTrue();
        }
        assertThat(invalid).isBetween(100, 2900);
    }
}
