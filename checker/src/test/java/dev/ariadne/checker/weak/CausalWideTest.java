package dev.ariadne.checker.weak;

import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.Op;
import dev.ariadne.history.OpType;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * CC and CCv on wide histories: dozens of processes (crashes start new ones), up to 70 keys (more
 * than one 64-key block of {@link CausalFrontier}) and many concurrent writes per key, checked
 * against the bad patterns of Bouajjani et al. (POPL 2017) computed from the transitive closure.
 * The pattern oracle is itself checked against the definitions on the small histories.
 */
class CausalWideTest {

    /** Many processes, many keys, reads of recent writes of their key (or the initial value). */
    static History wide(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int procs = 3 + r.nextInt(40);
        int keys = 1 + r.nextInt(r.nextBoolean() ? 4 : 70);
        int n = 20 + r.nextInt(120);
        int recent = 1 + r.nextInt(6);
        List<Op> events = new ArrayList<>();
        List<List<Integer>> written = new ArrayList<>();
        for (int k = 0; k < keys; k++) written.add(new ArrayList<>());
        long[] pid = new long[procs];
        for (int i = 0; i < procs; i++) pid[i] = i;
        int next = 1;
        for (int i = 0; i < n; i++) {
            int p = r.nextInt(procs);
            int key = r.nextInt(keys);
            boolean write = r.nextInt(10) < 4;
            int v;
            if (write) {
                v = next++;
                written.get(key).add(v);
            } else {
                List<Integer> w = written.get(key);
                int back = r.nextInt(recent + 1);
                v = back >= w.size() ? 0 : w.get(w.size() - 1 - back);
            }
            String f = write ? "write" : "read";
            int outcome = r.nextInt(40);
            com.fasterxml.jackson.databind.JsonNode k = Values.of("k" + key);
            events.add(new Op(events.size(), Op.NO_TIME, Values.of(pid[p]), OpType.INVOKE, f, write ? Values.of(v) : Values.of((Object) null), k, null, Map.of()));
            OpType t = outcome < 37 ? OpType.OK : outcome == 37 ? OpType.FAIL : OpType.INFO;
            events.add(new Op(events.size(), Op.NO_TIME, Values.of(pid[p]), t, f, Values.of(v), k, null, Map.of()));
            if (t == OpType.INFO) pid[p] += procs;
        }
        try {
            return History.of(events);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** CO as bit rows over the live operations (the same operations {@link CausalTest#causalOrder} keeps). */
    private static BitSet[] closure(List<Operation> live, BitSet[] edges) {
        int n = live.size();
        for (int k = 0; k < n; k++) for (int a = 0; a < n; a++) if (edges[a].get(k)) edges[a].or(edges[k]);
        return edges;
    }

    private static BitSet[] causalOrder(List<Operation> live) {
        int n = live.size();
        BitSet[] co = new BitSet[n];
        for (int a = 0; a < n; a++) {
            co[a] = new BitSet(n);
            Operation x = live.get(a);
            for (int b = 0; b < n; b++) {
                Operation y = live.get(b);
                if (x.process() == y.process() && x.invokePosition() < y.invokePosition()) co[a].set(b);
                if (x.f().equals("write") && y.f().equals("read") && x.key().equals(y.key()) && x.value().equals(y.value())) co[a].set(b);
            }
        }
        return closure(live, co);
    }

    /** CC's bad patterns: CyclicCO, ThinAirRead, WriteCOInitRead, WriteCORead; with {@code convergent}, CCv's CyclicCF too. */
    static boolean byPatterns(History h, boolean convergent) {
        List<Operation> live = CausalTest.causalOrder(h).live();
        int n = live.size();
        BitSet[] co = causalOrder(live);
        for (int a = 0; a < n; a++) if (co[a].get(a)) return false;
        int[] src = new int[n];
        for (int r = 0; r < n; r++) {
            Operation rd = live.get(r);
            src[r] = -1;
            if (!rd.f().equals("read")) continue;
            for (int w = 0; w < n; w++) {
                Operation x = live.get(w);
                if (x.f().equals("write") && x.key().equals(rd.key()) && x.value().equals(rd.value())) src[r] = w;
            }
            if (src[r] < 0 && !rd.value().equals(Values.of(0))) return false;
            for (int w = 0; w < n; w++) {
                Operation x = live.get(w);
                if (!x.f().equals("write") || !x.key().equals(rd.key()) || !co[w].get(r)) continue;
                if (src[r] < 0) return false;
                if (w != src[r] && co[src[r]].get(w)) return false;
            }
        }
        if (!convergent) return true;
        // Conflict: w before s whenever w causally precedes a read of s's value (same key).
        BitSet[] cf = new BitSet[n];
        for (int a = 0; a < n; a++) cf[a] = (BitSet) co[a].clone();
        for (int r = 0; r < n; r++) {
            if (src[r] < 0) continue;
            for (int w = 0; w < n; w++) {
                Operation x = live.get(w);
                if (w != src[r] && x.f().equals("write") && x.key().equals(live.get(r).key()) && co[w].get(r)) cf[w].set(src[r]);
            }
        }
        closure(live, cf);
        for (int a = 0; a < n; a++) if (cf[a].get(a)) return false;
        return true;
    }

    @Test
    void thePatternOracleAgreesWithTheDefinitionsOnSmallHistories() {
        for (long seed = 0; seed < 2000; seed++) {
            History h = CausalTest.random(seed);
            assertThat(byPatterns(h, false)).as("CC, seed " + seed).isEqualTo(CausalTest.bruteForce(h));
            assertThat(byPatterns(h, true)).as("CCv, seed " + seed).isEqualTo(CausalConvergenceTest.bruteForce(h));
        }
    }

    @Test
    void wideHistoriesAgreeWithThePatterns() {
        int[] invalid = new int[2];
        int runs = 600;
        for (long seed = 0; seed < runs; seed++) {
            History h = wide(seed);
            for (int m = 0; m < 2; m++) {
                boolean convergent = m == 1;
                boolean expected = byPatterns(h, convergent);
                CheckResult r = convergent ? CausalChecker.checkConvergent(h, "register", CausalTest.ZERO) : CausalChecker.check(h, "register", CausalTest.ZERO);
                if (r.verdict() != (expected ? Verdict.VALID : Verdict.INVALID)) {
                    fail("seed " + seed + (convergent ? " (CCv)" : " (CC)") + ": verdict " + r.verdict() + " (" + r.summary() + ") but the patterns say "
                            + (expected ? "valid" : "not") + ": " + h.events());
                }
                if (!expected) invalid[m]++;
            }
        }
        assertThat(invalid[0]).as("CC violations").isBetween(runs / 10, runs - runs / 10);
        assertThat(invalid[1]).as("CCv violations").isGreaterThan(invalid[0]);
    }

    /**
     * Seventy writers of x, each then writing a key of its own that one reader reads: the reader's past
     * holds seventy maximal writes of x (more than one 64-bit survivor mask), so reading one of them is
     * causal but not convergent with another reader's opposite choice, and reading the initial value is a
     * WriteCOInitRead.
     */
    @Test
    void seventyConcurrentWritesOfOneKeyInOneReadersPast() throws Exception {
        StringBuilder h = new StringBuilder();
        int writers = 70;
        for (int p = 0; p < writers; p++) h.append(CausalTest.op(p, "write", "x", p + 1)).append(CausalTest.op(p, "write", "y" + p, 1000 + p));
        StringBuilder reader = new StringBuilder();
        for (int p = 0; p < writers; p++) reader.append(CausalTest.op(100, "read", "y" + p, 1000 + p));
        String oneThenTwo = CausalTest.op(200, "read", "x", 1) + CausalTest.op(200, "read", "x", 2);
        String twoThenOne = CausalTest.op(201, "read", "x", 2) + CausalTest.op(201, "read", "x", 1);
        String valid = h + reader.toString() + CausalTest.op(100, "read", "x", 5);
        assertThat(CausalTest.check("causal", valid).verdict()).isEqualTo(Verdict.VALID);
        assertThat(CausalTest.check("causal-convergent", valid).verdict()).isEqualTo(Verdict.VALID);
        CheckResult init = CausalTest.check("causal", h + reader.toString() + CausalTest.op(100, "read", "x", 0));
        assertThat(init.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(init.counterexamples().get(0).kind()).isEqualTo("WriteCOInitRead");
        // Two readers arbitrate 1 and 2 in opposite orders: causal, not convergent.
        String crossed = h + reader.toString() + CausalTest.op(100, "read", "x", 5) + oneThenTwo + twoThenOne;
        assertThat(CausalTest.check("causal", crossed).verdict()).isEqualTo(Verdict.VALID);
        assertThat(CausalTest.check("causal-convergent", crossed).verdict()).isEqualTo(Verdict.INVALID);
        // A reader that learned of 999 (written over 1) first, then of all seventy, cannot return 1: WriteCORead.
        // 999 must survive the merges of more than 64 writes that follow.
        StringBuilder late = new StringBuilder();
        for (int p = 0; p < writers; p++) late.append(CausalTest.op(301, "read", "y" + p, 1000 + p));
        String before = h + CausalTest.op(300, "read", "x", 1) + CausalTest.op(300, "write", "x", 999) + CausalTest.op(300, "write", "z", 7)
                + CausalTest.op(301, "read", "z", 7) + late;
        CheckResult co = CausalTest.check("causal", before + CausalTest.op(301, "read", "x", 1));
        assertThat(co.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(co.counterexamples().get(0).kind()).isEqualTo("WriteCORead");
        assertThat(CausalTest.check("causal", before + CausalTest.op(301, "read", "x", 999)).verdict()).isEqualTo(Verdict.VALID);
    }
}
