package dev.ariadne.checker.txn;

import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * rw-register verdicts for every isolation level against the brute-force definitions
 * ({@link BruteForceIsolation}, which reads a register read as the last write of a prefix of the
 * key's writers): whenever the checker decides, it must agree, in both directions. UNKNOWN is
 * counted and held to the numbers pinned below (issue 16 is to remove it).
 */
class RwRegisterIsolationTest {
    static final int HISTORIES = Integer.getInteger("ariadne.histories", 1500);

    @Test
    void everyDecidedVerdictAgreesWithTheDefinitions() {
        Map<BruteForceIsolation.M, int[]> counts = new EnumMap<>(BruteForceIsolation.M.class); // valid, invalid, unknown
        for (BruteForceIsolation.M m : BruteForceIsolation.M.values()) counts.put(m, new int[3]);
        for (long seed = 1; seed <= HISTORIES; seed++) {
            History h = RandomTxnHistories.random(seed, false);
            for (BruteForceIsolation.M m : BruteForceIsolation.M.values()) {
                String name = CertifiedIsolationTest.name(m);
                CheckResult r = ModelChecker.check(h, CheckRequest.of(name).withDatatype("rw-register"));
                counts.get(m)[r.verdict() == Verdict.VALID ? 0 : r.verdict() == Verdict.INVALID ? 1 : 2]++;
                if (r.verdict() == Verdict.UNKNOWN) continue;
                boolean expected = BruteForceIsolation.holds(h, m);
                if ((r.verdict() == Verdict.VALID) != expected) {
                    fail("seed " + seed + ", rw-register " + name + ": the definition says " + (expected ? "valid" : "invalid") + ", the checker "
                            + r.verdict() + " (" + r.summary() + ")\n" + DifferentialSerializabilityTest.edn(h));
                }
            }
        }
        StringBuilder sb = new StringBuilder("rw-register, " + HISTORIES + " histories (valid / invalid / unknown):\n");
        counts.forEach((m, c) -> sb.append(String.format("  %-36s %5d %5d %5d%n", CertifiedIsolationTest.name(m), c[0], c[1], c[2])));
        System.out.print(sb);
        // At the default size, no model may leave more histories undecided than when this was pinned:
        // a witness builder that stops finding witnesses is a regression even though it is never wrong.
        if (HISTORIES == 1500) {
            for (var e : PINNED_UNKNOWN.entrySet()) {
                assertThat(counts.get(e.getKey())[2]).as(CertifiedIsolationTest.name(e.getKey()) + " undecided\n" + sb).isLessThanOrEqualTo(e.getValue());
            }
        }
    }

    /** Undecided histories per model out of the first 1,500 seeds, when pinned (issue 16 is to bring them to zero; the version-order search did for SI and serializability). */
    private static final Map<BruteForceIsolation.M, Integer> PINNED_UNKNOWN = Map.ofEntries(
            Map.entry(BruteForceIsolation.M.READ_COMMITTED, 0), Map.entry(BruteForceIsolation.M.READ_ATOMIC, 0), Map.entry(BruteForceIsolation.M.CAUSAL, 0),
            Map.entry(BruteForceIsolation.M.PSI, 0), Map.entry(BruteForceIsolation.M.PREFIX, 0), Map.entry(BruteForceIsolation.M.SI, 0),
            Map.entry(BruteForceIsolation.M.STRONG_SESSION_SI, 0), Map.entry(BruteForceIsolation.M.STRONG_SI, 0), Map.entry(BruteForceIsolation.M.SERIALIZABLE, 0),
            Map.entry(BruteForceIsolation.M.STRONG_SESSION_SERIALIZABLE, 0), Map.entry(BruteForceIsolation.M.STRICT_SERIALIZABLE, 0),
            Map.entry(BruteForceIsolation.M.UPDATE_SERIALIZABLE, 0), Map.entry(BruteForceIsolation.M.CONSISTENT_VIEW, 0),
            Map.entry(BruteForceIsolation.M.FORWARD_CONSISTENT_VIEW, 0), Map.entry(BruteForceIsolation.M.CURSOR_STABILITY, 0),
            Map.entry(BruteForceIsolation.M.MONOTONIC_ATOMIC_VIEW, 0));
}
