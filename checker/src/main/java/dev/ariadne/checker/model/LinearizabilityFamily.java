package dev.ariadne.checker.model;

import dev.ariadne.checker.datatype.Capability;
import dev.ariadne.checker.linearizable.LinearizabilityChecker;
import dev.ariadne.checker.report.CheckResult;

/** Linearizability (Herlihy and Wing 1990) by the P-compositional search over any sequential specification. */
final class LinearizabilityFamily {
    private LinearizabilityFamily() {}

    static void register(CheckRegistry r) {
        r.register(ConsistencyModel.LINEARIZABLE, new Check() {
            @Override
            public String refuses(Target t) {
                return singleObject(t);
            }

            @Override
            public CheckResult run(Target t) {
                return LinearizabilityChecker.check(t.history(), t.spec(), options(t.request(), t.request().timeoutMillis(), t.request().counterexamples()));
            }
        });
    }

    /** Null when the datatype has a sequential specification; the refusal of a single-object model otherwise. */
    static String singleObject(Target t) {
        if (t.spec() != null) return null;
        if (t.has(Capability.MESSAGES)) return t.model().cliName() + " is a single-object model; " + t.datatypeName() + " histories are checked for fifo-order, causal-order and total-order (see ariadne models)";
        if (t.has(Capability.LOG)) return t.model().cliName() + " is a single-object model; log histories are checked for the log model (see ariadne models)";
        return t.model().cliName() + " is a single-object model; " + t.datatypeName() + " histories are checked for transactional models (see ariadne models)";
    }

    /** The search's options from the request's limits. */
    static LinearizabilityChecker.Options options(CheckRequest request, long timeoutMillis, boolean counterexamples) {
        LinearizabilityChecker.Options d = LinearizabilityChecker.Options.defaults();
        return new LinearizabilityChecker.Options(timeoutMillis, request.memoryBytes() > 0 ? request.memoryBytes() : d.memoBytes(),
                request.threads() > 0 ? request.threads() : d.threads(), d.minimizeMillis(), counterexamples, request.cancellation());
    }
}
