package dev.ariadne.checker.weak;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.LinearizabilityCounterexample;
import dev.ariadne.checker.report.OpView;
import dev.ariadne.checker.report.PartitionResult;
import dev.ariadne.checker.report.SequentialCounterexample;
import dev.ariadne.checker.report.Timeline;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.checker.search.Budget;
import dev.ariadne.checker.search.Cancellation;
import dev.ariadne.checker.search.Outcome;
import dev.ariadne.checker.search.Shrinker;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks sequential consistency (Lamport, "How to make a multiprocessor computer that correctly
 * executes multiprocess programs", 1979): there is one total order of all operations that respects
 * each process's program order (its order of invocations) and the datatype's sequential
 * specification. Real time plays no part. Jepsen's outcomes keep their meaning: {@code fail}
 * operations did not happen; {@code info} ones may have happened, or not.
 *
 * <p>Deciding it is NP-complete in general (Gibbons and Korach 1997), and unlike linearizability it
 * is not compositional: keys cannot be checked apart, so the whole history is searched at once
 * ({@link FrontierSearch}). A violation is shrunk by relaxation ({@link Shrinker}) to a 1-minimal,
 * re-verified counterexample.
 */
public final class SequentialChecker {
    private SequentialChecker() {}

    /**
     * @param timeoutMillis  limit for the search (0: none); then the verdict is UNKNOWN
     * @param memoBytes      limit on the search memo's bytes
     * @param minimizeMillis limit on shrinking the counterexample
     */
    public record Options(long timeoutMillis, long memoBytes, long minimizeMillis, Cancellation cancellation) {
        public Options(long timeoutMillis, long memoBytes, long minimizeMillis) {
            this(timeoutMillis, memoBytes, minimizeMillis, Cancellation.NEVER);
        }
    }

    public static <S, I> CheckResult check(History history, Datatype<S, I> datatype, Options options) {
        long start = System.nanoTime();
        Decision d = decide(history, new SequentialProblem<>(history, datatype), options);
        long checkNanos = d.checkNanos;
        String summary = switch (d.verdict) {
            case VALID -> "The history is sequentially consistent.";
            case INVALID -> "The history is not sequentially consistent.";
            case UNKNOWN -> "Undecided: " + d.why + ".";
        };
        PartitionResult whole = new PartitionResult("*", d.operations, d.verdict, d.why, checkNanos, d.explored);
        return new CheckResult("sequential", datatype.name(), false, d.verdict, summary, List.of(whole),
                d.counterexample == null ? List.of() : List.of(d.counterexample),
                new CheckResult.Statistics(history.size(), 1, d.explored, checkNanos, System.nanoTime() - start - checkNanos), d.notes());
    }

    /** A sequentially consistent order: the verdict, the operations' ids in order (optional ones it skipped left out) when VALID, and why when UNKNOWN. */
    public record Order(Verdict verdict, int[] ids, String why) {}

    /** Searches for one order (no counterexample is built: {@link #check} does that). */
    public static <S, I> Order order(History history, Datatype<S, I> datatype, Options options) {
        SequentialProblem<S, I> problem = new SequentialProblem<>(history, datatype);
        Budget budget = Budget.of(options.timeoutMillis(), options.memoBytes(), options.cancellation());
        SequentialProblem.Prepared prepared = problem.prepare(problem.allRequired(), budget);
        FrontierSearch.Result r = prepared.search().run();
        if (r.outcome() == Outcome.UNKNOWN) return new Order(Verdict.UNKNOWN, null, whyUndecided(budget, r.explored()));
        if (r.outcome() != Outcome.HOLDS) return new Order(Verdict.INVALID, null, null);
        int[][] per = prepared.perProcess();
        int[] replay = new int[per.length];
        int[] ids = new int[r.order().length];
        int n = 0;
        for (int logged : r.order()) {
            int q = logged >= 0 ? logged : -1 - logged;
            int placed = per[q][replay[q]++];
            if (logged >= 0) ids[n++] = problem.ops.get(prepared.orig()[placed]).id();
        }
        return new Order(Verdict.VALID, java.util.Arrays.copyOf(ids, n), null);
    }

    /** Why a search stopped undecided. */
    private static String whyUndecided(Budget budget, long explored) {
        return budget.cancelledByCaller() ? "cancelled after " + explored + " search steps"
                : budget.expired() ? "the time limit ran out after " + explored + " search steps"
                : "the memory budget of " + (budget.memoBytes() >> 20) + " MiB for the search memo ran out after " + explored + " search steps";
    }

    /** The outcome of one search and, for a violation, its counterexample. */
    record Decision(Verdict verdict, String why, int operations, long explored, long checkNanos, SequentialCounterexample counterexample,
                    boolean minimal) {
        List<String> notes() {
            return verdict == Verdict.INVALID && !minimal ? List.of("the counterexample is verified but not shown 1-minimal (its budget ran out)") : List.of();
        }
    }

    /** Searches one problem (the whole history, or one process's view) and shrinks a violation. */
    static <S, I> Decision decide(History history, SequentialProblem<S, I> problem, Options options) {
        long start = System.nanoTime();
        Budget budget = Budget.of(options.timeoutMillis(), options.memoBytes(), options.cancellation());
        FrontierSearch.Result r = problem.prepare(problem.allRequired(), budget).search().run();
        long t1 = System.nanoTime();
        int n = problem.ops.size();
        if (r.outcome() == Outcome.HOLDS) return new Decision(Verdict.VALID, null, n, r.explored(), t1 - start, null, true);
        if (r.outcome() == Outcome.UNKNOWN) return new Decision(Verdict.UNKNOWN, whyUndecided(budget, r.explored()), n, r.explored(), t1 - start, null, true);
        Budget shrink = Budget.of(options.minimizeMillis(), options.memoBytes(), options.cancellation());
        Shrinker.Minimal m = Shrinker.minimize(problem, shrink, Math.max(200, 50 * (t1 - start) / 1_000_000));
        return new Decision(Verdict.INVALID, null, n, r.explored(), t1 - start, counterexample(history, problem, m, options), m.minimal());
    }

    @SuppressWarnings("unchecked")
    private static <S, I> SequentialCounterexample counterexample(History history, SequentialProblem<S, I> problem, Shrinker.Minimal m,
                                                                  Options options) {
        SequentialProblem.Prepared prepared = problem.prepare(m.keep(), Budget.of(0, options.memoBytes(), options.cancellation()));
        FrontierSearch.Result r = prepared.search().run();
        if (r.outcome() == Outcome.HOLDS) throw new IllegalStateException("internal error: a sequential counterexample does not verify");
        Datatype<S, I> dt = problem.datatype;
        List<OpView> ops = new ArrayList<>();
        for (int i = 0; i < m.keep().length; i++) if (m.keep()[i]) ops.add(view(history, dt, problem.ops.get(i)));
        List<LinearizabilityCounterexample.Step> order = new ArrayList<>();
        int[][] per = prepared.perProcess();
        int[] replay = new int[per.length];
        for (int k = 0; k < r.order().length; k++) {
            // The search logs the process that moved (negative for a skipped optional operation).
            int logged = r.order()[k];
            int q = logged >= 0 ? logged : -1 - logged;
            int placed = per[q][replay[q]++];
            if (logged < 0) continue;
            Operation o = problem.ops.get(prepared.orig()[placed]);
            order.add(new LinearizabilityCounterexample.Step(view(history, dt, o), dt.describeState((S) r.statesAfter()[k])));
        }
        S state = (S) r.deepestState();
        List<SequentialCounterexample.Blocked> blocked = new ArrayList<>();
        for (int q = 0; q < per.length; q++) {
            int at = r.deepest()[q];
            if (at >= per[q].length) continue;
            int i = prepared.orig()[per[q][at]];
            I in = problem.input(i);
            if (!(m.keep()[i] && problem.ops.get(i).isOk())) continue; // optional ones never block
            String why = dt.step(state, in) == null ? dt.whyIllegal(state, in) : "every order that places it next fails later";
            blocked.add(new SequentialCounterexample.Blocked(view(history, dt, problem.ops.get(i)), why));
        }
        int relaxed = problem.ops.size() - Shrinker.count(m.keep());
        String viewOf = problem.viewOf < 0 ? null
                : history.processName(problem.viewOf) == null ? "?" + problem.viewOf : Values.show(history.processName(problem.viewOf));
        return new SequentialCounterexample(problem.viewOf < 0 ? "sequential" : switch (problem.reads) {
            case PROGRAM_ORDER -> "pram";
            case AMONG_THEMSELVES -> "monotonic-reads";
            case AFTER_OWN_WRITES -> "read-your-writes";
            case FREE -> "monotonic-writes";
        }, viewOf, ops, relaxed, m.minimal(), order, blocked,
                dt.describeState(state), Timeline.render(ops), List.of());
    }

    static OpView view(History h, Datatype<?, ?> dt, Operation o) {
        return OpView.of(h, o, dt.describe(o));
    }
}
