package dev.ariadne.checker.txn;

import dev.ariadne.checker.certify.Axiom;
import dev.ariadne.checker.certify.WitnessVerifier;
import dev.ariadne.checker.report.TransactionalWitness;
import dev.ariadne.checker.search.Budget;
import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.ariadne.checker.certify.Axiom.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The version-order search alone against the brute-force definitions, on seeded random rw-register
 * histories, for serializability and snapshot isolation with each of their orders: it must never
 * stay undecided, a refutation must be right, a history the definition accepts must be found, and
 * what it finds must pass the independent verifier (where the history has no other anomaly, which
 * the search does not look at).
 */
class VersionOrderSearchTest {
    static final int HISTORIES = RwRegisterIsolationTest.HISTORIES;
    private static final int[] EXTRA = {0, DependencyGraph.PROCESS, DependencyGraph.PROCESS | DependencyGraph.REALTIME};
    private static final Set<Axiom> SI = EnumSet.of(COMMITTED_READS, MONOTONIC_VIEW, ATOMIC, TRANSITIVE, NO_CONFLICT, PREFIX, CURSOR_STABILITY);
    private static final BruteForceIsolation.M[] SI_MODELS = {BruteForceIsolation.M.SI, BruteForceIsolation.M.STRONG_SESSION_SI, BruteForceIsolation.M.STRONG_SI};

    @Test
    void agreesWithTheDefinitionsOnRandomHistories() {
        int[][] found = new int[2][3];
        int[][] refuted = new int[2][3];
        for (long seed = 1; seed <= HISTORIES; seed++) {
            History h = RandomTxnHistories.random(seed, false);
            RwRegisterInference inf = new RwRegisterInference(new TxnHistory(h));
            if (inf.unsupported != null) continue;
            DependencyGraph g = inf.graph();
            boolean clean = inf.anomalies.isEmpty();
            for (int snapshot = 0; snapshot < 2; snapshot++) {
                for (int v = 0; v < 3; v++) {
                    boolean expected = snapshot == 0 ? BruteForceSerializability.serializable(h, v >= 1, v == 2) : BruteForceIsolation.holds(h, SI_MODELS[v]);
                    VersionOrderSearch s = new VersionOrderSearch(inf, g, snapshot == 1 ? VersionOrderSearch.Mode.SNAPSHOT : VersionOrderSearch.Mode.SERIAL, EXTRA[v]);
                    VersionOrderSearch.Result r = s.run(Budget.unlimited());
                    String what = "seed " + seed + ", " + (snapshot == 0 ? "serial" : "snapshot") + " order with extra " + EXTRA[v] + ": ";
                    if (r == VersionOrderSearch.Result.UNDECIDED) fail(what + "undecided (" + s.why + ")\n" + DifferentialSerializabilityTest.edn(h));
                    if (r == VersionOrderSearch.Result.REFUTED && expected) fail(what + "refuted (" + s.why + ") but the definition holds\n" + DifferentialSerializabilityTest.edn(h));
                    if (r == VersionOrderSearch.Result.REFUTED) {
                        refuted[snapshot][v]++;
                        continue;
                    }
                    if (!clean) continue;
                    if (!expected) fail(what + "found " + Arrays.toString(s.order) + " but the definition fails\n" + DifferentialSerializabilityTest.edn(h));
                    found[snapshot][v]++;
                    TransactionalWitness w = snapshot == 0 ? TransactionalWitness.serial(s.order, "searched") : RegisterSnapshots.schedule(inf, g, s.order, EXTRA[v], "");
                    assertThat(w).as(what + "a schedule from the commit order found").isNotNull();
                    Set<Axiom> axioms = EnumSet.copyOf(SI);
                    if (snapshot == 0) axioms.add(TOTAL);
                    if (v >= 1) axioms.add(SESSION);
                    if (v == 2) axioms.add(REALTIME);
                    String why = WitnessVerifier.verify(h, w, axioms, false);
                    if (why != null) fail(what + "the verifier rejects the order found: " + why + "\n" + DifferentialSerializabilityTest.edn(h));
                }
            }
        }
        System.out.printf("version-order search over %d histories: found %s (serial) %s (snapshot), refuted %s %s%n", HISTORIES,
                Arrays.toString(found[0]), Arrays.toString(found[1]), Arrays.toString(refuted[0]), Arrays.toString(refuted[1]));
        for (int s = 0; s < 2; s++) {
            for (int v = 0; v < 3; v++) {
                assertThat(found[s][v]).as("found, " + s + " " + v).isPositive();
                assertThat(refuted[s][v]).as("refuted, " + s + " " + v).isPositive();
            }
        }
    }

    @Test
    void viewsAndUpdatesAgreeWithTheDefinitionsOnRandomHistories() {
        VersionOrderSearch.Mode[] modes = {VersionOrderSearch.Mode.CONSISTENT_VIEW, VersionOrderSearch.Mode.CURSOR_STABILITY, VersionOrderSearch.Mode.UPDATE_SERIALIZABLE};
        BruteForceIsolation.M[] models = {BruteForceIsolation.M.CONSISTENT_VIEW, BruteForceIsolation.M.CURSOR_STABILITY, BruteForceIsolation.M.UPDATE_SERIALIZABLE};
        List<Set<Axiom>> axioms = List.of(EnumSet.of(COMMITTED_READS, CURSOR_STABILITY, NO_G_SINGLE), EnumSet.of(COMMITTED_READS, CURSOR_STABILITY),
                EnumSet.of(COMMITTED_READS, NO_G_UPDATE));
        int[] found = new int[3];
        int[] refuted = new int[3];
        for (long seed = 1; seed <= HISTORIES; seed++) {
            History h = RandomTxnHistories.random(seed, false);
            RwRegisterInference inf = new RwRegisterInference(new TxnHistory(h));
            if (inf.unsupported != null) continue;
            DependencyGraph g = inf.graph();
            boolean clean = inf.anomalies.isEmpty();
            for (int m = 0; m < 3; m++) {
                boolean expected = BruteForceIsolation.holds(h, models[m]);
                VersionOrderSearch s = new VersionOrderSearch(inf, g, modes[m], 0);
                VersionOrderSearch.Result r = s.run(Budget.unlimited());
                String what = "seed " + seed + ", " + modes[m] + ": ";
                if (r == VersionOrderSearch.Result.UNDECIDED) fail(what + "undecided (" + s.why + ")\n" + DifferentialSerializabilityTest.edn(h));
                if (r == VersionOrderSearch.Result.REFUTED && expected) fail(what + "refuted (" + s.why + ") but the definition holds\n" + DifferentialSerializabilityTest.edn(h));
                if (r == VersionOrderSearch.Result.REFUTED) {
                    refuted[m]++;
                    continue;
                }
                if (!clean) continue;
                if (!expected) fail(what + "found " + Arrays.toString(s.order) + " but the definition fails\n" + DifferentialSerializabilityTest.edn(h));
                found[m]++;
                String why = WitnessVerifier.verify(h, TransactionalWitness.versionOrder(s.order, "searched"), axioms.get(m), false);
                if (why != null) fail(what + "the verifier rejects the order found: " + why + "\n" + DifferentialSerializabilityTest.edn(h));
            }
        }
        System.out.printf("version-order search over %d histories, consistent view, cursor stability and update serializability: found %s, refuted %s%n",
                HISTORIES, Arrays.toString(found), Arrays.toString(refuted));
        for (int m = 0; m < 3; m++) {
            assertThat(found[m]).as("found, " + modes[m]).isPositive();
            assertThat(refuted[m]).as("refuted, " + modes[m]).isPositive();
        }
    }
}
