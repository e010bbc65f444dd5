package dev.ariadne.checker.txn;

import java.util.Arrays;

/**
 * Orders the appends no read shows, for a snapshot-isolation schedule. Under SI two writers of one
 * key never overlap: one commits before the other starts (Cerone and Gotsman's NOCONFLICT; PostgreSQL
 * aborts the second updater). When the reads leave the writers' order open, each pair of them is a
 * choice between two edges on the graph of start and commit events. This is a backtracking search
 * over those choices: a choice that would close a cycle is never taken, a pair with one choice left
 * takes it, a pair with none undoes the last free choice. Deciding SI with unknown version orders is
 * NP-complete (Biswas and Enea, "On the complexity of checking transactional consistency", OOPSLA
 * 2019), so the search counts the nodes it visits and stops at a bound, saying it did.
 * <p>
 * Every order of a key's writers is one orientation of each pair, and orienting every pair without
 * a cycle orders the writers totally (a before b before c puts a's commit before c's start), so the
 * search is complete: when it ends without a cut, no order exists.
 */
final class UnreadWriterOrders {
    /** Node visits of the reachability checks after which the search stops undecided. */
    static final long MAX_VISITS = 50_000_000L;
    /** Up to this many pairs, each step first looks for a pair with one choice left (or none). */
    private static final int PROPAGATE_PAIRS = 256;

    private final int[][] adj;
    private final int[] deg;
    private final int[][] groups;
    /** The pairs, as (group, i, j) with i < j indexing the group's writers. */
    private final int[] pairGroup;
    private final int[] pairI;
    private final int[] pairJ;
    /** Per pair: 0 undecided, 1 when the group's i-th writer commits before the j-th starts, -1 the reverse. */
    private final byte[] choice;
    /** A position per event in an order of the events without the choices: the first choice follows it. */
    private final int[] position;
    private final int[] mark;
    private int stamp;
    private int[] stack;
    private long visits;
    /** Set when the search stopped at {@link #MAX_VISITS}, its answer unknown. */
    boolean cut;

    /**
     * @param events   the start (2t) and commit (2t+1) events with the edges every schedule has
     * @param groups   per key, its writers no read orders (each at least two)
     * @param position each event's place in an order of {@code events} (-1 where not included)
     */
    UnreadWriterOrders(int nodes, int[][] edges, int[][] groups, int[] position) {
        deg = new int[nodes];
        for (int s : edges[0]) deg[s]++;
        adj = new int[nodes][];
        for (int u = 0; u < nodes; u++) adj[u] = new int[Math.max(2, deg[u] + 2)];
        Arrays.fill(deg, 0);
        for (int e = 0; e < edges[0].length; e++) push(edges[0][e], edges[1][e]);
        this.groups = groups;
        this.position = position;
        int pairs = 0;
        for (int[] g : groups) pairs += g.length * (g.length - 1) / 2;
        pairGroup = new int[pairs];
        pairI = new int[pairs];
        pairJ = new int[pairs];
        choice = new byte[pairs];
        int p = 0;
        for (int g = 0; g < groups.length; g++) {
            for (int i = 0; i < groups[g].length; i++) {
                for (int j = i + 1; j < groups[g].length; j++) {
                    pairGroup[p] = g;
                    pairI[p] = i;
                    pairJ[p] = j;
                    p++;
                }
            }
        }
        mark = new int[nodes];
        stack = new int[64];
    }

    /** Each group's writers in an order that closes no cycle, or null (none exists unless {@link #cut}). */
    int[][] search() {
        if (!solve(0)) return null;
        int[][] out = new int[groups.length][];
        for (int g = 0; g < groups.length; g++) {
            int[] ws = groups[g];
            int[] before = new int[ws.length];
            for (int p = 0; p < choice.length; p++) if (pairGroup[p] == g) before[choice[p] > 0 ? pairJ[p] : pairI[p]]++;
            // A writer's place is the number of writers chosen before it: the choices order the group totally.
            out[g] = new int[ws.length];
            for (int i = 0; i < ws.length; i++) out[g][before[i]] = ws[i];
        }
        return out;
    }

    private boolean solve(int decided) {
        if (decided == choice.length) return true;
        int p = next();
        if (p < 0) return false;
        int a = groups[pairGroup[p]][pairI[p]];
        int b = groups[pairGroup[p]][pairJ[p]];
        boolean aFirst = allowed(a, b);
        boolean bFirst = !cut && allowed(b, a);
        if (cut) return false;
        byte[] tries = !aFirst ? (bFirst ? new byte[]{-1} : new byte[0])
                : !bFirst ? new byte[]{1} : position[2 * a] <= position[2 * b] ? new byte[]{1, -1} : new byte[]{-1, 1};
        for (byte c : tries) {
            choice[p] = c;
            int from = c > 0 ? 2 * a + 1 : 2 * b + 1;
            int to = c > 0 ? 2 * b : 2 * a;
            push(from, to);
            boolean ok = solve(decided + 1);
            deg[from]--;
            if (ok) return true;
            choice[p] = 0;
            if (cut) return false;
        }
        return false;
    }

    /**
     * The pair to decide next: with few pairs, the first with one choice or none left (unit
     * propagation), else the first undecided; -1 when one has no choice left.
     */
    private int next() {
        int first = -1;
        boolean propagate = choice.length <= PROPAGATE_PAIRS;
        for (int p = 0; p < choice.length; p++) {
            if (choice[p] != 0) continue;
            if (first < 0) first = p;
            if (!propagate) break;
            int a = groups[pairGroup[p]][pairI[p]];
            int b = groups[pairGroup[p]][pairJ[p]];
            boolean aFirst = allowed(a, b);
            boolean bFirst = allowed(b, a);
            if (cut) return -1;
            if (!aFirst && !bFirst) return -1;
            if (!aFirst || !bFirst) return p;
        }
        return first;
    }

    /** Whether a's commit may precede b's start: b's start does not already reach a's commit. */
    private boolean allowed(int a, int b) {
        return !reaches(2 * b, 2 * a + 1);
    }

    private boolean reaches(int from, int to) {
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(mark, 0);
            stamp = 1;
        }
        int top = 0;
        stack[top++] = from;
        mark[from] = stamp;
        while (top > 0) {
            int u = stack[--top];
            if (u == to) return true;
            if (++visits > MAX_VISITS) {
                cut = true;
                return true;
            }
            int[] out = adj[u];
            for (int e = 0; e < deg[u]; e++) {
                int v = out[e];
                if (mark[v] == stamp) continue;
                mark[v] = stamp;
                if (top == stack.length) stack = Arrays.copyOf(stack, top * 2);
                stack[top++] = v;
            }
        }
        return false;
    }

    private void push(int from, int to) {
        if (deg[from] == adj[from].length) adj[from] = Arrays.copyOf(adj[from], deg[from] * 2);
        adj[from][deg[from]++] = to;
    }
}
