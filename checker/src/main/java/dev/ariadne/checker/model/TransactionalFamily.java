package dev.ariadne.checker.model;

import dev.ariadne.checker.datatype.BuiltinDatatype;
import dev.ariadne.checker.datatype.Capability;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.linearizable.LinearizabilityChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.checker.search.Budget;
import dev.ariadne.checker.txn.AnomalyKind;
import dev.ariadne.checker.txn.TransactionalAnalysis;
import dev.ariadne.checker.txn.TransactionalChecker;
import dev.ariadne.history.History;

import java.util.ArrayList;
import java.util.List;

/**
 * The transactional models on list-append and rw-register histories: one analysis (dependency graph,
 * anomalies, witnesses) decides them all ({@link IsolationLevels}, {@link Certification}); on
 * rw-register, strict serializability is also linearizability of the store as one object.
 */
final class TransactionalFamily {
    private TransactionalFamily() {}

    static void register(CheckRegistry r) {
        for (ConsistencyModel m : ConsistencyModel.values()) if (m.family() == ConsistencyModel.Family.TRANSACTIONAL) r.register(m, check(m));
        // `causal` on a transactional history is transactional causal consistency.
        r.register(ConsistencyModel.CAUSAL, check(ConsistencyModel.CAUSAL_TRANSACTIONAL));
    }

    private static Check check(ConsistencyModel model) {
        return new Check() {
            @Override
            public String refuses(Target t) {
                if (t.has(Capability.TRANSACTIONAL)) return null;
                return t.model().cliName() + " is a transactional model; " + t.datatypeName() + " is not a transactional datatype";
            }

            @Override
            public CheckResult run(Target t) {
                TransactionalAnalysis a = analyze(t.history(), t.datatypeName(), t.request().withModel(model));
                return IsolationLevels.result(model, t.datatypeName(), t.request().datatypeName() == null, a, System.nanoTime() - t.startNanos());
            }
        };
    }

    /** The transactional analysis of a history, within the request's time limit. */
    static TransactionalAnalysis analyze(History history, String dtName, CheckRequest request) {
        TransactionalAnalysis a;
        try {
            a = TransactionalChecker.analyze(history, dtName, Budget.of(request.timeoutMillis(), 0, request.cancellation()), request.keyOrder());
        } catch (IllegalArgumentException e) {
            throw new UnsupportedCheck(e.getMessage());
        }
        boolean wanted = request.model() == null || needsSerialOrder(request.model());
        if (dtName.equals("rw-register") && a.unsupported() == null && wanted && !a.serialWitness().contains("realtime")
                && java.util.Collections.disjoint(a.present(), IsolationLevels.forbidden(ConsistencyModel.STRICT_SERIALIZABLE))) {
            a = strictByLinearizability(history, a, request);
        }
        return a;
    }

    /** Models that only a serial order can prove on rw-register (the ones strict serializability implies, above causal). */
    private static boolean needsSerialOrder(ConsistencyModel m) {
        if (m == ConsistencyModel.CAUSAL) m = ConsistencyModel.CAUSAL_TRANSACTIONAL;
        return ModelLattice.implies(ConsistencyModel.STRICT_SERIALIZABLE, m) && !ModelLattice.implies(ConsistencyModel.CAUSAL_TRANSACTIONAL, m);
    }

    /**
     * Strict serializability is linearizability of the whole store as one object whose operations are
     * the transactions (Herlihy and Wing; Adya's PL-SS): so when no serial replay explained an
     * rw-register history, the linearizability search over multi-register decides it, info
     * transactions included as Knossos treats them.
     */
    private static TransactionalAnalysis strictByLinearizability(History history, TransactionalAnalysis a, CheckRequest request) {
        CheckResult lin = LinearizabilityChecker.check(history, BuiltinDatatype.MULTI_REGISTER.create(DatatypeOptions.DEFAULT),
                LinearizabilityFamily.options(request, request.timeoutMillis(), request.counterexamples()));
        List<String> notes = new ArrayList<>(a.notes());
        java.util.Set<String> witness = new java.util.LinkedHashSet<>(a.serialWitness());
        java.util.Set<AnomalyKind> present = new java.util.LinkedHashSet<>(a.present());
        java.util.Map<AnomalyKind, Integer> counts = new java.util.LinkedHashMap<>(a.counts());
        List<dev.ariadne.checker.report.TransactionalCounterexample> cex = new ArrayList<>(a.counterexamples());
        String how = "the linearizability search over the transactions as operations on one multi-register object";
        dev.ariadne.checker.txn.Witnesses witnesses = a.witnesses();
        if (lin.verdict() == Verdict.VALID) {
            witness.addAll(List.of("data", "process", "realtime"));
            notes.add("strict serializability decided by " + how + ": a real-time serial order exists");
            if (lin.witness() != null) {
                java.util.Map<Long, Integer> byIndex = new java.util.HashMap<>();
                for (var o : history.operations()) byIndex.put(o.index(), o.id());
                int[] order = new int[lin.witness().order().length];
                for (int i = 0; i < order.length; i++) order[i] = byIndex.get(lin.witness().order()[i]);
                witnesses = witnesses.withFallback(dev.ariadne.checker.txn.Witnesses.Kind.SERIAL_REALTIME,
                        dev.ariadne.checker.report.TransactionalWitness.serial(order, "a serial order respecting real time (the linearization found by " + how + ")"));
            }
        } else if (lin.verdict() == Verdict.INVALID) {
            present.add(AnomalyKind.of(AnomalyKind.Type.NONLINEARIZABLE));
            counts.put(AnomalyKind.of(AnomalyKind.Type.NONLINEARIZABLE), 1);
            for (var c : lin.counterexamples()) {
                if (!(c instanceof dev.ariadne.checker.report.LinearizabilityCounterexample lc)) continue;
                List<dev.ariadne.checker.report.TransactionalCounterexample.Txn> txns = new ArrayList<>();
                for (var o : lc.operations()) txns.add(new dev.ariadne.checker.report.TransactionalCounterexample.Txn("T" + o.index(), o.process(), o.outcome(), o.description()));
                cex.add(new dev.ariadne.checker.report.TransactionalCounterexample(AnomalyKind.of(AnomalyKind.Type.NONLINEARIZABLE).toString(), txns, List.of(),
                        "No order of the transactions within their real-time intervals explains every read (" + how + "): " + lc.explanation()));
            }
        } else {
            notes.add("strict serializability undecided: " + how + " ran out of budget (" + lin.summary() + ")");
        }
        return new TransactionalAnalysis(a.unsupported(), present, a.incomplete(), cex, counts, a.transactions(), a.edges(), notes, a.versionOrderKnown(), witness, witnesses);
    }
}
