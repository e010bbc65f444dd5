package dev.ariadne.checker.txn;

import dev.ariadne.checker.report.TransactionalWitness;
import dev.ariadne.checker.search.Budget;

/**
 * The witnesses of an rw-register history: the serial orders its guided replay found, the commit
 * orders of Biswas and Enea's saturation with read-from as visibility (read atomic, causal), and
 * topological orders of its known dependencies as version orders for read committed and below.
 */
final class RwRegisterWitnesses {
    private final RwRegisterInference inf;
    private final DependencyGraph g;
    private final int[] strict;
    private final int[] session;
    private final int[] serial;
    private final int[] atomicOrder;
    private final int[] causalOrder;
    private final Budget budget;
    /** The {@code extra} orders for which the search refuted every version order. */
    private final java.util.Set<Integer> refuted = new java.util.HashSet<>();
    /** The consistent-view search's order, once found (PSI's witness builds on it), and whether that search ran. */
    private int[] consistentOrder;
    private boolean builtConsistent;
    /** The view modes for which the search refuted every version order. */
    private final java.util.Set<VersionOrderSearch.Mode> refutedViews = java.util.EnumSet.noneOf(VersionOrderSearch.Mode.class);

    RwRegisterWitnesses(RwRegisterInference inf, DependencyGraph g, int[] strict, int[] session, int[] serial, int[] atomicOrder, int[] causalOrder,
                        Budget budget) {
        this.budget = budget;
        this.inf = inf;
        this.g = g;
        this.strict = strict;
        this.session = session;
        this.serial = serial;
        this.atomicOrder = atomicOrder;
        this.causalOrder = causalOrder;
    }

    TransactionalWitness build(Witnesses.Kind kind) {
        return switch (kind) {
            case SERIAL_REALTIME -> serial(strict, " respecting real time");
            case SERIAL_PROCESS -> serial(session, " respecting each process's order");
            case SERIAL -> serial(serial, "");
            case READ_ATOMIC -> visibility(atomicOrder, false, "the saturation's commit order, with what each transaction read from as visibility");
            case CAUSAL -> visibility(causalOrder, true, "the saturation's commit order, with what each transaction read from as visibility, closed transitively");
            case SI_REALTIME -> snapshots(DependencyGraph.PROCESS | DependencyGraph.REALTIME, " respecting real time");
            case SI_PROCESS -> snapshots(DependencyGraph.PROCESS, " respecting each process's order");
            case SI -> snapshots(0, "");
            case UPDATE_ORDER -> searched(VersionOrderSearch.Mode.UPDATE_SERIALIZABLE, "a version order searched for: the updates in an order of their dependencies, each read-only transaction after what it read");
            case PSI -> psi();
            case MONOTONIC_ORDER -> monotonic().witness();
            case PREFIX -> prefix();
            case CONSISTENT_ORDER -> searched(VersionOrderSearch.Mode.CONSISTENT_VIEW, "a version order searched for, without G1c or G-single cycles");
            case CURSOR_ORDER -> searched(VersionOrderSearch.Mode.CURSOR_STABILITY, "a version order searched for, each read-then-write right after the version it read");
            case COMMITTED_ORDER -> versionOrder(DependencyGraph.WW | DependencyGraph.WR, "a version order in which every read returns a committed version installed before it");
            case WRITE_ORDER -> versionOrder(DependencyGraph.WW, "a version order of the committed writes");
            default -> null;
        };
    }

    private static TransactionalWitness serial(int[] order, String variant) {
        return order == null ? null : TransactionalWitness.serial(order, "a serial order" + variant + " (a guided replay of the committed transactions)");
    }

    /**
     * A snapshot-isolation schedule from the first candidate order that has one: the causal and the
     * atomic saturation's commit orders, a topological order of the known dependencies, and last the
     * commit order of a version order searched for ({@link VersionOrderSearch}).
     */
    private TransactionalWitness snapshots(int extra, String variant) {
        int[] topological = order(DependencyGraph.WW | DependencyGraph.WR);
        for (int[] candidate : new int[][] {causalOrder, atomicOrder, topological}) {
            TransactionalWitness w = RegisterSnapshots.schedule(inf, g, candidate, extra, variant);
            if (w != null) return w;
        }
        VersionOrderSearch search = new VersionOrderSearch(inf, g, VersionOrderSearch.Mode.SNAPSHOT, extra);
        VersionOrderSearch.Result r = search.run(budget.slice(VersionOrderSearch.SEARCH_MILLIS));
        if (r == VersionOrderSearch.Result.REFUTED) refuted.add(extra);
        if (r != VersionOrderSearch.Result.FOUND) return null;
        return RegisterSnapshots.schedule(inf, g, search.order, extra, variant);
    }

    /**
     * Snapshot isolation and its session and real-time forms, where no serial order holds them and no
     * cycle the cycle search found rules them out: when the search for a schedule refutes every version
     * order, that is a G-SIb anomaly, shrunk to a few transactions.
     */
    java.util.List<Anomaly> refutedSnapshots(Witnesses witnesses, CycleSearch cycles, int[][] serialOrders) {
        // serialOrders: {serial, session, strict}
        java.util.List<Anomaly> out = new java.util.ArrayList<>();
        // Strongest first: a schedule for a stronger form is one for the weaker ones, so the search
        // stops there; of the forms refuted, the weakest is reported (its anomaly implies the others).
        AnomalyKind.Order[] variants = {AnomalyKind.Order.REALTIME, AnomalyKind.Order.PROCESS, AnomalyKind.Order.NONE};
        Witnesses.Kind[] kinds = {Witnesses.Kind.SI_REALTIME, Witnesses.Kind.SI_PROCESS, Witnesses.Kind.SI};
        int[] extras = {DependencyGraph.PROCESS | DependencyGraph.REALTIME, DependencyGraph.PROCESS, 0};
        int weakest = -1;
        for (int v = 0; v < 3; v++) {
            if (serialOrders[2 - v] != null) break;
            if (forbiddenCycle(cycles, variants[v])) continue;
            if (witnesses.get(kinds[v]) != null) break;
            if (refuted.contains(extras[v])) weakest = v;
        }
        if (weakest >= 0) out.add(VersionOrderCore.refutation(inf, VersionOrderSearch.Mode.SNAPSHOT, extras[weakest], budget));
        return out;
    }

    /** Whether the cycle search found (or could not finish looking for) a cycle SI forbids, in this order or a weaker one. */
    private static boolean forbiddenCycle(CycleSearch cycles, AnomalyKind.Order order) {
        for (AnomalyKind.Type c : java.util.List.of(AnomalyKind.Type.G0, AnomalyKind.Type.G1C, AnomalyKind.Type.G_SINGLE, AnomalyKind.Type.G_NONADJACENT)) {
            for (AnomalyKind.Order w : AnomalyKind.Order.values()) {
                AnomalyKind k = AnomalyKind.of(c, w);
                if (cycles.found.containsKey(k) || cycles.incomplete.contains(k)) return true;
                if (w == order) break;
            }
        }
        return false;
    }

    private int[] order(int mask) {
        Topo t = new Topo(inf.n);
        t.addAll(g, mask, inf.committed);
        long[] priority = new long[inf.n];
        for (int i = 0; i < inf.n; i++) priority[i] = inf.th.invokePosition(i);
        return t.order(inf.committed, priority);
    }

    /** A version order from a search of the mode's ({@link VersionOrderSearch}), as a total order of the transactions. */
    private TransactionalWitness searched(VersionOrderSearch.Mode mode, String found) {
        VersionOrderSearch search = new VersionOrderSearch(inf, g, mode, 0);
        VersionOrderSearch.Result r = search.run(budget.slice(VersionOrderSearch.SEARCH_MILLIS));
        if (r == VersionOrderSearch.Result.REFUTED) refutedViews.add(mode);
        if (mode == VersionOrderSearch.Mode.CONSISTENT_VIEW) builtConsistent = true;
        if (r != VersionOrderSearch.Result.FOUND) return null;
        if (mode == VersionOrderSearch.Mode.CONSISTENT_VIEW) consistentOrder = search.order;
        return TransactionalWitness.versionOrder(search.order, found);
    }

    private MonotonicViews monotonic;

    private MonotonicViews monotonic() {
        if (monotonic == null) monotonic = new MonotonicViews(inf, g);
        return monotonic;
    }

    /** Monotonic atomic view, decided without a search (its rules are all facts): its anomaly, unless one found already rules it out. */
    java.util.List<Anomaly> refutedMonotonic(java.util.Set<AnomalyKind> found) {
        if (serial != null) return java.util.List.of();
        for (AnomalyKind.Type t : java.util.List.of(AnomalyKind.Type.G0, AnomalyKind.Type.G1A, AnomalyKind.Type.G1B, AnomalyKind.Type.G1C, AnomalyKind.Type.OBSERVED_VANISHES)) {
            if (found.contains(AnomalyKind.of(t))) return java.util.List.of();
        }
        Anomaly a = monotonic().refutation();
        return a == null ? java.util.List.of() : java.util.List.of(a);
    }

    /** A prefix schedule (each transaction's snapshot a prefix of the commit order) from the version-order search. */
    private TransactionalWitness prefix() {
        VersionOrderSearch search = new VersionOrderSearch(inf, g, VersionOrderSearch.Mode.PREFIX, 0);
        VersionOrderSearch.Result r = search.run(budget.slice(VersionOrderSearch.SEARCH_MILLIS));
        if (r == VersionOrderSearch.Result.REFUTED) refutedViews.add(VersionOrderSearch.Mode.PREFIX);
        return r != VersionOrderSearch.Result.FOUND ? null
                : SnapshotSchedule.fromEvents(search.events, inf.n, "a prefix schedule searched for (each transaction sees a prefix of the commit order)");
    }

    /** Prefix consistency where no snapshot schedule holds it: a refuted search is the anomaly, shrunk. */
    java.util.List<Anomaly> refutedPrefix(Witnesses witnesses, java.util.Set<AnomalyKind> found) {
        if (serial != null) return java.util.List.of();
        for (AnomalyKind.Type t : java.util.List.of(AnomalyKind.Type.G0, AnomalyKind.Type.G1A, AnomalyKind.Type.G1B, AnomalyKind.Type.G1C, AnomalyKind.Type.NON_PREFIX_SNAPSHOT)) {
            if (found.contains(AnomalyKind.of(t))) return java.util.List.of();
        }
        for (Witnesses.Kind k : new Witnesses.Kind[]{Witnesses.Kind.SI_REALTIME, Witnesses.Kind.SI_PROCESS, Witnesses.Kind.SI, Witnesses.Kind.PREFIX}) {
            if (witnesses.get(k) != null) return java.util.List.of();
        }
        if (!refutedViews.contains(VersionOrderSearch.Mode.PREFIX)) return java.util.List.of();
        return java.util.List.of(VersionOrderCore.refutation(inf, VersionOrderSearch.Mode.PREFIX, 0, budget));
    }

    /**
     * Parallel snapshot isolation from the consistent-view search's order (Cerone and Gotsman, PODC
     * 2016: PSI holds iff some version order leaves no cycle of ww and wr with at most one rw, which is
     * what that search looks for): visibility is what each transaction read from plus each key's
     * earlier writers, closed transitively; the verifier checks the rest.
     */
    private TransactionalWitness psi() {
        if (consistentOrder == null && (builtConsistent || searched(VersionOrderSearch.Mode.CONSISTENT_VIEW, "") == null)) return null;
        int[] order = consistentOrder;
        int[] pos = positions(order);
        Topo edges = readFrom(pos);
        int[] last = new int[inf.keys.size()];
        java.util.Arrays.fill(last, -1);
        java.util.List<int[]> writes = new java.util.ArrayList<>();
        for (int e = 0; e < inf.elements; e++) if (inf.version(e) && pos[inf.elemWriter[e]] >= 0) writes.add(new int[]{pos[inf.elemWriter[e]], inf.elemKey[e]});
        writes.sort((a, b) -> Integer.compare(a[0], b[0]));
        for (int[] w : writes) {
            if (last[w[1]] >= 0) edges.add(last[w[1]], w[0]);
            last[w[1]] = w[0];
        }
        int[][] ed = edges.edges();
        return TransactionalWitness.visibility(order, ed[0], ed[1], true,
                "the consistent-view search's version order, with what each transaction read from and each key's earlier writers as visibility, closed transitively");
    }

    /**
     * Consistent view, then cursor stability, where no stronger witness holds them and no anomaly found
     * rules them out: a refuted search is a G-single (or lost-update) anomaly, shrunk.
     */
    java.util.List<Anomaly> refutedViews(Witnesses witnesses, java.util.Set<AnomalyKind> found) {
        java.util.List<Anomaly> out = new java.util.ArrayList<>();
        if (serial != null) return out;
        // Any snapshot schedule holds both views; the strong forms are the quickest to find.
        for (Witnesses.Kind k : new Witnesses.Kind[]{Witnesses.Kind.SI_REALTIME, Witnesses.Kind.SI_PROCESS, Witnesses.Kind.SI}) {
            if (witnesses.get(k) != null) return out;
        }
        Witnesses.Kind[] kinds = {Witnesses.Kind.CURSOR_ORDER, Witnesses.Kind.CONSISTENT_ORDER};
        VersionOrderSearch.Mode[] modes = {VersionOrderSearch.Mode.CURSOR_STABILITY, VersionOrderSearch.Mode.CONSISTENT_VIEW};
        AnomalyKind[] forbidding = {AnomalyKind.of(AnomalyKind.Type.LOST_UPDATE), AnomalyKind.of(AnomalyKind.Type.G_SINGLE)};
        for (int i = 0; i < 2; i++) {
            // Weakest first: a cursor-stability refutation also refutes consistent view.
            if (found.contains(forbidding[i])) return out;
            for (AnomalyKind.Type t : java.util.List.of(AnomalyKind.Type.G0, AnomalyKind.Type.G1A, AnomalyKind.Type.G1B, AnomalyKind.Type.G1C, AnomalyKind.Type.LOST_UPDATE)) {
                if (found.contains(AnomalyKind.of(t))) return out;
            }
            if (witnesses.get(kinds[i]) == null && refutedViews.contains(modes[i])) {
                out.add(VersionOrderCore.refutation(inf, modes[i], 0, budget));
                return out;
            }
        }
        return out;
    }

    /** Update serializability where no serial order holds it: a refuted search is a G-update, shrunk. */
    java.util.List<Anomaly> refutedUpdates(Witnesses witnesses, java.util.Set<AnomalyKind> found) {
        if (serial != null) return java.util.List.of();
        // A lost update is a G-update (two updates, an rw and a ww between them); garbage and future reads break read committed.
        for (AnomalyKind.Type t : java.util.List.of(AnomalyKind.Type.G0, AnomalyKind.Type.G1A, AnomalyKind.Type.G1B, AnomalyKind.Type.G1C, AnomalyKind.Type.G_UPDATE,
                AnomalyKind.Type.LOST_UPDATE, AnomalyKind.Type.GARBAGE_READ, AnomalyKind.Type.FUTURE_READ)) {
            if (found.contains(AnomalyKind.of(t))) return java.util.List.of();
        }
        if (witnesses.get(Witnesses.Kind.UPDATE_ORDER) != null || !refutedViews.contains(VersionOrderSearch.Mode.UPDATE_SERIALIZABLE)) return java.util.List.of();
        return java.util.List.of(VersionOrderCore.refutation(inf, VersionOrderSearch.Mode.UPDATE_SERIALIZABLE, 0, budget));
    }

    private TransactionalWitness versionOrder(int mask, String found) {
        int[] o = order(mask);
        return o == null ? null : TransactionalWitness.versionOrder(o, found);
    }

    private TransactionalWitness visibility(int[] order, boolean transitive, String found) {
        if (order == null) return null;
        int[][] ed = readFrom(positions(order)).edges();
        return TransactionalWitness.visibility(order, ed[0], ed[1], transitive, found);
    }

    /** Each transaction's place in {@code order} (-1 when absent). */
    private int[] positions(int[] order) {
        int[] pos = new int[inf.n];
        java.util.Arrays.fill(pos, -1);
        for (int p = 0; p < order.length; p++) pos[order[p]] = p;
        return pos;
    }

    /** The read-from edges (writer before reader) between placed transactions, by place. */
    private Topo readFrom(int[] pos) {
        Topo edges = new Topo(inf.n);
        for (int r = 0; r < inf.reads; r++) {
            int e = inf.readElem[r];
            if (e < 0 || !inf.version(e)) continue;
            int w = inf.elemWriter[e];
            int t = inf.readTxn[r];
            if (pos[w] >= 0 && pos[t] >= 0) edges.add(pos[w], pos[t]);
        }
        return edges;
    }
}
