package dev.ariadne.checker.search;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The subsuming memo against its definition: a configuration is new unless one stored has its required set, its state and a subset of its optional set. */
class SubsumingMemoTest {

    private static long[] set(int... ops) {
        long[] b = new long[2];
        for (int o : ops) b[o >>> 6] |= 1L << o;
        return b;
    }

    private static long garbage = 0x9E3779B97F4A7C15L;

    /**
     * Adds through the prefix form: the sets are the first two words of reused, longer arrays whose
     * other words change at every call, as the search's buffers do; only the prefixes may count.
     */
    private static boolean add(SubsumingMemo m, long[] req, long[] opt, Object state) {
        long h = req[0] * 31 + req[1];
        long[] r = java.util.Arrays.copyOf(req, 5);
        long[] o = java.util.Arrays.copyOf(opt, 4);
        for (int k = 2; k < 5; k++) r[k] = garbage = garbage * 6364136223846793005L + 1442695040888963407L;
        for (int k = 2; k < 4; k++) o[k] = garbage = garbage * 6364136223846793005L + 1442695040888963407L;
        return m.add(r, 2, h, o, 2, opt[0] != 0 || opt[1] != 0, state);
    }

    @Test
    void fewerOptionalOperationsSubsumeMore() {
        SubsumingMemo m = new SubsumingMemo();
        long[] r = set(1, 70);
        assertThat(add(m, r, set(3), "s")).isTrue();
        assertThat(add(m, r, set(3), "s")).as("the same configuration").isFalse();
        assertThat(add(m, r, set(3, 64), "s")).as("a superset of optional operations").isFalse();
        assertThat(add(m, r, set(4), "s")).as("incomparable").isTrue();
        assertThat(add(m, r, set(), "s")).as("the empty set is new").isTrue();
        assertThat(add(m, r, set(5), "s")).as("the empty set subsumes every other").isFalse();
        assertThat(add(m, r, set(), "t")).as("another state").isTrue();
        assertThat(add(m, set(1), set(), "s")).as("another required set").isTrue();
    }

    /**
     * The memo's size, which the search's budget reads to answer UNKNOWN before the heap runs out: each
     * configuration and each optional set counts, with its words, and a set that leaves counts no more.
     */
    @Test
    void bytesCountEverySetKeptWithItsWords() {
        SubsumingMemo m = new SubsumingMemo();
        long empty = m.bytes();
        long[] key = new long[10];
        key[0] = 1;
        assertThat(m.add(key, 10, 1, new long[3], 3, false, "s")).isTrue();
        long one = m.bytes();
        assertThat(one - empty).as("a configuration, its 10 words, no optional set").isEqualTo(48 + 24 + 80);
        key[0] = 2;
        long[] opt = {1, 0, 0};
        assertThat(m.add(key, 10, 2, opt, 3, true, "s")).isTrue();
        assertThat(m.bytes() - one).as("with an optional set of 3 words").isEqualTo(48 + 24 + 80 + 24);
        long two = m.bytes();
        assertThat(m.add(key, 10, 2, new long[] {2, 0, 0}, 3, true, "s")).as("incomparable").isTrue();
        assertThat(m.bytes() - two).as("a second optional set").isEqualTo(24 + 24);
        long three = m.bytes();
        assertThat(m.add(key, 10, 2, new long[] {0, 0, 0}, 3, true, "s")).as("the empty set, given as words").isTrue();
        assertThat(m.bytes() - three).as("two sets replaced by one").isEqualTo(-(24 + 24));
        long four = m.bytes();
        key[0] = 3;
        assertThat(m.add(key, 10, 3, new long[] {4, 0, 0}, 3, true, "s")).isTrue();
        long five = m.bytes();
        assertThat(m.add(key, 10, 3, new long[3], 3, false, "s")).as("no optional operation").isTrue();
        assertThat(m.bytes() - five).as("the optional set dropped, none kept").isEqualTo(-24 + 24 - 24);
        assertThat(four).isGreaterThan(empty);
        for (int i = 0; i < 3000; i++) {
            key[0] = 100 + i;
            m.add(key, 10, 100 + i, opt, 3, false, "s");
        }
        assertThat(m.bytes()).as("the table grew: 4096 slots at least").isGreaterThanOrEqualTo(4096L * 40 + 3003L * (48 + 24 + 80));
    }

    @Test
    void aSmallerSetReplacesTheSetsItSubsumes() {
        SubsumingMemo m = new SubsumingMemo();
        long[] r = set(0);
        assertThat(add(m, r, set(1, 2), "s")).isTrue();
        assertThat(add(m, r, set(1, 3), "s")).isTrue();
        assertThat(add(m, r, set(1), "s")).isTrue();
        assertThat(add(m, r, set(1, 2), "s")).isFalse();
        assertThat(add(m, r, set(1, 3), "s")).isFalse();
        assertThat(add(m, r, set(2, 3), "s")).isTrue();
        assertThat(add(m, r, set(2, 3, 4), "s")).isFalse();
    }

    @Test
    void randomSequencesAgreeWithTheDefinition() {
        for (long seed = 0; seed < 300; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            SubsumingMemo m = new SubsumingMemo();
            List<long[]> seenReq = new ArrayList<>();
            List<long[]> seenOpt = new ArrayList<>();
            List<Integer> seenState = new ArrayList<>();
            // Even seeds: few required sets, so that configurations repeat and nest often; odd: many, so the table grows.
            int reqRange = seed % 2 == 0 ? 4 : 400;
            for (int step = 0; step < 1500; step++) {
                long[] req = new long[] {rnd.nextInt(reqRange), rnd.nextInt(2)};
                long[] opt = new long[] {rnd.nextInt(8) << 2, rnd.nextInt(4)};
                int state = rnd.nextInt(3);
                boolean expected = true;
                for (int k = 0; k < seenReq.size() && expected; k++) {
                    long[] o = seenOpt.get(k);
                    if (java.util.Arrays.equals(seenReq.get(k), req) && seenState.get(k) == state
                            && (o[0] & ~opt[0]) == 0 && (o[1] & ~opt[1]) == 0) expected = false;
                }
                boolean actual = add(m, req, opt, state);
                assertThat(actual).as("seed " + seed + " step " + step).isEqualTo(expected);
                if (expected) {
                    seenReq.add(req);
                    seenOpt.add(opt);
                    seenState.add(state);
                }
            }
        }
    }
}
