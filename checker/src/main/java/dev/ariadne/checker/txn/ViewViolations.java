package dev.ariadne.checker.txn;

import dev.ariadne.checker.search.Digraphs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cycles {@link VersionOrderSearch} looks for beyond plain acyclicity, in one assignment of the
 * version orders whose ww and wr (or whose updates) are already acyclic: Adya's G-single for consistent
 * view (PL-2+) and G-update for update serializability (PL-3U). Each cycle is a list of edge ids of
 * {@code every}, the assignment's edges; {@code d} is the part of them the search checked for
 * acyclicity, in the same order, and {@code toEvery} maps its edges back.
 */
final class ViewViolations {
    private ViewViolations() {}

    /**
     * The G-single cycles of an order whose ww and wr are acyclic: an anti-dependency a -> b that goes
     * back in the topological order, closed by the shortest path of ww and wr from b to a. Ids index
     * {@code every}; {@code d} is its ww and wr part (the same edges, in order, with the rw left out).
     */
    static List<int[]> gSingles(int nodes, IntEdges every, IntEdges d, int[][] csr, int[] topo, int[] toEvery, int limit) {
        int[] pos = new int[nodes];
        for (int i = 0; i < topo.length; i++) pos[topo[i]] = i;
        boolean[] none = new boolean[d.size];
        List<int[]> out = new ArrayList<>();
        for (int e = 0; e < every.size && out.size() < limit; e++) {
            if (!VersionOrderSearch.antiDependency(every.why[e])) continue;
            int a = every.from[e];
            int b = every.to[e];
            if (pos[b] > pos[a]) continue;
            int[] path = Digraphs.path(nodes, csr[0], csr[1], d.ids, none, b, a);
            if (path == null) continue;
            int[] cycle = new int[path.length + 1];
            cycle[0] = e;
            for (int i = 0; i < path.length; i++) cycle[i + 1] = toEvery[path[i]];
            out.add(cycle);
        }
        return out;
    }

    /**
     * The G-update cycles of an order whose update transactions are acyclic: a read-only transaction r
     * anti-dependent on an update v from which a path of the updates' dependencies reaches an update w
     * that r read from (r -> v ~> w -> r). Ids index {@code every}.
     */
    static List<int[]> gUpdates(IntEdges every, IntEdges d, int[][] csr, int[] topo, int[] toEvery, boolean[] update, boolean[] committed, int limit) {
        int n = update.length;
        int[] pos = new int[n];
        for (int i = 0; i < topo.length; i++) pos[topo[i]] = i;
        // Each read-only transaction's anti-dependencies (out) and the edges into it (in), by edge of every.
        int[] outStart = new int[n + 1];
        int[] inStart = new int[n + 1];
        for (int e = 0; e < every.size; e++) {
            if (update[every.from[e]]) {
                if (!update[every.to[e]]) inStart[every.to[e] + 1]++;
            } else {
                outStart[every.from[e] + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            outStart[i + 1] += outStart[i];
            inStart[i + 1] += inStart[i];
        }
        int[] outs = new int[outStart[n]];
        int[] ins = new int[inStart[n]];
        int[] of = Arrays.copyOf(outStart, n);
        int[] inf2 = Arrays.copyOf(inStart, n);
        for (int e = 0; e < every.size; e++) {
            if (update[every.from[e]]) {
                if (!update[every.to[e]]) ins[inf2[every.to[e]]++] = e;
            } else {
                outs[of[every.from[e]]++] = e;
            }
        }
        List<int[]> found = new ArrayList<>();
        int[] via = new int[n];
        int[] seed = new int[n];
        int[] queue = new int[n];
        int[] wrInto = new int[n];
        Arrays.fill(via, -1);
        Arrays.fill(wrInto, -1);
        int[] touched = new int[n];
        for (int r = 0; r < n && found.size() < limit; r++) {
            if (update[r] || !committed[r] || outStart[r] == outStart[r + 1] || inStart[r] == inStart[r + 1]) continue;
            int latest = -1;
            for (int i = inStart[r]; i < inStart[r + 1]; i++) {
                int w = every.from[ins[i]];
                wrInto[w] = ins[i];
                latest = Math.max(latest, pos[w]);
            }
            int head = 0;
            int tail = 0;
            int touchedCount = 0;
            for (int i = outStart[r]; i < outStart[r + 1]; i++) {
                int v = every.to[outs[i]];
                if (pos[v] > latest || via[v] != -1) continue;
                via[v] = -2;
                seed[v] = outs[i];
                queue[tail++] = v;
                touched[touchedCount++] = v;
            }
            int hit = -1;
            while (head < tail && hit < 0) {
                int u = queue[head++];
                if (wrInto[u] >= 0) {
                    hit = u;
                    break;
                }
                for (int slot = csr[0][u]; slot < csr[0][u + 1]; slot++) {
                    int x = csr[1][slot];
                    if (via[x] != -1 || pos[x] > latest) continue;
                    via[x] = slot;
                    seed[x] = seed[u];
                    queue[tail++] = x;
                    touched[touchedCount++] = x;
                }
            }
            if (hit >= 0) {
                ArrayList<Integer> path = new ArrayList<>();
                for (int x = hit; via[x] >= 0; ) {
                    int slot = via[x];
                    path.add(0, toEvery[d.ids[slot]]);
                    x = d.from[d.ids[slot]];
                }
                int[] cycle = new int[path.size() + 2];
                cycle[0] = seed[hit];
                for (int i = 0; i < path.size(); i++) cycle[i + 1] = path.get(i);
                cycle[cycle.length - 1] = wrInto[hit];
                found.add(cycle);
            }
            for (int i = 0; i < touchedCount; i++) via[touched[i]] = -1;
            for (int i = inStart[r]; i < inStart[r + 1]; i++) wrInto[every.from[ins[i]]] = -1;
        }
        return found;
    }
}
