package dev.ariadne.checker.txn;

import dev.ariadne.checker.report.TransactionalWitness;

import java.util.ArrayList;
import java.util.List;

/**
 * Snapshot-isolation schedules for rw-register histories, whose reads show their version orders only
 * in part. A candidate total order of the committed transactions fixes each key's version order (its
 * writers in that order); then, as for list-append (Adya's start-ordered serialization graph; Cerone
 * and Gotsman, PODC 2016), a read puts its writer's commit before the reader's start, the writer of
 * the next version commits after the reader starts, each writer commits before the next writer of its
 * key starts, and (for the strong forms) process or real-time order puts commit before start. A
 * topological order of those events is the schedule. A candidate without one proves nothing (another
 * version order might have one): this finds witnesses, it refutes nothing.
 */
final class RegisterSnapshots {
    private RegisterSnapshots() {}

    /** The schedule from candidate {@code order} (committed transactions), with {@code extra} (PROCESS, REALTIME) orders; null if none. */
    static TransactionalWitness schedule(RwRegisterInference inf, DependencyGraph g, int[] order, int extra, String variant) {
        if (order == null) return null;
        int n = inf.n;
        int[] pos = new int[n];
        java.util.Arrays.fill(pos, -1);
        for (int p = 0; p < order.length; p++) if (inf.committed[order[p]]) pos[order[p]] = p;
        for (int t = 0; t < n; t++) if (inf.committed[t] && pos[t] < 0) return null;
        // Each key's versions in the candidate's order, and each version's place among them.
        List<List<Integer>> versions = new ArrayList<>();
        for (int k = 0; k < inf.keys.size(); k++) versions.add(new ArrayList<>());
        for (int e = 0; e < inf.elements; e++) if (inf.version(e)) versions.get(inf.elemKey[e]).add(e);
        int[] place = new int[inf.elements];
        for (List<Integer> vs : versions) {
            vs.sort((a, b) -> Integer.compare(pos[inf.elemWriter[a]], pos[inf.elemWriter[b]]));
            for (int i = 0; i < vs.size(); i++) place[vs.get(i)] = i;
        }
        boolean[] include = new boolean[2 * n];
        long[] priority = new long[2 * n];
        Topo events = SnapshotSchedule.events(inf.th, inf.committed, include, priority);
        for (List<Integer> vs : versions) {
            for (int i = 1; i < vs.size(); i++) events.add(2 * inf.elemWriter[vs.get(i - 1)] + 1, 2 * inf.elemWriter[vs.get(i)]);
        }
        for (int r = 0; r < inf.reads; r++) {
            int t = inf.readTxn[r];
            if (!inf.committed[t]) continue;
            int e = inf.readElem[r];
            List<Integer> vs = versions.get(inf.readKey[r]);
            int next = 0;
            if (e >= 0) {
                if (!inf.version(e)) return null;
                int w = inf.elemWriter[e];
                if (w != t) events.add(2 * w + 1, 2 * t);
                next = place[e] + 1;
            }
            if (next < vs.size()) {
                int w2 = inf.elemWriter[vs.get(next)];
                if (w2 != t) events.add(2 * t, 2 * w2 + 1);
            }
        }
        if (extra != 0) {
            for (int u = 0; u < n; u++) {
                if (!inf.committed[u]) continue;
                for (int x = g.start[u]; x < g.start[u + 1]; x++) {
                    int v = g.target[x];
                    if (inf.committed[v] && (g.types[x] & extra) != 0) events.add(2 * u + 1, 2 * v);
                }
            }
        }
        int[] ev = events.order(include, priority);
        return ev == null ? null : SnapshotSchedule.fromEvents(ev, n, "a snapshot-isolation schedule" + variant
                + " (each key's versions in a candidate order of the transactions, start and commit events ordered by what the reads show)");
    }
}
