package dev.ariadne.checker.weak;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Counterexample;
import dev.ariadne.checker.report.PartitionResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks PRAM, or FIFO consistency (Lipton and Sandberg, "PRAM: a scalable shared memory", 1988):
 * every process sees the writes of every process in the order they were issued, with its own
 * operations in program order. Each process's view is checked on its own: its operations together
 * with the effects of every other process's operations (reads of others play no part; another
 * process's cas is the write of its new value), in one order that keeps each process's order and
 * the datatype's specification. That is sequential consistency of each view, decided by the same
 * frontier search ({@link FrontierSearch}).
 *
 * <p>Under Brzezinski, Sobaniec and Wawrzyniak's session guarantees, PRAM is exactly
 * read-your-writes, monotonic reads and monotonic writes together; sequential consistency implies
 * it, so a history that violates PRAM is neither causal nor sequential.
 */
public final class PramChecker {
    private PramChecker() {}

    /**
     * The per-process view models this class decides (Terry et al. 1994; Lipton and Sandberg 1988):
     * what each process's view keeps of the others' writes and of its own reads.
     */
    public enum View {
        /** Every process's operations in program order, in every view. */
        PRAM(SequentialProblem.Reads.PROGRAM_ORDER),
        /** Every process's writes in issue order; the viewer's reads in their order, free of its own writes. */
        MONOTONIC_READS(SequentialProblem.Reads.AMONG_THEMSELVES),
        /** Every process's writes in issue order; each read of the viewer after its own earlier writes. */
        READ_YOUR_WRITES(SequentialProblem.Reads.AFTER_OWN_WRITES),
        /** Every process's writes in issue order; the viewer's reads free. */
        MONOTONIC_WRITES(SequentialProblem.Reads.FREE);

        final SequentialProblem.Reads reads;

        View(SequentialProblem.Reads reads) {
            this.reads = reads;
        }
    }

    /**
     * How to read a register or key-value history as reads and writes of keys ({@code register},
     * {@code cas-register} or {@code kv}, with its options), which lets a view on a history whose
     * values are unique per key be decided in polynomial time ({@link ViewSaturation},
     * {@link ReadYourWritesScan}) before any search. Histories with cas or append, or with a value
     * written twice, still go to the search.
     */
    public record ReadWrite(String datatype, DatatypeOptions options) {}

    /**
     * The view model decided without search when the history is a read/write history with every value
     * written once per key (monotonic writes only on blind writes); null otherwise, for the caller to
     * try the lattice and then {@link #check}. Views the saturation gives up on are still searched.
     */
    public static <S, I> CheckResult checkIfDifferentiated(History history, Datatype<S, I> datatype, SequentialChecker.Options options,
                                                           ReadWrite readWrite, View view) {
        if (view == View.MONOTONIC_WRITES) return everyReadWritten(history, datatype);
        ViewIndex index = index(history, readWrite);
        return index == null ? null : views(history, datatype, options, view.reads, null, null, index);
    }

    /** Whether the history reads as reads and writes of keys with every value written once per key (the polynomial case). */
    public static boolean differentiated(History history, ReadWrite readWrite) {
        return index(history, readWrite) != null;
    }

    private static ViewIndex index(History history, ReadWrite readWrite) {
        if (readWrite == null) return null;
        try {
            ReadWriteHistory rw = ReadWriteHistory.of(history, readWrite.datatype(), readWrite.options());
            return rw.ambiguity == null ? rw.index() : null;
        } catch (IllegalArgumentException e) {
            return null; // cas or append: only the search reads those
        }
    }

    /** How many views had to be searched although a read/write index was at hand (tests read it). */
    static final java.util.concurrent.atomic.AtomicLong SEARCHED_DESPITE_INDEX = new java.util.concurrent.atomic.AtomicLong();

    /**
     * The view model, each process's view searched. A process that reads 4 and then 3 of writes issued 3
     * then 4 breaks monotonic reads; one that writes 4 and then reads the initial value breaks
     * read-your-writes; one that reads a value another process wrote after a second value, where that
     * second overwrote the first only in another order, breaks monotonic writes.
     */
    public static <S, I> CheckResult check(History history, Datatype<S, I> datatype, SequentialChecker.Options options, View view) {
        return check(history, datatype, options, view, null);
    }

    /** The same, with the polynomial decision first where {@code readWrite} allows it. */
    public static <S, I> CheckResult check(History history, Datatype<S, I> datatype, SequentialChecker.Options options, View view, ReadWrite readWrite) {
        if (view == View.MONOTONIC_WRITES) {
            CheckResult quick = everyReadWritten(history, datatype);
            if (quick != null) return quick;
        }
        return check(history, datatype, options, view.reads, readWrite);
    }

    /** The views ran side by side, so their summed check time can exceed the wall time: report both within it. */
    private static CheckResult.Statistics statistics(int operations, int views, long explored, long checkNanosSum, long wallNanos) {
        long check = Math.min(checkNanosSum, wallNanos);
        return new CheckResult.Statistics(operations, views, explored, check, wallNanos - check);
    }

    /** A view's decision; an interrupt of the caller's thread stops every view (each then UNKNOWN, "cancelled") and is kept for the caller. */
    private static SequentialChecker.Decision get(java.util.concurrent.Future<SequentialChecker.Decision> f, dev.ariadne.checker.search.Cancellation stop) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop.cancel();
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            stop.cancel();
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /**
     * With blind writes only (register writes, kv puts), every view keeping each process's writes in
     * issue order has each written value current at some point, and reads are free: so monotonic writes
     * holds exactly when every read returns the initial value or a value some write (that did not fail)
     * wrote to its key. Settles that case in one pass; null when the history has other updates (cas,
     * append) or a read that no write explains, for the search to decide and explain.
     */
    private static <S, I> CheckResult everyReadWritten(History history, Datatype<S, I> datatype) {
        String name = datatype.name();
        if (!name.equals("register") && !name.equals("kv")) return null;
        java.util.Set<java.util.List<com.fasterxml.jackson.databind.JsonNode>> written = new java.util.HashSet<>();
        for (dev.ariadne.history.Operation o : history.operations()) {
            String f = o.f();
            if (f.equals("write") || f.equals("put")) {
                if (!o.isFail()) written.add(java.util.Arrays.asList(o.key(), o.value()));
            } else if (!f.equals("read") && !f.equals("get")) {
                return null;
            }
        }
        S init = datatype.init();
        for (dev.ariadne.history.Operation o : history.operations()) {
            if (!o.isOk() || !(o.f().equals("read") || o.f().equals("get"))) continue;
            if (written.contains(java.util.Arrays.asList(o.key(), o.value()))) continue;
            if (datatype.step(init, datatype.input(o)) != null) continue; // the initial value
            return null;
        }
        return new CheckResult("monotonic-writes", datatype.name(), false, Verdict.VALID,
                "Every process's writes can be seen in the order they were issued: every read returns the initial value or a written one.",
                List.of(), List.of(), new CheckResult.Statistics(history.size(), 0, 0, 0, 0), List.of());
    }

    private static <S, I> CheckResult check(History history, Datatype<S, I> datatype, SequentialChecker.Options options,
                                            SequentialProblem.Reads reads, ReadWrite readWrite) {
        ViewIndex index = reads == SequentialProblem.Reads.FREE ? null : index(history, readWrite);
        return views(history, datatype, options, reads, null, null, index);
    }

    /**
     * Decides a view without searching, on a differentiated read/write history: saturation for PRAM
     * and monotonic reads, one pass for read-your-writes. A violation's witness, a handful of
     * operations, is then searched as a history of its own, which shrinks it to a 1-minimal
     * counterexample and re-verifies it. Null when the view is left to the search of the whole.
     */
    private static <S, I> SequentialChecker.Decision decideWithoutSearch(History history, Datatype<S, I> datatype, int viewer,
                                                                         SequentialProblem.Reads reads, ViewIndex index, CausalOrder order,
                                                                         SequentialChecker.Options options) {
        long start = System.nanoTime();
        int size = index.all[viewer].length;
        for (int q = 0; q < index.processes; q++) if (q != viewer) size += index.writes[q].length;
        int[] witness;
        List<String> why = List.of();
        java.util.function.IntFunction<String> names = node -> SequentialChecker.view(history, datatype, index.rw.nodes.get(node).op()).toString();
        if (reads == SequentialProblem.Reads.AFTER_OWN_WRITES) {
            ReadYourWritesScan.Violation v = ReadYourWritesScan.violation(index, viewer, names);
            witness = v == null ? null : v.witness();
            if (v != null) why = v.why();
        } else {
            long deadline = start + (options.timeoutMillis() > 0 ? options.timeoutMillis() * 500_000L : 1_000_000_000_000_000L);
            ViewSaturation.Result r = order != null ? ViewSaturation.decideCausal(index, order, viewer, deadline, names)
                    : ViewSaturation.decide(index, viewer, reads == SequentialProblem.Reads.PROGRAM_ORDER, deadline, names);
            if (r == null) return null;
            witness = r.valid() ? null : r.witness();
            why = r.why();
        }
        if (witness == null) return new SequentialChecker.Decision(Verdict.VALID, null, size, 0, System.nanoTime() - start, null, true);
        List<dev.ariadne.history.Operation> ops = new ArrayList<>();
        for (int node : witness) ops.add(index.rw.nodes.get(node).op());
        List<long[]> at = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            dev.ariadne.history.Operation o = ops.get(i);
            at.add(new long[]{o.invokePosition(), i, 0});
            if (o.completion() != null) at.add(new long[]{o.completePosition(), i, 1});
        }
        at.sort((a, b) -> Long.compare(a[0], b[0]));
        List<dev.ariadne.history.Op> events = new ArrayList<>();
        for (long[] e : at) events.add(e[2] == 0 ? ops.get((int) e[1]).invoke() : ops.get((int) e[1]).completion());
        History sub;
        try {
            sub = History.of(events);
        } catch (dev.ariadne.history.HistoryException e) {
            return null;
        }
        int subViewer = -1;
        for (int q = 0; q < sub.processCount(); q++) if (java.util.Objects.equals(sub.processName(q), history.processName(viewer))) subViewer = q;
        if (subViewer < 0) return null;
        SequentialProblem<S, I> problem = new SequentialProblem<>(sub, datatype, subViewer, reads);
        if (order != null) {
            // Causal memory: the witness keeps the reads that carry causality, so its own causal order has the edges.
            ReadWriteHistory subRw = new ReadWriteHistory(sub, index.rw.datatype, index.rw.options);
            CausalOrder subOrder = new CausalOrder(subRw.nodes, subRw.src, sub.processCount());
            if (subOrder.topo == null) return null;
            problem.respecting(subOrder, subRw);
        }
        SequentialChecker.Decision d = SequentialChecker.decide(sub, problem, options);
        if (d.verdict() != Verdict.INVALID) return null; // not confirmed: the search of the whole view decides
        return new SequentialChecker.Decision(Verdict.INVALID, null, size, d.explored(), System.nanoTime() - start, d.counterexample().withWhy(why), d.minimal());
    }

    /**
     * Checks every process's view; with {@code order}, each view also keeps causal order (causal
     * memory), over the nodes of {@code orderNodes}.
     */
    static <S, I> CheckResult views(History history, Datatype<S, I> datatype, SequentialChecker.Options options,
                                    SequentialProblem.Reads reads, CausalOrder order, ReadWriteHistory orderNodes, ViewIndex index) {
        String model = order != null ? "causal-memory" : switch (reads) {
            case PROGRAM_ORDER -> "pram";
            case AMONG_THEMSELVES -> "monotonic-reads";
            case AFTER_OWN_WRITES -> "read-your-writes";
            case FREE -> "monotonic-writes";
        };
        boolean readsApart = reads != SequentialProblem.Reads.PROGRAM_ORDER;
        long start = System.nanoTime();
        Verdict verdict = Verdict.VALID;
        List<PartitionResult> views = new ArrayList<>();
        List<Counterexample> cex = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long explored = 0;
        long checkNanos = 0;
        int violated = 0;
        int undecided = 0;
        int[][] byProcess = history.byProcess();
        // The views are independent searches: decide them side by side, one per core, each with its
        // share of the memo budget; then gather them in process order.
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), history.processCount()));
        // The views' own token: an interrupted caller stops them all, without touching the caller's token.
        dev.ariadne.checker.search.Cancellation stop = options.cancellation().child();
        SequentialChecker.Options each = new SequentialChecker.Options(options.timeoutMillis(), Math.max(1L << 24, options.memoBytes() / threads),
                options.minimizeMillis(), stop);
        List<java.util.concurrent.Future<SequentialChecker.Decision>> decisions = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ariadne-view");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int p = 0; p < history.processCount(); p++) {
                if (byProcess[p].length == 0) {
                    decisions.add(null);
                    continue;
                }
                int viewer = p;
                decisions.add(pool.submit(() -> {
                    if (index != null) {
                        SequentialChecker.Decision quick = decideWithoutSearch(history, datatype, viewer, reads, index, order, each);
                        if (quick != null) return quick;
                        SEARCHED_DESPITE_INDEX.incrementAndGet();
                    }
                    SequentialProblem<S, I> problem = new SequentialProblem<>(history, datatype, viewer, reads);
                    if (order != null) problem.respecting(order, orderNodes);
                    return SequentialChecker.decide(history, problem, each);
                }));
            }
            for (int p = 0; p < decisions.size(); p++) {
                if (decisions.get(p) == null) continue;
                SequentialChecker.Decision d = get(decisions.get(p), stop);
                String name = history.processName(p) == null ? "?" + p : Values.show(history.processName(p));
                views.add(new PartitionResult("view of p" + name, d.operations(), d.verdict(), d.why(), d.checkNanos(), d.explored()));
                verdict = verdict.and(d.verdict());
                explored += d.explored();
                checkNanos += d.checkNanos();
                if (d.verdict() == Verdict.INVALID) {
                    violated++;
                    cex.add(d.counterexample());
                    notes.addAll(d.notes());
                }
                if (d.verdict() == Verdict.UNKNOWN) undecided++;
            }
        } finally {
            pool.shutdownNow();
        }
        String summary = switch (verdict) {
            case VALID -> order != null ? "The history is causal memory: every process's view keeps causal order." : switch (reads) {
                case PROGRAM_ORDER -> "The history is PRAM (FIFO) consistent: every process's view keeps every process's order.";
                case AMONG_THEMSELVES -> "Every process's reads move only forward through the writes, each process's in issue order.";
                case AFTER_OWN_WRITES -> "Every process reads its own earlier writes.";
                case FREE -> "Every process's writes can be seen in the order they were issued.";
            };
            case INVALID -> violated + " of " + views.size() + (order != null ? " processes cannot have seen the writes in an order that keeps causal order." : switch (reads) {
                case PROGRAM_ORDER -> " processes cannot have seen the writes in the order they were issued.";
                case AMONG_THEMSELVES -> " processes read the writes going back in time.";
                case AFTER_OWN_WRITES -> " processes do not read their own earlier writes.";
                case FREE -> " processes read values that no view keeping every process's writes in issue order explains.";
            });
            case UNKNOWN -> "Undecided: " + undecided + " of " + views.size() + " process views ran out of budget.";
        };
        return new CheckResult(model, datatype.name(), false, verdict, summary, views, cex,
                statistics(history.size(), views.size(), explored, checkNanos, System.nanoTime() - start), notes);
    }
}
