package dev.ariadne.checker.model;

import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Counterexample;
import dev.ariadne.checker.report.HierarchyResult;
import dev.ariadne.checker.report.TransactionalCounterexample;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.checker.txn.AnomalyImplications;
import dev.ariadne.checker.txn.AnomalyKind;
import dev.ariadne.checker.txn.TransactionalAnalysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.ariadne.checker.model.ConsistencyModel.*;
import static dev.ariadne.checker.txn.AnomalyKind.Order.PROCESS;
import static dev.ariadne.checker.txn.AnomalyKind.Order.REALTIME;
import static dev.ariadne.checker.txn.AnomalyKind.Type.*;
import static dev.ariadne.checker.txn.AnomalyKind.of;

/**
 * Which anomalies each transactional model forbids, and so which models a history's anomalies rule
 * out. A model forbids what it lists here and everything the models it implies forbid. The lists
 * follow Adya's definitions (PL-1 forbids G0; PL-2 adds G1a, G1b, G1c; PL-2+ G-single; PL-2.99
 * G2-item; PL-3 all of G2; PL-SS their real-time forms), Cerone and Gotsman's characterization of
 * snapshot isolation (no cycle whose anti-dependencies are all non-adjacent), Cerone, Bernardi and
 * Gotsman's read atomic and causal models, and Elle's choices for the rest (lost update under cursor
 * stability; the -process forms for the strong-session models).
 * <p>
 * A model is INVALID when an anomaly it forbids is found (each re-verified), and VALID only when a
 * witness passes the independent verifier against the model's definition ({@link Certification});
 * otherwise UNKNOWN, with the reason.
 */
final class IsolationLevels {
    private IsolationLevels() {}

    static final Map<ConsistencyModel, Set<AnomalyKind>> PROSCRIBED = proscribed();

    private static Map<ConsistencyModel, Set<AnomalyKind>> proscribed() {
        Map<ConsistencyModel, Set<AnomalyKind>> m = new EnumMap<>(ConsistencyModel.class);
        m.put(READ_UNCOMMITTED, Set.of(of(G0), of(GARBAGE_READ), of(DUPLICATE_ELEMENTS), of(MISSED_OWN_WRITE)));
        m.put(READ_COMMITTED, Set.of(of(G1A), of(G1B), of(G1C), of(DIRTY_UPDATE), of(INCOMPATIBLE_ORDER), of(FUTURE_READ)));
        m.put(CURSOR_STABILITY, Set.of(of(LOST_UPDATE)));
        // Bailis et al.: MAV forbids OTV, an observed transaction vanishing from a later read.
        m.put(MONOTONIC_ATOMIC_VIEW, Set.of(of(OBSERVED_VANISHES)));
        m.put(CONSISTENT_VIEW, Set.of(of(G_SINGLE)));
        m.put(REPEATABLE_READ, Set.of(of(G2_ITEM), of(LOST_UPDATE)));
        m.put(SNAPSHOT_ISOLATION, Set.of(of(G_SINGLE), of(G_NONADJACENT), of(INTERNAL), of(G_SIB)));
        m.put(SERIALIZABLE, Set.of(of(G2_ITEM), of(INTERNAL), of(NONSERIALIZABLE)));
        m.put(READ_ATOMIC, Set.of(of(FRACTURED_READ), of(INTERNAL), of(FUTURE_READ), of(G1A), of(G1B), of(G1C)));
        m.put(CAUSAL_TRANSACTIONAL, Set.of(of(CAUSAL_READ)));
        // Cerone, Bernardi and Gotsman: PSI's NOCONFLICT, which also rules out lost updates; and Cerone
        // and Gotsman's characterization (no cycle with at most one anti-dependency): no G-single.
        m.put(PARALLEL_SNAPSHOT_ISOLATION, Set.of(of(CONFLICT_READ), of(LOST_UPDATE), of(G_SINGLE)));
        m.put(PREFIX, Set.of(of(NON_PREFIX_SNAPSHOT)));
        m.put(UPDATE_SERIALIZABLE, Set.of(of(G_UPDATE)));
        m.put(STRONG_SESSION_SNAPSHOT_ISOLATION, Set.of(of(G0, PROCESS), of(G1C, PROCESS), of(G_SINGLE, PROCESS), of(G_NONADJACENT, PROCESS), of(G_SIB, PROCESS)));
        m.put(STRONG_SNAPSHOT_ISOLATION, Set.of(of(G0, REALTIME), of(G1C, REALTIME), of(G_SINGLE, REALTIME), of(G_NONADJACENT, REALTIME), of(G_SIB, REALTIME)));
        m.put(STRONG_SESSION_SERIALIZABLE, Set.of(of(G0, PROCESS), of(G1C, PROCESS), of(G2_ITEM, PROCESS), of(NONSERIALIZABLE, PROCESS)));
        // nonlinearizable: no real-time serial order (the linearizability search on rw-register); nonserializable: no
        // serial order at all (the same search with every transaction concurrent with every other).
        m.put(STRICT_SERIALIZABLE, Set.of(of(G0, REALTIME), of(G1C, REALTIME), of(G2_ITEM, REALTIME), of(NONLINEARIZABLE)));
        return m;
    }

    /** Everything a model forbids: its own list and those of every model it implies. */
    static Set<AnomalyKind> forbidden(ConsistencyModel model) {
        Set<AnomalyKind> out = new LinkedHashSet<>();
        for (ConsistencyModel m : ModelLattice.impliedBy(model)) out.addAll(PROSCRIBED.getOrDefault(m, Set.of()));
        return out;
    }

    /** Every transactional model's verdict on the analysis, with how it was reached. */
    static Map<ConsistencyModel, HierarchyResult.ModelVerdict> verdicts(TransactionalAnalysis a) {
        Map<ConsistencyModel, HierarchyResult.ModelVerdict> out = new EnumMap<>(ConsistencyModel.class);
        for (ConsistencyModel m : ConsistencyModel.values()) if (m.family() == ConsistencyModel.Family.TRANSACTIONAL) out.put(m, verdict(a, m));
        return out;
    }

    /** One model's verdict: INVALID by a forbidden anomaly, VALID by a verified witness, else UNKNOWN with the reason. */
    static HierarchyResult.ModelVerdict verdict(TransactionalAnalysis a, ConsistencyModel m) {
        if (a.unsupported() != null) return new HierarchyResult.ModelVerdict(m.cliName(), Verdict.UNKNOWN, a.unsupported());
        if (Certification.AXIOMS.get(m).contains(dev.ariadne.checker.certify.Axiom.REALTIME) && a.witnesses().history != null
                && !a.witnesses().history.realTimeKnown()) {
            return new HierarchyResult.ModelVerdict(m.cliName(), Verdict.UNKNOWN,
                    "the history records completions only, so when transactions began is unknown and real-time order cannot be judged");
        }
        // Name the anomalies found first; the ones they merely imply only when nothing else is forbidden.
        Set<AnomalyKind> forbidden = forbidden(m);
        Set<AnomalyKind> shown = new LinkedHashSet<>();
        for (AnomalyKind found : a.counts().keySet()) {
            if (!java.util.Collections.disjoint(AnomalyImplications.implied(found), forbidden)) shown.add(found);
        }
        if (shown.isEmpty()) {
            shown.addAll(a.present());
            shown.retainAll(forbidden);
        }
        if (!shown.isEmpty()) return new HierarchyResult.ModelVerdict(m.cliName(), Verdict.INVALID, "shows " + names(shown));
        Set<AnomalyKind> open = new LinkedHashSet<>(forbidden);
        open.retainAll(a.incomplete());
        Certification.Outcome c = Certification.certify(a.witnesses(), m);
        if (c.witness() != null) {
            return new HierarchyResult.ModelVerdict(m.cliName(), Verdict.VALID, c.witness().found() + " meets its definition (checked by the independent verifier)");
        }
        if (!open.isEmpty()) return new HierarchyResult.ModelVerdict(m.cliName(), Verdict.UNKNOWN, "the search for " + names(open) + " ran out of time");
        return new HierarchyResult.ModelVerdict(m.cliName(), Verdict.UNKNOWN, "no anomaly it forbids was found, but no witness passed the independent check (" + c.why() + ")");
    }

    /**
     * The weakest models below {@code model} that the anomalies found rule out as well (each with the
     * anomaly that does): a G1c under serializable says read committed is broken too.
     */
    static List<String> weakerBroken(ConsistencyModel model, TransactionalAnalysis a) {
        Map<ConsistencyModel, AnomalyKind> broken = new EnumMap<>(ConsistencyModel.class);
        for (ConsistencyModel w : ModelLattice.impliedBy(model)) {
            if (w == model || w.family() != ConsistencyModel.Family.TRANSACTIONAL) continue;
            Set<AnomalyKind> forbidden = forbidden(w);
            for (AnomalyKind found : a.counts().keySet()) {
                if (!java.util.Collections.disjoint(AnomalyImplications.implied(found), forbidden)) {
                    broken.put(w, found);
                    break;
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (var e : broken.entrySet()) {
            boolean weakest = true;
            for (ConsistencyModel below : ModelLattice.impliedBy(e.getKey())) weakest &= below == e.getKey() || !broken.containsKey(below);
            if (weakest) out.add(e.getKey().cliName() + " (" + e.getValue() + ")");
        }
        return out;
    }

    private static String names(Set<AnomalyKind> kinds) {
        List<String> out = new ArrayList<>();
        for (AnomalyKind k : kinds) out.add(k.toString());
        return String.join(", ", out);
    }

    /** The check result for one requested model. */
    static CheckResult result(ConsistencyModel model, String datatype, boolean inferred, TransactionalAnalysis a, long nanos) {
        HierarchyResult.ModelVerdict v = verdict(a, model);
        List<String> notes = new ArrayList<>(a.notes());
        if (!a.counts().isEmpty()) {
            List<String> c = new ArrayList<>();
            a.counts().forEach((k, n) -> c.add(k + (n > 1 ? " x" + n : "")));
            notes.add("anomalies found: " + String.join(", ", c));
        }
        List<Counterexample> shown = new ArrayList<>();
        String summary;
        if (v.verdict() == Verdict.INVALID) {
            Set<AnomalyKind> forbidden = forbidden(model);
            for (TransactionalCounterexample c : a.counterexamples()) {
                if (!java.util.Collections.disjoint(AnomalyImplications.implied(AnomalyKind.parse(c.anomaly())), forbidden)) shown.add(c);
            }
            if (shown.isEmpty()) {
                // Only implied anomalies (a G0 is also a G1c): show the ones that imply them.
                shown.addAll(a.counterexamples());
            }
            Set<String> stronger = new LinkedHashSet<>();
            for (ConsistencyModel s : ModelLattice.implying(model)) if (s != model) stronger.add(s.cliName());
            summary = "The history is not " + model.cliName() + ": it " + v.how() + ", which " + model.cliName() + " forbids"
                    + (stronger.isEmpty() ? "." : "; so it is not " + String.join(", ", stronger) + " either.");
            List<String> weaker = weakerBroken(model, a);
            if (!weaker.isEmpty()) summary += " It breaks weaker models too: " + String.join(", ", weaker) + ".";
        } else if (v.verdict() == Verdict.VALID) {
            summary = "The history is " + model.cliName() + ": " + v.how() + ".";
        } else {
            summary = "Undecided: " + v.how() + ".";
        }
        notes.add(a.versionOrderKnown()
                ? "list-append versions are inferred from the reads (every appended value is unique per key); an info transaction counts as committed only when a read shows one of its appends"
                : "rw-register versions are known only in part (the initial state first; a transaction that read v and wrote w put w after v), so cycles are sound but their absence proves little; a VALID rests on a witness (a serial replay, the saturation's commit order) that the independent verifier checked; an info transaction counts as committed only when a read returns one of its writes");
        dev.ariadne.checker.report.CertifiedWitness witness = null;
        if (v.verdict() == Verdict.VALID) {
            Certification.Outcome c = Certification.certify(a.witnesses(), model);
            witness = Certification.report(a.witnesses(), c.witness());
        }
        return new CheckResult(model.cliName(), datatype, inferred, v.verdict(), summary, List.of(), shown,
                new CheckResult.Statistics(a.transactions(), 1, a.edges(), nanos, 0), notes, witness);
    }
}
