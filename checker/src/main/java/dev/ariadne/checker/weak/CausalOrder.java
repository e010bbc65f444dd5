package dev.ariadne.checker.weak;

import dev.ariadne.checker.weak.ReadWriteHistory.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The causal order CO = (program order ∪ read-from)+ of a differentiated read/write history
 * (Bouajjani et al. 2017), kept as vector clocks: {@code clock[u][q]} is the position (in process
 * q's program order, counting from 1) of the last operation of q in u's causal past, u included.
 * Built from the program-order and read-from graph, which the reports also walk for explanations.
 */
final class CausalOrder {
    /** Per node: its out-edges as {target, kind} with kind 0 program order, 1 read-from. */
    final List<List<int[]>> out;
    final int[] proc;
    final int[] seq;
    /** Per node: the write a read read from, or -1. */
    final int[] src;
    /** A topological order of the graph, or null when it has a cycle (then {@link #clock} is null). */
    final int[] topo;
    final int[][] clock;

    CausalOrder(List<Node> nodes, int[] source, int processes) {
        this(nodes, source, processes, true);
    }

    /** Without {@code clocks}, only the graph and its topological order (null on a cycle) are built. */
    CausalOrder(List<Node> nodes, int[] source, int processes, boolean clocks) {
        int size = nodes.size();
        out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) out.add(new ArrayList<>(2));
        proc = new int[size];
        seq = new int[size];
        int[] lastOfProcess = new int[processes];
        int[] count = new int[processes];
        Arrays.fill(lastOfProcess, -1);
        int[] prevOfProcess = new int[size];
        for (int i = 0; i < size; i++) {
            int p = nodes.get(i).op().process();
            proc[i] = p;
            seq[i] = ++count[p];
            prevOfProcess[i] = lastOfProcess[p];
            if (lastOfProcess[p] >= 0) out.get(lastOfProcess[p]).add(new int[]{i, 0});
            lastOfProcess[p] = i;
        }
        src = new int[size];
        Arrays.fill(src, -1);
        for (int r = 0; r < size; r++) {
            if (source[r] < 0) continue;
            src[r] = source[r];
            out.get(src[r]).add(new int[]{r, 1});
        }
        topo = topological(out);
        if (topo == null || !clocks) {
            clock = null;
            return;
        }
        clock = new int[size][];
        for (int u : topo) {
            int[] c = prevOfProcess[u] >= 0 ? clock[prevOfProcess[u]].clone() : new int[processes];
            if (src[u] >= 0) {
                int[] s = clock[src[u]];
                for (int q = 0; q < processes; q++) if (s[q] > c[q]) c[q] = s[q];
            }
            c[proc[u]] = seq[u];
            clock[u] = c;
        }
    }

    /** Whether a precedes b in causal order (a ≠ b). */
    boolean reaches(int a, int b) {
        return a != b && clock[b][proc[a]] >= seq[a];
    }

    /** The last of {@code writes} (one process's, in program order) in b's causal past, or -1. */
    int latestBefore(List<Integer> writes, int b) {
        int lo = 0;
        int hi = writes.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int w = writes.get(mid);
            if (w != b && clock[b][proc[w]] >= seq[w]) {
                found = w;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    static int[] topological(List<List<int[]>> out) {
        return dev.ariadne.checker.search.Digraphs.topological(out);
    }

    /**
     * Whether program order, read-from and the extra edges (CSR: {@code extraStart} per node into
     * {@code extraTarget}) are acyclic, by Kahn's algorithm over primitive arrays: the same answer as
     * {@link #topological(List, int[], int[])} on this graph, without building it (on a million
     * operations the lists of edge arrays cost more than the check).
     */
    static boolean acyclic(List<Node> nodes, int[] source, int processes, int[] extraStart, int[] extraTarget) {
        int n = nodes.size();
        // Program order: each node's next in its process, as CSR of at most one edge per node.
        int[] poStart = new int[n + 1];
        int[] poTarget = new int[n];
        int[] last = new int[processes];
        Arrays.fill(last, -1);
        int[] next = new int[n];
        Arrays.fill(next, -1);
        for (int i = 0; i < n; i++) {
            int p = nodes.get(i).op().process();
            if (last[p] >= 0) next[last[p]] = i;
            last[p] = i;
        }
        int edges = 0;
        for (int i = 0; i < n; i++) {
            if (next[i] >= 0) poTarget[edges++] = next[i];
            poStart[i + 1] = edges;
        }
        // Read-from: from each write to the reads of it.
        int[] rfStart = new int[n + 1];
        for (int r = 0; r < n; r++) if (source[r] >= 0) rfStart[source[r] + 1]++;
        for (int i = 0; i < n; i++) rfStart[i + 1] += rfStart[i];
        int[] rfTarget = new int[rfStart[n]];
        int[] fill = Arrays.copyOf(rfStart, n);
        for (int r = 0; r < n; r++) if (source[r] >= 0) rfTarget[fill[source[r]]++] = r;
        return dev.ariadne.checker.search.Digraphs.acyclic(n, new int[][]{poStart, rfStart, extraStart},
                new int[][]{Arrays.copyOf(poTarget, edges), rfTarget, extraTarget});
    }

    /** See {@link dev.ariadne.checker.search.Digraphs#topological(List, int[], int[])}. */
    static int[] topological(List<List<int[]>> out, int[] extraStart, int[] extraTarget) {
        return dev.ariadne.checker.search.Digraphs.topological(out, extraStart, extraTarget);
    }
}
