package dev.ariadne.checker.model;

import dev.ariadne.checker.linearizable.LinearizabilityChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;

import java.util.List;

/**
 * The lattice before a costly search: a linearizable history is sequentially consistent and so
 * PRAM, causal memory and every session guarantee, and linearizability is compositional and fast to
 * decide, so it settles the common case first. Only VALID carries over (a history
 * that is not linearizable may still keep the weaker model).
 */
final class LatticeShortcut {
    private LatticeShortcut() {}

    /** The target's model as VALID because the history is linearizable, or null when it is not shown to be (within a quarter of the time). */
    static CheckResult settle(Target t) {
        CheckRequest req = t.request();
        long quickMillis = req.timeoutMillis() > 0 ? req.timeoutMillis() / 4 + 1 : 30_000;
        LinearizabilityChecker.Options d = LinearizabilityChecker.Options.defaults();
        CheckResult lin = LinearizabilityChecker.check(t.history(), t.spec(),
                new LinearizabilityChecker.Options(quickMillis, d.memoBytes(), d.threads(), 0, false, req.cancellation()));
        if (lin.verdict() != Verdict.VALID) return null;
        String model = t.model().cliName();
        return new CheckResult(model, lin.datatype(), false, Verdict.VALID, "The history is " + model + " (it is even linearizable).",
                lin.partitions(), List.of(), lin.statistics(), List.of("the history is linearizable, which implies " + model));
    }
}
