package dev.ariadne.checker.txn;

import dev.ariadne.checker.certify.Axiom;
import dev.ariadne.checker.certify.WitnessVerifier;
import dev.ariadne.checker.report.TransactionalWitness;
import dev.ariadne.checker.search.Budget;
import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import static dev.ariadne.checker.certify.Axiom.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The version-order search alone against the brute-force definitions, on seeded random rw-register
 * histories, for every mode and order: it must never stay undecided, a refutation must be right, a
 * history the definition accepts must be found, and what it finds must pass the independent verifier
 * (where the history has no other anomaly, which the search does not look at).
 */
class VersionOrderSearchTest {
    static final int HISTORIES = RwRegisterIsolationTest.HISTORIES;
    private static final int PROCESS = DependencyGraph.PROCESS;
    private static final int REALTIME = DependencyGraph.PROCESS | DependencyGraph.REALTIME;
    private static final Set<Axiom> SI = EnumSet.of(COMMITTED_READS, MONOTONIC_VIEW, ATOMIC, TRANSITIVE, NO_CONFLICT, PREFIX, CURSOR_STABILITY);

    /** One mode and order, the definition it decides, and the axioms its witness must pass. */
    private record Case(VersionOrderSearch.Mode mode, int extra, BruteForceIsolation.M model, Set<Axiom> axioms) {}

    private static Set<Axiom> with(Set<Axiom> base, Axiom... more) {
        Set<Axiom> out = EnumSet.copyOf(base);
        out.addAll(Arrays.asList(more));
        return out;
    }

    private static final Case[] CASES = {
            new Case(VersionOrderSearch.Mode.SERIAL, 0, BruteForceIsolation.M.SERIALIZABLE, with(SI, TOTAL)),
            new Case(VersionOrderSearch.Mode.SERIAL, PROCESS, BruteForceIsolation.M.STRONG_SESSION_SERIALIZABLE, with(SI, TOTAL, SESSION)),
            new Case(VersionOrderSearch.Mode.SERIAL, REALTIME, BruteForceIsolation.M.STRICT_SERIALIZABLE, with(SI, TOTAL, SESSION, Axiom.REALTIME)),
            new Case(VersionOrderSearch.Mode.SNAPSHOT, 0, BruteForceIsolation.M.SI, SI),
            new Case(VersionOrderSearch.Mode.SNAPSHOT, PROCESS, BruteForceIsolation.M.STRONG_SESSION_SI, with(SI, SESSION)),
            new Case(VersionOrderSearch.Mode.SNAPSHOT, REALTIME, BruteForceIsolation.M.STRONG_SI, with(SI, SESSION, Axiom.REALTIME)),
            new Case(VersionOrderSearch.Mode.PREFIX, 0, BruteForceIsolation.M.PREFIX, EnumSet.of(COMMITTED_READS, MONOTONIC_VIEW, ATOMIC, TRANSITIVE, PREFIX)),
            new Case(VersionOrderSearch.Mode.CONSISTENT_VIEW, 0, BruteForceIsolation.M.CONSISTENT_VIEW, EnumSet.of(COMMITTED_READS, CURSOR_STABILITY, NO_G_SINGLE)),
            new Case(VersionOrderSearch.Mode.CURSOR_STABILITY, 0, BruteForceIsolation.M.CURSOR_STABILITY, EnumSet.of(COMMITTED_READS, CURSOR_STABILITY)),
            new Case(VersionOrderSearch.Mode.UPDATE_SERIALIZABLE, 0, BruteForceIsolation.M.UPDATE_SERIALIZABLE, EnumSet.of(COMMITTED_READS, NO_G_UPDATE)),
    };

    @Test
    void agreesWithTheDefinitionsOnRandomHistories() {
        int[] found = new int[CASES.length];
        int[] refuted = new int[CASES.length];
        for (long seed = 1; seed <= HISTORIES; seed++) {
            History h = RandomTxnHistories.random(seed, false);
            RwRegisterInference inf = new RwRegisterInference(new TxnHistory(h));
            if (inf.unsupported != null) continue;
            DependencyGraph g = inf.graph();
            for (int c = 0; c < CASES.length; c++) {
                int outcome = check(seed, h, inf, g, CASES[c]);
                if (outcome > 0) found[c]++;
                if (outcome < 0) refuted[c]++;
            }
        }
        System.out.printf("version-order search over %d histories (%s): found %s, refuted %s%n", HISTORIES,
                String.join(", ", Arrays.stream(CASES).map(c -> c.model().name()).toList()), Arrays.toString(found), Arrays.toString(refuted));
        for (int c = 0; c < CASES.length; c++) {
            assertThat(found[c]).as("found, " + CASES[c]).isPositive();
            // Cursor stability is refuted in 7 of the first 1,500 histories and none of the first 300 (PIT's count);
            // RwRegisterClassicsTest has a refuted one of its own.
            if (HISTORIES >= 1000 || CASES[c].mode() != VersionOrderSearch.Mode.CURSOR_STABILITY) assertThat(refuted[c]).as("refuted, " + CASES[c]).isPositive();
        }
    }

    /** Checks one search against the definition: 1 found (and verified), -1 refuted, 0 found where other anomalies leave nothing to verify. */
    private static int check(long seed, History h, RwRegisterInference inf, DependencyGraph g, Case c) {
        boolean expected = c.model() == BruteForceIsolation.M.SERIALIZABLE || c.model() == BruteForceIsolation.M.STRONG_SESSION_SERIALIZABLE
                || c.model() == BruteForceIsolation.M.STRICT_SERIALIZABLE
                ? BruteForceSerializability.serializable(h, c.extra() != 0, c.extra() == REALTIME) : BruteForceIsolation.holds(h, c.model());
        VersionOrderSearch s = new VersionOrderSearch(inf, g, c.mode(), c.extra());
        VersionOrderSearch.Result r = s.run(Budget.unlimited());
        String what = "seed " + seed + ", " + c.mode() + " with extra " + c.extra() + ": ";
        if (r == VersionOrderSearch.Result.UNDECIDED) fail(what + "undecided (" + s.why + ")\n" + DifferentialSerializabilityTest.edn(h));
        if (r == VersionOrderSearch.Result.REFUTED) {
            if (expected) fail(what + "refuted (" + s.why + ") but the definition holds\n" + DifferentialSerializabilityTest.edn(h));
            return -1;
        }
        if (!inf.anomalies.isEmpty()) return 0;
        if (!expected) fail(what + "found " + Arrays.toString(s.order) + " but the definition fails\n" + DifferentialSerializabilityTest.edn(h));
        TransactionalWitness w = switch (c.mode()) {
            case SERIAL -> TransactionalWitness.serial(s.order, "searched");
            case SNAPSHOT -> RegisterSnapshots.schedule(inf, g, s.order, c.extra(), "");
            case PREFIX -> SnapshotSchedule.fromEvents(s.events, inf.n, "searched");
            default -> TransactionalWitness.versionOrder(s.order, "searched");
        };
        assertThat(w).as(what + "a witness from the order found").isNotNull();
        String why = WitnessVerifier.verify(h, w, c.axioms(), false);
        if (why != null) fail(what + "the verifier rejects the order found: " + why + "\n" + DifferentialSerializabilityTest.edn(h));
        return 1;
    }

    @Test
    void theFirstWriteReadAndOverwrittenStartsARunLikeAnyOther() {
        // The history's first element is read and overwritten: a run of two, not one that starts at the initial state.
        History h = CertifiedIsolationTest.edn("""
                {:process 0 :type :invoke :f :txn :value [[:w :x 1]]}
                {:process 0 :type :ok :f :txn :value [[:w :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil] [:w :x 2]]}
                {:process 1 :type :ok :f :txn :value [[:r :x 1] [:w :x 2]]}
                {:process 2 :type :invoke :f :txn :value [[:w :x 3]]}
                {:process 2 :type :ok :f :txn :value [[:w :x 3]]}
                """);
        RwRegisterInference inf = new RwRegisterInference(new TxnHistory(h));
        for (VersionOrderSearch.Mode m : VersionOrderSearch.Mode.values()) {
            VersionOrderSearch s = new VersionOrderSearch(inf, inf.graph(), m, 0);
            assertThat(s.run(Budget.unlimited())).as(m + ": " + s.why).isEqualTo(VersionOrderSearch.Result.FOUND);
        }
    }
}
