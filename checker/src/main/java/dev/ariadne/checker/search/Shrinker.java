package dev.ariadne.checker.search;


import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Shrinks a violating history to a 1-minimal set of required operations: relaxing any one of them
 * (see {@link Relaxable}) makes the rest satisfy the model. A violation only grows with the set of
 * required operations, which gives the plan:
 * <ol>
 *   <li>bisection finds the shortest prefix (by completion) that already violates the model;</li>
 *   <li>the other operations of that prefix are relaxed, as many at once as still leave a
 *       violation: a whole run when the rest still violates the model, else each half in turn.
 *       Reads go first, latest first: a relaxed read vanishes, and once few reads remain, crashed
 *       writes of values nobody reads drop out of the search too;</li>
 *   <li>the result is re-checked from scratch, and so is each one-smaller set.</li>
 * </ol>
 * Each check has a slice of the budget; a check that runs out keeps its operation, and the
 * counterexample is then reported as verified but not shown minimal.
 */
public final class Shrinker {
    private Shrinker() {}

    /** The required set found; {@code minimal} is false when a budget ran out before minimality was shown. */
    public record Minimal(boolean[] keep, boolean minimal) {}

    public static Minimal minimize(Relaxable p, Budget budget, long sliceMillis) {
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) if (p.required(i)) ok.add(i);
        ok.sort(Comparator.comparingInt(p::completion));

        int lo = 1;
        int hi = ok.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            Outcome out = p.checkFast(prefix(p, ok, mid), budget.slice(sliceMillis));
            if (out == Outcome.UNKNOWN) break;
            if (out == Outcome.VIOLATED) hi = mid;
            else lo = mid + 1;
        }
        boolean minimal = lo == hi;
        boolean[] keep = prefix(p, ok, hi);

        List<Integer> reads = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int k = hi - 2; k >= 0; k--) (p.relaxesToNoOp(ok.get(k)) ? reads : others).add(ok.get(k));
        boolean[] exhausted = {false};
        minimal &= relaxAll(p, keep, reads, 0, reads.size(), budget, sliceMillis, exhausted);
        minimal &= relaxAll(p, keep, others, 0, others.size(), budget, sliceMillis, exhausted);
        // Re-verify from scratch: the set is non-linearizable, and relaxing any one member fixes it.
        Outcome whole = p.checkFast(keep, budget);
        if (whole != Outcome.VIOLATED) {
            if (whole == Outcome.HOLDS) {
                throw new IllegalStateException("internal error: a minimized counterexample does not verify");
            }
            boolean[] all = new boolean[p.size()];
            for (int i = 0; i < all.length; i++) all[i] = p.required(i);
            return new Minimal(all, false);
        }
        if (minimal) {
            for (int i = 0; i < keep.length && minimal; i++) {
                if (!keep[i]) continue;
                keep[i] = false;
                Outcome out = p.check(keep, budget);
                keep[i] = true;
                if (out != Outcome.HOLDS) minimal = false;
            }
        }
        return new Minimal(keep, minimal);
    }

    /**
     * Relaxes as many of {@code ops[from, to)} as it can, keeping those the violation needs: the whole
     * run at once when the rest still violates the model, else each half in turn (so a counterexample
     * of k operations among n costs about 2k log(n/k) checks instead of n). False when a check ran out
     * of budget, so that an operation was kept without proof that it is needed.
     */
    private static boolean relaxAll(Relaxable p, boolean[] keep, List<Integer> ops, int from, int to, Budget budget,
                                    long sliceMillis, boolean[] exhausted) {
        if (from >= to) return true;
        if (exhausted[0] || budget.expired()) {
            exhausted[0] = true;
            return false;
        }
        for (int k = from; k < to; k++) keep[ops.get(k)] = false;
        Outcome out = p.checkFast(keep, budget.slice(sliceMillis));
        if (out == Outcome.VIOLATED) return true;
        for (int k = from; k < to; k++) keep[ops.get(k)] = true;
        if (to - from == 1) return out == Outcome.HOLDS;
        int mid = (from + to) >>> 1;
        boolean first = relaxAll(p, keep, ops, from, mid, budget, sliceMillis, exhausted);
        return relaxAll(p, keep, ops, mid, to, budget, sliceMillis, exhausted) & first;
    }

    private static boolean[] prefix(Relaxable p, List<Integer> ok, int k) {
        boolean[] keep = new boolean[p.size()];
        for (int j = 0; j < k; j++) keep[ok.get(j)] = true;
        return keep;
    }

    public static int count(boolean[] keep) {
        int c = 0;
        for (boolean b : keep) if (b) c++;
        return c;
    }
}
