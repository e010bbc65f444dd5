package dev.ariadne.checker.broadcast;

import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.Op;
import dev.ariadne.history.OpType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The message orders against their definitions, computed by brute force on thousands of seeded
 * random small histories: happens-before as the transitive closure of program order and
 * send-before-delivery over every event, total order as a search over every permutation, and, on a
 * third of them, final reads (Maelstrom's {@code :final? true}) against validity and agreement
 * stated message by message.
 */
class BroadcastDifferentialTest {
    static final int SEEDS = Integer.getInteger("ariadne.histories", 3000);

    /** One planned event: process p broadcasts message m (deliver false) or delivers it. */
    record Ev(int p, int m, boolean deliver, OpType outcome) {}

    static List<Ev> plan(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int procs = 2 + r.nextInt(2);
        int msgs = 2 + r.nextInt(3);
        List<Ev> evs = new ArrayList<>();
        boolean[] sent = new boolean[msgs];
        boolean[][] got = new boolean[procs][msgs];
        List<int[]> pending = new ArrayList<>();
        for (int m = 0; m < msgs; m++) pending.add(new int[] {m});
        int steps = msgs * (procs + 1);
        int next = 0;
        for (int i = 0; i < steps; i++) {
            if (next < msgs && (r.nextInt(3) == 0 || i == 0)) {
                OpType o = r.nextInt(10) == 0 ? OpType.INFO : OpType.OK;
                evs.add(new Ev(r.nextInt(procs), next, false, o));
                sent[next++] = true;
            } else if (next > 0) {
                // Mostly the lowest message this process has not delivered (orders tend to hold), sometimes any, rarely a duplicate.
                int p = r.nextInt(procs);
                int m = -1;
                for (int c = 0; c < next && m < 0; c++) if (!got[p][c]) m = c;
                if (m < 0 || r.nextInt(4) == 0) m = r.nextInt(next);
                if (got[p][m] && r.nextInt(8) != 0) continue;
                got[p][m] = true;
                evs.add(new Ev(p, m, true, OpType.OK));
            }
        }
        return evs;
    }

    /**
     * Final reads, on a third of the seeds: per process alive at the end, the set it returns, mostly
     * every message sent or delivered by anyone, sometimes without one of them (each list: process,
     * then messages).
     */
    static List<List<Integer>> finalReads(long seed, List<Ev> evs) {
        if (seed % 3 != 0) return List.of();
        SplittableRandom r = new SplittableRandom(seed * 31 + 7);
        int procs = 0;
        int msgs = 0;
        for (Ev e : evs) {
            procs = Math.max(procs, e.p() + 1);
            msgs = Math.max(msgs, e.m() + 1);
        }
        List<List<Integer>> out = new ArrayList<>();
        for (int p = 0; p < procs; p++) {
            List<Integer> read = new ArrayList<>(List.of(p));
            for (int m = 0; m < msgs; m++) read.add(m);
            if (r.nextInt(3) == 0) read.remove(1 + r.nextInt(msgs));
            out.add(read);
        }
        return out;
    }

    static History history(List<Ev> evs, List<List<Integer>> finals) throws Exception {
        List<Op> ops = new ArrayList<>();
        int[] crashed = new int[8];
        for (Ev e : evs) {
            long proc = e.p() + 10L * crashed[e.p()];
            ops.add(Op.of(ops.size(), proc, OpType.INVOKE, e.deliver() ? "receive" : "broadcast", e.deliver() ? null : e.m()));
            ops.add(Op.of(ops.size(), proc, e.outcome(), e.deliver() ? "receive" : "broadcast", e.m()));
            if (e.outcome() == OpType.INFO) crashed[e.p()]++;
        }
        java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> fin = java.util.Map.of("final?", com.fasterxml.jackson.databind.node.BooleanNode.TRUE);
        for (List<Integer> read : finals) {
            var proc = dev.ariadne.history.Values.of(read.get(0) + 10L * crashed[read.get(0)]);
            ops.add(new Op(ops.size(), Op.NO_TIME, proc, OpType.INVOKE, "read", com.fasterxml.jackson.databind.node.NullNode.getInstance(), null, null, fin));
            ops.add(new Op(ops.size(), Op.NO_TIME, proc, OpType.OK, "read", dev.ariadne.history.Values.of(read.subList(1, read.size())), null, null, fin));
        }
        return History.of(ops);
    }

    /** Validity and agreement by their statements: each final read holds every acknowledged broadcast, and every message delivered or read anywhere. */
    static boolean reliable(List<Ev> evs, List<List<Integer>> finals) {
        for (List<Integer> read : finals) {
            List<Integer> has = read.subList(1, read.size());
            for (Ev e : evs) {
                boolean acknowledged = !e.deliver() && e.outcome() == OpType.OK;
                if ((acknowledged || e.deliver()) && !has.contains(e.m())) return false;
            }
            for (List<Integer> other : finals) for (int m : other.subList(1, other.size())) if (!has.contains(m)) return false;
        }
        return true;
    }

    /** Brute force over the events as planned (processes renamed after a crash as the history does). */
    static boolean[] definitions(List<Ev> evs) {
        int n = evs.size();
        long[] proc = new long[n];
        int[] crashed = new int[8];
        for (int i = 0; i < n; i++) {
            proc[i] = evs.get(i).p() + 10L * crashed[evs.get(i).p()];
            if (evs.get(i).outcome() == OpType.INFO) crashed[evs.get(i).p()]++;
        }
        int[] sendOf = new int[16];
        java.util.Arrays.fill(sendOf, -1);
        for (int i = 0; i < n; i++) if (!evs.get(i).deliver()) sendOf[evs.get(i).m()] = i;
        // happens-before: program order, and a send before each delivery of its message.
        boolean[][] hb = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) if (proc[i] == proc[j]) hb[i][j] = true;
            if (evs.get(i).deliver()) hb[sendOf[evs.get(i).m()]][i] = true;
        }
        for (int k = 0; k < n; k++) for (int i = 0; i < n; i++) if (hb[i][k]) for (int j = 0; j < n; j++) if (hb[k][j]) hb[i][j] = true;
        boolean fifo = true;
        boolean causal = true;
        boolean integrity = true;
        for (int d = 0; d < n; d++) {
            Ev e = evs.get(d);
            if (!e.deliver()) continue;
            for (int d2 = 0; d2 < d; d2++) if (evs.get(d2).deliver() && proc[d2] == proc[d] && evs.get(d2).m() == e.m()) integrity = false;
            int sb = sendOf[e.m()];
            for (int sa = 0; sa < n; sa++) {
                Ev a = evs.get(sa);
                if (a.deliver() || sa == sb || a.outcome() != OpType.OK || proc[sa] == proc[d] || !hb[sa][sb]) continue;
                boolean deliveredBefore = false;
                for (int d2 = 0; d2 < d; d2++) if (evs.get(d2).deliver() && proc[d2] == proc[d] && evs.get(d2).m() == a.m()) deliveredBefore = true;
                if (deliveredBefore) continue;
                causal = false;
                if (proc[sa] == proc[sb]) fifo = false;
            }
        }
        // Total order: some permutation of the messages agrees with each process's first deliveries.
        int msgs = 0;
        for (Ev e : evs) msgs = Math.max(msgs, e.m() + 1);
        List<List<Integer>> seqs = new ArrayList<>();
        for (long p : java.util.Arrays.stream(proc).distinct().toArray()) {
            List<Integer> s = new ArrayList<>();
            for (int i = 0; i < n; i++) if (proc[i] == p && evs.get(i).deliver() && !s.contains(evs.get(i).m())) s.add(evs.get(i).m());
            seqs.add(s);
        }
        boolean total = permutation(new int[msgs], new boolean[msgs], 0, seqs);
        return new boolean[] {integrity && fifo, integrity && causal, integrity && total};
    }

    static boolean permutation(int[] perm, boolean[] used, int k, List<List<Integer>> seqs) {
        if (k == perm.length) {
            int[] rank = new int[perm.length];
            for (int i = 0; i < perm.length; i++) rank[perm[i]] = i;
            for (List<Integer> s : seqs) for (int i = 1; i < s.size(); i++) if (rank[s.get(i - 1)] > rank[s.get(i)]) return false;
            return true;
        }
        for (int m = 0; m < perm.length; m++) {
            if (used[m]) continue;
            used[m] = true;
            perm[k] = m;
            if (permutation(perm, used, k + 1, seqs)) return true;
            used[m] = false;
        }
        return false;
    }

    @Test
    void ordersAgreeWithTheirDefinitions() throws Exception {
        int[] invalid = new int[3];
        int unreliable = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            List<Ev> evs = plan(seed);
            List<List<Integer>> finals = finalReads(seed, evs);
            History h = history(evs, finals);
            boolean[] expected = definitions(evs);
            boolean reliable = reliable(evs, finals);
            if (!reliable) unreliable++;
            for (int k = 0; k < 3; k++) expected[k] &= reliable;
            BroadcastChecker.Order[] orders = BroadcastChecker.Order.values();
            for (int k = 0; k < 3; k++) {
                CheckResult r = BroadcastChecker.check(h, false, orders[k], orders[k].name());
                if (r.verdict() != (expected[k] ? Verdict.VALID : Verdict.INVALID)) {
                    fail("seed " + seed + ": " + orders[k] + " is " + r.verdict() + " but by definition " + expected[k] + "\n" + h.events() + "\n" + r.counterexamples());
                }
                if (!expected[k]) invalid[k]++;
            }
        }
        for (int k = 0; k < 3; k++) assertThat(invalid[k]).as("violations of " + BroadcastChecker.Order.values()[k]).isBetween(SEEDS / 20, SEEDS * 19 / 20);
        assertThat(unreliable).as("final reads that break validity or agreement").isBetween(SEEDS / 30, SEEDS / 3);
    }
}
