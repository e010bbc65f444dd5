package dev.ariadne.checker.model;

import dev.ariadne.checker.datatype.Capability;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.search.Budget;
import dev.ariadne.checker.txn.TransactionalAnalysis;
import dev.ariadne.checker.txn.TransactionalChecker;
import dev.ariadne.history.History;


/**
 * The transactional models on list-append and rw-register histories: one analysis (dependency graph,
 * anomalies, witnesses) decides them all ({@link IsolationLevels}, {@link Certification}); on
 * rw-register, the serializable models the replay leaves open are searched for as orders of the store
 * as one object ({@link SerialOrderSearches}).
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
        if (dtName.equals("rw-register")) a = SerialOrderSearches.settle(history, a, request);
        return a;
    }
}
