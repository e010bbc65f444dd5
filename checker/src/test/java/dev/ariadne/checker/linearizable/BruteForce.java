package dev.ariadne.checker.linearizable;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.history.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * Linearizability by its definition, for tiny histories: try every order of the operations that
 * respects real time (an operation may go next only if it was invoked before every remaining
 * required operation returned), with info operations placed anywhere after their invocation or
 * not at all. No memo, no pruning, no partitioning: an independent oracle for the search.
 */
final class BruteForce {
    private BruteForce() {}

    static <S, I> boolean linearizable(Datatype<S, I> dt, List<Operation> ops) {
        List<Operation> live = new ArrayList<>();
        for (Operation o : ops) if (!o.isFail()) live.add(o);
        List<I> in = new ArrayList<>();
        for (Operation o : live) in.add(dt.input(o));
        return search(dt, live, in, new boolean[live.size()], dt.init());
    }

    private static <S, I> boolean search(Datatype<S, I> dt, List<Operation> ops, List<I> in, boolean[] placed, S state) {
        int minReturn = Integer.MAX_VALUE;
        boolean done = true;
        for (int i = 0; i < ops.size(); i++) {
            if (!placed[i] && ops.get(i).isOk()) {
                done = false;
                minReturn = Math.min(minReturn, ops.get(i).returnPosition());
            }
        }
        if (done) return true;
        for (int i = 0; i < ops.size(); i++) {
            if (placed[i] || ops.get(i).invokePosition() > minReturn) continue;
            List<S> next = new ArrayList<>();
            dt.steps(state, in.get(i), next);
            placed[i] = true;
            for (S s : next) {
                if (search(dt, ops, in, placed, s)) {
                    placed[i] = false;
                    return true;
                }
            }
            placed[i] = false;
        }
        return false;
    }
}
