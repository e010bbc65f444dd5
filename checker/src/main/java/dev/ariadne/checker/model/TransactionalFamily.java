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
            a = byLinearizability(history, a, request, true);
        }
        // Serializability is the same search with every transaction concurrent with every other: complete where the replay found no order.
        if (dtName.equals("rw-register") && a.unsupported() == null && (request.model() == null || needsSerialOrder(request.model()))
                && !a.serialWitness().contains("data")
                && java.util.Collections.disjoint(a.present(), IsolationLevels.forbidden(ConsistencyModel.SERIALIZABLE))) {
            a = byLinearizability(history, a, request, false);
        }
        // Strong session serializability is sequential consistency of the same object: each process's order kept, real time not.
        if (dtName.equals("rw-register") && a.unsupported() == null && (request.model() == null || needsSessionOrder(request.model()))
                && !a.serialWitness().contains("process")
                && java.util.Collections.disjoint(a.present(), IsolationLevels.forbidden(ConsistencyModel.STRONG_SESSION_SERIALIZABLE))) {
            a = bySequentialConsistency(history, a, request);
        }
        return a;
    }

    /** Models a serial order respecting each process's order settles on rw-register (strong session serializability's, above causal). */
    private static boolean needsSessionOrder(ConsistencyModel m) {
        if (m == ConsistencyModel.CAUSAL) m = ConsistencyModel.CAUSAL_TRANSACTIONAL;
        return ModelLattice.implies(ConsistencyModel.STRONG_SESSION_SERIALIZABLE, m) && !ModelLattice.implies(ConsistencyModel.CAUSAL_TRANSACTIONAL, m);
    }

    /**
     * Strong session serializability (Daudjee and Salem 2004) is sequential consistency (Lamport 1979)
     * of the whole store as one object whose operations are the transactions: one serial order that
     * keeps each process's order. Decided by the sequential-consistency search where the replay found
     * no such order; VALID with that order as the witness, INVALID as {@code nonserializable-process}
     * with the search's shrunk counterexample.
     */
    private static TransactionalAnalysis bySequentialConsistency(History history, TransactionalAnalysis a, CheckRequest request) {
        var dt = BuiltinDatatype.MULTI_REGISTER.create(DatatypeOptions.DEFAULT);
        var options = new dev.ariadne.checker.weak.SequentialChecker.Options(request.timeoutMillis(),
                request.memoryBytes() > 0 ? request.memoryBytes() : LinearizabilityChecker.Options.defaults().memoBytes(), Math.max(1000, request.timeoutMillis() / 4),
                request.cancellation());
        dev.ariadne.checker.weak.SequentialChecker.Order order = dev.ariadne.checker.weak.SequentialChecker.order(history, dt, options);
        List<String> notes = new ArrayList<>(a.notes());
        java.util.Set<String> witness = new java.util.LinkedHashSet<>(a.serialWitness());
        java.util.Set<AnomalyKind> present = new java.util.LinkedHashSet<>(a.present());
        java.util.Map<AnomalyKind, Integer> counts = new java.util.LinkedHashMap<>(a.counts());
        List<dev.ariadne.checker.report.TransactionalCounterexample> cex = new ArrayList<>(a.counterexamples());
        dev.ariadne.checker.txn.Witnesses witnesses = a.witnesses();
        String how = "the sequential-consistency search over the transactions as operations on one multi-register object";
        if (order.verdict() == Verdict.VALID) {
            witness.addAll(List.of("data", "process"));
            notes.add("strong session serializability decided by " + how + ": a serial order keeping each process's order exists");
            witnesses = witnesses.withFallback(dev.ariadne.checker.txn.Witnesses.Kind.SERIAL_PROCESS,
                    dev.ariadne.checker.report.TransactionalWitness.serial(order.ids(), "a serial order keeping each process's order (found by " + how + ")"));
        } else if (order.verdict() == Verdict.INVALID) {
            AnomalyKind none = AnomalyKind.of(AnomalyKind.Type.NONSERIALIZABLE, AnomalyKind.Order.PROCESS);
            present.add(none);
            counts.put(none, 1);
            CheckResult seq = dev.ariadne.checker.weak.SequentialChecker.check(history, dt, options);
            for (var any : seq.counterexamples()) {
                if (!(any instanceof dev.ariadne.checker.report.SequentialCounterexample c)) continue;
                List<dev.ariadne.checker.report.TransactionalCounterexample.Txn> txns = new ArrayList<>();
                for (var o : c.operations()) txns.add(new dev.ariadne.checker.report.TransactionalCounterexample.Txn("T" + o.index(), o.process(), o.outcome(), o.description()));
                cex.add(new dev.ariadne.checker.report.TransactionalCounterexample(none.toString(), txns, List.of(),
                        "No order of the committed transactions that keeps each process's order explains every read (" + how + "): " + c.explanation()));
            }
        } else {
            notes.add("strong session serializability undecided: " + how + " stopped (" + order.why() + ")");
        }
        return new TransactionalAnalysis(a.unsupported(), present, a.incomplete(), cex, counts, a.transactions(), a.edges(), notes, a.versionOrderKnown(), witness, witnesses);
    }

    /**
     * The history with real time erased: every transaction invoked before any completes, each as a
     * process of its own (so neither real time nor process order constrains the order), indices kept.
     */
    static History timeless(History h) throws dev.ariadne.history.HistoryException {
        List<dev.ariadne.history.Op> invocations = new ArrayList<>();
        List<dev.ariadne.history.Op> completions = new ArrayList<>();
        for (dev.ariadne.history.Operation o : h.operations()) {
            com.fasterxml.jackson.databind.JsonNode p = dev.ariadne.history.Values.of(o.id());
            dev.ariadne.history.Op i = o.invoke();
            invocations.add(new dev.ariadne.history.Op(i.index(), dev.ariadne.history.Op.NO_TIME, p, i.type(), i.f(), i.value(), i.key(), i.error(), i.extra()));
            dev.ariadne.history.Op c = o.completion();
            if (c != null) completions.add(new dev.ariadne.history.Op(c.index(), dev.ariadne.history.Op.NO_TIME, p, c.type(), c.f(), c.value(), c.key(), c.error(), c.extra()));
        }
        invocations.addAll(completions);
        return History.of(invocations);
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
     * transactions included as Knossos treats them. Serializability (PL-3) is the same with real
     * time erased ({@link #timeless}): any order of the committed transactions that explains every
     * read, the unknown version orders resolved by the search rather than assumed.
     */
    private static TransactionalAnalysis byLinearizability(History history, TransactionalAnalysis a, CheckRequest request, boolean realTime) {
        History searched;
        try {
            searched = realTime ? history : timeless(history);
        } catch (dev.ariadne.history.HistoryException e) {
            return a;
        }
        CheckResult lin = LinearizabilityChecker.check(searched, BuiltinDatatype.MULTI_REGISTER.create(DatatypeOptions.DEFAULT),
                LinearizabilityFamily.options(request, request.timeoutMillis(), request.counterexamples()));
        List<String> notes = new ArrayList<>(a.notes());
        java.util.Set<String> witness = new java.util.LinkedHashSet<>(a.serialWitness());
        java.util.Set<AnomalyKind> present = new java.util.LinkedHashSet<>(a.present());
        java.util.Map<AnomalyKind, Integer> counts = new java.util.LinkedHashMap<>(a.counts());
        List<dev.ariadne.checker.report.TransactionalCounterexample> cex = new ArrayList<>(a.counterexamples());
        String how = "the linearizability search over the transactions as operations on one multi-register object"
                + (realTime ? "" : ", every transaction concurrent with every other");
        String model = realTime ? "strict serializability" : "serializability";
        AnomalyKind none = AnomalyKind.of(realTime ? AnomalyKind.Type.NONLINEARIZABLE : AnomalyKind.Type.NONSERIALIZABLE);
        dev.ariadne.checker.txn.Witnesses witnesses = a.witnesses();
        if (lin.verdict() == Verdict.VALID) {
            witness.addAll(realTime ? List.of("data", "process", "realtime") : List.of("data"));
            notes.add(model + " decided by " + how + ": a" + (realTime ? " real-time" : "") + " serial order exists");
            if (lin.witness() != null) {
                java.util.Map<Long, Integer> byIndex = new java.util.HashMap<>();
                for (var o : history.operations()) byIndex.put(o.index(), o.id());
                int[] order = new int[lin.witness().order().length];
                for (int i = 0; i < order.length; i++) order[i] = byIndex.get(lin.witness().order()[i]);
                witnesses = witnesses.withFallback(realTime ? dev.ariadne.checker.txn.Witnesses.Kind.SERIAL_REALTIME : dev.ariadne.checker.txn.Witnesses.Kind.SERIAL,
                        dev.ariadne.checker.report.TransactionalWitness.serial(order, (realTime ? "a serial order respecting real time" : "a serial order")
                                + " (the linearization found by " + how + ")"));
            }
        } else if (lin.verdict() == Verdict.INVALID) {
            present.add(none);
            counts.put(none, 1);
            for (var c : lin.counterexamples()) {
                if (!(c instanceof dev.ariadne.checker.report.LinearizabilityCounterexample lc)) continue;
                List<dev.ariadne.checker.report.TransactionalCounterexample.Txn> txns = new ArrayList<>();
                for (var o : lc.operations()) txns.add(new dev.ariadne.checker.report.TransactionalCounterexample.Txn("T" + o.index(), o.process(), o.outcome(), o.description()));
                cex.add(new dev.ariadne.checker.report.TransactionalCounterexample(none.toString(), txns, List.of(),
                        (realTime ? "No order of the transactions within their real-time intervals" : "No order of the committed transactions")
                                + " explains every read (" + how + "): " + lc.explanation()));
            }
        } else {
            notes.add(model + " undecided: " + how + " ran out of budget (" + lin.summary() + ")");
        }
        return new TransactionalAnalysis(a.unsupported(), present, a.incomplete(), cex, counts, a.transactions(), a.edges(), notes, a.versionOrderKnown(), witness, witnesses);
    }
}
