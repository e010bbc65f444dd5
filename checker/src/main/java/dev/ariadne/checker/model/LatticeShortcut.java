package dev.ariadne.checker.model;

import dev.ariadne.checker.linearizable.LinearizabilityChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;

import java.util.List;

/**
 * The lattice as a wrapper around a check: a linearizable history is sequentially consistent and so
 * PRAM, causal memory and every session guarantee, and linearizability is compositional and fast to
 * decide, so it settles the common case before a costly search. Only VALID carries over (a history
 * that is not linearizable may still keep the weaker model).
 */
final class LatticeShortcut implements Check {
    private final Check wrapped;

    LatticeShortcut(Check wrapped) {
        this.wrapped = wrapped;
    }

    @Override
    public String refuses(Target t) {
        return wrapped.refuses(t);
    }

    @Override
    public CheckResult run(Target t) {
        CheckRequest req = t.request();
        long quickMillis = req.timeoutMillis() > 0 ? req.timeoutMillis() / 4 + 1 : 30_000;
        LinearizabilityChecker.Options d = LinearizabilityChecker.Options.defaults();
        CheckResult lin = LinearizabilityChecker.check(t.history(), t.spec(),
                new LinearizabilityChecker.Options(quickMillis, d.memoBytes(), d.threads(), 0, false, req.cancellation()));
        if (lin.verdict() == Verdict.VALID) {
            String model = t.model().cliName();
            return new CheckResult(model, lin.datatype(), false, Verdict.VALID, "The history is " + model + " (it is even linearizable).",
                    lin.partitions(), List.of(), lin.statistics(), List.of("the history is linearizable, which implies " + model));
        }
        return wrapped.run(t);
    }
}
