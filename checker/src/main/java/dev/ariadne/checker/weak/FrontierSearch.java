package dev.ariadne.checker.weak;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.search.Budget;
import dev.ariadne.checker.search.Outcome;
import dev.ariadne.checker.search.VisitedSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sequential consistency by search over per-process frontiers (Lamport 1979: one total order of all
 * operations that respects each process's program order and the datatype's specification; real
 * time plays no part). Every configuration is (how far each process has got, datatype state); the
 * placed operations are always a prefix of each process, so the memo of configurations explored
 * holds at most (product of process lengths) x states entries, and far fewer in practice.
 *
 * <p>Two reductions keep it small. A process whose next operation is read-only and legal (a read
 * that matches) advances at once without branching: placing it now can only help the others.
 * Optional operations ({@code info}, or relaxed ones) may be applied or skipped. Moves are tried in
 * the order the history completed them, which finds a witness quickly when one exists.
 */
final class FrontierSearch<S, I> {

    /** The verdict, the configurations explored, and the deepest configuration reached (for the report). */
    record Result(Outcome outcome, long explored, int[] deepest, Object deepestState, int[] order, Object[] statesAfter) {}

    private final Datatype<S, I> datatype;
    private final int[][] ops;          // per process: operation numbers in program order
    private final List<I> inputs;       // by operation number
    private final boolean[] required;   // by operation number
    private final Budget budget;
    private final int[] callPosition;   // by operation number: its rank for trying moves (completion order)
    private final int[] lastRequired;   // per process: position of its last required operation, or -1

    /** Whether blind writes that no remaining operation can tell apart may be placed at once (see {@link #harmlessWrite}). */
    private boolean eagerWrites;
    /** By operation number: its chain and place in it. */
    private final int[] chainOf;
    private final int[] placeOf;
    /** The operations whose legality depends on the state (all but blind writes). */
    private final int[] observers;

    /** By operation number: an operation that may go only once chain {@code gateChain} has advanced {@code gateCount} places, or -1. */
    private final int[] gateChain;
    private final int[] gateCount;

    FrontierSearch(Datatype<S, I> datatype, int[][] ops, List<I> inputs, boolean[] required, int[] callPosition, Budget budget) {
        this(datatype, ops, inputs, required, callPosition, null, null, budget);
    }

    FrontierSearch(Datatype<S, I> datatype, int[][] ops, List<I> inputs, boolean[] required, int[] callPosition, int[] gateChain,
                   int[] gateCount, Budget budget) {
        this.gateChain = gateChain;
        this.gateCount = gateCount;
        int n = inputs.size();
        this.chainOf = new int[n];
        this.placeOf = new int[n];
        for (int q = 0; q < ops.length; q++) {
            for (int i = 0; i < ops[q].length; i++) {
                chainOf[ops[q][i]] = q;
                placeOf[ops[q][i]] = i;
            }
        }
        int m = 0;
        int[] obs = new int[n];
        for (int j = 0; j < n; j++) if (!datatype.blindWrite(inputs.get(j))) obs[m++] = j;
        this.observers = Arrays.copyOf(obs, m);
        this.callPosition = callPosition;
        this.datatype = datatype;
        this.ops = ops;
        this.inputs = inputs;
        this.required = required;
        this.budget = budget;
        this.lastRequired = new int[ops.length];
        for (int q = 0; q < ops.length; q++) {
            lastRequired[q] = -1;
            for (int i = 0; i < ops[q].length; i++) if (required[ops[q][i]]) lastRequired[q] = i;
        }
    }

    private static final class Frame {
        final int logMark;
        final Object stateBefore;
        int[] order;        // processes to try, earliest-invoked next operation first
        int process;        // index into order of the process whose move is being tried
        int mode;           // 0: apply (successor k), 1: skip (optional only), 2: next process
        List<Object> succ;
        int k;

        Frame(int logMark, Object stateBefore) {
            this.logMark = logMark;
            this.stateBefore = stateBefore;
        }
    }

    @SuppressWarnings("unchecked")
    Result run() {
        int p = ops.length;
        int[] front = new int[p];
        long[] key = new long[p];
        VisitedSet visited = new VisitedSet(p);
        MoveLog log = new MoveLog();
        S state = datatype.init();
        long explored = 0;
        int[] deepest = new int[p];
        Object deepestState = state;
        int deepestDepth = -1;
        int[] bestOrder = new int[0];
        Object[] bestStates = new Object[0];

        ArrayList<Frame> stack = new ArrayList<>();
        // Root: take the eager moves, then explore.
        int mark = log.size;
        state = takeEagerMoves(front, state, log);
        if (done(front)) return new Result(Outcome.HOLDS, 0, front.clone(), state, log.moves(), log.states());
        for (int i = 0; i < p; i++) key[i] = front[i];
        visited.add(key, hash(front), state);
        stack.add(new Frame(mark, state));

        while (!stack.isEmpty()) {
            if ((++explored & 0xFFF) == 0 && (budget.expired() || visited.bytes() > budget.memoBytes())) {
                return new Result(Outcome.UNKNOWN, explored, deepest, deepestState, bestOrder, bestStates);
            }
            Frame f = stack.get(stack.size() - 1);
            if (log.size > deepestDepth) {
                deepestDepth = log.size;
                deepest = front.clone();
                deepestState = state;
                bestOrder = log.moves();
                bestStates = log.statesAfter(state);
            }
            // Find the next move of this frame.
            S next = null;
            int moved = -1;
            boolean skip = false;
            if (f.order == null) f.order = byNextInvocation(front);
            while (f.process < f.order.length && moved < 0) {
                int q = f.order[f.process];
                if (front[q] >= ops[q].length) {
                    f.process++;
                    f.mode = 0;
                    continue;
                }
                int op = ops[q][front[q]];
                if (gated(op, front)) {
                    f.process++;
                    f.mode = 0;
                    continue;
                }
                if (f.mode == 0) {
                    if (f.succ == null) {
                        List<S> out = new ArrayList<>(2);
                        datatype.steps(state, inputs.get(op), out);
                        f.succ = (List<Object>) (List<?>) out;
                        f.k = 0;
                    }
                    if (f.k < f.succ.size()) {
                        next = (S) f.succ.get(f.k++);
                        moved = q;
                    } else {
                        f.succ = null;
                        f.mode = 1;
                    }
                } else if (f.mode == 1) {
                    f.mode = 2;
                    if (!required[op]) {
                        next = state;
                        moved = q;
                        skip = true;
                    }
                } else {
                    f.process++;
                    f.mode = 0;
                }
            }
            if (moved < 0) {
                // Every move from here fails: undo this frame's moves and return to its parent.
                stack.remove(stack.size() - 1);
                log.undoTo(f.logMark, front);
                state = (S) f.stateBefore;
                continue;
            }
            int childMark = log.size;
            S before = state;
            log.push(skip ? -1 - moved : moved, state);
            front[moved]++;
            state = takeEagerMoves(front, next, log);
            for (int i = 0; i < p; i++) key[i] = front[i];
            if (!visited.add(key, hash(front), state)) {
                log.undoTo(childMark, front);
                state = before;
                continue;
            }
            if (done(front)) {
                return new Result(Outcome.HOLDS, explored, front.clone(), state, log.moves(), log.states());
            }
            stack.add(new Frame(childMark, before));
        }
        return new Result(Outcome.VIOLATED, explored, deepest, deepestState, bestOrder, bestStates);
    }

    /**
     * The processes with operations left, the one whose next operation ranks first leading (the
     * caller ranks by completion): the recorded history is usually close to a legal order, so trying
     * real-time order first finds a witness with little backtracking.
     */
    private int[] byNextInvocation(int[] front) {
        int n = 0;
        for (int q = 0; q < ops.length; q++) if (front[q] < ops[q].length) n++;
        long[] keyed = new long[n];
        int k = 0;
        for (int q = 0; q < ops.length; q++) {
            if (front[q] < ops[q].length) keyed[k++] = ((long) callPosition[ops[q][front[q]]] << 20) | q;
        }
        Arrays.sort(keyed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = (int) (keyed[i] & ((1 << 20) - 1));
        return order;
    }

    /** The moves on the current path: which chain advanced (negative for a skipped optional operation) and the state before. */
    private static final class MoveLog {
        int[] moves = new int[16];
        Object[] before = new Object[16];
        int size;

        void push(int move, Object stateBefore) {
            if (size == moves.length) {
                moves = Arrays.copyOf(moves, size * 2);
                before = Arrays.copyOf(before, size * 2);
            }
            moves[size] = move;
            before[size++] = stateBefore;
        }

        void undoTo(int mark, int[] front) {
            while (size > mark) {
                int m = moves[--size];
                front[m >= 0 ? m : -1 - m]--;
            }
        }

        int[] moves() {
            return Arrays.copyOf(moves, size);
        }

        Object[] states() {
            return Arrays.copyOf(before, size);
        }

        /** The state after each move, the last being {@code current}. */
        Object[] statesAfter(Object current) {
            Object[] out = new Object[size];
            for (int i = 0; i < size; i++) out[i] = i + 1 < size ? before[i + 1] : current;
            return out;
        }
    }

    /**
     * Lets the search place harmless blind writes at once (worthwhile in a process's view, where the
     * only observers are that process's reads; in a whole history the test costs more than it saves).
     */
    FrontierSearch<S, I> eagerWrites() {
        // Sound only when every other operation is exact (see harmlessWrite): not with appends, say.
        boolean allExact = true;
        for (int j : observers) allExact &= datatype.exact(inputs.get(j));
        this.eagerWrites = allExact;
        return this;
    }

    /** Places every read that is legal now, and (if enabled) every harmless blind write, as far as it goes. */
    private S takeEagerMoves(int[] front, S state, MoveLog log) {
        while (true) {
            int eager = eagerMove(front, state);
            if (eager >= 0) {
                log.push(eager, state);
                front[eager]++;
                continue;
            }
            if (!eagerWrites) return state;
            S after = null;
            int q = -1;
            for (int c = 0; c < ops.length && q < 0; c++) {
                if (front[c] >= ops[c].length) continue;
                int op = ops[c][front[c]];
                if (gated(op, front) || !datatype.blindWrite(inputs.get(op))) continue;
                S next = datatype.step(state, inputs.get(op));
                if (next != null && !next.equals(state) && harmlessWrite(front, state, next)) {
                    q = c;
                    after = next;
                }
            }
            if (q < 0) return state;
            log.push(q, state);
            front[q]++;
            state = after;
        }
    }

    /**
     * A blind write that changes the state is harmless now when every operation still to be placed
     * whose legality depends on the state (each exact: legal in one value only, a read or a cas) is
     * legal after it exactly when it is legal before it. An operation legal in both would accept two
     * values, so none is; hence none needs the value the write overwrites and none needs the value it
     * writes, and placing it now instead of later changes what no operation sees.
     */
    private boolean harmlessWrite(int[] front, S before, S after) {
        for (int j : observers) {
            if (placeOf[j] < front[chainOf[j]]) continue;
            I in = inputs.get(j);
            if ((datatype.step(before, in) != null) != (datatype.step(after, in) != null)) return false;
        }
        return true;
    }

    /**
     * A process whose next operation is read-only and legal here, or -1. Placing such an operation at
     * once is safe: any order that places it later stays legal with it moved here, since it changes
     * no state and its own process's later operations stay after it.
     */
    private int eagerMove(int[] front, S state) {
        for (int q = 0; q < ops.length; q++) {
            if (front[q] >= ops[q].length) continue;
            int op = ops[q][front[q]];
            if (gated(op, front)) continue;
            I in = inputs.get(op);
            if (datatype.readOnly(in) && datatype.step(state, in) != null) return q;
        }
        return -1;
    }

    private boolean gated(int op, int[] front) {
        if (gateChain != null && gateChain[op] >= 0 && front[gateChain[op]] < gateCount[op]) return true;
        int[] g = orderGates == null ? null : orderGates[op];
        if (g != null) for (int k = 0; k < g.length; k += 2) if (front[g[k]] < g[k + 1]) return true;
        return false;
    }

    /** By operation number: (chain, count) pairs, flattened; the operation may go only once each chain has advanced that far. */
    private int[][] orderGates;

    /** Adds gates that keep an order across chains (causal order, for causal memory's views). */
    FrontierSearch<S, I> withOrderGates(int[][] gates) {
        this.orderGates = gates;
        return this;
    }

    private boolean done(int[] front) {
        for (int q = 0; q < ops.length; q++) if (front[q] <= lastRequired[q]) return false;
        return true;
    }

    private static long hash(int[] front) {
        long h = 0x9E3779B97F4A7C15L;
        for (int v : front) h = (h ^ v) * 0xff51afd7ed558ccdL;
        return h;
    }
}
