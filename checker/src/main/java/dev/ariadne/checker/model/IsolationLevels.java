package dev.ariadne.checker.model;

import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Counterexample;
import dev.ariadne.checker.report.HierarchyResult;
import dev.ariadne.checker.report.TransactionalCounterexample;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.checker.txn.AnomalyImplications;
import dev.ariadne.checker.txn.TransactionalAnalysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.ariadne.checker.model.ConsistencyModel.*;

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

    static final Map<ConsistencyModel, Set<String>> PROSCRIBED = proscribed();

    private static Map<ConsistencyModel, Set<String>> proscribed() {
        Map<ConsistencyModel, Set<String>> m = new EnumMap<>(ConsistencyModel.class);
        m.put(READ_UNCOMMITTED, Set.of("G0", "garbage-read", "duplicate-elements", "missed-own-write"));
        m.put(READ_COMMITTED, Set.of("G1a", "G1b", "G1c", "dirty-update", "incompatible-order", "future-read"));
        m.put(CURSOR_STABILITY, Set.of("lost-update"));
        m.put(CONSISTENT_VIEW, Set.of("G-single"));
        m.put(REPEATABLE_READ, Set.of("G2-item", "lost-update"));
        m.put(SNAPSHOT_ISOLATION, Set.of("G-single", "G-nonadjacent", "internal", "G-SIb"));
        m.put(SERIALIZABLE, Set.of("G2-item", "internal"));
        m.put(READ_ATOMIC, Set.of("fractured-read", "internal", "future-read", "G1a", "G1b", "G1c"));
        m.put(CAUSAL_TRANSACTIONAL, Set.of("causal-read"));
        // Cerone, Bernardi and Gotsman: PSI's NOCONFLICT, which also rules out lost updates.
        m.put(PARALLEL_SNAPSHOT_ISOLATION, Set.of("conflict-read", "lost-update"));
        m.put(PREFIX, Set.of("non-prefix-snapshot"));
        m.put(UPDATE_SERIALIZABLE, Set.of("G-update"));
        m.put(STRONG_SESSION_SNAPSHOT_ISOLATION, Set.of("G0-process", "G1c-process", "G-single-process", "G-nonadjacent-process", "G-SIb-process"));
        m.put(STRONG_SNAPSHOT_ISOLATION, Set.of("G0-realtime", "G1c-realtime", "G-single-realtime", "G-nonadjacent-realtime", "G-SIb-realtime"));
        m.put(STRONG_SESSION_SERIALIZABLE, Set.of("G0-process", "G1c-process", "G2-item-process"));
        // nonlinearizable: no real-time serial order (the linearizability search on rw-register).
        m.put(STRICT_SERIALIZABLE, Set.of("G0-realtime", "G1c-realtime", "G2-item-realtime", "nonlinearizable"));
        return m;
    }

    /** Everything a model forbids: its own list and those of every model it implies. */
    static Set<String> forbidden(ConsistencyModel model) {
        Set<String> out = new LinkedHashSet<>();
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
        Set<String> forbidden = forbidden(m);
        Set<String> shown = new LinkedHashSet<>();
        for (String found : a.counts().keySet()) {
            if (!java.util.Collections.disjoint(AnomalyImplications.implied(found), forbidden)) shown.add(found);
        }
        if (shown.isEmpty()) {
            shown.addAll(a.present());
            shown.retainAll(forbidden);
        }
        if (!shown.isEmpty()) return new HierarchyResult.ModelVerdict(m.cliName(), Verdict.INVALID, "shows " + String.join(", ", shown));
        Set<String> open = new LinkedHashSet<>(forbidden);
        open.retainAll(a.incomplete());
        Certification.Outcome c = Certification.certify(a.witnesses(), m);
        if (c.witness() != null) {
            return new HierarchyResult.ModelVerdict(m.cliName(), Verdict.VALID, c.witness().found() + " meets its definition (checked by the independent verifier)");
        }
        if (!open.isEmpty()) return new HierarchyResult.ModelVerdict(m.cliName(), Verdict.UNKNOWN, "the search for " + String.join(", ", open) + " ran out of time");
        return new HierarchyResult.ModelVerdict(m.cliName(), Verdict.UNKNOWN, "no anomaly it forbids was found, but no witness passed the independent check (" + c.why() + ")");
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
            Set<String> forbidden = forbidden(model);
            for (TransactionalCounterexample c : a.counterexamples()) {
                if (!java.util.Collections.disjoint(AnomalyImplications.implied(c.anomaly()), forbidden)) shown.add(c);
            }
            if (shown.isEmpty()) {
                // Only implied anomalies (a G0 is also a G1c): show the ones that imply them.
                shown.addAll(a.counterexamples());
            }
            Set<String> stronger = new LinkedHashSet<>();
            for (ConsistencyModel s : ModelLattice.implying(model)) if (s != model) stronger.add(s.cliName());
            summary = "The history is not " + model.cliName() + ": it " + v.how() + ", which " + model.cliName() + " forbids"
                    + (stronger.isEmpty() ? "." : "; so it is not " + String.join(", ", stronger) + " either.");
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
