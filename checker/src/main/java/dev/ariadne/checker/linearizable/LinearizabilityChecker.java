package dev.ariadne.checker.linearizable;

import dev.ariadne.checker.search.Budget;
import dev.ariadne.checker.search.Cancellation;
import dev.ariadne.checker.search.Outcome;
import dev.ariadne.checker.search.Shrinker;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Counterexample;
import dev.ariadne.checker.report.LinearizabilityCounterexample;
import dev.ariadne.checker.report.OpView;
import dev.ariadne.checker.report.CertifiedWitness;
import dev.ariadne.checker.report.PartitionResult;
import dev.ariadne.checker.report.Timeline;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Checks linearizability (Herlihy and Wing, 1990): every operation appears to take effect at one
 * instant between its invocation and its completion, in an order the datatype's sequential
 * specification allows. Jepsen's outcomes: {@code fail} operations never happened and are left out;
 * {@code info} and never-completed ones may take effect at any time after their invocation, or never.
 *
 * <p>The history is split into partitions over disjoint keys ({@link Partition}), each searched
 * ({@link Search}) on its own, in parallel; each non-linearizable partition is shrunk to a 1-minimal
 * counterexample ({@link Shrinker}), re-verified before it is reported.
 */
public final class LinearizabilityChecker {

    /**
     * @param timeoutMillis  wall-clock limit for the whole check (0: none); then the verdict is UNKNOWN
     * @param memoBytes      limit on the bytes all searches' memos may hold at once
     * @param threads        partitions searched at once
     * @param minimizeMillis limit on shrinking each counterexample (then the one found so far is shown)
     * @param counterexamples whether to build counterexamples at all (benchmarks of the verdict alone turn it off).
     *                        Once one partition is not linearizable, the others get {@link #GRACE_MILLIS} more to
     *                        finish (none without counterexamples): the verdict is known.
     */
    public record Options(long timeoutMillis, long memoBytes, int threads, long minimizeMillis, boolean counterexamples, Cancellation cancellation) {
        public Options(long timeoutMillis, long memoBytes, int threads, long minimizeMillis, boolean counterexamples) {
            this(timeoutMillis, memoBytes, threads, minimizeMillis, counterexamples, Cancellation.NEVER);
        }

        /** Cached: on Linux, asking the runtime for its processors reads cgroup files, which costs more than a small check. */
        private static final Options DEFAULTS = new Options(0, Runtime.getRuntime().maxMemory() / 4,
                Runtime.getRuntime().availableProcessors(), 30_000, true);

        public static Options defaults() {
            return DEFAULTS;
        }

        public Options withTimeout(long millis) {
            return new Options(millis, memoBytes, threads, minimizeMillis, counterexamples, cancellation);
        }

        public static final long GRACE_MILLIS = 2_000;

        public Options withoutCounterexamples() {
            return new Options(timeoutMillis, memoBytes, threads, minimizeMillis, false, cancellation);
        }
    }

    private LinearizabilityChecker() {}

    /** The check's own workers, shut down when it ends: concurrent checks never share (or starve) a pool. */
    private static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ariadne-search");
            t.setDaemon(true);
            return t;
        });
    }

    /** A partition's outcome; {@code cexFrom}/{@code cexTo} bound (in System.nanoTime) the building of its counterexample, 0 without one. */
    private record Done(PartitionResult result, Counterexample counterexample, long cexFrom, long cexTo, String note, long[] linearization) {
        Done(PartitionResult result, Counterexample counterexample, long cexFrom, long cexTo, String note) {
            this(result, counterexample, cexFrom, cexTo, note, null);
        }
    }

    /** Histories up to this many operations keep every partition's readings from the first reading to the search (a test lowers it). */
    static int keepReadings = 1 << 20;

    public static <S, I> CheckResult check(History history, Datatype<S, I> datatype, Options options) {
        long start = System.nanoTime();
        List<Partition> partitions = new ArrayList<>(Partition.split(history.operations(), datatype));
        partitions.sort(Comparator.comparingInt((Partition p) -> -p.operations().size()));
        // Read every operation first, so that unusable input fails before any search starts. A large history's
        // partitions are read again when each is searched, so that all its readings are never held at once.
        boolean keep = history.operations().size() <= keepReadings;
        List<Problem<S, I>> problems = new ArrayList<>();
        for (Partition p : partitions) {
            Problem<S, I> prob = new Problem<>(datatype, p.operations());
            problems.add(keep ? prob : null);
        }

        Budget budget = Budget.of(options.timeoutMillis(), options.memoBytes(), options.cancellation());
        options.cancellation().progress().phase("searching for a linearization");
        options.cancellation().progress().partitions(partitions.size());
        int threads = Math.max(1, Math.min(options.threads(), partitions.size()));
        Budget each = budget.share(threads);
        List<Done> outcomes = new ArrayList<>();
        if (threads == 1) {
            for (int i = 0; i < partitions.size(); i++) outcomes.add(checkPartition(history, partitions.get(i), problems.get(i), datatype, each, options));
        } else {
            ExecutorService pool = pool(threads);
            try {
                List<Future<Done>> futures = new ArrayList<>();
                for (int i = 0; i < partitions.size(); i++) {
                    Partition part = partitions.get(i);
                    Problem<S, I> prob = problems.get(i);
                    futures.add(pool.submit(() -> checkPartition(history, part, prob, datatype, each, options)));
                }
                boolean interrupted = false;
                for (Future<Done> f : futures) {
                    while (true) {
                        try {
                            outcomes.add(f.get());
                            break;
                        } catch (InterruptedException e) {
                            // The caller's thread was interrupted: the workers stop at their next poll, each partition UNKNOWN.
                            interrupted = true;
                            budget.cancelled().set(true);
                        }
                    }
                }
                if (interrupted) Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                budget.cancelled().set(true);
                if (e.getCause() instanceof RuntimeException re) throw re;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }

        Verdict verdict = Verdict.VALID;
        List<PartitionResult> results = new ArrayList<>();
        List<Counterexample> cex = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long explored = 0;
        // Partitions build their counterexamples side by side: the time spent is the span from the first
        // start to the last end, not the sum (which can exceed the whole check's wall time).
        long cexFrom = Long.MAX_VALUE;
        long cexTo = Long.MIN_VALUE;
        int invalid = 0;
        int unknown = 0;
        for (Done o : outcomes) {
            results.add(o.result);
            verdict = verdict.and(o.result.verdict());
            explored += o.result.explored();
            if (o.cexTo != 0) {
                cexFrom = Math.min(cexFrom, o.cexFrom);
                cexTo = Math.max(cexTo, o.cexTo);
            }
            if (o.counterexample != null) cex.add(o.counterexample);
            if (o.note != null) notes.add(o.note);
            if (o.result.verdict() == Verdict.INVALID) invalid++;
            if (o.result.verdict() == Verdict.UNKNOWN) unknown++;
        }
        int n = partitions.size();
        String where = n == 1 ? "" : " (" + n + " partitions by key)";
        String summary = switch (verdict) {
            case VALID -> "The history is linearizable" + where + ".";
            case INVALID -> (n == 1 ? "The history is not linearizable." : invalid + " of " + n + " partitions "
                    + (invalid == 1 ? "is" : "are") + " not linearizable" + (unknown > 0 ? "; " + unknown + " were left undecided." : "."));
            case UNKNOWN -> "Undecided: " + unknown + " of " + n + " partitions ran out of budget before a verdict"
                    + (n > 1 ? "; the other " + (n - unknown) + " are linearizable." : ".");
        };
        long total = System.nanoTime() - start;
        long cexNanos = cexFrom == Long.MAX_VALUE ? 0 : Math.min(total, Math.max(0, cexTo - cexFrom));
        // One partition that holds: its linearization is a witness others may check (a serial order of transactions).
        CertifiedWitness lin = n == 1 && verdict == Verdict.VALID && outcomes.get(0).linearization() != null
                ? new CertifiedWitness("a linearization found by the search", "LINEARIZATION", outcomes.get(0).linearization(), null, null, null, false) : null;
        return new CheckResult("linearizable", datatype.name(), false, verdict, summary, results, cex,
                new CheckResult.Statistics(history.size(), n, explored, total - cexNanos, cexNanos), notes, lin);
    }

    /** Searches one partition; {@code kept} is its readings, or null when they were not kept (then read here, and dropped after). */
    private static <S, I> Done checkPartition(History history, Partition part, Problem<S, I> kept, Datatype<S, I> datatype, Budget budget, Options options) {
        long t0 = System.nanoTime();
        Problem<S, I> prob = kept != null ? kept : new Problem<>(datatype, part.operations());
        Problem<S, I>.Run run = prob.prepare(prob.allRequired(), budget, false);
        Search.Result r = run.search.run();
        long t1 = System.nanoTime();
        budget.caller().progress().partitionDone();
        int size = prob.ops.size();
        switch (r.outcome()) {
            case HOLDS: {
                // The order the search found: each operation that took effect, by its invocation's index.
                long[] order = new long[r.longest().length];
                for (int i = 0; i < order.length; i++) order[i] = prob.ops.get(run.orig[r.longest()[i]]).index();
                return new Done(new PartitionResult(part.label(), size, Verdict.VALID, null, t1 - t0, r.explored()), null, 0, 0, null, order);
            }
            case UNKNOWN: {
                String why = budget.cancelled().get() || budget.cancelledByCaller() ? "cancelled"
                        : budget.stopped() ? "stopped unfinished: another partition already shows the history is not linearizable"
                        : (budget.deadlineNanos() != Long.MAX_VALUE && System.nanoTime() - budget.deadlineNanos() > 0)
                        ? "the time limit ran out after " + r.explored() + " search steps"
                        : "the memory budget of " + (budget.memoBytes() >> 20) + " MiB for the search memo ran out after " + r.explored() + " search steps";
                return new Done(new PartitionResult(part.label(), size, Verdict.UNKNOWN, why, t1 - t0, r.explored()), null, 0, 0, null);
            }
            default:
                break;
        }
        budget.stopIn(options.counterexamples() ? Options.GRACE_MILLIS * 1_000_000L : 0);
        if (!options.counterexamples()) {
            return new Done(new PartitionResult(part.label(), size, Verdict.INVALID, null, t1 - t0, r.explored()), null, 0, 0, null);
        }
        budget.caller().progress().phase("shrinking a counterexample");
        long deadline = Math.min(budget.deadlineNanos(), System.nanoTime() + options.minimizeMillis() * 1_000_000L);
        Budget shrink = new Budget(deadline, budget.memoBytes(), budget.cancelled(), budget.caller());
        Shrinker.Minimal m = Shrinker.minimize(prob, shrink, Math.max(200, 50 * (t1 - t0) / 1_000_000));
        Counterexample c = counterexample(history, part, prob, m, budget);
        long t2 = System.nanoTime();
        String note = m.minimal() ? null : "partition " + part.label() + ": the counterexample is verified but not shown 1-minimal (its budget ran out)";
        return new Done(new PartitionResult(part.label(), size, Verdict.INVALID, null, t1 - t0, r.explored()), c, t1, t2, note);
    }

    private static <S, I> LinearizabilityCounterexample counterexample(History history, Partition part, Problem<S, I> prob,
                                                                       Shrinker.Minimal m, Budget budget) {
        // The shrinker verified the set; this search only finds the longest partial linearization to show,
        // so it gets a bounded slice of time and, if that runs out, the report shows the operations alone.
        Problem<S, I>.Run run = prob.prepare(m.keep(), new Budget(System.nanoTime() + DISPLAY_MILLIS * 1_000_000L, budget.memoBytes(), budget.cancelled(), budget.caller()),
                true, false, true);
        Search.Result r = run.search.run();
        if (r.outcome() == Outcome.HOLDS) {
            throw new IllegalStateException("internal error: counterexample for partition " + part.label() + " does not verify");
        }
        Datatype<S, I> dt = prob.datatype;
        List<OpView> ops = new ArrayList<>();
        for (int i = 0; i < m.keep().length; i++) if (m.keep()[i]) ops.add(view(history, dt, prob.ops.get(i)));
        int relaxedCount = prob.ops.size() - Shrinker.count(m.keep());
        if (r.outcome() == Outcome.UNKNOWN) {
            return new LinearizabilityCounterexample(part.label(), ops, relaxedCount, m.minimal(), List.of(), null, null,
                    "the longest partial linearization was not computed within " + DISPLAY_MILLIS + " ms", Timeline.render(ops));
        }
        List<LinearizabilityCounterexample.Step> steps = new ArrayList<>();
        for (int k = 0; k < r.longest().length; k++) {
            Operation o = prob.ops.get(run.orig[r.longest()[k]]);
            @SuppressWarnings("unchecked") S after = (S) r.statesAfter()[k];
            steps.add(new LinearizabilityCounterexample.Step(view(history, dt, o), dt.describeState(after)));
        }
        OpView stuck = null;
        String stuckState = null;
        String reason = null;
        if (r.stuck() >= 0) {
            int i = run.orig[r.stuck()];
            @SuppressWarnings("unchecked") S s = (S) r.stuckState();
            stuck = view(history, dt, prob.ops.get(i));
            stuckState = dt.describeState(s);
            I in = prob.input(i);
            reason = dt.step(s, in) == null ? dt.whyIllegal(s, in)
                    : "every order that places it there fails later";
        }
        int relaxed = prob.ops.size() - Shrinker.count(m.keep());
        return new LinearizabilityCounterexample(part.label(), ops, relaxed, m.minimal(), steps, stuck, stuckState, reason, Timeline.render(ops));
    }

    /** Time for the search that finds a counterexample's longest partial linearization, to show it. */
    static final long DISPLAY_MILLIS = 5_000;

    static OpView view(History h, Datatype<?, ?> dt, Operation o) {
        return OpView.of(h, o, dt.describe(o));
    }
}
