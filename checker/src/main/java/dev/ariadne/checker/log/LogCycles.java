package dev.ariadne.checker.log;

import dev.ariadne.checker.report.LogAnomaly;
import dev.ariadne.checker.search.Digraphs;
import dev.ariadne.history.Operation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dependency cycles between the sends, polls and transactions that took effect. Jepsen's Kafka
 * checker by default draws only wr edges (an operation that sent a message precedes every operation
 * that polled it), with each process's order (G1c-process) and real time (G1c-realtime: an operation
 * that returned before another was invoked precedes it). For a log that promises serializable
 * transactions we also draw, as Jepsen's documentation defines them, ww (the sender of a message
 * precedes the sender of the next message in the key's version order) and the rw edges Jepsen leaves
 * out (an operation whose highest poll of a key reached index i precedes the sender of the message at
 * i + 1: under serializability a poll reads its key to the end), and name each cycle as Adya does:
 * G0 (ww only), G1c (ww and wr), G-single (one rw), G2 (more), with real time for strict
 * serializability. Strongly connected components come first, so a history without a cycle costs one
 * linear pass; then per component the shortest cycle of the weakest kind, each edge explained.
 */
final class LogCycles {
    private LogCycles() {}

    static final int WR = 0;
    static final int WW = 1;
    static final int RW = 2;
    static final int PROCESS = 3;
    static final int REALTIME = 4;

    /** Breadth-first searches per component and level: enough for the shortest in practice, bounded in a huge component. */
    static final int MAX_TRIES = 64;

    /** One level of the search: cycles through an edge of kind {@code seed} whose way back uses only the kinds in {@code mask}. */
    record Level(int seed, int mask, LogAnomaly anomaly) {}

    /** Which edges a promise draws, and the levels that name its cycles, weakest first. */
    enum Edges {
        JEPSEN(bits(WR, PROCESS, REALTIME), new Level(WR, bits(WR), LogAnomaly.G1C), new Level(WR, bits(WR, PROCESS), LogAnomaly.G1C_PROCESS),
                new Level(WR, bits(WR, PROCESS, REALTIME), LogAnomaly.G1C_REALTIME)),
        SERIALIZABLE(bits(WW, WR, RW), new Level(WW, bits(WW), LogAnomaly.G0), new Level(WR, bits(WW, WR), LogAnomaly.G1C),
                new Level(RW, bits(WW, WR), LogAnomaly.G_SINGLE), new Level(RW, bits(WW, WR, RW), LogAnomaly.G2)),
        STRICT_SERIALIZABLE(bits(WW, WR, RW, REALTIME), new Level(WW, bits(WW), LogAnomaly.G0), new Level(WR, bits(WW, WR), LogAnomaly.G1C),
                new Level(RW, bits(WW, WR), LogAnomaly.G_SINGLE), new Level(RW, bits(WW, WR, RW), LogAnomaly.G2),
                new Level(WW, bits(WW, REALTIME), LogAnomaly.G0_REALTIME), new Level(WR, bits(WW, WR, REALTIME), LogAnomaly.G1C_REALTIME),
                new Level(RW, bits(WW, WR, REALTIME), LogAnomaly.G_SINGLE_REALTIME), new Level(RW, bits(WW, WR, RW, REALTIME), LogAnomaly.G2_REALTIME));

        final int mask;
        final List<Level> levels;

        Edges(int mask, Level... levels) {
            this.mask = mask;
            this.levels = List.of(levels);
        }

        static Edges of(LogPromise p) {
            return switch (p) {
                case KAFKA -> JEPSEN;
                case SERIALIZABLE -> SERIALIZABLE;
                case STRICT_SERIALIZABLE -> STRICT_SERIALIZABLE;
            };
        }

        boolean draws(int kind) {
            return (mask & 1 << kind) != 0;
        }
    }

    static int bits(int... kinds) {
        int m = 0;
        for (int k : kinds) m |= 1 << k;
        return m;
    }

    /** A cycle found: its anomaly, the operations on it (history indices into the table) and the sentence that explains each step. */
    record Cycle(LogAnomaly anomaly, int[] ops, String why) {}

    /** The graph: nodes are operations that took effect; edges in CSR form with their kind and the message each rests on (-1 for order edges). */
    static final class Graph {
        final int[] node;     // node -> table operation
        final int[] start;
        final int[] target;
        final int[] kind;
        final int[] message;

        Graph(int[] node, int[] start, int[] target, int[] kind, int[] message) {
            this.node = node;
            this.start = start;
            this.target = target;
            this.kind = kind;
            this.message = message;
        }

        int size() {
            return node.length;
        }
    }

    static Graph graph(LogTable t, VersionOrders orders, Edges edges) {
        int[] nodeOf = new int[t.n];
        Arrays.fill(nodeOf, -1);
        int n = 0;
        int[] node = new int[t.n];
        for (int i = 0; i < t.n; i++) {
            if (t.assigned[i] != null || t.sendStart[i] == t.sendStart[i + 1] && t.groupStart[i] == t.groupStart[i + 1]) continue;
            if (!t.effective[i]) continue;
            nodeOf[i] = n;
            node[n++] = i;
        }
        node = Arrays.copyOf(node, n);
        EdgeList es = new EdgeList();
        int[] linkedTo = new int[n];
        Arrays.fill(linkedTo, -1);
        for (int r = 0; r < n; r++) {
            int i = node[r];
            if (!t.ok(i)) continue;
            for (int g = t.groupStart[i]; g < t.groupStart[i + 1]; g++) {
                int top = -1;
                for (int p = t.pollStart[g]; p < t.pollStart[g + 1]; p++) {
                    int m = t.pollMsg[p];
                    if (orders.firstIndex[m] > top) top = orders.firstIndex[m];
                    // wr: the sender of each polled message precedes the poller.
                    int w = t.writer[m] < 0 ? -1 : nodeOf[t.writer[m]];
                    if (w < 0 || w == r || linkedTo[w] == r) continue;
                    linkedTo[w] = r;
                    es.add(w, r, WR, m);
                }
                // rw: the poll read its key up to index top, so it precedes the sender of the message at top + 1.
                if (edges.draws(RW) && top >= 0 && top + 1 < orders.size(t.groupKey[g])) {
                    int next = orders.messageAt(t.groupKey[g], top + 1);
                    int w = t.writer[next] < 0 ? -1 : nodeOf[t.writer[next]];
                    if (w >= 0 && w != r) es.add(r, w, RW, next);
                }
            }
        }
        if (edges.draws(WW)) {
            // ww: the sender of each message precedes the sender of the next one in its key's log.
            for (int k = 0; k < t.keys(); k++) {
                for (int i = 1; i < orders.size(k); i++) {
                    int a = orders.messageAt(k, i - 1);
                    int b = orders.messageAt(k, i);
                    int wa = t.writer[a] < 0 ? -1 : nodeOf[t.writer[a]];
                    int wb = t.writer[b] < 0 ? -1 : nodeOf[t.writer[b]];
                    if (wa >= 0 && wb >= 0 && wa != wb) es.add(wa, wb, WW, b);
                }
            }
        }
        if (edges.draws(PROCESS)) {
            // Each process's operations one after another.
            int[] lastOf = new int[t.history.processCount()];
            Arrays.fill(lastOf, -1);
            for (int x = 0; x < n; x++) {
                int p = t.history.process(node[x]);
                if (lastOf[p] >= 0) es.add(lastOf[p], x, PROCESS, -1);
                lastOf[p] = x;
            }
        }
        if (edges.draws(REALTIME)) realTime(t, node, es);
        return es.csr(node);
    }

    /** Real time, reduced: at each invocation, an edge from every operation returned before it and not yet followed by another such. */
    private static void realTime(LogTable t, int[] node, EdgeList es) {
        int n = node.length;
        long[] events = new long[2 * n];
        int e = 0;
        for (int x = 0; x < n; x++) {
            events[e++] = (long) t.history.callPosition(node[x]) << 32 | (long) x << 1 | 1;
            if (t.ok(node[x])) events[e++] = (long) t.history.completePosition(node[x]) << 32 | (long) x << 1;
        }
        events = Arrays.copyOf(events, e);
        Arrays.sort(events);
        int[] frontier = new int[n];
        int size = 0;
        for (long ev : events) {
            int x = (int) (ev >>> 1 & 0x7fffffff);
            if ((ev & 1) == 1) {
                for (int f = 0; f < size; f++) es.add(frontier[f], x, REALTIME, -1);
            } else {
                int invoked = t.history.callPosition(node[x]);
                int kept = 0;
                for (int f = 0; f < size; f++) if (t.history.completePosition(node[frontier[f]]) >= invoked) frontier[kept++] = frontier[f];
                size = kept;
                frontier[size++] = x;
            }
        }
    }

    static List<Cycle> find(LogTable t, VersionOrders orders, Edges edges, int limit) {
        Graph g = graph(t, orders, edges);
        int n = g.size();
        int[] comp = Digraphs.components(n, g.start, g.target);
        int[] compSize = new int[n];
        for (int c : comp) compSize[c]++;
        List<Cycle> cycles = new ArrayList<>();
        boolean[] done = new boolean[n];
        for (int u = 0; u < n && cycles.size() < limit; u++) {
            if (compSize[comp[u]] < 2 || done[comp[u]]) continue;
            done[comp[u]] = true;
            for (Level level : edges.levels) {
                int[] best = shortest(g, comp, u, level);
                if (best == null) continue;
                int[] ops = new int[best.length];
                StringBuilder why = new StringBuilder();
                for (int j = 0; j < best.length; j++) {
                    ops[j] = g.node[from(g, best[j])];
                    why.append(j == 0 ? "" : "; ").append(explain(t, orders, g, best[j]));
                }
                cycles.add(new Cycle(level.anomaly(), ops, why.toString()));
                break;
            }
        }
        return cycles;
    }

    /** The node an edge leaves (a binary search of the CSR starts). */
    private static int from(Graph g, int edge) {
        int lo = 0;
        int hi = g.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (g.start[mid] <= edge) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /** The sentence an edge of a reported cycle rests on. */
    private static String explain(LogTable t, VersionOrders orders, Graph g, int edge) {
        long a = t.ops.get(g.node[from(g, edge)]).index();
        long b = t.ops.get(g.node[g.target[edge]]).index();
        int m = g.message[edge];
        return switch (g.kind[edge]) {
            case WR -> "op " + a + " sent " + t.msgValue[m] + " to key " + t.keyNames.get(t.msgKey[m]) + ", which op " + b + " polled";
            case WW -> "op " + a + " sent to key " + t.keyNames.get(t.msgKey[m]) + " the message before " + t.msgValue[m] + ", which op " + b + " sent";
            case RW -> "op " + a + " polled key " + t.keyNames.get(t.msgKey[m]) + " only up to the message before " + t.msgValue[m] + ", which op " + b + " sent";
            case PROCESS -> "op " + a + " came before op " + b + " in their process";
            default -> "op " + a + " returned before op " + b + " was invoked";
        };
    }

    /** The shortest cycle in u's component through a seed edge, the way back within the level's kinds (edge indices), or null. */
    private static int[] shortest(Graph g, int[] comp, int start, Level level) {
        int[] best = null;
        int c = comp[start];
        int tries = 0;
        int n = g.size();
        int[] via = new int[n];
        Arrays.fill(via, -2);
        List<Integer> visited = new ArrayList<>();
        ArrayDeque<Integer> q = new ArrayDeque<>();
        for (int u = start; u < n && tries < MAX_TRIES; u++) {
            if (comp[u] != c) continue;
            for (int seed = g.start[u]; seed < g.start[u + 1] && tries < MAX_TRIES; seed++) {
                if (g.kind[seed] != level.seed() || comp[g.target[seed]] != c) continue;
                tries++;
                // Back from the seed's target to u, breadth first.
                for (int x : visited) via[x] = -2;
                visited.clear();
                q.clear();
                int s = g.target[seed];
                q.add(s);
                via[s] = -1;
                visited.add(s);
                while (!q.isEmpty() && via[u] == -2) {
                    int x = q.poll();
                    for (int e = g.start[x]; e < g.start[x + 1]; e++) {
                        int y = g.target[e];
                        if ((level.mask() & 1 << g.kind[e]) == 0 || comp[y] != c || via[y] != -2) continue;
                        via[y] = e;
                        visited.add(y);
                        q.add(y);
                    }
                }
                if (via[u] == -2) continue;
                List<Integer> path = new ArrayList<>();
                for (int x = u; via[x] >= 0; x = from(g, via[x])) path.add(0, via[x]);
                int[] cycle = new int[path.size() + 1];
                cycle[0] = seed;
                for (int j = 0; j < path.size(); j++) cycle[j + 1] = path.get(j);
                if (best == null || cycle.length < best.length) best = cycle;
                if (best.length == 2) return best;
            }
        }
        return best;
    }

    /** Edges as they are drawn, then sorted into CSR by their source. */
    private static final class EdgeList {
        int size;
        int[] from = new int[1024];
        int[] to = new int[1024];
        int[] kind = new int[1024];
        int[] message = new int[1024];

        void add(int a, int b, int k, int m) {
            if (size == from.length) {
                from = Arrays.copyOf(from, size * 2);
                to = Arrays.copyOf(to, size * 2);
                kind = Arrays.copyOf(kind, size * 2);
                message = Arrays.copyOf(message, size * 2);
            }
            from[size] = a;
            to[size] = b;
            kind[size] = k;
            message[size++] = m;
        }

        Graph csr(int[] node) {
            int n = node.length;
            int[] start = new int[n + 1];
            for (int e = 0; e < size; e++) start[from[e] + 1]++;
            for (int i = 0; i < n; i++) start[i + 1] += start[i];
            int[] fill = Arrays.copyOf(start, n);
            int[] target = new int[size];
            int[] kinds = new int[size];
            int[] messages = new int[size];
            for (int e = 0; e < size; e++) {
                int at = fill[from[e]]++;
                target[at] = to[e];
                kinds[at] = kind[e];
                messages[at] = message[e];
            }
            return new Graph(node, start, target, kinds, messages);
        }
    }
}
