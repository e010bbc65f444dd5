package dev.ariadne.checker.linearizable;

import dev.ariadne.history.Operation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Shrinks a non-linearizable partition to a 1-minimal set of required operations: relaxing any
 * one of them (see {@link Problem}) makes the rest linearizable. Non-linearizability only grows
 * with the set of required operations, which gives the plan:
 * <ol>
 *   <li>bisection finds the shortest prefix (by completion) that is already non-linearizable;</li>
 *   <li>each other operation of that prefix is relaxed in turn and stays relaxed when the rest is
 *       still non-linearizable. Reads go first, latest first: a relaxed read vanishes, and once few
 *       reads remain, crashed writes of values nobody reads drop out of the search too;</li>
 *   <li>the result is re-checked from scratch, and so is each one-smaller set.</li>
 * </ol>
 * Each check has a slice of the budget; a check that runs out keeps its operation, and the
 * counterexample is then reported as verified but not shown minimal.
 */
final class Minimizer {
    private Minimizer() {}

    /** The required set found; {@code minimal} is false when a budget ran out before minimality was shown. */
    record Minimal(boolean[] keep, boolean minimal) {}

    static Minimal minimize(Problem<?, ?> p, Budget budget, long sliceMillis) {
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < p.ops.size(); i++) if (p.ops.get(i).isOk()) ok.add(i);
        ok.sort(Comparator.comparingInt((Integer i) -> p.ops.get(i).returnPosition()));

        int lo = 1;
        int hi = ok.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            Search.Outcome out = p.checkFast(prefix(p, ok, mid), slice(budget, sliceMillis));
            if (out == Search.Outcome.UNKNOWN) break;
            if (out == Search.Outcome.NOT_LINEARIZABLE) hi = mid;
            else lo = mid + 1;
        }
        boolean minimal = lo == hi;
        boolean[] keep = prefix(p, ok, hi);

        List<Integer> order = new ArrayList<>();
        for (int k = hi - 2; k >= 0; k--) if (p.relaxesToNoOp(ok.get(k))) order.add(ok.get(k));
        for (int k = hi - 2; k >= 0; k--) if (!p.relaxesToNoOp(ok.get(k))) order.add(ok.get(k));
        for (int i : order) {
            if (budget.expired()) {
                minimal = false;
                break;
            }
            keep[i] = false;
            Search.Outcome out = p.checkFast(keep, slice(budget, sliceMillis));
            if (out != Search.Outcome.NOT_LINEARIZABLE) keep[i] = true;
            if (out == Search.Outcome.UNKNOWN) minimal = false;
        }
        // Re-verify from scratch: the set is non-linearizable, and relaxing any one member fixes it.
        Search.Outcome whole = p.checkFast(keep, budget);
        if (whole != Search.Outcome.NOT_LINEARIZABLE) {
            if (whole == Search.Outcome.LINEARIZABLE) {
                throw new IllegalStateException("internal error: a minimized counterexample does not verify");
            }
            return new Minimal(p.allRequired(), false);
        }
        if (minimal) {
            for (int i = 0; i < keep.length && minimal; i++) {
                if (!keep[i]) continue;
                keep[i] = false;
                Search.Outcome out = p.check(keep, budget);
                keep[i] = true;
                if (out != Search.Outcome.LINEARIZABLE) minimal = false;
            }
        }
        return new Minimal(keep, minimal);
    }

    private static Budget slice(Budget budget, long millis) {
        long d = System.nanoTime() + millis * 1_000_000L;
        return new Budget(Math.min(d, budget.deadlineNanos()), budget.memoBytes(), budget.cancelled());
    }

    private static boolean[] prefix(Problem<?, ?> p, List<Integer> ok, int k) {
        boolean[] keep = new boolean[p.ops.size()];
        for (int j = 0; j < k; j++) keep[ok.get(j)] = true;
        return keep;
    }

    static int count(boolean[] keep) {
        int c = 0;
        for (boolean b : keep) if (b) c++;
        return c;
    }

    static List<Operation> chosen(Problem<?, ?> p, boolean[] keep) {
        List<Operation> out = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) if (keep[i]) out.add(p.ops.get(i));
        return out;
    }
}
