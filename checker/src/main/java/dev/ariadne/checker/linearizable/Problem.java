package dev.ariadne.checker.linearizable;

import dev.ariadne.checker.search.Budget;
import dev.ariadne.checker.search.Outcome;
import dev.ariadne.checker.search.Readings;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.history.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * One partition made ready for searching: each operation read once by the datatype, both as it
 * is and relaxed. Relaxing an {@code ok} operation keeps its invocation but lets it take effect at
 * any time after it, or never, with its result unconstrained (it becomes {@code info} with its
 * invocation's value). Relaxing only widens the set of legal behaviours, so a set of operations
 * that stays non-linearizable while all others are relaxed proves the history non-linearizable.
 */
final class Problem<S, I> extends Readings<S, I> {
    private static final long WIDE_MEMO_BYTES = 64L << 20;

    Problem(Datatype<S, I> datatype, List<Operation> ops) {
        super(datatype);
        for (Operation o : ops) add(o);
    }

    /** A search in which exactly the {@code keep} operations are required and every other one is optional. */
    Run prepare(boolean[] keep, Budget budget, boolean track) {
        return prepare(keep, budget, track, false, false);
    }

    /**
     * As {@link #prepare(boolean[], Budget, boolean)}; {@code reuse} widens the search and {@code optionalLast}
     * orders its candidates for proofs (see {@link Search}).
     */
    Run prepare(boolean[] keep, Budget budget, boolean track, boolean reuse, boolean optionalLast) {
        int n = ops.size();
        List<I> in = new ArrayList<>(n);
        boolean[] req = new boolean[n];
        int[] orig = new int[n];
        int m = 0;
        int lastReturn = -1;
        for (int i = 0; i < n; i++) {
            Operation o = ops.get(i);
            boolean required = keep[i] && o.isOk();
            I input = required || !o.isOk() ? input(i) : relaxedInput(i);
            if (datatype.isNoOp(input)) continue;
            in.add(input);
            req[m] = required;
            orig[m] = i;
            if (required) lastReturn = Math.max(lastReturn, o.returnPosition());
            m++;
        }
        // Leave out optional operations whose effect nobody could observe, until nothing changes.
        boolean[] drop = new boolean[m];
        boolean[] reqM = java.util.Arrays.copyOf(req, m);
        while (true) {
            List<I> live = new ArrayList<>(m);
            boolean[] liveReq = new boolean[m];
            int[] liveIdx = new int[m];
            int k = 0;
            for (int j = 0; j < m; j++) {
                if (drop[j]) continue;
                // An optional operation invoked after every required one returned can always be left out.
                if (!reqM[j] && ops.get(orig[j]).invokePosition() > lastReturn) {
                    drop[j] = true;
                    continue;
                }
                live.add(in.get(j));
                liveReq[k] = reqM[j];
                liveIdx[k++] = j;
            }
            boolean[] more = new boolean[k];
            datatype.pruneOptional(live, java.util.Arrays.copyOf(liveReq, k), more);
            boolean changed = false;
            for (int j = 0; j < k; j++) {
                if (more[j] && !liveReq[j]) {
                    drop[liveIdx[j]] = true;
                    changed = true;
                }
            }
            if (!changed) break;
        }
        List<I> finalIn = new ArrayList<>();
        int[] finalOrig = new int[m];
        boolean[] finalReq = new boolean[m];
        int[] call = new int[m];
        int[] ret = new int[m];
        int f = 0;
        for (int j = 0; j < m; j++) {
            if (drop[j]) continue;
            Operation o = ops.get(orig[j]);
            finalIn.add(in.get(j));
            finalOrig[f] = orig[j];
            finalReq[f] = reqM[j];
            call[f] = o.invokePosition();
            ret[f] = reqM[j] ? o.returnPosition() : Integer.MAX_VALUE;
            f++;
        }
        Search<S, I> search = new Search<>(datatype, finalIn, java.util.Arrays.copyOf(call, f), java.util.Arrays.copyOf(ret, f),
                java.util.Arrays.copyOf(finalReq, f), budget, track, reuse, optionalLast);
        return new Run(search, java.util.Arrays.copyOf(finalOrig, f));
    }

    /** A prepared search and the map from its operation numbers back to this problem's. */
    final class Run {
        final Search<S, I> search;
        final int[] orig;

        Run(Search<S, I> search, int[] orig) {
            this.search = search;
            this.orig = orig;
        }
    }

    @Override
    public Outcome check(boolean[] keep, Budget budget) {
        return prepare(keep, budget, false, false, true).search.run().outcome();
    }

    /**
     * The same verdict as {@link #check}, found faster when it is "not linearizable": first the
     * widened search, whose "not linearizable" is conclusive, then the exact one.
     */
    @Override
    public Outcome checkFast(boolean[] keep, Budget budget) {
        // Reuse can grow states without end (a counter's adds): the widened search gets a small memo.
        Budget small = new Budget(budget.deadlineNanos(), Math.min(budget.memoBytes(), WIDE_MEMO_BYTES), budget.cancelled(), budget.caller());
        Outcome wide = prepare(keep, small, false, true, true).search.run().outcome();
        if (wide == Outcome.VIOLATED) return wide;
        return check(keep, budget);
    }
}
