package dev.ariadne.checker.txn;

import dev.ariadne.checker.search.Budget;
import dev.ariadne.checker.search.Digraphs;
import org.sat4j.core.VecInt;
import org.sat4j.minisat.SolverFactory;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.ISolver;
import org.sat4j.specs.TimeoutException;

import java.util.Arrays;
import java.util.List;

/**
 * The version orders an rw-register history leaves open, decided as Cobra (Tan et al., OSDI 2020)
 * and PolySI (Huang et al., VLDB 2023) decide them: a choice between two sets of edges for each pair
 * of writers of a key, pruned by what the known dependencies already reach, the rest given to a SAT
 * solver (Sat4j), with acyclicity checked outside it: each assignment's graph is searched for a
 * cycle, and a cycle adds the clause that not all of its choices hold (counterexample-guided).
 * <p>
 * A transaction that read version v of a key and then wrote it puts its version right after v (any
 * other write between them would be a lost update, which serializability and snapshot isolation both
 * forbid), so each key's versions fall into chains, and the choices are between chains: chain A before
 * chain B puts A's last writer before B's first (ww) and every reader of A's last version before B's
 * first writer (rw). Serializability needs the graph of those dependencies acyclic (Adya's PL-3);
 * snapshot isolation needs the graph of start and commit events acyclic, where ww and wr put a commit
 * before a start and rw puts the reader's start before the writer's commit (Cerone and Gotsman, PODC
 * 2016: every cycle has two adjacent anti-dependencies). {@code extra} (process, real-time order)
 * counts as ww and wr do. Found: a topological order of the transactions (or of their commits), which
 * the caller turns into a witness for the independent verifier. Refuted: no order of the chains
 * avoids a cycle (or a lost update leaves none).
 */
final class VersionOrderSearch {
    enum Result { FOUND, REFUTED, UNDECIDED }

    /**
     * What an order must avoid. SERIAL: any cycle of dependencies (PL-3). SNAPSHOT: any cycle of start
     * and commit events (SI). CONSISTENT_VIEW: a cycle of ww and wr (G1c) or one with exactly one rw
     * (G-single; PL-2+). CURSOR_STABILITY: a cycle of ww and wr alone, the runs kept whole (no lost
     * update; PL-CS). Each keeps a read-then-write right after the version it read, as each forbids
     * the lost update a write between them would be. UPDATE_SERIALIZABLE: any cycle among the update
     * transactions, or through one read-only transaction and them (G-update; PL-3U). PREFIX: a cycle of
     * start and commit events as for SNAPSHOT, but ww orders only the commits (prefix consistency has no
     * NOCONFLICT), so lost updates are allowed and the runs are single versions.
     */
    enum Mode { SERIAL, SNAPSHOT, PREFIX, CONSISTENT_VIEW, CURSOR_STABILITY, UPDATE_SERIALIZABLE }

    /** The reachability matrix the pruning may use, in bytes. */
    static final long PRUNE_BYTES = 512L << 20;
    /** The most open pairs handed to the solver without pruning them first. */
    static final int UNPRUNED_PAIRS = 10_000;
    /** The most cycles learned from one assignment. */
    private static final int CYCLES_PER_ROUND = 32;

    final RwRegisterInference inf;
    private final DependencyGraph g;
    private final Mode mode;
    private final boolean snapshot;
    private final int extra;
    private final int nodes;
    /** Which transactions wrote a committed version (the rest are read-only). */
    private final boolean[] update;
    private final IntEdges knownEdges = new IntEdges();
    /** Chains: first and last writer, and the last writer's element. */
    private int[] head;
    private int[] tail;
    private int[] tailElem;
    private boolean[] first;
    /** Readers of each element (committed transactions). */
    private int[] readersStart;
    private int[] readers;
    /** Open pairs of chains: A, B, and whether it is still undecided. */
    private final IntEdges pairs = new IntEdges();
    private boolean[] open;
    /** The commit order found, and (with start and commit events) the event order. */
    int[] order;
    int[] events;
    /** One edge of a cycle the search met: nodes (transactions, or start 2t and commit 2t+1 events), reason, and whether a choice drew it. */
    record Step(int from, int to, int why, boolean chosen) {}

    /** The first cycles met: learned as clauses, or the one that refuted. */
    final java.util.List<java.util.List<Step>> learned = new java.util.ArrayList<>();
    /** When the pruning refuted a pair of runs: the first and last writer of one run, then of the other. */
    int[] bothClose;
    /** Figures for the report: pairs of chains, those the pruning decided, SAT rounds. */
    int pairCount;
    int pruned;
    int rounds;
    String why;

    VersionOrderSearch(RwRegisterInference inf, DependencyGraph g, Mode mode, int extra) {
        this.inf = inf;
        this.g = g;
        this.mode = mode;
        this.snapshot = mode == Mode.SNAPSHOT || mode == Mode.PREFIX;
        this.extra = extra;
        this.nodes = snapshot ? 2 * inf.n : inf.n;
        this.update = new boolean[inf.n];
        for (int e = 0; e < inf.elements; e++) if (inf.version(e)) update[inf.elemWriter[e]] = true;
    }

    /** The time each search may take unless the check's own budget is shorter. */
    static final long SEARCH_MILLIS = 10_000;

    /**
     * A serial order of the committed transactions respecting the data dependencies plus {@code extra}
     * under some version order, or null; when every version order is refuted, {@code refuted[0]} is set to {@code extra}.
     */
    static int[] serialOrder(RwRegisterInference inf, DependencyGraph g, int extra, Budget budget, int[] refuted, List<String> undecided) {
        VersionOrderSearch s = new VersionOrderSearch(inf, g, Mode.SERIAL, extra);
        Result r = s.run(budget.slice(SEARCH_MILLIS));
        if (r == Result.REFUTED) refuted[0] = extra;
        if (r == Result.UNDECIDED && undecided.isEmpty()) undecided.add("the search for a serial order over the version orders the reads leave open gave up: " + s.why);
        return r == Result.FOUND ? s.order : null;
    }

    Result run(Budget budget) {
        for (int u = 0; u < inf.n; u++) {
            if (!inf.committed[u]) continue;
            if (snapshot) knownEdges.add(2 * u, 2 * u + 1, 0, 0);
            for (int e = g.start[u]; e < g.start[u + 1]; e++) {
                int v = g.target[e];
                if (!inf.committed[v] || v == u) continue;
                int ty = g.types[e] & (DependencyGraph.WW | DependencyGraph.WR | extra);
                // wr (or process, real time) before ww: under prefix consistency only it orders the commit before the start.
                int strongest = (ty & ~DependencyGraph.WW) != 0 ? Integer.lowestOneBit(ty & ~DependencyGraph.WW) : ty;
                if (ty != 0) dep(knownEdges, u, v, 0, strongest);
                if ((g.types[e] & DependencyGraph.RW) != 0) rw(knownEdges, u, v, 0, DependencyGraph.RW);
            }
        }
        if (!chains()) {
            why = "two transactions read one version of a key and both wrote it, or one read two versions of a key and then wrote it";
            return Result.REFUTED;
        }
        Result r = prune(budget);
        if (r != null) return r;
        return solve(budget);
    }

    /**
     * An edge's reason: 0 a transaction's start before its commit; a {@link DependencyGraph} type for a
     * dependency every order shares; {@code CHOSEN + 4e} for "element e's version precedes the next
     * run's first writer" (ww) and {@code CHOSEN + 4e + 1} for "a reader of e precedes it" (rw), plus 2
     * when the pruning forced that order (the other closes a cycle).
     */
    static final int CHOSEN = 64;

    /** Whether an edge's reason makes it a write dependency (known, or a run's order). */
    private static boolean ww(int why) {
        return why == DependencyGraph.WW || (why >= CHOSEN && ((why - CHOSEN) & 1) == 0);
    }

    /** Whether an edge's reason makes it an anti-dependency. */
    static boolean antiDependency(int why) {
        return why == DependencyGraph.RW || (why >= CHOSEN && ((why - CHOSEN) & 1) == 1);
    }

    /** The edges whose cycles the mode forbids outright: all, or (for the views) the ww and wr alone. */
    private IntEdges graphOf(IntEdges all) {
        if (mode == Mode.SERIAL || mode == Mode.SNAPSHOT || mode == Mode.PREFIX) return all;
        IntEdges d = new IntEdges();
        for (int e = 0; e < all.size; e++) if (kept(all, e)) d.add(all.from[e], all.to[e], all.lit[e], all.why[e]);
        return d;
    }

    /** Whether {@link #graphOf} keeps edge e: not an anti-dependency (views), not one out of a read-only transaction (updates). */
    private boolean kept(IntEdges all, int e) {
        return mode == Mode.UPDATE_SERIALIZABLE ? update[all.from[e]] : !antiDependency(all.why[e]);
    }

    private void dep(IntEdges to, int u, int v, int lit, int why) {
        if (mode == Mode.PREFIX && ww(why)) to.add(2 * u + 1, 2 * v + 1, lit, why);
        else if (snapshot) to.add(2 * u + 1, 2 * v, lit, why);
        else to.add(u, v, lit, why);
    }

    private void rw(IntEdges to, int u, int v, int lit, int why) {
        if (snapshot) to.add(2 * u, 2 * v + 1, lit, why);
        else to.add(u, v, lit, why);
    }

    /** Builds the runs ({@link WriteRuns}) and their pairs; false when no order can keep the runs whole. */
    private boolean chains() {
        WriteRuns runs = WriteRuns.of(inf, mode != Mode.PREFIX);
        if (runs == null) return false;
        head = runs.head;
        tail = runs.tail;
        tailElem = runs.tailElem;
        first = runs.first;
        readersStart = runs.readersStart;
        readers = runs.readers;
        int count = head.length;
        int[] chainKey = runs.key;
        // Pairs of chains of one key, grouped by key.
        Integer[] byKey = new Integer[count];
        for (int i = 0; i < count; i++) byKey[i] = i;
        Arrays.sort(byKey, (a, b) -> Integer.compare(chainKey[a], chainKey[b]));
        for (int i = 0; i < count; i++) {
            for (int j = i + 1; j < count && chainKey[byKey[j]] == chainKey[byKey[i]]; j++) {
                int a = byKey[i];
                int b = byKey[j];
                if (first[a] && first[b]) return false;
                if (first[a]) option(knownEdges, a, b, 0);
                else if (first[b]) option(knownEdges, b, a, 0);
                else if (likelyFirst(a, b)) pairs.add(a, b);
                else pairs.add(b, a);
            }
        }
        pairCount = pairs.size;
        open = new boolean[pairs.size];
        Arrays.fill(open, true);
        return true;
    }

    /** Whether run a's writes likely came before run b's: its last writer completed (so committed) first. */
    private boolean likelyFirst(int a, int b) {
        return inf.th.returnPosition(tail[a]) < inf.th.returnPosition(tail[b])
                || (inf.th.returnPosition(tail[a]) == inf.th.returnPosition(tail[b]) && tail[a] < tail[b]);
    }

    /** The edges of "chain a before chain b", into {@code to} with literal {@code lit}. */
    private void option(IntEdges to, int a, int b, int lit) {
        option(to, a, b, lit, false);
    }

    private void option(IntEdges to, int a, int b, int lit, boolean pruned) {
        int forced = pruned ? 2 : 0;
        int hb = head[b];
        int e = tailElem[a];
        dep(to, tail[a], hb, lit, CHOSEN + 4 * e + forced);
        for (int i = readersStart[e]; i < readersStart[e + 1]; i++) if (readers[i] != hb) rw(to, readers[i], hb, lit, CHOSEN + 4 * e + 1 + forced);
    }

    /** Whether "chain a before chain b" closes a cycle with what {@code reach} knows. */
    private boolean closes(long[][] reach, int a, int b) {
        int hb = head[b];
        if (mode == Mode.PREFIX ? reaches(reach, 2 * hb + 1, 2 * tail[a] + 1)
                : snapshot ? reaches(reach, 2 * hb, 2 * tail[a] + 1) : reaches(reach, hb, tail[a])) return true;
        if (mode == Mode.CURSOR_STABILITY) return false;
        int e = tailElem[a];
        for (int i = readersStart[e]; i < readersStart[e + 1]; i++) {
            int r = readers[i];
            if (r == hb) continue;
            if (snapshot ? reaches(reach, 2 * hb + 1, 2 * r) : reaches(reach, hb, r)) return true;
        }
        return false;
    }

    /** Records a cycle that "chain a before chain b" closes with the known edges. */
    private void closingCycle(int a, int b) {
        IntEdges option = new IntEdges();
        option(option, a, b, 1);
        IntEdges all = knownEdges.plus(option);
        int[][] csr = all.csr(nodes);
        int[] cycle = Digraphs.cycle(nodes, csr[0], csr[1], all.ids, new boolean[all.size]);
        if (cycle != null) learned.add(steps(all, cycle));
    }

    private static boolean reaches(long[][] reach, int from, int to) {
        return from == to || (reach[from][to >>> 6] & (1L << to)) != 0;
    }

    /** Decides the pairs the known edges decide, until none is left to decide; null to go on to the solver. */
    private Result prune(Budget budget) {
        int words = (nodes + 63) >>> 6;
        boolean affordable = (long) nodes * words * 8 <= PRUNE_BYTES;
        for (int pass = 0; pass < 64; pass++) {
            IntEdges known = graphOf(knownEdges);
            int[][] csr = known.csr(nodes);
            int[] topo = topological(csr);
            if (topo == null) {
                why = "the dependencies every order shares already form a cycle";
                int[] cycle = Digraphs.cycle(nodes, csr[0], csr[1], known.ids, new boolean[known.size]);
                if (cycle != null) learned.add(steps(known, cycle));
                return Result.REFUTED;
            }
            if (pairs.size == 0) return null;
            if (!affordable) {
                // Unpruned, this many pairs only run the solver out of time (100,000 transactions took
                // minutes to give up), so the search gives up at once.
                if (pairs.size - pruned <= UNPRUNED_PAIRS) return null;
                why = "too large to search: " + nodes + " transactions need a " + ((long) nodes * words * 8 >> 20) + " MB reachability matrix to prune "
                        + (pairs.size - pruned) + " pairs of runs of writes (the limit is " + (PRUNE_BYTES >> 20) + " MB)";
                return Result.UNDECIDED;
            }
            long[][] reach = new long[nodes][words];
            for (int i = nodes - 1; i >= 0; i--) {
                int u = topo[i];
                long[] ru = reach[u];
                for (int e = csr[0][u]; e < csr[0][u + 1]; e++) {
                    int v = csr[1][e];
                    ru[v >>> 6] |= 1L << v;
                    long[] rv = reach[v];
                    for (int w = 0; w < words; w++) ru[w] |= rv[w];
                }
            }
            int decided = 0;
            for (int p = 0; p < pairs.size; p++) {
                if (!open[p]) continue;
                int a = pairs.from[p];
                int b = pairs.to[p];
                boolean ab = closes(reach, a, b);
                boolean ba = closes(reach, b, a);
                if (ab && ba) {
                    bothClose = new int[]{head[a], tail[a], head[b], tail[b]};
                    closingCycle(a, b);
                    closingCycle(b, a);
                    why = "both orders of two runs of writes to one key close a cycle with the dependencies every order shares";
                    return Result.REFUTED;
                }
                if (!ab && !ba) continue;
                open[p] = false;
                decided++;
                if (ab) option(knownEdges, b, a, 0, true);
                else option(knownEdges, a, b, 0, true);
            }
            pruned += decided;
            if (decided == 0 || budget.expired()) return null;
        }
        return null;
    }

    private Result solve(Budget budget) {
        int[] vars = new int[pairs.size];
        int count = 0;
        for (int p = 0; p < pairs.size; p++) if (open[p]) vars[p] = ++count;
        ISolver solver = SolverFactory.newDefault();
        solver.newVar(count);
        IntEdges chosen = new IntEdges();
        while (true) {
            if (budget.expired()) {
                why = "the budget ran out after " + rounds + " rounds of the solver, with " + count + " pairs of runs of writes open";
                return Result.UNDECIDED;
            }
            long left = budget.deadlineNanos() == Long.MAX_VALUE ? Integer.MAX_VALUE : (budget.deadlineNanos() - System.nanoTime()) / 1_000_000L;
            solver.setTimeoutMs(Math.max(1, Math.min(left, Integer.MAX_VALUE)));
            try {
                if (!solver.isSatisfiable()) {
                    why = "every order of the runs of writes closes a cycle (" + rounds + " rounds of the solver)";
                    return Result.REFUTED;
                }
            } catch (TimeoutException e) {
                why = "the SAT solver ran out of time after " + rounds + " rounds, with " + count + " pairs of runs of writes open";
                return Result.UNDECIDED;
            }
            rounds++;
            chosen.size = 0;
            for (int p = 0; p < pairs.size; p++) {
                if (!open[p]) continue;
                int v = vars[p];
                // A variable false puts the run that likely came first first: the solver tries false first,
                // so its first assignment is the order the history suggests.
                if (solver.model(v)) option(chosen, pairs.to[p], pairs.from[p], v);
                else option(chosen, pairs.from[p], pairs.to[p], -v);
            }
            IntEdges every = knownEdges.plus(chosen);
            IntEdges all = graphOf(every);
            int[][] csr = all.csr(nodes);
            int[] edgeId = all.ids;
            int[] topo = topological(csr);
            java.util.List<int[]> singles = topo == null ? java.util.List.of()
                    : mode == Mode.CONSISTENT_VIEW ? ViewViolations.gSingles(nodes, every, all, csr, topo, toEvery(every, all), CYCLES_PER_ROUND)
                    : mode == Mode.UPDATE_SERIALIZABLE ? ViewViolations.gUpdates(every, all, csr, topo, toEvery(every, all), update, inf.committed, CYCLES_PER_ROUND)
                    : java.util.List.of();
            if (topo != null && singles.isEmpty()) {
                order = commits(topo);
                events = committedEvents(topo);
                return Result.FOUND;
            }
            if (topo != null) all = every; // the G-single cycles' ids index every edge
            boolean[] disabled = new boolean[all.size];
            int added = 0;
            for (int c = 0; c < CYCLES_PER_ROUND; c++) {
                int[] cycle = topo != null ? (c < singles.size() ? singles.get(c) : null) : Digraphs.cycle(nodes, csr[0], csr[1], edgeId, disabled);
                if (cycle == null) break;
                VecInt clause = new VecInt();
                for (int id : cycle) {
                    int lit = all.lit[id];
                    if (lit != 0 && !clause.contains(-lit)) clause.push(-lit);
                }
                if (learned.size() < 8) learned.add(steps(all, cycle));
                if (clause.isEmpty()) {
                    why = "the dependencies every order shares already form a cycle";
                    return Result.REFUTED;
                }
                for (int id : cycle) if (all.lit[id] != 0) disabled[id] = true;
                try {
                    solver.addClause(clause);
                } catch (ContradictionException e) {
                    why = "every order of the runs of writes closes a cycle (" + rounds + " rounds of the solver)";
                    return Result.REFUTED;
                }
                added++;
            }
            if (added == 0) {
                why = "the solver's choices left a cycle it could not be told about";
                return Result.UNDECIDED;
            }
        }
    }

    /** Maps each edge of {@code d = graphOf(every)} to its index in {@code every}. */
    private int[] toEvery(IntEdges every, IntEdges d) {
        int[] out = new int[d.size];
        int k = 0;
        for (int e = 0; e < every.size; e++) if (kept(every, e)) out[k++] = e;
        return out;
    }

    private static java.util.List<Step> steps(IntEdges edges, int[] cycle) {
        java.util.List<Step> out = new java.util.ArrayList<>();
        for (int id : cycle) out.add(new Step(edges.from[id], edges.to[id], edges.why[id], edges.lit[id] != 0));
        return out;
    }

    /** A transaction's name in the history searched. */
    String name(int t) {
        return inf.th.name(t);
    }

    /** Kahn's algorithm, ready nodes by invocation; null on a cycle. */
    private int[] topological(int[][] csr) {
        int[] start = csr[0];
        int[] target = csr[1];
        int[] indegree = new int[nodes];
        for (int t : target) indegree[t]++;
        int[] out = new int[nodes];
        int[] queue = new int[nodes];
        int head = 0;
        int tailQ = 0;
        for (int u = 0; u < nodes; u++) if (indegree[u] == 0) queue[tailQ++] = u;
        int k = 0;
        while (head < tailQ) {
            int u = queue[head++];
            out[k++] = u;
            for (int e = start[u]; e < start[u + 1]; e++) if (--indegree[target[e]] == 0) queue[tailQ++] = target[e];
        }
        return k == nodes ? out : null;
    }

    /** The start and commit events of the committed transactions, in the order found. */
    private int[] committedEvents(int[] topo) {
        if (!snapshot) return null;
        int[] out = new int[topo.length];
        int k = 0;
        for (int node : topo) if (inf.committed[node >> 1]) out[k++] = node;
        return Arrays.copyOf(out, k);
    }

    /** The committed transactions in the order of their commits (or of themselves, for serializability). */
    private int[] commits(int[] topo) {
        int[] out = new int[inf.n];
        int k = 0;
        for (int node : topo) {
            int t = snapshot ? node >> 1 : node;
            if ((!snapshot || (node & 1) == 1) && inf.committed[t]) out[k++] = t;
        }
        return Arrays.copyOf(out, k);
    }
}
