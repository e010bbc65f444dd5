package dev.ariadne.checker.weak;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;

import java.util.List;

/**
 * Causal memory (CM; Ahamad, Neiger, Burns, Kohli and Hutto, "Causal memory: definitions,
 * implementation and programming", 1995; the CM of Bouajjani et al. 2017): each process has a view,
 * a legal order of its own operations and every process's writes, that keeps causal order
 * CO = (program order ∪ read-from)+. It implies CC (each read explained by its causal past) and PRAM
 * (the same views, keeping only program order). Decided on differentiated histories in polynomial
 * time: the CC bad patterns first, then each process's view by saturation over causal order
 * ({@link ViewSaturation#decideCausal}: Bouajjani et al.'s CyclicHB and WriteHBInitRead), a
 * violation re-verified by the frontier search of PRAM with every operation gated on its causal
 * past, which also decides any view the saturation gives up on.
 */
public final class CausalMemoryChecker {
    private CausalMemoryChecker() {}

    public static <S, I> CheckResult check(History history, Datatype<S, I> datatype, String dtName, DatatypeOptions options,
                                           SequentialChecker.Options searchOptions) {
        CheckResult cc = CausalChecker.check(history, dtName, options);
        if (cc.verdict() != Verdict.VALID) {
            String summary = cc.verdict() == Verdict.INVALID ? "The history is not causal memory, as it is not even causally consistent: " + cc.counterexamples().get(0).kind() + "."
                    : cc.summary();
            return new CheckResult("causal-memory", cc.datatype(), false, cc.verdict(), summary, cc.partitions(), cc.counterexamples(), cc.statistics(), cc.notes());
        }
        ReadWriteHistory rw = ReadWriteHistory.of(history, dtName, options);
        long entries = (long) rw.nodes.size() * Math.max(1, history.processCount());
        if (entries > CausalChecker.MAX_CLOCK_ENTRIES) {
            // Each process's view is saturated over vector clocks of one entry per process per operation.
            String why = "the views' vector clocks of " + rw.nodes.size() + " operations over " + history.processCount()
                    + " processes would take more than " + CausalChecker.MAX_CLOCK_ENTRIES + " entries (the history is causally consistent)";
            return new CheckResult("causal-memory", cc.datatype(), false, Verdict.UNKNOWN, "Undecided: " + why + ".", cc.partitions(), List.of(),
                    cc.statistics(), List.of(why));
        }
        CausalOrder order = rw.causalOrder();
        // CC holds, so read-from is unambiguous and causal order acyclic: each view is decided by saturation
        // over causal order (Bouajjani et al.'s per-process happens-before), the search only where that gives up.
        ViewIndex index = rw.index();
        return PramChecker.views(history, datatype, searchOptions, SequentialProblem.Reads.PROGRAM_ORDER, order, rw, index);
    }
}
