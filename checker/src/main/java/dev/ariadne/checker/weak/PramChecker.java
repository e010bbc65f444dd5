package dev.ariadne.checker.weak;

import dev.ariadne.checker.datatype.Datatype;
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

    public static <S, I> CheckResult check(History history, Datatype<S, I> datatype, SequentialChecker.Options options) {
        return check(history, datatype, options, SequentialProblem.Reads.PROGRAM_ORDER);
    }

    /**
     * Read-your-writes, in the same views: every process's writes keep their issue order, and each
     * read of the viewing process comes after that process's earlier writes (its reads are otherwise
     * free). A process that writes 4 and then reads the initial value breaks it.
     */
    public static <S, I> CheckResult checkReadYourWrites(History history, Datatype<S, I> datatype, SequentialChecker.Options options) {
        return check(history, datatype, options, SequentialProblem.Reads.AFTER_OWN_WRITES);
    }

    /**
     * Monotonic reads, in the same views: every process's writes keep their issue order and the
     * viewing process's reads keep theirs, but its reads need not follow its own writes. A process
     * that reads 4 and then 3 of writes issued 3 then 4 breaks it.
     */
    public static <S, I> CheckResult checkMonotonicReads(History history, Datatype<S, I> datatype, SequentialChecker.Options options) {
        return check(history, datatype, options, SequentialProblem.Reads.AMONG_THEMSELVES);
    }

    /**
     * Monotonic writes, in the same views: every process's writes keep their issue order in every
     * view, and the viewing process's reads are free. A process that reads a value another process
     * wrote after a second value, where that second value overwrote the first only in another order,
     * breaks it; so does one that reads 3 when the writer issued 3 then 4 and the key's only other
     * writes make 3 after 4 impossible.
     */
    public static <S, I> CheckResult checkMonotonicWrites(History history, Datatype<S, I> datatype, SequentialChecker.Options options) {
        CheckResult quick = everyReadWritten(history, datatype);
        return quick != null ? quick : check(history, datatype, options, SequentialProblem.Reads.FREE);
    }

    /** The views ran side by side, so their summed check time can exceed the wall time: report both within it. */
    private static CheckResult.Statistics statistics(int operations, int views, long explored, long checkNanosSum, long wallNanos) {
        long check = Math.min(checkNanosSum, wallNanos);
        return new CheckResult.Statistics(operations, views, explored, check, wallNanos - check);
    }

    private static SequentialChecker.Decision get(java.util.concurrent.Future<SequentialChecker.Decision> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the views", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
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
                                            SequentialProblem.Reads reads) {
        return views(history, datatype, options, reads, null, null);
    }

    /**
     * Checks every process's view; with {@code order}, each view also keeps causal order (causal
     * memory), {@code nodeOf} mapping history operation ids to the order's nodes.
     */
    static <S, I> CheckResult views(History history, Datatype<S, I> datatype, SequentialChecker.Options options,
                                    SequentialProblem.Reads reads, CausalOrder order, java.util.Map<Integer, Integer> nodeOf) {
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
        SequentialChecker.Options each = new SequentialChecker.Options(options.timeoutMillis(), Math.max(1L << 24, options.memoBytes() / threads),
                options.minimizeMillis());
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
                    SequentialProblem<S, I> problem = new SequentialProblem<>(history, datatype, viewer, reads);
                    if (order != null) {
                        int[] nodes = new int[problem.ops.size()];
                        for (int i = 0; i < nodes.length; i++) nodes[i] = nodeOf.getOrDefault(problem.ops.get(i).id(), -1);
                        problem.respecting(order, nodes);
                    }
                    return SequentialChecker.decide(history, problem, each);
                }));
            }
            for (int p = 0; p < decisions.size(); p++) {
                if (decisions.get(p) == null) continue;
                SequentialChecker.Decision d = get(decisions.get(p));
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
