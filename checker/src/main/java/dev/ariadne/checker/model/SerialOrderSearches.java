package dev.ariadne.checker.model;

import dev.ariadne.checker.datatype.BuiltinDatatype;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.linearizable.LinearizabilityChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.OpView;
import dev.ariadne.checker.report.TransactionalCounterexample;
import dev.ariadne.checker.report.TransactionalWitness;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.checker.txn.AnomalyKind;
import dev.ariadne.checker.txn.TransactionalAnalysis;
import dev.ariadne.checker.txn.Witnesses;
import dev.ariadne.checker.weak.SequentialChecker;
import dev.ariadne.history.History;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.Op;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The serializable models of an rw-register history as orders of the whole store, one object whose
 * operations are the transactions (multi-register), searched for where the greedy replay found none:
 * strict serializability is linearizability of that object (Herlihy and Wing; Adya's PL-SS),
 * serializability (PL-3) is the same with real time erased ({@link #timeless}), and strong session
 * serializability (Daudjee and Salem 2004) is its sequential consistency (Lamport 1979: each process's
 * order kept). The searches resolve the unknown version orders instead of assuming them, so each
 * answers VALID with its order as the witness (for the independent verifier), INVALID with the
 * search's shrunk set of transactions, or UNKNOWN when its budget runs out. Info transactions may
 * have committed or not, as Knossos treats them.
 */
final class SerialOrderSearches {
    private SerialOrderSearches() {}

    static TransactionalAnalysis settle(History history, TransactionalAnalysis a, CheckRequest request) {
        if (a.unsupported() != null) return a;
        ConsistencyModel m = request.model();
        if (wanted(m, ConsistencyModel.STRICT_SERIALIZABLE) && !a.serialWitness().contains("realtime") && clean(a, ConsistencyModel.STRICT_SERIALIZABLE)) {
            a = byLinearizability(history, a, request, true);
        }
        if (wanted(m, ConsistencyModel.SERIALIZABLE) && !a.serialWitness().contains("data") && clean(a, ConsistencyModel.SERIALIZABLE)) {
            a = byLinearizability(history, a, request, false);
        }
        // A model serializability settles needs no session order: the harder search runs only for the models that do.
        if (wanted(m, ConsistencyModel.STRONG_SESSION_SERIALIZABLE) && (m == null || !ModelLattice.implies(ConsistencyModel.SERIALIZABLE, m))
                && !a.serialWitness().contains("process") && clean(a, ConsistencyModel.STRONG_SESSION_SERIALIZABLE)) {
            a = bySequentialConsistency(history, a, request);
        }
        return a;
    }

    /** Whether the request asks for a model that only an order of this kind can prove (one {@code kind} implies, above causal). */
    private static boolean wanted(ConsistencyModel m, ConsistencyModel kind) {
        if (m == null) return true;
        if (m == ConsistencyModel.CAUSAL) m = ConsistencyModel.CAUSAL_TRANSACTIONAL;
        return ModelLattice.implies(kind, m) && !ModelLattice.implies(ConsistencyModel.CAUSAL_TRANSACTIONAL, m);
    }

    private static boolean clean(TransactionalAnalysis a, ConsistencyModel m) {
        return Collections.disjoint(a.present(), IsolationLevels.forbidden(m));
    }

    private static final String OBJECT = " over the transactions as operations on one multi-register object";

    /**
     * Time for each of the searches this class adds (serializable, strong session) when the request
     * sets none: where the replay found no order on a large history the search can wander for long,
     * and an UNKNOWN that says so is better than a check that never ends. {@code --timeout} sets it.
     */
    static final long DEFAULT_SEARCH_MILLIS = 5_000;

    private static long searchMillis(CheckRequest request) {
        return request.timeoutMillis() > 0 ? request.timeoutMillis() : DEFAULT_SEARCH_MILLIS;
    }

    private static TransactionalAnalysis byLinearizability(History history, TransactionalAnalysis a, CheckRequest request, boolean realTime) {
        History searched;
        try {
            searched = realTime ? history : timeless(history);
        } catch (HistoryException e) {
            return a;
        }
        // The strict search keeps the request's own limits, as it always has; the serializable one gets a default time limit.
        long millis = realTime ? request.timeoutMillis() : searchMillis(request);
        CheckResult lin = LinearizabilityChecker.check(searched, BuiltinDatatype.MULTI_REGISTER.create(DatatypeOptions.DEFAULT),
                LinearizabilityFamily.options(request, millis, request.counterexamples()));
        String how = "the linearizability search" + OBJECT + (realTime ? "" : ", every transaction concurrent with every other");
        Found f = realTime
                ? new Found("strict serializability", List.of("data", "process", "realtime"), Witnesses.Kind.SERIAL_REALTIME, "a serial order respecting real time",
                        AnomalyKind.of(AnomalyKind.Type.NONLINEARIZABLE), "No order of the transactions within their real-time intervals", how)
                : new Found("serializability", List.of("data"), Witnesses.Kind.SERIAL, "a serial order",
                        AnomalyKind.of(AnomalyKind.Type.NONSERIALIZABLE), "No order of the committed transactions", how);
        int[] order = null;
        if (lin.verdict() == Verdict.VALID && lin.witness() != null) {
            Map<Long, Integer> byIndex = new HashMap<>();
            for (Operation o : history.operations()) byIndex.put(o.index(), o.id());
            order = new int[lin.witness().order().length];
            for (int i = 0; i < order.length; i++) order[i] = byIndex.get(lin.witness().order()[i]);
        }
        List<Proof> proofs = new ArrayList<>();
        for (var c : lin.counterexamples()) {
            if (c instanceof dev.ariadne.checker.report.LinearizabilityCounterexample lc) proofs.add(new Proof(lc.operations(), lc.explanation()));
        }
        return f.apply(history, a, lin.verdict(), order, proofs, "ran out of budget (" + lin.summary() + ")"
                + (realTime || request.timeoutMillis() > 0 ? "" : "; it has " + millis / 1000 + " s unless --timeout says otherwise"));
    }

    private static TransactionalAnalysis bySequentialConsistency(History history, TransactionalAnalysis a, CheckRequest request) {
        var dt = BuiltinDatatype.MULTI_REGISTER.create(DatatypeOptions.DEFAULT);
        var options = new SequentialChecker.Options(searchMillis(request),
                request.memoryBytes() > 0 ? request.memoryBytes() : LinearizabilityChecker.Options.defaults().memoBytes(),
                Math.max(1000, searchMillis(request) / 4), request.cancellation());
        SequentialChecker.Order order = SequentialChecker.order(history, dt, options);
        List<Proof> proofs = new ArrayList<>();
        if (order.verdict() == Verdict.INVALID) {
            for (var c : SequentialChecker.check(history, dt, options).counterexamples()) {
                if (c instanceof dev.ariadne.checker.report.SequentialCounterexample sc) proofs.add(new Proof(sc.operations(), sc.explanation()));
            }
        }
        Found f = new Found("strong session serializability", List.of("data", "process"), Witnesses.Kind.SERIAL_PROCESS, "a serial order keeping each process's order",
                AnomalyKind.of(AnomalyKind.Type.NONSERIALIZABLE, AnomalyKind.Order.PROCESS), "No order of the committed transactions that keeps each process's order",
                "the sequential-consistency search" + OBJECT);
        return f.apply(history, a, order.verdict(), order.ids(), proofs, "stopped (" + order.why() + ")"
                + (request.timeoutMillis() > 0 ? "" : "; it has " + searchMillis(request) / 1000 + " s unless --timeout says otherwise"));
    }

    /** A search's proof that no order exists: the transactions it kept, and its explanation. */
    private record Proof(List<OpView> operations, String explanation) {}

    /** What one search decides and how its answer enters the analysis. */
    private record Found(String model, List<String> satisfied, Witnesses.Kind kind, String orderIs, AnomalyKind none, String noOrder, String how) {

        TransactionalAnalysis apply(History history, TransactionalAnalysis a, Verdict v, int[] order, List<Proof> proofs, String undecided) {
            List<String> notes = new ArrayList<>(a.notes());
            Set<String> witness = new LinkedHashSet<>(a.serialWitness());
            Set<AnomalyKind> present = new LinkedHashSet<>(a.present());
            Map<AnomalyKind, Integer> counts = new LinkedHashMap<>(a.counts());
            List<TransactionalCounterexample> cex = new ArrayList<>(a.counterexamples());
            Witnesses witnesses = a.witnesses();
            if (v == Verdict.VALID) {
                witness.addAll(satisfied);
                notes.add(model + " decided by " + how + ": " + orderIs + " exists");
                if (order != null) witnesses = witnesses.withFallback(kind, TransactionalWitness.serial(order, orderIs + " (found by " + how + ")"));
            } else if (v == Verdict.INVALID) {
                present.add(none);
                counts.put(none, 1);
                Map<Long, Operation> byIndex = new HashMap<>();
                for (Operation o : history.operations()) byIndex.put(o.index(), o);
                for (Proof p : proofs) {
                    List<TransactionalCounterexample.Txn> txns = new ArrayList<>();
                    for (OpView o : p.operations()) {
                        // Named by the history's own process (the timeless copy gives each transaction a process of its own).
                        Operation orig = byIndex.get(o.index());
                        String process = orig == null ? o.process() : Values.show(history.processName(orig.process()));
                        txns.add(new TransactionalCounterexample.Txn("T" + o.index(), process, o.outcome(), o.description()));
                    }
                    cex.add(new TransactionalCounterexample(none.toString(), txns, List.of(), noOrder + " explains every read (" + how + "): " + p.explanation()));
                }
            } else {
                notes.add(model + " undecided: " + how + " " + undecided);
            }
            return new TransactionalAnalysis(a.unsupported(), present, a.incomplete(), cex, counts, a.transactions(), a.edges(), notes, a.versionOrderKnown(),
                    witness, witnesses);
        }
    }

    /**
     * The history with real time erased: every transaction invoked before any completes, each as a
     * process of its own (so neither real time nor process order constrains the order), indices kept.
     */
    static History timeless(History h) throws HistoryException {
        List<Op> invocations = new ArrayList<>();
        List<Op> completions = new ArrayList<>();
        for (Operation o : h.operations()) {
            var p = Values.of(o.id());
            Op i = o.invoke();
            invocations.add(new Op(i.index(), Op.NO_TIME, p, i.type(), i.f(), i.value(), i.key(), i.error(), i.extra()));
            Op c = o.completion();
            if (c != null) completions.add(new Op(c.index(), Op.NO_TIME, p, c.type(), c.f(), c.value(), c.key(), c.error(), c.extra()));
        }
        invocations.addAll(completions);
        return History.of(invocations);
    }
}
