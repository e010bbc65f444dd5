package dev.ariadne.checker.txn;

import dev.ariadne.checker.certify.Axiom;
import dev.ariadne.checker.certify.WitnessVerifier;
import dev.ariadne.checker.report.TransactionalWitness;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static dev.ariadne.checker.certify.Axiom.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The verifier against the definitions on witnesses of every kind, right and wrong: random commit
 * sets, arbitration orders (near real time, or shuffled) and snapshots on seeded small histories.
 * A verifier that accepts what the definition refuses would let a wrong witness pass; this test
 * makes each of its checks matter (the checker's own witnesses are almost always right).
 */
class VerifierDifferentialTest {
    static final int HISTORIES = Integer.getInteger("ariadne.histories", 1500);

    /** The conditions the model layer checks for each model (model.Certification), here by hand. */
    static final Map<BruteForceIsolation.M, Set<Axiom>> AXIOMS = new EnumMap<>(BruteForceIsolation.M.class);

    static {
        Set<Axiom> ra = EnumSet.of(COMMITTED_READS, MONOTONIC_VIEW, ATOMIC);
        AXIOMS.put(BruteForceIsolation.M.READ_COMMITTED, EnumSet.of(COMMITTED_READS));
        AXIOMS.put(BruteForceIsolation.M.READ_ATOMIC, ra);
        AXIOMS.put(BruteForceIsolation.M.CAUSAL, with(ra, TRANSITIVE));
        AXIOMS.put(BruteForceIsolation.M.PREFIX, with(ra, TRANSITIVE, PREFIX));
        AXIOMS.put(BruteForceIsolation.M.PSI, with(ra, TRANSITIVE, NO_CONFLICT, CURSOR_STABILITY));
        Set<Axiom> si = with(ra, TRANSITIVE, NO_CONFLICT, PREFIX, CURSOR_STABILITY);
        AXIOMS.put(BruteForceIsolation.M.SI, si);
        AXIOMS.put(BruteForceIsolation.M.STRONG_SESSION_SI, with(si, SESSION));
        AXIOMS.put(BruteForceIsolation.M.STRONG_SI, with(si, SESSION, REALTIME));
        AXIOMS.put(BruteForceIsolation.M.SERIALIZABLE, with(si, TOTAL));
        AXIOMS.put(BruteForceIsolation.M.STRONG_SESSION_SERIALIZABLE, with(si, TOTAL, SESSION));
        AXIOMS.put(BruteForceIsolation.M.STRICT_SERIALIZABLE, with(si, TOTAL, SESSION, REALTIME));
    }

    private static Set<Axiom> with(Set<Axiom> base, Axiom... more) {
        Set<Axiom> out = EnumSet.copyOf(base);
        out.addAll(List.of(more));
        return out;
    }

    /** The models whose witness is a version order alone, judged by {@link #versionOrdersAreJudgedAsAdyaDefinesTheLevels}. */
    private static boolean versionOrderOnly(BruteForceIsolation.M m) {
        return m == BruteForceIsolation.M.UPDATE_SERIALIZABLE || m == BruteForceIsolation.M.CONSISTENT_VIEW || m == BruteForceIsolation.M.FORWARD_CONSISTENT_VIEW
                || m == BruteForceIsolation.M.CURSOR_STABILITY || m == BruteForceIsolation.M.MONOTONIC_ATOMIC_VIEW;
    }

    @Test
    void theVerifierAcceptsExactlyWhatTheDefinitionsAccept() {
        int[] accepted = new int[BruteForceIsolation.M.values().length];
        int checked = 0;
        for (long seed = 1; seed <= HISTORIES; seed++) {
            History h = seed % 2 == 0 ? HardTxnHistories.random(seed) : RandomTxnHistories.random(seed);
            SplittableRandom rnd = new SplittableRandom(seed * 31 + 7);
            for (int attempt = 0; attempt < 6; attempt++) {
                List<Operation> ar = order(h, rnd);
                int[] ids = new int[ar.size()];
                for (int i = 0; i < ids.length; i++) ids[i] = ar.get(i).id();
                boolean legal = legalCommitSet(h, ar);
                int[] cut = new int[ar.size()];
                for (int p = 0; p < cut.length; p++) cut[p] = rnd.nextInt(4) == 0 ? rnd.nextInt(p + 1) : p;
                for (BruteForceIsolation.M m : BruteForceIsolation.M.values()) {
                    if (versionOrderOnly(m)) continue; // a version order: the test below
                    TransactionalWitness w = m == BruteForceIsolation.M.READ_COMMITTED ? TransactionalWitness.versionOrder(ids, "test")
                            : TransactionalWitness.snapshots(ids, cut, "test");
                    boolean expected = legal && BruteForceIsolation.holdsWith(ar, cut, m);
                    String why = WitnessVerifier.verify(h, w, AXIOMS.get(m), true);
                    checked++;
                    if ((why == null) != expected) {
                        fail("seed " + seed + " attempt " + attempt + ", " + m + ": the definition says " + (expected ? "valid" : "invalid")
                                + ", the verifier " + (why == null ? "accepts" : "refuses (" + why + ")") + "\norder " + java.util.Arrays.toString(ids)
                                + " snapshots " + java.util.Arrays.toString(cut) + "\n" + DifferentialSerializabilityTest.edn(h));
                    }
                    if (expected) accepted[m.ordinal()]++;
                }
            }
        }
        System.out.println("verifier differential: " + checked + " witnesses, accepted per model " + java.util.Arrays.toString(accepted));
        for (BruteForceIsolation.M m : BruteForceIsolation.M.values()) {
            if (!versionOrderOnly(m)) assertThat(accepted[m.ordinal()]).as(m.toString()).isGreaterThan(HISTORIES / 20);
        }
    }

    @Test
    void versionOrdersAreJudgedAsAdyaDefinesTheLevels() {
        Map<BruteForceIsolation.Level, Set<Axiom>> axioms = Map.of(
                BruteForceIsolation.Level.READ_COMMITTED, EnumSet.of(COMMITTED_READS),
                BruteForceIsolation.Level.CURSOR_STABILITY, EnumSet.of(COMMITTED_READS, CURSOR_STABILITY),
                BruteForceIsolation.Level.MONOTONIC_VIEW, EnumSet.of(COMMITTED_READS, MONOTONIC_VIEW),
                BruteForceIsolation.Level.NO_G_SINGLE, EnumSet.of(COMMITTED_READS, NO_G_SINGLE),
                BruteForceIsolation.Level.NO_G2, EnumSet.of(COMMITTED_READS, NO_G2),
                BruteForceIsolation.Level.NO_G_UPDATE, EnumSet.of(COMMITTED_READS, NO_G_UPDATE));
        Map<BruteForceIsolation.Level, int[]> counts = new EnumMap<>(BruteForceIsolation.Level.class);
        for (BruteForceIsolation.Level l : BruteForceIsolation.Level.values()) counts.put(l, new int[2]);
        for (long seed = 1; seed <= HISTORIES; seed++) {
            History h = seed % 2 == 0 ? HardTxnHistories.random(seed) : RandomTxnHistories.random(seed);
            SplittableRandom rnd = new SplittableRandom(seed * 17 + 3);
            for (int attempt = 0; attempt < 6; attempt++) {
                List<Operation> ar = order(h, rnd);
                int[] ids = new int[ar.size()];
                for (int i = 0; i < ids.length; i++) ids[i] = ar.get(i).id();
                boolean legal = legalCommitSet(h, ar);
                for (BruteForceIsolation.Level l : BruteForceIsolation.Level.values()) {
                    boolean expected = legal && BruteForceIsolation.holdsAsVersionOrder(ar, l);
                    String why = WitnessVerifier.verify(h, TransactionalWitness.versionOrder(ids, "test"), axioms.get(l), true);
                    if ((why == null) != expected) {
                        fail("seed " + seed + " attempt " + attempt + ", " + l + ": the definition says " + (expected ? "valid" : "invalid")
                                + ", the verifier " + (why == null ? "accepts" : "refuses (" + why + ")") + "\norder " + java.util.Arrays.toString(ids)
                                + "\n" + DifferentialSerializabilityTest.edn(h));
                    }
                    counts.get(l)[expected ? 0 : 1]++;
                }
            }
        }
        for (var e : counts.entrySet()) {
            assertThat(e.getValue()[0]).as(e.getKey() + " accepted").isGreaterThan(HISTORIES / 20);
            assertThat(e.getValue()[1]).as(e.getKey() + " refused").isGreaterThan(HISTORIES / 20);
        }
    }

    /** Usually every ok and some info transactions, nearly in completion order; now and then a wrong commit set or a shuffle. */
    private static List<Operation> order(History h, SplittableRandom rnd) {
        List<Operation> out = new ArrayList<>();
        for (Operation o : h.operations()) {
            if (o.isOk() || (o.isInfo() && rnd.nextBoolean())) out.add(o);
            else if (o.isFail() && rnd.nextInt(20) == 0) out.add(o);
        }
        if (!out.isEmpty() && rnd.nextInt(20) == 0) out.remove(rnd.nextInt(out.size()));
        out.sort((a, b) -> Integer.compare(Math.min(a.returnPosition(), 1 << 20), Math.min(b.returnPosition(), 1 << 20)));
        int swaps = rnd.nextInt(3) == 0 ? out.size() : rnd.nextInt(2);
        for (int s = 0; s < swaps && out.size() > 1; s++) java.util.Collections.swap(out, rnd.nextInt(out.size()), rnd.nextInt(out.size()));
        return out;
    }

    private static boolean legalCommitSet(History h, List<Operation> ar) {
        for (Operation o : h.operations()) {
            if (o.isOk() && !ar.contains(o)) return false;
            if (o.isFail() && ar.contains(o)) return false;
        }
        return true;
    }
}
