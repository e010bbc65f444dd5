package dev.ariadne.checker.log;

import dev.ariadne.checker.report.LogAnomaly;
import dev.ariadne.generators.Anomaly;
import dev.ariadne.generators.LogObject;
import dev.ariadne.generators.Simulation;
import dev.ariadne.history.History;
import dev.ariadne.history.Op;
import dev.ariadne.history.OpType;
import dev.ariadne.history.Values;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The analysis against the independent verifier on thousands of seeded simulated logs, clean and
 * with each injected fault, with crashes, in assign and in subscribe mode, at each promise (Kafka's,
 * serializable, strict serializable): the analysis finds no error the promise forbids exactly when
 * the verifier accepts the logs it read.
 */
class LogDifferentialTest {
    static final int SEEDS = Integer.getInteger("ariadne.histories", 2000);
    static final Anomaly[] FAULTS = {null, Anomaly.LOST_MESSAGE, Anomaly.DUPLICATE_MESSAGE, Anomaly.SKIPPED_POLL, Anomaly.REORDERED_POLL};

    static final java.util.Set<LogAnomaly> CYCLES = java.util.EnumSet.of(LogAnomaly.G1C, LogAnomaly.G1C_PROCESS, LogAnomaly.G1C_REALTIME, LogAnomaly.G0,
            LogAnomaly.G0_REALTIME, LogAnomaly.G_SINGLE, LogAnomaly.G_SINGLE_REALTIME, LogAnomaly.G2, LogAnomaly.G2_REALTIME);

    /** Half the histories read every key to the end at each poll: serializable logs. */
    static boolean toTheEnd(long seed) {
        return seed / 15 % 2 == 1;
    }

    static LogPromise promise(long seed) {
        return LogPromise.values()[(int) (seed / FAULTS.length % 3)];
    }

    static History simulate(long seed) throws Exception {
        Anomaly fault = FAULTS[(int) (seed % FAULTS.length)];
        int ops = 5 + (int) (seed % 40);
        double info = seed % 3 == 0 ? 0.2 : 0.0;
        List<Op> events = new ArrayList<>(new Simulation(ops, 2 + (int) (seed % 3), info, seed)
                .events(toTheEnd(seed) ? new LogObject(1 + (int) (seed % 3), fault, fault == null ? 0 : 0.15, seed).readingToTheEnd()
                        : new LogObject(1 + (int) (seed % 3), fault, fault == null ? 0 : 0.15, seed)));
        if (seed % 2 == 1) {
            // Subscribe mode: one consumer subscribes first (the analysis then allows poll skips).
            events.add(0, Op.of(-2, 999, OpType.INVOKE, "subscribe", List.of(0, 1, 2)));
            events.add(1, Op.of(-1, 999, OpType.OK, "subscribe", List.of(0, 1, 2)));
        }
        List<Op> renumbered = new ArrayList<>();
        for (Op e : events) renumbered.add(e.withIndex(renumbered.size()));
        return History.of(renumbered);
    }

    /**
     * Null when the analysis's errors that the promise forbids are the kinds the independent verifier
     * finds on the analysis's logs (a cycle of any kind is one kind to the verifier; in a log with two
     * messages at an offset, or one at two offsets, only those are compared); else what differs.
     */
    static String disagreement(History h, LogAnalysis a, LogPromise promise) {
        java.util.EnumSet<LogAnomaly> errors = java.util.EnumSet.noneOf(LogAnomaly.class);
        for (LogAnalysis.Finding f : a.findings) if (!f.anomaly().allowed(a.subscribe)) errors.add(CYCLES.contains(f.anomaly()) ? LogAnomaly.G1C : f.anomaly());
        LogVerifier.Result v = LogVerifier.check(h, a.orders.witness(), a.subscribe, promise);
        boolean clean = errors.isEmpty();
        boolean malformed = errors.contains(LogAnomaly.INCONSISTENT_OFFSETS) || errors.contains(LogAnomaly.DUPLICATE);
        java.util.EnumSet<LogAnomaly> compared = malformed ? java.util.EnumSet.of(LogAnomaly.INCONSISTENT_OFFSETS, LogAnomaly.DUPLICATE)
                : java.util.EnumSet.allOf(LogAnomaly.class);
        errors.retainAll(compared);
        java.util.EnumSet<LogAnomaly> broken = java.util.EnumSet.noneOf(LogAnomaly.class);
        broken.addAll(v.broken);
        broken.retainAll(compared);
        if (errors.equals(broken) && clean == (v.first == null)) return null;
        return "the analysis finds " + errors + " " + a.findings + " but the verifier " + broken + " (" + v.first + ")";
    }

    @Test
    void analysisAndVerifierAgree() throws Exception {
        int valid = 0;
        Map<LogAnomaly, Integer> found = new EnumMap<>(LogAnomaly.class);
        Map<LogPromise, Integer> validAt = new EnumMap<>(LogPromise.class);
        for (long seed = 0; seed < SEEDS; seed++) {
            History h = simulate(seed);
            LogPromise promise = promise(seed);
            LogAnalysis a = new LogAnalysis(new LogTable(h), promise);
            for (LogAnalysis.Finding f : a.findings) found.merge(f.anomaly(), 1, Integer::sum);
            String disagreement = disagreement(h, a, promise);
            if (disagreement != null) fail("seed " + seed + " (" + promise.model() + "): " + disagreement + "\n" + h.events());
            boolean clean = !a.forbidden();
            if (clean) valid++;
            if ((promise == LogPromise.KAFKA || toTheEnd(seed)) && seed % FAULTS.length == 0 && seed % 3 != 0 && !clean) {
                fail("seed " + seed + " (" + promise.model() + "): a clean simulation without crashes has errors: " + a.findings);
            }
            if (clean) validAt.merge(promise, 1, Integer::sum);
        }
        assertThat(valid).as("valid histories").isBetween(SEEDS / 5, SEEDS * 4 / 5);
        for (LogPromise p : LogPromise.values()) assertThat(validAt.getOrDefault(p, 0)).as("valid at " + p.model()).isGreaterThan(SEEDS / 30);
        for (LogAnomaly x : new LogAnomaly[] {LogAnomaly.G_SINGLE, LogAnomaly.G2}) assertThat(found.getOrDefault(x, 0)).as("the simulations show " + x).isPositive();
        for (LogAnomaly x : new LogAnomaly[] {LogAnomaly.INCONSISTENT_OFFSETS, LogAnomaly.DUPLICATE, LogAnomaly.LOST_WRITE, LogAnomaly.POLL_SKIP,
                LogAnomaly.INT_POLL_SKIP, LogAnomaly.INT_NONMONOTONIC_POLL, LogAnomaly.NONMONOTONIC_POLL, LogAnomaly.UNSEEN}) {
            assertThat(found.getOrDefault(x, 0)).as("the generator makes " + x).isPositive();
        }
    }
}
