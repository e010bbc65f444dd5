package dev.ariadne.checker.model;

import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.HierarchyResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every single-object model that has a checker, walking the lattice from the strongest down:
 * a model that holds settles every model it implies, and a model that is violated rules out every
 * model that implies it. So the report can never contradict the implications (a history that
 * violates PRAM is never reported sequential), and each violation shown is the weakest one found.
 */
public final class Hierarchy {
    private Hierarchy() {}

    /** The checked single-object models, strongest first. */
    static final List<ConsistencyModel> ORDER = List.of(ConsistencyModel.LINEARIZABLE, ConsistencyModel.SEQUENTIAL, ConsistencyModel.CAUSAL_CONVERGENT,
            ConsistencyModel.CAUSAL_MEMORY, ConsistencyModel.PRAM, ConsistencyModel.CAUSAL, ConsistencyModel.MONOTONIC_READS, ConsistencyModel.READ_YOUR_WRITES, ConsistencyModel.MONOTONIC_WRITES,
            ConsistencyModel.WRITES_FOLLOW_READS);

    /**
     * The order they are checked in: linearizability first (fast, and when it holds it settles all),
     * then the causal models, which are polynomial on a history whose values are unique per key and
     * answer at once otherwise. On such a history the views come next, cheapest first, and the
     * searches (causal memory, sequential consistency) last, spared when a weaker model is violated;
     * on any other history the searches go strongest first, so that one that holds settles the rest.
     */
    static final List<ConsistencyModel> FIRST = List.of(ConsistencyModel.LINEARIZABLE, ConsistencyModel.CAUSAL_CONVERGENT, ConsistencyModel.CAUSAL,
            ConsistencyModel.WRITES_FOLLOW_READS);
    static final List<ConsistencyModel> THEN_DIFFERENTIATED = List.of(ConsistencyModel.PRAM, ConsistencyModel.MONOTONIC_READS,
            ConsistencyModel.READ_YOUR_WRITES, ConsistencyModel.MONOTONIC_WRITES, ConsistencyModel.CAUSAL_MEMORY, ConsistencyModel.SEQUENTIAL);
    static final List<ConsistencyModel> THEN_OTHERWISE = List.of(ConsistencyModel.SEQUENTIAL, ConsistencyModel.CAUSAL_MEMORY, ConsistencyModel.PRAM,
            ConsistencyModel.MONOTONIC_READS, ConsistencyModel.READ_YOUR_WRITES, ConsistencyModel.MONOTONIC_WRITES);

    public static HierarchyResult check(History history, CheckRequest request) {
        dev.ariadne.checker.datatype.BuiltinDatatype dt = request.custom() != null ? null : request.builtin() != null ? request.builtin()
                : history.size() == 0 ? null : dev.ariadne.checker.datatype.Datatypes.infer(history).orElse(null);
        if (dt != null && dt.has(dev.ariadne.checker.datatype.Capability.TRANSACTIONAL)) return transactional(history, dt.cliName(), request);
        if (dt != null && dt.has(dev.ariadne.checker.datatype.Capability.MESSAGES)) return messages(history, dt, request);
        if (dt != null && dt.has(dev.ariadne.checker.datatype.Capability.LOG)) {
            // Kafka's promise, and the transactional promises a log may make beyond it.
            return each(history, dt, request, List.of(ConsistencyModel.LOG, ConsistencyModel.STRICT_SERIALIZABLE, ConsistencyModel.SERIALIZABLE));
        }
        Map<ConsistencyModel, Verdict> verdicts = new EnumMap<>(ConsistencyModel.class);
        Map<ConsistencyModel, String> how = new EnumMap<>(ConsistencyModel.class);
        List<CheckResult> checks = new ArrayList<>();
        String datatype = null;
        List<ConsistencyModel> notApplicable = new ArrayList<>();
        List<ConsistencyModel> order = new ArrayList<>(FIRST);
        for (int i = 0; i < order.size(); i++) {
            ConsistencyModel m = order.get(i);
            if (i == FIRST.size() - 1) {
                String dtName = datatype != null ? datatype : request.datatypeName();
                boolean differentiated = dtName != null && dev.ariadne.checker.weak.PramChecker.differentiated(history,
                        new dev.ariadne.checker.weak.PramChecker.ReadWrite(dtName, request.options()));
                order.addAll(differentiated ? THEN_DIFFERENTIATED : THEN_OTHERWISE);
            }
            if (verdicts.containsKey(m)) continue;
            // A model some weaker violated model is implied by is ruled out without its (costly) search.
            ConsistencyModel weakerViolated = null;
            for (ConsistencyModel weaker : ModelLattice.impliedBy(m)) {
                if (weaker != m && verdicts.get(weaker) == Verdict.INVALID) weakerViolated = weaker;
            }
            if (weakerViolated != null) {
                verdicts.put(m, Verdict.INVALID);
                how.put(m, "ruled out by " + weakerViolated.cliName());
                continue;
            }
            CheckResult r;
            try {
                // Linearizability's counterexample is shown only when it is the weakest violation: built then, below.
                boolean counterexamples = request.counterexamples() && m != ConsistencyModel.LINEARIZABLE;
                r = ModelChecker.check(history, request.withModel(m).withCounterexamples(counterexamples));
            } catch (UnsupportedCheck | IllegalArgumentException e) {
                if (m == ConsistencyModel.LINEARIZABLE) throw e;
                notApplicable.add(m);
                continue;
            }
            datatype = r.datatype();
            checks.add(r);
            verdicts.put(m, r.verdict());
            how.put(m, "checked");
            if (r.verdict() == Verdict.VALID) {
                for (ConsistencyModel weaker : ModelLattice.impliedBy(m)) {
                    if (weaker != m && ORDER.contains(weaker) && !verdicts.containsKey(weaker)) {
                        verdicts.put(weaker, Verdict.VALID);
                        how.put(weaker, "implied by " + m.cliName());
                    }
                }
            }
        }
        // A violation rules out every stronger model, whatever was found for it.
        for (ConsistencyModel m : ORDER) {
            if (verdicts.get(m) != Verdict.INVALID) continue;
            for (ConsistencyModel stronger : ModelLattice.implying(m)) {
                if (stronger != m && ORDER.contains(stronger) && verdicts.get(stronger) != Verdict.INVALID) {
                    verdicts.put(stronger, Verdict.INVALID);
                    how.put(stronger, "ruled out by " + m.cliName());
                }
            }
        }
        List<HierarchyResult.ModelVerdict> models = new ArrayList<>();
        List<ConsistencyModel> valid = new ArrayList<>();
        List<ConsistencyModel> invalid = new ArrayList<>();
        for (ConsistencyModel m : ORDER) {
            if (!verdicts.containsKey(m)) continue;
            models.add(new HierarchyResult.ModelVerdict(m.cliName(), verdicts.get(m), how.get(m)));
            if (verdicts.get(m) == Verdict.VALID) valid.add(m);
            if (verdicts.get(m) == Verdict.INVALID) invalid.add(m);
        }
        // Show the counterexamples of the weakest violations only: stronger ones are implied.
        List<CheckResult> shown = new ArrayList<>();
        for (CheckResult r : checks) {
            ConsistencyModel m = ConsistencyModel.byName(r.model());
            if (r.verdict() == Verdict.INVALID && m == ConsistencyModel.LINEARIZABLE && request.counterexamples()
                    && ModelLattice.weakest(invalid).contains(m)) {
                r = ModelChecker.check(history, request.withModel(m).withCounterexamples(true));
            }
            if (r.verdict() != Verdict.INVALID || ModelLattice.weakest(invalid).contains(m)) shown.add(r);
        }
        List<String> missing = new ArrayList<>();
        for (ConsistencyModel m : ConsistencyModel.values()) {
            if (m.family() == ConsistencyModel.Family.SINGLE_OBJECT && !verdicts.containsKey(m)) {
                missing.add(m.cliName() + (notApplicable.contains(m) ? " (not for these operations)" : " (no checker)"));
            }
        }
        return new HierarchyResult(datatype, models, names(ModelLattice.strongest(valid)), names(ModelLattice.weakest(invalid)), shown, missing);
    }

    /**
     * Every transactional model from one analysis: the anomalies found rule models out, and a model
     * without them holds when Ariadne decides it or a stronger model holds.
     */
    /** Every message order that applies: each checked, the strongest kept and the weakest broken named. */
    private static HierarchyResult messages(History history, dev.ariadne.checker.datatype.BuiltinDatatype dt, CheckRequest request) {
        boolean mailbox = dt == dev.ariadne.checker.datatype.BuiltinDatatype.MAILBOX;
        return each(history, dt, request, mailbox ? List.of(ConsistencyModel.CAUSAL_ORDER, ConsistencyModel.FIFO_ORDER)
                : List.of(ConsistencyModel.TOTAL_ORDER, ConsistencyModel.CAUSAL_ORDER, ConsistencyModel.FIFO_ORDER));
    }

    /** Each of a few models checked on its own, the weakest violated ones shown. */
    private static HierarchyResult each(History history, dev.ariadne.checker.datatype.BuiltinDatatype dt, CheckRequest request, List<ConsistencyModel> each) {
        List<HierarchyResult.ModelVerdict> models = new ArrayList<>();
        List<ConsistencyModel> valid = new ArrayList<>();
        List<ConsistencyModel> invalid = new ArrayList<>();
        Map<ConsistencyModel, CheckResult> results = new EnumMap<>(ConsistencyModel.class);
        for (ConsistencyModel m : each) {
            CheckResult r = ModelChecker.check(history, request.withModel(m).withDatatype(dt.cliName()));
            results.put(m, r);
            models.add(new HierarchyResult.ModelVerdict(m.cliName(), r.verdict(), "checked"));
            if (r.verdict() == Verdict.VALID) valid.add(m);
            if (r.verdict() == Verdict.INVALID) invalid.add(m);
        }
        List<CheckResult> checks = new ArrayList<>();
        for (ConsistencyModel m : ModelLattice.weakest(invalid)) checks.add(results.get(m));
        return new HierarchyResult(dt.cliName(), models, sorted(ModelLattice.strongest(valid)), sorted(ModelLattice.weakest(invalid)), checks, List.of());
    }

    private static HierarchyResult transactional(History history, String dt, CheckRequest request) {
        long start = System.nanoTime();
        dev.ariadne.checker.txn.TransactionalAnalysis a = TransactionalFamily.analyze(history, dt, request.withModel(null));
        long nanos = System.nanoTime() - start;
        Map<ConsistencyModel, HierarchyResult.ModelVerdict> verdicts = IsolationLevels.verdicts(a);
        List<HierarchyResult.ModelVerdict> models = new ArrayList<>(verdicts.values());
        List<ConsistencyModel> valid = new ArrayList<>();
        List<ConsistencyModel> invalid = new ArrayList<>();
        verdicts.forEach((m, v) -> {
            if (v.verdict() == Verdict.VALID) valid.add(m);
            if (v.verdict() == Verdict.INVALID) invalid.add(m);
        });
        List<CheckResult> checks = new ArrayList<>();
        for (ConsistencyModel m : ModelLattice.weakest(invalid)) checks.add(IsolationLevels.result(m, dt, request.datatypeName() == null, a, nanos));
        return new HierarchyResult(dt, models, sorted(ModelLattice.strongest(valid)), sorted(ModelLattice.weakest(invalid)), checks, List.of());
    }

    private static List<String> sorted(java.util.Collection<ConsistencyModel> ms) {
        List<String> out = new ArrayList<>();
        for (ConsistencyModel m : ConsistencyModel.values()) if (ms.contains(m)) out.add(m.cliName());
        return out;
    }

    private static List<String> names(java.util.Collection<ConsistencyModel> ms) {
        List<String> out = new ArrayList<>();
        for (ConsistencyModel m : ORDER) if (ms.contains(m)) out.add(m.cliName());
        return out;
    }
}
