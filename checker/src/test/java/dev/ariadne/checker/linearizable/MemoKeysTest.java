package dev.ariadne.checker.linearizable;

import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.Datatypes;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.generators.Objects;
import dev.ariadne.generators.Simulation;
import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The search's compact memo keys against their definition: on seeded random interval sets (long enough
 * to cross word boundaries, with long-running and optional operations), every set of the shape a search
 * can reach gets a key (with its optional words) that equals another's exactly when the sets are equal,
 * and a set of any other shape is refused by the test-only verification. The search itself runs with the
 * verification on in {@link DifferentialLinearizabilityTest}, {@link KvReductionTest} and here.
 */
class MemoKeysTest {
    static final int SEEDS = 600;

    /** Random intervals: calls and completions at distinct positions, a few operations spanning much of the history. */
    record Intervals(int[] call, int[] ret, boolean[] required) {}

    static Intervals intervals(SplittableRandom rnd, int n) {
        int[] call = new int[n];
        int[] ret = new int[n];
        boolean[] required = new boolean[n];
        int pos = 0;
        // A few clients: each operation starts after its client's previous one returned.
        // A few clients, or (one history in four) up to 100, so that slices pass 64 operations and cross words.
        int clients = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(100) : 1 + rnd.nextInt(6);
        int[] free = new int[clients];
        List<int[]> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = rnd.nextInt(clients);
            int start = Math.max(free[c], rnd.nextInt(3 * n + 1));
            int length = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(2 * n + 1) : 1 + rnd.nextInt(8);
            free[c] = start + length + 1;
            events.add(new int[] {start, 2 * i});
            events.add(new int[] {start + length, 2 * i + 1});
            required[i] = rnd.nextInt(5) != 0;
        }
        // Distinct positions: sort by time, ties by operation (a call before its own completion).
        events.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        for (int[] e : events) {
            if ((e[1] & 1) == 0) call[e[1] >> 1] = pos++;
            else ret[e[1] >> 1] = pos++;
        }
        for (int i = 0; i < n; i++) if (!required[i]) ret[i] = Integer.MAX_VALUE;
        return new Intervals(call, ret, required);
    }

    /** The search's list entries in history order, as it gives them to MemoKeys. */
    static long[] entries(Intervals iv) {
        List<Long> e = new ArrayList<>();
        for (int i = 0; i < iv.call.length; i++) {
            e.add(((long) iv.call[i] << Search.ENTRY_BITS) | (2L * i));
            if (iv.required[i]) e.add(((long) iv.ret[i] << Search.ENTRY_BITS) | (2L * i + 1));
        }
        return e.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** The first required operation not in the set by completion, or -1. */
    static int blocking(Intervals iv, BitSet set) {
        int b = -1;
        for (int i = 0; i < iv.call.length; i++) {
            if (iv.required[i] && !set.get(i) && (b < 0 || iv.ret[i] < iv.ret[b])) b = i;
        }
        return b;
    }

    /** A set a search can reach with frontier b: required completed before b in, b out, others invoked before b's completion at will. */
    static BitSet reachable(Intervals iv, int b, SplittableRandom rnd) {
        BitSet set = new BitSet();
        int f = b < 0 ? Integer.MAX_VALUE : iv.ret[b];
        for (int i = 0; i < iv.call.length; i++) {
            if (i == b) continue;
            if (iv.required[i] && iv.ret[i] < f) set.set(i);
            else if (iv.call[i] < f && rnd.nextInt(3) != 0) set.set(i);
        }
        return set;
    }

    /** The key of a set, with the optional words beside it when they are kept apart. */
    static List<Long> keyOf(MemoKeys keys, Intervals iv, BitSet set, boolean separate) {
        keys.clear();
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            if (iv.required[i]) keys.flipRequired(i);
            else keys.flipOptional(i);
        }
        int b = blocking(iv, set);
        int len = keys.key(b);
        List<Long> key = new ArrayList<>();
        for (int k = 0; k < len; k++) key.add(keys.buffer()[k]);
        if (separate) {
            key.add(-7L); // a separator: lengths are fixed per frontier anyway
            for (int k = 0; k < keys.optionalWords(b); k++) key.add(keys.optional()[k]);
        }
        return key;
    }

    @Test
    void keysAreOneToOneOnReachableSets() {
        boolean was = MemoKeys.verify;
        MemoKeys.verify = true;
        try {
            int sets = 0, shared = 0;
            for (long seed = 0; seed < SEEDS; seed++) {
                SplittableRandom rnd = new SplittableRandom(seed);
                int n = 1 + rnd.nextInt(seed % 3 == 0 ? 300 : 70);
                Intervals iv = intervals(rnd, n);
                boolean separate = seed % 2 == 1;
                MemoKeys keys = new MemoKeys(entries(iv), iv.call.length, iv.required, separate);
                Map<List<Long>, BitSet> seen = new HashMap<>();
                for (int t = 0; t < 60; t++) {
                    int b = rnd.nextInt(n + 1) - 1;
                    if (b >= 0 && !iv.required[b]) b = -1;
                    BitSet set = reachable(iv, b, rnd);
                    assertThat(blocking(iv, set)).as("seed %d: the frontier of the set drawn", seed).isEqualTo(b);
                    List<Long> key = keyOf(keys, iv, set, separate);
                    BitSet before = seen.putIfAbsent(key, set);
                    if (before != null) {
                        shared++;
                        if (!before.equals(set)) fail("seed " + seed + ": sets " + before + " and " + set + " share the key " + key);
                    }
                    sets++;
                }
                // The same sets again, by a fresh flip order: equal sets, equal keys.
                for (Map.Entry<List<Long>, BitSet> e : seen.entrySet()) {
                    assertThat(keyOf(keys, iv, e.getValue(), separate)).as("seed %d", seed).isEqualTo(e.getKey());
                }
            }
            assertThat(shared).as("some sets repeat, so equal keys are tested too").isGreaterThan(100);
            System.out.println("memo keys: " + sets + " reachable sets, " + shared + " repeats");
        } finally {
            MemoKeys.verify = was;
        }
    }

    @Test
    void slicesCopyBitByBit() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int t = 0; t < 20_000; t++) {
            int bits = 1 + rnd.nextInt(400);
            long[] src = new long[(bits + 63) / 64 + 1];
            for (int w = 0; w < src.length - 1; w++) src[w] = rnd.nextLong();
            src[src.length - 1] = rnd.nextLong(); // the spare word: never to be read into the slice
            int from = rnd.nextInt(bits + 1);
            int to = from + rnd.nextInt(bits - from + 1);
            int at = rnd.nextInt(3);
            long[] dst = new long[at + (to - from + 63) / 64 + 2];
            java.util.Arrays.fill(dst, -1L);
            int end = MemoKeys.slice(src, from, to, dst, at);
            assertThat(end).as("t %d", t).isEqualTo(at + (to - from + 63) / 64);
            for (int k = 0; k < (end - at) * 64; k++) {
                boolean expected = k < to - from && (src[(from + k) >>> 6] & (1L << (from + k))) != 0;
                boolean actual = (dst[at + (k >>> 6)] & (1L << k)) != 0;
                if (actual != expected) fail("t " + t + ": bit " + k + " of the slice [" + from + ", " + to + ") of " + bits + " bits");
            }
            for (int w = 0; w < at; w++) assertThat(dst[w]).as("words before the slice untouched").isEqualTo(-1L);
        }
    }

    @Test
    void setsOfAnotherShapeAreRefused() {
        boolean was = MemoKeys.verify;
        MemoKeys.verify = true;
        try {
            int refused = 0;
            for (long seed = 0; seed < SEEDS; seed++) {
                SplittableRandom rnd = new SplittableRandom(seed);
                Intervals iv = intervals(rnd, 2 + rnd.nextInt(100));
                int n = iv.call.length;
                int b = rnd.nextInt(n);
                if (!iv.required[b]) continue;
                BitSet set = reachable(iv, b, rnd);
                // Break the shape, one of three ways: take an operation invoked after b's completion, leave out a
                // required one completed before it and invoked before every required one completed after it (below
                // the slice: one inside it is told apart by the slice's bits, so the key stays one-to-one), or take b.
                int kind = (int) (seed % 3);
                int firstOpen = Integer.MAX_VALUE;
                for (int i = 0; i < n; i++) if (iv.required[i] && iv.ret[i] >= iv.ret[b]) firstOpen = Math.min(firstOpen, iv.call[i]);
                int broken = -1;
                for (int i = 0; i < n; i++) {
                    boolean fits = kind == 0 ? iv.call[i] > iv.ret[b]
                            : kind == 1 ? iv.required[i] && iv.ret[i] < iv.ret[b] && iv.call[i] < firstOpen : i == b;
                    if (fits && (broken < 0 || rnd.nextBoolean())) broken = i;
                }
                if (broken < 0) continue;
                set.flip(broken);
                MemoKeys keys = new MemoKeys(entries(iv), n, iv.required, seed % 2 == 1);
                for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
                    if (iv.required[i]) keys.flipRequired(i);
                    else keys.flipOptional(i);
                }
                int frontier = b;
                assertThatThrownBy(() -> keys.key(frontier)).as("seed %d", seed).isInstanceOf(IllegalStateException.class);
                refused++;
            }
            assertThat(refused).isGreaterThan(SEEDS / 3);
        } finally {
            MemoKeys.verify = was;
        }
    }

    /**
     * One key of 40,000 register operations, four clients, some crashed: with a 16 MiB memo, decided.
     * Keyed on bit sets of the key's operations (625 words a configuration), the memo held about 3,000
     * configurations in that budget and the search answered UNKNOWN.
     */
    @Test
    void aLongKeyIsDecidedInASmallMemo() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            History h = History.of(new Simulation(40_000, 4, seed == 3 ? 0.01 : 0.0, seed).events(Objects.of("cas-register", 5, 1)));
            LinearizabilityChecker.Options small = new LinearizabilityChecker.Options(60_000, 16L << 20, 1, 0, false);
            CheckResult r = LinearizabilityChecker.check(h, Datatypes.byName("cas-register", DatatypeOptions.DEFAULT), small);
            assertThat(r.verdict()).as("seed %d: %s", seed, r.summary()).isEqualTo(Verdict.VALID);
        }
    }
}
