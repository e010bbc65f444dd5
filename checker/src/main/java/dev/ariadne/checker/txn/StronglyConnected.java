package dev.ariadne.checker.txn;

import java.util.Arrays;

/**
 * Strongly connected components of the dependency graph restricted to some edge types: Tarjan's
 * algorithm (1972), iterative so that deep graphs cannot overflow the stack. Every cycle of the
 * restricted graph lies inside one component, so a history whose graph has only trivial components
 * has no cycle of those types at all.
 */
final class StronglyConnected {
    /** Per node: its component, or -1 when it is alone in its component. */
    final int[] component;
    /** How many components with two or more nodes there are. */
    final int count;

    private StronglyConnected(int[] component, int count) {
        this.component = component;
        this.count = count;
    }

    static StronglyConnected of(DependencyGraph g, int mask) {
        int n = g.n;
        int[] index = new int[n];
        int[] low = new int[n];
        Arrays.fill(index, -1);
        int[] stack = new int[n];
        boolean[] onStack = new boolean[n];
        int sp = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        int[] comp = new int[n];
        Arrays.fill(comp, -1);
        int next = 0;
        int comps = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0 || g.start[root] == g.start[root + 1]) continue;
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = g.start[root];
            index[root] = low[root] = next++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                int e = callEdge[depth];
                if (e < g.start[v + 1]) {
                    callEdge[depth] = e + 1;
                    if ((g.types[e] & mask) == 0) continue;
                    int w = g.target[e];
                    if (index[w] < 0) {
                        index[w] = low[w] = next++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callEdge[depth] = g.start[w];
                    } else if (onStack[w] && index[w] < low[v]) {
                        low[v] = index[w];
                    }
                    continue;
                }
                if (low[v] == index[v]) {
                    int size = 0;
                    int top = sp;
                    while (true) {
                        int w = stack[--top];
                        size++;
                        if (w == v) break;
                    }
                    int id = size > 1 ? comps++ : -1;
                    while (sp > top) {
                        int w = stack[--sp];
                        onStack[w] = false;
                        comp[w] = id;
                    }
                }
                depth--;
                if (depth >= 0) {
                    int u = callNode[depth];
                    if (low[v] < low[u]) low[u] = low[v];
                }
            }
        }
        return new StronglyConnected(comp, comps);
    }

    /** Whether both nodes lie in one nontrivial component. */
    boolean together(int a, int b) {
        return component[a] >= 0 && component[a] == component[b];
    }
}
