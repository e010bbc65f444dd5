package dev.ariadne.checker.txn;

import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Serializability, strong-session and strict serializability agree with their brute-force
 * definitions on thousands of seeded random histories, in both directions;

/**
 * rw-register's serializable, read atomic and causal verdicts against brute force on seeded random
 * histories: every decided verdict agrees, and the histories the greedy replay leaves undecided are
 * pinned. Apart from {@link DifferentialSerializabilityTest} so that mutation testing can run it.
 */
class RwRegisterDifferentialTest {
    static final int HISTORIES = DifferentialSerializabilityTest.HISTORIES;

    static String edn(History h) {
        return DifferentialSerializabilityTest.edn(h);
    }

    /** The (seed, model) the rw-register replay left UNKNOWN when this was pinned, for seeds up to {@link #RW_PINNED_UP_TO}. */
    private static final int RW_PINNED_UP_TO = 3000;
    private static final java.util.Set<String> RW_KNOWN_UNDECIDED = java.util.Set.of(
            "34 strong-session-serializable", "58 strong-session-serializable", "329 strong-session-serializable", "724 serializable",
            "753 serializable", "994 serializable", "1011 strong-session-serializable", "1074 serializable", "1074 strong-session-serializable",
            "1098 serializable", "1098 strong-session-serializable", "1114 strong-session-serializable", "1158 strong-session-serializable",
            "1227 strong-session-serializable", "1630 serializable", "1630 strong-session-serializable", "1843 strong-session-serializable",
            "1931 strong-session-serializable", "1999 strong-session-serializable", "2174 strong-session-serializable",
            "2296 strong-session-serializable", "2367 strong-session-serializable", "2597 strong-session-serializable",
            "2657 strong-session-serializable", "2807 serializable", "2825 strong-session-serializable");

    @Test
    void rwRegisterAgreesWithBruteForceWheneverItDecides() {
        String[] models = {"serializable", "strong-session-serializable", "strict-serializable"};
        int[] unknown = new int[3];
        int[] invalid = new int[3];
        List<String> undecided = new java.util.ArrayList<>();
        int nonserializable = 0;
        for (long seed = 1; seed <= HISTORIES; seed++) {
            History h = RandomTxnHistories.random(seed, false);
            for (int m = 0; m < 3; m++) {
                boolean expected = BruteForceSerializability.serializable(h, m >= 1, m == 2);
                CheckResult r = ModelChecker.check(h, CheckRequest.of(models[m]).withDatatype("rw-register"));
                if (r.verdict() == Verdict.UNKNOWN) {
                    unknown[m]++;
                    undecided.add(seed + " " + models[m]);
                    continue;
                }
                if (r.verdict() != (expected ? Verdict.VALID : Verdict.INVALID)) {
                    fail("seed " + seed + ", rw-register " + models[m] + ": brute force says " + (expected ? "valid" : "invalid") + ", checker " + r.verdict()
                            + " (" + r.summary() + ")\n" + edn(h));
                }
                if (!expected) invalid[m]++;
                if (m == 0 && r.summary().contains("nonserializable")) nonserializable++;
            }
        }
        System.out.printf("rw-register over %d histories: undecided %s, invalid %s (serializable, strong-session, strict)%n", HISTORIES,
                java.util.Arrays.toString(unknown), java.util.Arrays.toString(invalid));
        // Strict serializability is decided exactly: a cycle, or the linearizability search, whose linearization is the
        // serial order the verifier checks.
        assertThat(unknown[2]).as("strict-serializable undecided").isZero();
        // Serializability too: where the replay finds no serial order, the same search with real time erased decides it.
        assertThat(unknown[0]).as("serializable undecided").isZero();
        // And strong session serializability, by the sequential-consistency search over the same object.
        assertThat(unknown[1]).as("strong-session-serializable undecided").isZero();
        if (HISTORIES >= 1000) assertThat(nonserializable).as("histories only the complete search shows nonserializable").isPositive();
        System.out.println("rw-register undecided: " + undecided);
        // The greedy replay may miss a serial order, but never one it found when this was pinned.
        if (HISTORIES <= RW_PINNED_UP_TO) assertThat(RW_KNOWN_UNDECIDED).as("undecided where a serial order used to be found").containsAll(undecided);
        for (int m = 0; m < 3; m++) {
            assertThat(invalid[m]).as(models[m] + " invalid").isGreaterThan(HISTORIES / 20);
            assertThat(unknown[m]).as(models[m] + " undecided").isLessThanOrEqualTo(HISTORIES / 50);
        }
    }

    @Test
    void rwRegisterReadAtomicAndCausalAgreeWithTheirAxioms() {
        String[] models = {"read-atomic", "causal"};
        int[] invalid = new int[2];
        for (long seed = 1; seed <= HISTORIES; seed++) {
            History h = RandomTxnHistories.random(seed, false);
            for (int m = 0; m < 2; m++) {
                boolean expected = BruteForceVisibility.holds(h, m == 1);
                CheckResult r = ModelChecker.check(h, CheckRequest.of(models[m]).withDatatype("rw-register"));
                if (r.verdict() != (expected ? Verdict.VALID : Verdict.INVALID)) {
                    fail("seed " + seed + ", rw-register " + models[m] + ": the axioms say " + (expected ? "valid" : "invalid") + ", checker " + r.verdict()
                            + " (" + r.summary() + ")\n" + edn(h));
                }
                if (!expected) invalid[m]++;
            }
        }
        for (int m = 0; m < 2; m++) assertThat(invalid[m]).as(models[m]).isBetween(HISTORIES / 20, HISTORIES * 9 / 10);
    }

    /** The seeds the serial replay left open for serializability: each decided now, as brute force says, most of them nonserializable. */
    @Test
    void theSeedsTheReplayLeftOpenAreDecided() {
        int nonserializable = 0;
        for (long seed : new long[] {724, 753, 994, 1074, 1098, 1630, 2807}) {
            History h = RandomTxnHistories.random(seed, false);
            CheckResult r = ModelChecker.check(h, CheckRequest.of("serializable").withDatatype("rw-register"));
            boolean expected = BruteForceSerializability.serializable(h, false, false);
            assertThat(r.verdict()).as("seed " + seed + ": " + r.summary()).isEqualTo(expected ? Verdict.VALID : Verdict.INVALID);
            if (r.summary().contains("nonserializable")) nonserializable++;
        }
        assertThat(nonserializable).isEqualTo(6);
    }
}
