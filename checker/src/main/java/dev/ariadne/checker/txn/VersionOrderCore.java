package dev.ariadne.checker.txn;

import dev.ariadne.checker.search.Budget;
import dev.ariadne.history.History;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.Op;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A refutation by {@link VersionOrderSearch} made small enough to check by hand: transactions are
 * dropped, in halving chunks (Zeller's delta debugging), while the history of those left is refuted
 * too. Dropping a transaction only drops constraints (its writes, its reads, its place in process and
 * real-time order), so a refuted part refutes the whole; a read whose writer was dropped simply stops
 * constraining. The part is re-searched once more on its own for the cycles the report shows.
 */
final class VersionOrderCore {
    private VersionOrderCore() {}

    /** The time the shrinking may take; what it has when time runs out is still refuted, only larger. */
    static final long SHRINK_MILLIS = 5_000;

    /**
     * The anomaly for a refuted search: {@code nonserializable} for serial orders, G-SIb for snapshot
     * schedules (with -process or -realtime as {@code extra} says), non-prefix-snapshot for prefix,
     * G-single for consistent view, lost update for cursor stability and G-update for update
     * serializability (the anomalies those models forbid and the weaker ones allow), naming the shrunk
     * transactions.
     */
    static Anomaly refutation(RwRegisterInference inf, VersionOrderSearch.Mode mode, int extra, Budget budget) {
        boolean snapshot = mode == VersionOrderSearch.Mode.SNAPSHOT || mode == VersionOrderSearch.Mode.PREFIX;
        TxnHistory th = inf.th;
        List<Integer> keep = new ArrayList<>();
        for (int t = 0; t < inf.n; t++) if (inf.committed[t]) keep.add(t);
        Budget b = budget.slice(SHRINK_MILLIS);
        int chunk = Math.max(1, keep.size() / 2);
        while (!b.expired()) {
            boolean removed = false;
            for (int from = 0; from < keep.size() && !b.expired(); ) {
                List<Integer> trial = new ArrayList<>(keep.subList(0, from));
                trial.addAll(keep.subList(Math.min(keep.size(), from + chunk), keep.size()));
                if (!trial.isEmpty() && search(th, trial, inf.keyOrder, mode, extra, b) != null) {
                    keep = trial;
                    removed = true;
                } else {
                    from += chunk;
                }
            }
            if (removed) continue;
            if (chunk == 1) break;
            chunk = Math.max(1, chunk / 2);
        }
        // The part once more, for the cycles the report shows (bounded: a part left large by the time limit may be slow).
        VersionOrderSearch part = search(th, keep, inf.keyOrder, mode, extra, budget.slice(VersionOrderSearch.SEARCH_MILLIS));
        AnomalyKind.Order order = (extra & DependencyGraph.REALTIME) != 0 ? AnomalyKind.Order.REALTIME
                : (extra & DependencyGraph.PROCESS) != 0 ? AnomalyKind.Order.PROCESS : AnomalyKind.Order.NONE;
        int[] txns = keep.stream().mapToInt(Integer::intValue).toArray();
        String names = String.join(", ", keep.stream().map(th::name).toList());
        String what = switch (mode) {
            case SNAPSHOT -> "snapshot isolation" + variant(order) + " (no schedule of their starts and commits)";
            case SERIAL -> "a serial order" + variant(order);
            case PREFIX -> "every transaction a prefix of one commit order as its snapshot (prefix consistency)";
            case CONSISTENT_VIEW -> "a dependency graph without G1c and G-single cycles (consistent view)";
            case CURSOR_STABILITY -> "every version read installed before its reader (cursor stability)";
            case UPDATE_SERIALIZABLE -> "the updates one serial order that each read-only transaction fits in too (update serializability)";
        };
        StringBuilder sb = new StringBuilder("No version order of the keys these transactions wrote gives " + what + ": " + names
                + (mode == VersionOrderSearch.Mode.PREFIX ? "." : ". (A read of v followed by a write puts that write right after v.)")
                + " Every order of the other writes closes a cycle");
        if (part != null) describe(sb, part, snapshot);
        AnomalyKind kind = switch (mode) {
            case SNAPSHOT -> AnomalyKind.of(AnomalyKind.Type.G_SIB, order);
            case SERIAL -> AnomalyKind.of(AnomalyKind.Type.NONSERIALIZABLE, order);
            case PREFIX -> AnomalyKind.of(AnomalyKind.Type.NON_PREFIX_SNAPSHOT);
            case CONSISTENT_VIEW -> AnomalyKind.of(AnomalyKind.Type.G_SINGLE);
            case CURSOR_STABILITY -> AnomalyKind.of(AnomalyKind.Type.LOST_UPDATE);
            case UPDATE_SERIALIZABLE -> AnomalyKind.of(AnomalyKind.Type.G_UPDATE);
        };
        return Anomaly.of(kind, sb.toString(), txns);
    }

    private static String variant(AnomalyKind.Order order) {
        return switch (order) {
            case PROCESS -> " respecting each process's order";
            case REALTIME -> " respecting real time";
            default -> "";
        };
    }

    private static void describe(StringBuilder sb, VersionOrderSearch part, boolean snapshot) {
        // The part's events are the whole history's, so its names are the same.
        if (part.bothClose != null) {
            int[] c = part.bothClose;
            sb.append(": the writes of ").append(run(part, c[0], c[1])).append(" and of ").append(run(part, c[2], c[3]))
                    .append(" close a cycle in either order with the dependencies every order shares").append(part.learned.isEmpty() ? "." : ":");
        } else if (part.learned.isEmpty()) {
            sb.append(": ").append(part.why).append('.');
            return;
        } else {
            sb.append(", for example:");
        }
        RwRegisterEvidence evidence = new RwRegisterEvidence(part.inf.th, part.inf.keyOrder);
        for (int i = 0; i < part.learned.size() && i < 6; i++) {
            sb.append("\n  ");
            List<VersionOrderSearch.Step> cycle = part.learned.get(i);
            for (int j = 0; j < cycle.size(); j++) {
                VersionOrderSearch.Step s = cycle.get(j);
                if (j == 0) sb.append(node(part, s.from(), snapshot));
                sb.append(" < ").append(node(part, s.to(), snapshot));
                String why = reason(part, evidence, s, snapshot);
                if (why != null) sb.append(" (").append(why).append(')');
            }
        }
    }

    private static String run(VersionOrderSearch part, int first, int last) {
        return first == last ? part.name(first) : part.name(first) + ".." + part.name(last);
    }

    private static String node(VersionOrderSearch part, int node, boolean snapshot) {
        if (!snapshot) return part.name(node);
        return part.name(node >> 1) + ((node & 1) == 0 ? " starts" : " commits");
    }

    /** Why one step of a cycle holds: the dependency's evidence, or the order of versions it assumes. */
    private static String reason(VersionOrderSearch part, RwRegisterEvidence evidence, VersionOrderSearch.Step s, boolean snapshot) {
        int from = snapshot ? s.from() >> 1 : s.from();
        int to = snapshot ? s.to() >> 1 : s.to();
        if (s.why() == 0) return null;
        RwRegisterInference inf = part.inf;
        if (s.why() < VersionOrderSearch.CHOSEN) {
            String e = evidence.explain(from, to, s.why());
            return e != null ? e : DependencyGraph.name(s.why());
        }
        int code = s.why() - VersionOrderSearch.CHOSEN;
        int elem = code >> 2;
        String key = Values.show(inf.keys.get(inf.elemKey[elem]));
        String how = s.chosen() ? ", if so ordered" : (code & 2) != 0 ? ", as it must (the other order closes a cycle)"
                : ", as it must (the other run begins at the initial state: its writer read nil)";
        String after = part.name(to) + "'s write of key " + key + " follows " + Values.show(inf.elemValue[elem]) + how;
        if ((code & 1) == 0) return after;
        return part.name(from) + " read key " + key + " = " + Values.show(inf.elemValue[elem]) + ", and " + after;
    }

    /** The search over the history of {@code txns} alone if it refutes, else null. */
    private static VersionOrderSearch search(TxnHistory th, List<Integer> txns, KeyOrder keyOrder, VersionOrderSearch.Mode mode, int extra, Budget b) {
        List<Op> events = new ArrayList<>();
        for (int t : txns) {
            Operation o = th.op(t);
            events.add(o.invoke());
            if (o.completion() != null) events.add(o.completion());
        }
        events.sort(Comparator.comparingLong(Op::index));
        History h;
        try {
            h = History.of(events);
        } catch (HistoryException e) {
            return null;
        }
        TxnHistory sub = new TxnHistory(h);
        RwRegisterInference inf = new RwRegisterInference(sub);
        if (inf.unsupported != null) return null;
        inf.assume(keyOrder);
        VersionOrderSearch s = new VersionOrderSearch(inf, inf.graph(), mode, extra);
        return s.run(b) == VersionOrderSearch.Result.REFUTED ? s : null;
    }
}
