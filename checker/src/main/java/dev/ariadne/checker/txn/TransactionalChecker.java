package dev.ariadne.checker.txn;

import dev.ariadne.checker.report.TransactionalCounterexample;
import dev.ariadne.checker.search.Budget;
import dev.ariadne.history.History;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transactional pipeline, Elle's shape: history, then version orders and the anomalies that are
 * not cycles ({@link ListAppendInference}), then the dependency graph ({@link DependencyGraph}), its
 * strongly connected components and shortest cycles ({@link CycleSearch}), then atomic visibility
 * ({@link AtomicVisibility}), then each anomaly explained and re-verified edge by edge
 * ({@link Evidence}). Which models the anomalies rule out is decided above, in the model package.
 */
public final class TransactionalChecker {
    private TransactionalChecker() {}

    public static TransactionalAnalysis analyze(History history, String datatype, Budget budget) {
        return analyze(history, datatype, budget, KeyOrder.NONE);
    }

    /** With {@code keyOrder}, what the user asserts about rw-register version orders (list-append's are known, so it is ignored). */
    public static TransactionalAnalysis analyze(History history, String datatype, Budget budget, KeyOrder keyOrder) {
        TxnHistory th = new TxnHistory(history);
        return switch (datatype) {
            case "list-append" -> listAppend(th, budget);
            case "rw-register" -> rwRegister(th, budget, keyOrder);
            default -> throw new IllegalArgumentException(datatype + " is not a transactional datatype (list-append or rw-register)");
        };
    }

    private static TransactionalAnalysis listAppend(TxnHistory th, Budget budget) {
        var progress = budget.caller().progress();
        progress.phase("inferring version orders");
        ListAppendInference inf = new ListAppendInference(th);
        if (inf.unsupported != null) return unsupported(th, inf.unsupported);
        DependencyGraph g = inf.graph();
        progress.phase("searching dependency cycles");
        CycleSearch cycles = new CycleSearch(g, budget);
        cycles.run();
        progress.phase("checking atomic visibility and unread writes");
        StronglyConnected data = StronglyConnected.of(g, DependencyGraph.DATA);
        List<Anomaly> visibility = List.of();
        boolean visibilityComplete = true;
        if (data.count > 0) {
            AtomicVisibility vis = new AtomicVisibility(inf, data, budget.slice(CycleSearch.CLASS_MILLIS));
            visibility = vis.check(false);
            if (visibility.isEmpty()) visibility = vis.check(true);
            if (visibility.isEmpty()) visibility = vis.check(true, true);
            visibility = new ArrayList<>(visibility);
            visibility.addAll(vis.vanished());
            visibilityComplete = vis.complete;
        }
        SnapshotSchedule si = new SnapshotSchedule(inf, g);
        ListAppendWitnesses builder = new ListAppendWitnesses(inf, g, si);
        Witnesses witnesses = new Witnesses(th.history, true, builder::build);
        // What the graph's own cycles and reads do not show directly comes after them in the report.
        List<Anomaly> derived = new ArrayList<>(visibility);
        if (si.hasChoices() && !cycles.acyclic) {
            derived.addAll(unorderedPairs(inf, g, cycles, budget.slice(CycleSearch.CLASS_MILLIS), () -> new ListAppendEvidence(th)));
            derived.addAll(unorderedWrites(si, witnesses, cycles, g));
        }
        // Update serializability (Adya's PL-3U): G-update, a cycle through the updates and at most one read-only transaction.
        if (!cycles.acyclic) {
            UpdateSerializability us = new UpdateSerializability(inf, g);
            Anomaly update = us.find();
            if (update != null) derived.add(update);
            if (!us.complete) cycles.incomplete.add(AnomalyKind.of(AnomalyKind.Type.G_UPDATE));
        }
        // Prefix has no anomaly of its own in Adya's terms: refute it by its schedule, unless a weaker model is broken already.
        boolean causalHolds = visibility.isEmpty() || visibility.get(0).kind().type() == AnomalyKind.Type.CONFLICT_READ;
        if (!cycles.acyclic && causalHolds && !cycles.found.containsKey(AnomalyKind.of(AnomalyKind.Type.G0))
                && !cycles.found.containsKey(AnomalyKind.of(AnomalyKind.Type.G1C))) {
            Anomaly notPrefix = builder.prefixRefutation();
            if (notPrefix != null) derived.add(notPrefix);
        }
        return finish(th, () -> new ListAppendEvidence(th), inf.anomalies, cycles, derived, visibilityComplete, inf.committed, g, true, Set.of())
                .withWitnesses(witnesses);
    }

    /**
     * Two appends no read orders, each of whose orders is forbidden ({@link WriteConstraints}): a
     * G1c, G-single or lost update in every version order, tried without, then with process, then
     * with real-time order, for the kinds nothing found already.
     */
    private static List<Anomaly> unorderedPairs(ListAppendInference inf, DependencyGraph g, CycleSearch cycles, Budget budget,
                                                java.util.function.Supplier<Evidence> evidence) {
        WriteConstraints wc = new WriteConstraints(inf, g, budget);
        Set<AnomalyKind> known = new java.util.HashSet<>();
        for (AnomalyKind k : cycles.found.keySet()) known.addAll(AnomalyImplications.implied(k));
        for (Anomaly a : inf.anomalies) known.addAll(AnomalyImplications.implied(a.kind()));
        List<Anomaly> out = new ArrayList<>();
        AnomalyKind.Order[] variants = AnomalyKind.Order.values();
        int[] extra = {0, DependencyGraph.PROCESS, DependencyGraph.PROCESS | DependencyGraph.REALTIME};
        for (int v = 0; v < variants.length; v++) {
            // A G1c (or G0) in this order or a weaker one already rules out every model these could.
            for (int w = 0; w <= v; w++) {
                if (known.contains(AnomalyKind.of(AnomalyKind.Type.G0, variants[w])) || known.contains(AnomalyKind.of(AnomalyKind.Type.G1C, variants[w]))) return out;
            }
            if (!CycleSearch.cyclic(g, DependencyGraph.DATA | extra[v])) continue;
            for (Anomaly a : wc.refute(extra[v], evidence, known)) {
                out.add(a);
                known.addAll(AnomalyImplications.implied(a.kind()));
            }
            if (!wc.complete) {
                cycles.incomplete.add(AnomalyKind.of(AnomalyKind.Type.G_SINGLE, variants[v]));
                return out;
            }
        }
        return out;
    }

    /**
     * Appends no read orders are choices: when the cycle search did not already rule snapshot
     * isolation out, the schedule tries their orders, and a refutation (every order closes a cycle)
     * is an anomaly of its own, for plain SI, then its process and real-time forms.
     */
    private static List<Anomaly> unorderedWrites(SnapshotSchedule si, Witnesses witnesses, CycleSearch cycles, DependencyGraph g) {
        AnomalyKind.Order[] variants = AnomalyKind.Order.values();
        Witnesses.Kind[] kinds = {Witnesses.Kind.SI, Witnesses.Kind.SI_PROCESS, Witnesses.Kind.SI_REALTIME};
        int[] orders = {DependencyGraph.DATA, DependencyGraph.DATA | DependencyGraph.PROCESS, DependencyGraph.DATA | DependencyGraph.PROCESS | DependencyGraph.REALTIME};
        for (int v = 0; v < variants.length; v++) {
            // Where a serial order respecting these orders exists, it is also a schedule: nothing to refute.
            if (!CycleSearch.cyclic(g, orders[v])) continue;
            for (AnomalyKind.Type c : List.of(AnomalyKind.Type.G0, AnomalyKind.Type.G1C, AnomalyKind.Type.G_SINGLE, AnomalyKind.Type.G_NONADJACENT)) {
                for (int w = 0; w <= v; w++) {
                    AnomalyKind k = AnomalyKind.of(c, variants[w]);
                    if (cycles.found.containsKey(k) || cycles.incomplete.contains(k)) return List.of();
                }
            }
            si.refuted = null;
            if (witnesses.get(kinds[v]) == null) return si.refuted == null ? List.of() : List.of(si.refuted);
        }
        return List.of();
    }

    private static TransactionalAnalysis rwRegister(TxnHistory th, Budget budget, KeyOrder keyOrder) {
        RwRegisterInference inf = new RwRegisterInference(th);
        if (inf.unsupported != null) return unsupported(th, inf.unsupported);
        inf.assume(keyOrder);
        DependencyGraph g = inf.graph();
        CycleSearch cycles = new CycleSearch(g, budget);
        cycles.run();
        RegisterSaturation sat = new RegisterSaturation(inf, budget);
        List<Anomaly> visibility = sat.check(false);
        int[] atomicOrder = sat.commitOrder;
        sat.commitOrder = null;
        if (visibility.isEmpty() && sat.complete) visibility = sat.check(true);
        int[] causalOrder = sat.commitOrder;
        // A serial replay proves the serializable models the graph alone cannot.
        Set<String> witness = new LinkedHashSet<>();
        int data = DependencyGraph.DATA;
        DependencyGraph guided = CycleSearch.cyclic(g, data | DependencyGraph.PROCESS | DependencyGraph.REALTIME) ? null : SerialWitness.guided(inf, g);
        int[] strict = guided == null ? null : SerialWitness.replays(inf, guided, data | DependencyGraph.PROCESS | DependencyGraph.REALTIME);
        int[] session = strict != null ? strict : SerialWitness.replays(inf, g, data | DependencyGraph.PROCESS);
        int[] serial = session != null ? session : SerialWitness.replays(inf, g, data);
        // Where the replay found no order, the version orders it guessed are searched (VersionOrderSearch);
        // a refutation is an anomaly of its own, shrunk to a few transactions (VersionOrderCore).
        List<Anomaly> refuted = new ArrayList<>();
        int pr = DependencyGraph.PROCESS;
        int rt = DependencyGraph.REALTIME;
        int[] weakestRefuted = {-1};
        List<String> undecided = new ArrayList<>();
        // Every anomaly the inference reports (G1a, G1b, lost update, internal, garbage and future reads)
        // already rules the serializable models out: then no search is needed for them.
        boolean clean = inf.anomalies.isEmpty();
        if (clean && strict == null && !CycleSearch.cyclic(g, data | pr | rt)) {
            strict = VersionOrderSearch.serialOrder(inf, g, pr | rt, budget, weakestRefuted, undecided);
            if (strict != null) session = serial = strict;
        }
        if (clean && session == null && !CycleSearch.cyclic(g, data | pr)) {
            session = VersionOrderSearch.serialOrder(inf, g, pr, budget, weakestRefuted, undecided);
            if (session != null) serial = session;
        }
        if (clean && serial == null && !CycleSearch.cyclic(g, data)) serial = VersionOrderSearch.serialOrder(inf, g, 0, budget, weakestRefuted, undecided);
        // Only the weakest order refuted is reported: it implies the stronger ones.
        if (weakestRefuted[0] >= 0) {
            Anomaly a = VersionOrderCore.refutation(inf, VersionOrderSearch.Mode.SERIAL, weakestRefuted[0], budget);
            int[] core = a.txns();
            // A small refutation gets a second opinion by replaying every order of its transactions.
            if (core.length > SmallSerialOrders.MAX || !SmallSerialOrders.exists(th, core, (weakestRefuted[0] & pr) != 0, (weakestRefuted[0] & rt) != 0)) {
                refuted.add(a);
            } else {
                undecided.add("a refutation of serializability failed its second opinion (a replay of every order of its transactions) and is not"
                        + " reported (please report this as a bug)");
            }
        }
        if (strict != null) witness.addAll(List.of("data", "process", "realtime"));
        else if (session != null) witness.addAll(List.of("data", "process"));
        else if (serial != null) witness.add("data");
        RwRegisterWitnesses built = new RwRegisterWitnesses(inf, g, strict, session, serial, atomicOrder, causalOrder, budget);
        Witnesses witnesses = new Witnesses(th.history, false, built::build);
        // They rule snapshot isolation out too (its INT and NOCONFLICT axioms): no refutation is needed then.
        if (clean) refuted.addAll(built.refutedSnapshots(witnesses, cycles, new int[][]{serial, session, strict}));
        Set<AnomalyKind> found = new java.util.HashSet<>(cycles.found.keySet());
        for (Anomaly x : inf.anomalies) found.add(x.kind());
        refuted.addAll(built.refutedViews(witnesses, found));
        refuted.addAll(built.refutedUpdates(witnesses, found));
        refuted.addAll(built.refutedPrefix(witnesses, found));
        refuted.addAll(built.refutedMonotonic(found));
        // The refutations come after the cycles: a cycle is the more direct counterexample.
        List<Anomaly> derived = new ArrayList<>(visibility);
        derived.addAll(refuted);
        TransactionalAnalysis a = finish(th, () -> new RwRegisterEvidence(th, keyOrder), inf.anomalies, cycles, derived, sat.complete, inf.committed, g, false, witness)
                .withWitnesses(witnesses);
        if (keyOrder == KeyOrder.NONE && undecided.isEmpty()) return a;
        List<String> notes = new ArrayList<>(a.notes());
        notes.addAll(undecided);
        if (keyOrder != KeyOrder.NONE) notes.add("assumed (--assume): " + keyOrder.meaning());
        return new TransactionalAnalysis(a.unsupported(), a.present(), a.incomplete(), a.counterexamples(), a.counts(), a.transactions(), a.edges(), notes,
                a.versionOrderKnown(), a.serialWitness(), a.witnesses());
    }

    private static TransactionalAnalysis unsupported(TxnHistory th, String why) {
        return new TransactionalAnalysis(why, Set.of(), Set.of(), List.of(), Map.of(), th.n, 0, List.of(), false, Set.of(), Witnesses.NONE);
    }

    /** Explains and re-verifies one anomaly of each kind found, and gathers what the model layer needs. */
    private static TransactionalAnalysis finish(TxnHistory th, java.util.function.Supplier<Evidence> evidenceOf, List<Anomaly> nonCycle, CycleSearch cycles,
                                                List<Anomaly> visibility, boolean visibilityComplete, boolean[] committedTxns, DependencyGraph g,
                                                boolean versionOrderKnown, Set<String> witness) {
        Set<AnomalyKind> present = new LinkedHashSet<>();
        Set<AnomalyKind> incomplete = new LinkedHashSet<>(cycles.incomplete);
        if (!visibilityComplete) {
            incomplete.add(AnomalyKind.of(AnomalyKind.Type.FRACTURED_READ));
            incomplete.add(AnomalyKind.of(AnomalyKind.Type.CAUSAL_READ));
            incomplete.add(AnomalyKind.of(AnomalyKind.Type.CONFLICT_READ));
        }
        Map<AnomalyKind, Integer> counts = new LinkedHashMap<>();
        List<Anomaly> all = new ArrayList<>(nonCycle);
        for (Anomaly c : cycles.found.values()) all.add(OrderShortcut.shorten(th, c));
        all.addAll(visibility);
        Evidence evidence = all.isEmpty() ? null : evidenceOf.get();
        List<TransactionalCounterexample> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Anomaly a : all) {
            counts.merge(a.kind(), 1, Integer::sum);
            if (counts.get(a.kind()) > 1) continue;
            TransactionalCounterexample c = explain(th, evidence, a);
            if (c == null) {
                incomplete.add(a.kind());
                notes.add("a " + a.name() + " cycle failed re-verification against the history and is not reported (please report this as a bug)");
                counts.remove(a.kind());
                continue;
            }
            out.add(c);
        }
        present.addAll(counts.keySet());
        present.addAll(cycles.present());
        int committed = 0;
        for (boolean c : committedTxns) if (c) committed++;
        return new TransactionalAnalysis(null, present, incomplete, out, counts, committed, g.edges(), notes, versionOrderKnown, witness, Witnesses.NONE);
    }

    private static final Map<AnomalyKind.Type, String> CYCLES = Map.of(
            AnomalyKind.Type.G0, "A cycle of write-write dependencies: the transactions' writes interleave, so no order of them installs these versions.",
            AnomalyKind.Type.G1C, "A cycle of write-write and write-read dependencies (circular information flow): each transaction observes or overwrites the next.",
            AnomalyKind.Type.G_SINGLE, "A cycle with exactly one read-write anti-dependency (read skew): a read misses a write that, through the other dependencies, precedes it.",
            AnomalyKind.Type.G_NONADJACENT, "A cycle with two or more read-write anti-dependencies, no two adjacent: snapshot isolation forbids it.",
            AnomalyKind.Type.G2_ITEM, "A cycle with read-write anti-dependencies (write skew or worse): no serial order of these transactions exists.");

    /** The anomaly as a report value, each cycle edge re-verified and explained; null if an edge does not hold. */
    private static TransactionalCounterexample explain(TxnHistory th, Evidence evidence, Anomaly a) {
        List<TransactionalCounterexample.Txn> txns = new ArrayList<>();
        for (int t : a.txns()) {
            txns.add(new TransactionalCounterexample.Txn(th.name(t), process(th, t), th.op(t).outcome().jepsenName(), th.describe(t)));
        }
        if (!a.isCycle()) return new TransactionalCounterexample(a.name(), txns, List.of(), a.summary());
        if (!classified(a)) return null;
        List<TransactionalCounterexample.Dependency> deps = new ArrayList<>();
        int len = a.txns().length;
        for (int i = 0; i < len; i++) {
            int from = a.txns()[i];
            int to = a.txns()[(i + 1) % len];
            String reason = evidence.explain(from, to, a.types()[i]);
            if (reason == null) return null;
            deps.add(new TransactionalCounterexample.Dependency(th.name(from), th.name(to), DependencyGraph.name(a.types()[i]), reason));
        }
        String summary = CYCLES.get(a.kind().type());
        if (a.kind().order() == AnomalyKind.Order.PROCESS) summary += " The cycle needs process order: each process's transactions take effect in the order it ran them.";
        if (a.kind().order() == AnomalyKind.Order.REALTIME) summary += " The cycle needs real-time order: a transaction takes effect after every transaction that completed before it began.";
        return new TransactionalCounterexample(a.name(), txns, deps, summary);
    }

    /** Whether a cycle's edge types make the class it is named (counted independently of the search). */
    static boolean classified(Anomaly a) {
        int[] ty = a.types();
        int len = ty.length;
        int rw = 0;
        int wr = 0;
        int process = 0;
        int realtime = 0;
        boolean adjacent = false;
        for (int i = 0; i < len; i++) {
            if (ty[i] == DependencyGraph.RW) {
                rw++;
                if (ty[(i + 1) % len] == DependencyGraph.RW) adjacent = true;
            }
            if (ty[i] == DependencyGraph.WR) wr++;
            if (ty[i] == DependencyGraph.PROCESS) process++;
            if (ty[i] == DependencyGraph.REALTIME) realtime++;
        }
        AnomalyKind.Order order = a.kind().order();
        if (order == AnomalyKind.Order.REALTIME && realtime == 0) return false;
        if (order == AnomalyKind.Order.PROCESS && (process == 0 || realtime > 0)) return false;
        if (order == AnomalyKind.Order.NONE && (process > 0 || realtime > 0)) return false;
        return switch (a.kind().type()) {
            case G0 -> rw == 0 && wr == 0;
            case G1C -> rw == 0;
            case G_SINGLE -> rw == 1;
            case G_NONADJACENT -> rw >= 2 && !adjacent;
            case G2_ITEM -> rw >= 1;
            default -> false;
        };
    }

    private static String process(TxnHistory th, int t) {
        var name = th.history.processName(th.process(t));
        return name == null ? "?" : Values.show(name);
    }
}
