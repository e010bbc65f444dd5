package dev.ariadne.checker.txn;

import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.Hierarchy;
import dev.ariadne.checker.model.ConsistencyModel;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.model.ModelLattice;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.HierarchyResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.io.HistoryWriter;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Serializability, strong-session and strict serializability agree with their brute-force
 * definitions on thousands of seeded random histories, in both directions; and the verdicts of all
 * transactional models on each history respect the lattice's implications.
 */
class DifferentialSerializabilityTest {
    static final int HISTORIES = Integer.getInteger("ariadne.histories", 3000);

    static String edn(History h) {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            HistoryWriter.write(h.events(), dev.ariadne.history.io.HistoryFormat.EDN, w);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
    }

    @Test
    void agreesWithBruteForceInBothDirections() {
        int[] invalid = new int[3];
        String[] models = {"serializable", "strong-session-serializable", "strict-serializable"};
        for (long seed = 1; seed <= HISTORIES; seed++) {
            History h = RandomTxnHistories.random(seed);
            for (int m = 0; m < 3; m++) {
                boolean expected = BruteForceSerializability.serializable(h, m >= 1, m == 2);
                CheckResult r = ModelChecker.check(h, CheckRequest.of(models[m]).withDatatype("list-append"));
                if (r.verdict() != (expected ? Verdict.VALID : Verdict.INVALID)) {
                    fail("seed " + seed + ", " + models[m] + ": brute force says " + (expected ? "valid" : "invalid") + ", checker " + r.verdict() + " ("
                            + r.summary() + ")\n" + edn(h));
                }
                if (!expected) invalid[m]++;
            }
        }
        // The generator must exercise both answers for each model.
        for (int m = 0; m < 3; m++) assertThat(invalid[m]).as(models[m]).isBetween(HISTORIES / 10, HISTORIES * 9 / 10);
    }

    @Test
    void verdictsAcrossTheLatticeRespectItsImplications() {
        Map<Verdict, Integer> seen = new HashMap<>();
        for (long seed = 1; seed <= HISTORIES; seed++) {
            boolean append = seed % 2 == 0;
            History h = RandomTxnHistories.random(seed, append);
            HierarchyResult all = Hierarchy.check(h, CheckRequest.of("all").withDatatype(append ? "list-append" : "rw-register"));
            Map<ConsistencyModel, Verdict> v = new HashMap<>();
            for (HierarchyResult.ModelVerdict mv : all.models()) v.put(ConsistencyModel.byName(mv.model()), mv.verdict());
            for (var a : v.entrySet()) {
                seen.merge(a.getValue(), 1, Integer::sum);
                for (var b : v.entrySet()) {
                    if (a.getKey() != b.getKey() && ModelLattice.implies(a.getKey(), b.getKey()) && a.getValue() == Verdict.VALID && b.getValue() == Verdict.INVALID) {
                        fail("seed " + seed + ": " + a.getKey().cliName() + " holds but " + b.getKey().cliName() + ", which it implies, does not\n" + edn(h));
                    }
                }
            }
        }
        assertThat(seen).containsKeys(Verdict.VALID, Verdict.INVALID);
    }
}
