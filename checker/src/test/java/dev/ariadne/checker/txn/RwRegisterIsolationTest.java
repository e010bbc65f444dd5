package dev.ariadne.checker.txn;

import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.fail;

/**
 * rw-register verdicts for every isolation level against the brute-force definitions
 * ({@link BruteForceIsolation}, which reads a register read as the last write of a prefix of the
 * key's writers): whenever the checker decides, it must agree, in both directions. UNKNOWN is
 * counted (issue 16 is to remove it), not failed.
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
    }
}
