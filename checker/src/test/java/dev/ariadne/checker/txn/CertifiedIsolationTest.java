package dev.ariadne.checker.txn;

import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every transactional verdict against the models' brute-force definitions ({@link BruteForceIsolation})
 * on thousands of seeded histories in the hard shapes ({@link HardTxnHistories}) and the usual ones
 * ({@link RandomTxnHistories}): a VALID must be valid by definition and carry a witness the
 * independent verifier passed; an INVALID must be invalid by definition. UNKNOWN is counted.
 */
class CertifiedIsolationTest {
    static final int HISTORIES = Integer.getInteger("ariadne.histories", 2500);

    private static final Map<BruteForceIsolation.M, String> NAMES = new EnumMap<>(Map.ofEntries(
            Map.entry(BruteForceIsolation.M.READ_COMMITTED, "read-committed"), Map.entry(BruteForceIsolation.M.READ_ATOMIC, "read-atomic"),
            Map.entry(BruteForceIsolation.M.CAUSAL, "causal"), Map.entry(BruteForceIsolation.M.PSI, "parallel-snapshot-isolation"),
            Map.entry(BruteForceIsolation.M.PREFIX, "prefix"), Map.entry(BruteForceIsolation.M.SI, "snapshot-isolation"),
            Map.entry(BruteForceIsolation.M.STRONG_SESSION_SI, "strong-session-snapshot-isolation"),
            Map.entry(BruteForceIsolation.M.STRONG_SI, "strong-snapshot-isolation"), Map.entry(BruteForceIsolation.M.SERIALIZABLE, "serializable"),
            Map.entry(BruteForceIsolation.M.STRONG_SESSION_SERIALIZABLE, "strong-session-serializable"),
            Map.entry(BruteForceIsolation.M.STRICT_SERIALIZABLE, "strict-serializable"),
            Map.entry(BruteForceIsolation.M.UPDATE_SERIALIZABLE, "update-serializable"),
            Map.entry(BruteForceIsolation.M.CONSISTENT_VIEW, "consistent-view"),
            Map.entry(BruteForceIsolation.M.FORWARD_CONSISTENT_VIEW, "forward-consistent-view"),
            Map.entry(BruteForceIsolation.M.CURSOR_STABILITY, "cursor-stability"),
            Map.entry(BruteForceIsolation.M.MONOTONIC_ATOMIC_VIEW, "monotonic-atomic-view")));

    /** The (shape, seed, model) left UNKNOWN when this was pinned, for seeds up to {@link #PINNED_UP_TO}. */
    private static final int PINNED_UP_TO = 2500;
    private static final java.util.Set<String> KNOWN_UNDECIDED = java.util.Set.of();

    /** The model's command-line name. */
    static String name(BruteForceIsolation.M m) {
        return NAMES.get(m);
    }

    static History edn(String s) {
        try {
            return HistoryReader.readString(s, ReadOptions.DEFAULT);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Verdict check(History h, String model) {
        return ModelChecker.check(h, CheckRequest.of(model).withDatatype("list-append")).verdict();
    }

    @Test
    void agreesWithTheDefinitionsOnHardShapes() {
        differential(true);
    }

    @Test
    void agreesWithTheDefinitionsOnRandomHistories() {
        differential(false);
    }

    private static void differential(boolean hard) {
        Map<BruteForceIsolation.M, int[]> counts = new EnumMap<>(BruteForceIsolation.M.class); // valid, invalid, unknown, oracle-invalid
        for (BruteForceIsolation.M m : BruteForceIsolation.M.values()) counts.put(m, new int[4]);
        java.util.List<String> undecided = new java.util.ArrayList<>();
        for (long seed = 1; seed <= HISTORIES; seed++) {
            History h = hard ? HardTxnHistories.random(seed) : RandomTxnHistories.random(seed);
            for (BruteForceIsolation.M m : BruteForceIsolation.M.values()) {
                boolean expected = BruteForceIsolation.holds(h, m);
                CheckResult r = ModelChecker.check(h, CheckRequest.of(NAMES.get(m)).withDatatype("list-append"));
                int[] c = counts.get(m);
                if (!expected) c[3]++;
                if (r.verdict() == Verdict.UNKNOWN) {
                    c[2]++;
                    undecided.add((hard ? "hard " : "random ") + seed + " " + NAMES.get(m));
                    continue;
                }
                if (r.verdict() != (expected ? Verdict.VALID : Verdict.INVALID)) {
                    fail((hard ? "hard" : "random") + " seed " + seed + ", " + NAMES.get(m) + ": the definition says " + (expected ? "valid" : "invalid")
                            + ", the checker " + r.verdict() + " (" + r.summary() + ")\n" + DifferentialSerializabilityTest.edn(h));
                }
                if (r.verdict() == Verdict.VALID) assertThat(r.witness()).as("seed " + seed + " " + NAMES.get(m) + " witness").isNotNull();
                c[r.verdict() == Verdict.VALID ? 0 : 1]++;
            }
        }
        StringBuilder sb = new StringBuilder((hard ? "hard" : "random") + " shapes, " + HISTORIES + " histories (valid / invalid / unknown; invalid by definition):\n");
        counts.forEach((m, c) -> sb.append(String.format("  %-36s %5d %5d %5d   %5d%n", NAMES.get(m), c[0], c[1], c[2], c[3])));
        System.out.print(sb);
        System.out.println("undecided: " + undecided);
        for (var e : counts.entrySet()) {
            int[] c = e.getValue();
            assertThat(c[2]).as(NAMES.get(e.getKey()) + " undecided\n" + sb).isLessThanOrEqualTo(HISTORIES / 50);
        }
        // Within the seeds pinned here, no history may become undecided that was decided when this was
        // written: a witness builder that stops finding a witness is a regression even when the share stays small.
        if (HISTORIES <= PINNED_UP_TO) assertThat(KNOWN_UNDECIDED).as("undecided where a witness used to be found").containsAll(undecided);
    }
}
