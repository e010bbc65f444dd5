package dev.ariadne.checker.search;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shrinker against stand-ins whose violations are known exactly: a violation is any required set
 * containing a given core. It must find the core, say "minimal" only when every check was decided,
 * and spend fewer checks than one per operation.
 */
class ShrinkerTest {

    /** Operations 0..n-1, all required, completing in order; the model is violated iff every core operation is kept. */
    static final class Core implements Relaxable {
        final int n;
        final Set<Integer> core;
        final Set<Integer> undecidable;
        int checks;

        Core(int n, Set<Integer> core, Set<Integer> undecidable) {
            this.n = n;
            this.core = core;
            this.undecidable = undecidable;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public boolean required(int i) {
            return true;
        }

        @Override
        public int completion(int i) {
            return i;
        }

        @Override
        public boolean relaxesToNoOp(int i) {
            return i % 2 == 0;
        }

        @Override
        public Outcome check(boolean[] keep, Budget budget) {
            checks++;
            // Relaxing an undecidable operation (while the core stays) runs out of budget.
            boolean coreKept = true;
            for (int c : core) coreKept &= keep[c];
            if (coreKept) for (int u : undecidable) if (!keep[u]) return Outcome.UNKNOWN;
            return coreKept ? Outcome.VIOLATED : Outcome.HOLDS;
        }
    }

    static Set<Integer> kept(boolean[] keep) {
        Set<Integer> s = new java.util.TreeSet<>();
        for (int i = 0; i < keep.length; i++) if (keep[i]) s.add(i);
        return s;
    }

    @Test
    void findsTheCoreInFewerChecksThanOperations() {
        Core p = new Core(200, Set.of(17, 90, 150), Set.of());
        Shrinker.Minimal m = Shrinker.minimize(p, Budget.unlimited(), 1_000);
        assertThat(kept(m.keep())).containsExactly(17, 90, 150);
        assertThat(m.minimal()).isTrue();
        assertThat(p.checks).as("halving runs, not one check per operation").isLessThan(100);
    }

    @Test
    void anUndecidedRelaxationKeepsItsOperationAndIsNotCalledMinimal() {
        Core p = new Core(40, Set.of(5, 30), Set.of(12));
        Shrinker.Minimal m = Shrinker.minimize(p, Budget.unlimited(), 1_000);
        assertThat(kept(m.keep())).containsExactly(5, 12, 30);
        assertThat(m.minimal()).isFalse();
    }

    @Test
    void theCoreAloneIsMinimal() {
        Core p = new Core(1, Set.of(0), Set.of());
        Shrinker.Minimal m = Shrinker.minimize(p, Budget.unlimited(), 1_000);
        assertThat(kept(m.keep())).containsExactly(0);
        assertThat(m.minimal()).isTrue();
    }
}
