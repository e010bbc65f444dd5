package dev.ariadne.checker.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Counterexample;
import dev.ariadne.checker.report.LogAnomaly;
import dev.ariadne.checker.report.LogCounterexample;
import dev.ariadne.checker.report.OpView;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a Kafka-like log history for the errors of Jepsen's Kafka checker ({@link LogAnalysis}) and
 * the dependency cycles its promise forbids ({@link LogPromise}). The verdict is INVALID when an
 * error the log's promise does not allow occurs (with {@code subscribe}, consumers may skip or repeat
 * after a rebalance; interleaved sends are always allowed). VALID only with a witness: each key's
 * log, by offset, which {@link LogVerifier} checks against the raw operations on its own.
 */
public final class LogChecker {
    /** Errors shown per kind; the summary counts them all. */
    static final int SHOWN = 8;

    private LogChecker() {}

    public static CheckResult check(History h, LogPromise promise) {
        return check(h, promise, 1);
    }

    /**
     * With {@code threads} other than 1 on a machine with more than one core, the independent
     * verifier starts on a thread of its own once the analyses other than the cycles have found no
     * error (a VALID verdict will then need it), and runs while the cycles are searched.
     */
    public static CheckResult check(History h, LogPromise promise, int threads) {
        long t0 = System.nanoTime();
        String model = promise.model();
        LogAnalysis a = new LogAnalysis(new LogTable(h));
        boolean parallel = threads != 1 && Runtime.getRuntime().availableProcessors() > 1;
        java.util.concurrent.FutureTask<String> early = null;
        if (parallel && !a.forbidden()) {
            early = new java.util.concurrent.FutureTask<>(() -> LogVerifier.verify(h, a.orders.witness(), a.subscribe, promise));
            Thread worker = new Thread(early, "ariadne-log-verifier");
            worker.setDaemon(true);
            worker.start();
        }
        a.cycles(promise);
        Map<LogAnomaly, Integer> count = new EnumMap<>(LogAnomaly.class);
        List<Counterexample> cex = new ArrayList<>();
        int bad = 0;
        for (LogAnalysis.Finding f : a.findings) {
            int n = count.merge(f.anomaly(), 1, Integer::sum);
            boolean allowed = f.anomaly().allowed(a.subscribe);
            if (!allowed) bad++;
            if (n > SHOWN) continue;
            List<OpView> views = new ArrayList<>();
            for (Operation o : f.ops()) views.add(OpView.of(h, o, describe(o)));
            List<String> values = new ArrayList<>();
            for (JsonNode v : f.values()) values.add(Values.show(v));
            String text = f.anomaly().jepsenName() + (allowed ? " (allowed" + (a.subscribe ? " with subscribe" : "") + ")" : "") + ": " + f.why() + ".";
            cex.add(new LogCounterexample(f.anomaly(), f.key(), values, views, text, allowed));
        }
        List<String> notes = new ArrayList<>();
        notes.add("consumers " + (a.subscribe ? "subscribe: poll skips and nonmonotonic polls are allowed (a rebalance moves them)"
                : "assign: poll skips and nonmonotonic polls are errors"));
        StringBuilder kinds = new StringBuilder();
        for (Map.Entry<LogAnomaly, Integer> e : count.entrySet()) {
            kinds.append(kinds.length() == 0 ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey().jepsenName());
            if (e.getKey().allowed(a.subscribe)) kinds.append(" (allowed)");
        }
        if (promise.transactional()) {
            notes.add("transactions are judged serializable over the logs: each poll reads its key to the end of the log, so a poll that stopped "
                    + "before a message did not see it (rw); with fetch limits (max.poll.records) that assumption fails");
        }
        int keys = a.orders.keysWithMessages();
        Verdict verdict;
        String summary;
        if (bad > 0) {
            verdict = Verdict.INVALID;
            summary = "The log breaks its promise: " + kinds + ".";
        } else {
            String why = early != null ? await(early) : LogVerifier.verify(h, a.orders.witness(), a.subscribe, promise);
            if (why == null) {
                verdict = Verdict.VALID;
                summary = "The log keeps its promise on " + keys + " key" + (keys == 1 ? "" : "s") + (kinds.length() == 0 ? "" : " (" + kinds + ")")
                        + "; each key's log by offset was checked by the independent verifier.";
            } else {
                verdict = Verdict.UNKNOWN;
                summary = "Undecided: no error was found, but the logs read from the history fail the independent check: " + why + ".";
            }
        }
        if (early != null && !early.isDone()) early.cancel(true);
        long nanos = System.nanoTime() - t0;
        return new CheckResult(model, "log", false, verdict, summary, List.of(), cex,
                new CheckResult.Statistics(h.size(), keys, a.findings.size(), nanos, 0), notes, null);
    }

    /** The verifier's answer from its thread; what it threw is thrown here (an OutOfMemoryError stays one). */
    private static String await(java.util.concurrent.FutureTask<String> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while the log verifier ran");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Error err) throw err;
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Reads every operation as a log operation, checking nothing; a malformed one is a {@link dev.ariadne.checker.datatype.DatatypeMismatch}. */
    public static void read(History h) {
        new LogTable(h);
    }

    static String describe(Operation o) {
        JsonNode v = o.completion() != null ? o.completion().value() : o.invoke().value();
        return o.f() + " " + Values.show(v);
    }
}
