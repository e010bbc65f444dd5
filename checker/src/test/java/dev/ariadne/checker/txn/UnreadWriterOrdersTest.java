package dev.ariadne.checker.txn;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search over unread writers' orders against its definition: on thousands of seeded random graphs
 * of start and commit events, an order of every group closes no cycle exactly when one of all the
 * orders (each group permuted every way) does; and the order the search gives is one.
 */
class UnreadWriterOrdersTest {
    @Test
    void findsAnOrderExactlyWhenOneOfAllOrdersHasNoCycle() {
        int found = 0;
        int none = 0;
        for (long seed = 1; seed <= 4000; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 3 + r.nextInt(6);
            int[][] groups = groups(r, n);
            Topo base = new Topo(2 * n);
            for (int t = 0; t < n; t++) base.add(2 * t, 2 * t + 1);
            int extra = r.nextInt(2 * n);
            for (int i = 0; i < extra; i++) {
                // Half the edges between two writers of one group, where they constrain its orders.
                int[] within = r.nextBoolean() ? groups[r.nextInt(groups.length)] : null;
                int u = within == null ? r.nextInt(n) : within[r.nextInt(within.length)];
                int v = within == null ? r.nextInt(n) : within[r.nextInt(within.length)];
                if (u == v) continue;
                // A ww or wr dependency (commit before start) or an anti-dependency (start before commit).
                if (r.nextBoolean()) base.add(2 * u + 1, 2 * v);
                else base.add(2 * u, 2 * v + 1);
            }
            boolean[] include = new boolean[2 * n];
            Arrays.fill(include, true);
            long[] priority = new long[2 * n];
            for (int i = 0; i < 2 * n; i++) priority[i] = i;
            int[] baseOrder = base.order(include, priority);
            if (baseOrder == null) continue;
            int[] position = new int[2 * n];
            for (int i = 0; i < baseOrder.length; i++) position[baseOrder[i]] = i;
            boolean exists = anyOrder(base, groups, 0, include, priority);
            UnreadWriterOrders search = new UnreadWriterOrders(2 * n, base.edges(), copy(groups), position);
            int[][] got = search.search();
            assertThat(search.cut).as("seed " + seed).isFalse();
            assertThat(got != null).as("seed " + seed + ": groups " + Arrays.deepToString(groups)).isEqualTo(exists);
            if (got == null) {
                none++;
                continue;
            }
            found++;
            for (int g = 0; g < groups.length; g++) {
                assertThat(Arrays.stream(got[g]).sorted().toArray()).as("seed " + seed).isEqualTo(Arrays.stream(groups[g]).sorted().toArray());
            }
            assertThat(chained(base, got).order(include, priority)).as("seed " + seed + ": the order found closes a cycle").isNotNull();
        }
        System.out.println("unread writer orders: " + found + " found, " + none + " refuted");
        // Both answers occur often enough for the comparison to mean something.
        assertThat(found).isGreaterThan(500);
        assertThat(none).isGreaterThan(200);
    }

    private static int[][] groups(SplittableRandom r, int n) {
        int count = 1 + r.nextInt(3);
        List<int[]> out = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            int size = 2 + r.nextInt(Math.min(3, n - 1));
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int x = all[i];
                all[i] = all[j];
                all[j] = x;
            }
            out.add(Arrays.copyOf(all, size));
        }
        return out.toArray(new int[0][]);
    }

    private static int[][] copy(int[][] groups) {
        int[][] c = new int[groups.length][];
        for (int i = 0; i < c.length; i++) c[i] = groups[i].clone();
        return c;
    }

    private static Topo chained(Topo base, int[][] orders) {
        Topo t = base.copy();
        for (int[] o : orders) for (int i = 1; i < o.length; i++) t.add(2 * o[i - 1] + 1, 2 * o[i]);
        return t;
    }

    /** Every order of every group, one at a time: the definition. */
    private static boolean anyOrder(Topo base, int[][] groups, int g, boolean[] include, long[] priority) {
        if (g == groups.length) return chained(base, groups).order(include, priority) != null;
        return permutations(base, groups, g, 0, include, priority);
    }

    private static boolean permutations(Topo base, int[][] groups, int g, int i, boolean[] include, long[] priority) {
        int[] p = groups[g];
        if (i == p.length) return anyOrder(base, groups, g + 1, include, priority);
        for (int j = i; j < p.length; j++) {
            int x = p[i];
            p[i] = p[j];
            p[j] = x;
            boolean ok = permutations(base, groups, g, i + 1, include, priority);
            p[j] = p[i];
            p[i] = x;
            if (ok) return true;
        }
        return false;
    }
}
