package dev.ariadne.checker.linearizable;

import dev.ariadne.checker.search.Budget;
import dev.ariadne.checker.search.Outcome;
import dev.ariadne.checker.search.SubsumingMemo;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.StateReduction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Linearizability of one partition by depth-first search: Wing and Gong's algorithm with Lowe's
 * memoisation ("Testing for linearizability", Concurrency and Computation 2017), the algorithm of
 * Porcupine and of Horn and Kroening's P-compositional checker.
 *
 * <p>Required operations ({@code ok}) must be linearized before their completion. Optional ones
 * ({@code info}, or relaxed while shrinking: they may or may not have taken effect) have no
 * completion: they may be linearized at any point after their invocation, or never. The history is
 * linearizable as soon as every required operation is linearized.
 *
 * <p>Invocations and completions sit in a doubly linked list in history order. At each step the
 * candidates are the invocations before the first pending completion; the search tries to
 * linearize each (the datatype allows the step, and the configuration is new), then the operation
 * leaves the list and the walk restarts at the front. With no candidate left, the current prefix
 * cannot be extended: the search undoes the last choice and tries the next candidate after it.
 * Searches that are mostly proofs (shrinking) keep optional invocations in a second list and try
 * them after the required ones.
 *
 * <p>Three reductions on top, none of which changes a verdict:
 * <ul>
 *   <li>Optional operations with equal inputs are interchangeable (a step depends only on the state
 *       and the input, and neither has a deadline), so of two such, the one invoked earlier is
 *       always linearized first: crashed duplicates (Jepsen's many {@code info} writes of the same
 *       few values) no longer multiply the search space.</li>
 *   <li>In proofs, the memo subsumes ({@link SubsumingMemo}): a configuration that has taken more
 *       optional operations than one already explored, with the same required ones and state, can
 *       do nothing the other could not. Trying required operations first means the configurations
 *       with fewer optional operations tend to come first. This is what keeps proofs that a history
 *       is not linearizable cheap when many operations are optional, as when shrinking (on
 *       Porcupine's etcd_057, a proof with 70 operations relaxed went from 2.8 s to about 15 ms).
 *       The first search keys its memo on every operation taken, Lowe's memo as it is: subsumption
 *       there saves little and costs a comparison of states for every configuration that differs
 *       only in optional operations.</li>
 *   <li>The datatype may give up dead states and merge states nothing left can tell apart
 *       ({@link StateReduction}).</li>
 * </ul>
 *
 * <p>The memo's keys name the operations taken in words proportional to the concurrency at the search's
 * frontier, not to the partition's size ({@link MemoKeys}): one key with many operations no longer costs
 * n^2/64 words of memo.
 */
final class Search<S, I> {

    /**
     * What one search found. For a history that is not linearizable and when asked to track it:
     * the longest partial linearization ({@code longest}, operation indices into the problem, with
     * the state after each), the first required operation that could not be placed after it
     * ({@code stuck}, -1 if none) and the state there.
     */
    record Result(Outcome outcome, long explored, int[] longest, Object[] statesAfter, int stuck, Object stuckState) {}

    /** The memo is forgotten when full only after the search got 1/MEMO_CLEAR_PROGRESS of the partition deeper. */
    static final int MEMO_CLEAR_PROGRESS = 16;
    /** How many times any search forgot its memo (tests read it). */
    static final java.util.concurrent.atomic.AtomicLong MEMO_CLEARS = new java.util.concurrent.atomic.AtomicLong();

    private final Datatype<S, I> datatype;
    private final List<I> inputs;
    private final int n;
    private final boolean[] required;
    private final Budget budget;
    private final boolean track;
    private final boolean reuse;
    private final boolean optionalLast;

    /** The list of required operations' invocations and completions, and that of optional invocations. */
    private final int head;
    private final int optionalHead;
    private final int[] next;
    private final int[] prev;
    private final int[] call;
    private final int[] ret;
    private final long[] zobrist;
    /** For an optional operation: the closest earlier-invoked optional one with an equal input, or -1. */
    private final int[] twin;
    /** The datatype's reduction of states (dead ones dropped, indistinguishable ones merged), or null. */
    private final StateReduction<S> reduction;
    /** Entries sorted by position are packed as position {@code << ENTRY_BITS} | entry; positions and entries are ints. */
    static final int ENTRY_BITS = 32;
    static final long ENTRY_MASK = (1L << ENTRY_BITS) - 1;

    /** The memo's compact keys ({@link MemoKeys}), or null when the partition is small enough for plain bit sets. */
    private final MemoKeys keys;
    /** Whether the search follows its frontier: for compact keys and for the datatype's reduction. */
    private final boolean followFrontier;
    /**
     * Partitions of more operations than this get compact memo keys; up to it, a bit set of the operations
     * is at most as long and cheaper to make (tests lower it to 0 to search with compact keys throughout).
     */
    static final int COMPACT_FROM = 2048;
    static int compactFrom = COMPACT_FROM;

    /**
     * @param reuse let optional operations take effect any number of times (a widening: a history
     *              that is not linearizable even so is not linearizable; the converse does not hold).
     *              Their configurations then need no place in the memo's set, which makes proofs of
     *              non-linearizability with many optional operations polynomial in them.
     * @param optionalLast try the optional candidates after the required ones at each step, rather than all in
     *              invocation order. Proofs that no linearization exists get much cheaper when many operations
     *              are optional (the memo then meets the configurations with fewer optional operations first
     *              and subsumes the rest), but finding a linearization that needs an optional operation early
     *              (a crashed enqueue) can take far longer: shrinking, which is mostly proofs, uses it, and the
     *              first search does not.
     */
    Search(Datatype<S, I> datatype, List<I> inputs, int[] call, int[] ret, boolean[] required, Budget budget, boolean track,
           boolean reuse, boolean optionalLast) {
        this.reuse = reuse;
        this.optionalLast = optionalLast;
        this.datatype = datatype;
        this.inputs = inputs;
        this.n = inputs.size();
        this.required = required;
        this.budget = budget;
        this.track = track;
        this.call = call;
        this.ret = ret;
        this.head = 2 * n;
        this.optionalHead = 2 * n + 1;
        this.next = new int[2 * n + 2];
        this.prev = new int[2 * n + 2];
        this.zobrist = new long[n];
        SplittableRandom rnd = new SplittableRandom(0x5EEDL);
        for (int i = 0; i < n; i++) zobrist[i] = rnd.nextLong();
        // Entries in history order: 2i is operation i's invocation, 2i+1 its completion (required only).
        // With optionalLast, required operations' entries form one list and optional invocations another.
        if (n >= (1 << 30)) throw new IllegalArgumentException("partition too large for one search: " + n + " operations");
        long[] keyed = new long[2 * n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            keyed[m++] = ((long) call[i] << ENTRY_BITS) | (2L * i);
            if (required[i]) keyed[m++] = ((long) ret[i] << ENTRY_BITS) | (2L * i + 1);
        }
        long[] sorted = Arrays.copyOf(keyed, m);
        Arrays.sort(sorted);
        this.twin = new int[n];
        java.util.HashMap<I, Integer> lastOptional = new java.util.HashMap<>();
        for (int k = 0; k < m; k++) {
            int e = (int) (sorted[k] & ENTRY_MASK);
            int i = e >> 1;
            if ((e & 1) == 1) continue;
            twin[i] = -1;
            if (required[i]) continue;
            Integer t = lastOptional.put(inputs.get(i), i);
            if (t != null) twin[i] = t;
        }
        int last = head;
        int optionalTail = optionalHead;
        for (int k = 0; k < m; k++) {
            int e = (int) (sorted[k] & ENTRY_MASK);
            if (required[e >> 1] || !optionalLast) {
                next[last] = e;
                prev[e] = last;
                last = e;
            } else {
                next[optionalTail] = e;
                prev[e] = optionalTail;
                optionalTail = e;
            }
        }
        next[last] = -1;
        next[optionalTail] = -1;
        this.reduction = datatype.reduction(inputs, required, call, ret);
        this.keys = n > compactFrom ? new MemoKeys(sorted, n, required, optionalLast) : null;
        this.followFrontier = keys != null || reduction != null;
    }

    /** A last guard against running out of memory whatever the memo's estimate says: over 85% of the heap in use. */
    private static boolean heapNearlyFull() {
        Runtime rt = Runtime.getRuntime();
        long limit = rt.maxMemory() / 100 * 85;
        if (rt.totalMemory() - rt.freeMemory() <= limit) return false;
        System.gc(); // the heap may be full of garbage only
        return rt.totalMemory() - rt.freeMemory() > limit;
    }

    private void lift(int op) {
        int c = 2 * op;
        remove(c);
        if (required[op]) remove(c + 1);
    }

    private void unlift(int op) {
        int c = 2 * op;
        if (required[op]) restore(c + 1);
        restore(c);
    }

    private void remove(int e) {
        int p = prev[e];
        int q = next[e];
        next[p] = q;
        if (q >= 0) prev[q] = p;
    }

    private void restore(int e) {
        int p = prev[e];
        int q = next[e];
        next[p] = e;
        if (q >= 0) prev[q] = e;
    }

    /**
     * Per depth of the search's path: the first required operation left in completion order in that
     * configuration (its frontier), -1 when none is left. Linearizing an operation leaves the frontier
     * where it is, unless the operation is the frontier itself: then the next completion in the list is.
     */
    private int[] frontierAt;

    /** The frontier of the configuration that linearizing {@code op} at {@code depth} leads to. */
    private int frontierAfter(int op, int depth) {
        int current = frontierAt[depth];
        if (op != current) return current;
        for (int e = next[2 * op + 1]; e >= 0; e = next[e]) {
            if ((e & 1) == 1) return e >> 1;
        }
        return -1;
    }

    /** For the datatype's reduction: the completion of that operation, {@link Integer#MAX_VALUE} when none is left. */
    private int frontier(int blocking) {
        return blocking < 0 ? Integer.MAX_VALUE : ret[blocking];
    }

    /** Adds the configuration (the operations taken, whose first pending one is {@code blocking}, and the state) to the memo. */
    private boolean visit(SubsumingMemo visited, int blocking, S state) {
        if (keys == null) {
            return visited.add(bits, bits.length, bitsHash, optionalBits, optionalBits.length, optionalLast && optionalTaken > 0, state);
        }
        int len = keys.key(blocking);
        return visited.add(keys.buffer(), len, bitsHash, keys.optional(), keys.optionalWords(blocking),
                optionalLast && optionalTaken > 0, state);
    }

    /**
     * The operations linearized so far: the memo's key ({@code bits}, with its hash) holds the required ones,
     * and the optional ones too unless the memo subsumes them ({@code optionalLast}); {@code optionalBits}
     * holds the optional ones always (for the symmetry rule and the datatype's reduction). With compact keys,
     * the memo gets {@link MemoKeys}'s form of the same sets, under the same hash.
     */
    private long[] bits;
    private long bitsHash;
    private long[] optionalBits;
    private int optionalTaken;

    /** Marks the operation linearized, or no longer. */
    private void flip(int op) {
        int w = op >>> 6;
        long bit = 1L << op;
        if (!required[op]) {
            optionalBits[w] ^= bit;
            optionalTaken += (optionalBits[w] & bit) != 0 ? 1 : -1;
            if (keys != null) keys.flipOptional(op);
            if (optionalLast) return;
        } else {
            if (keys != null) keys.flipRequired(op);
        }
        bits[w] ^= bit;
        bitsHash ^= zobrist[op];
    }

    @SuppressWarnings("unchecked")
    Result run() {
        bits = new long[(n + 63) >>> 6];
        optionalBits = new long[bits.length];
        optionalTaken = 0;
        bitsHash = 0;
        int remaining = 0;
        for (int i = 0; i < n; i++) if (required[i]) remaining++;
        if (remaining == 0) return new Result(Outcome.HOLDS, 0, new int[0], new Object[0], -1, null);

        if (keys != null) keys.clear();
        SubsumingMemo visited = new SubsumingMemo();
        int deepest = 0, clearedAt = 0;
        frontierAt = new int[n + 2];
        frontierAt[0] = -1;
        for (int e = next[head]; e >= 0; e = next[e]) {
            if ((e & 1) == 1) {
                frontierAt[0] = e >> 1;
                break;
            }
        }
        boolean deterministic = datatype.deterministic();

        int[] stackOp = new int[n];
        Object[] stackState = new Object[n];
        Object[] stackAfter = new Object[n];
        @SuppressWarnings({"unchecked", "rawtypes"}) List<S>[] stackSucc = deterministic ? null : new List[n];
        int[] stackNext = deterministic ? null : new int[n];
        int depth = 0;

        int[] longest = new int[0];
        Object[] longestStates = new Object[0];
        int stuck = -1;
        Object stuckState = null;

        S state = datatype.init();
        long explored = 0;
        int maxReuseDepth = 2 * n + 64;
        // The walk: first the required invocations before the first pending completion, then the optional
        // invocations before that completion ({@code limit} is its position, {@code blocking} its operation).
        int entry = next[head];
        int limit = Integer.MAX_VALUE;
        int blocking = -1;
        List<S> scratch = new ArrayList<>(4);

        while (true) {
            if ((++explored & 0xFFF) == 0) {
                if ((explored & 0xFFFFF) == 0) budget.caller().progress().memo(visited.bytes());
                if (budget.expired()) return new Result(Outcome.UNKNOWN, explored, longest, longestStates, stuck, stuckState);
                if (visited.bytes() > budget.memoBytes() || heapNearlyFull()) {
                    // The memo only prunes: forgetting it is sound, and costs configurations explored again.
                    // It is forgotten only when the search has gone a sixteenth of the partition deeper since
                    // the last time (so about sixteen times at most); a search that fills it without getting deeper is UNKNOWN.
                    if (deepest < clearedAt + Math.max(1, n / MEMO_CLEAR_PROGRESS)) {
                        return new Result(Outcome.UNKNOWN, explored, longest, longestStates, stuck, stuckState);
                    }
                    clearedAt = deepest;
                    MEMO_CLEARS.incrementAndGet();
                    visited = new SubsumingMemo();
                }
            }
            if (reuse && depth > maxReuseDepth) {
                // Reuse can make states grow without end (a queue's enqueues): give up rather than cut the search.
                return new Result(Outcome.UNKNOWN, explored, longest, longestStates, stuck, stuckState);
            }
            if (entry >= 0 && (entry & 1) == 1) {
                // The first pending completion: with optionalLast, the optional invocations before it come next.
                blocking = entry >> 1;
                limit = ret[blocking];
                entry = optionalLast ? next[optionalHead] : -1;
            }
            if (entry < 0 || (optionalLast && !required[entry >> 1] && call[entry >> 1] > limit)) {
                // No candidate left: this prefix cannot be extended, undo the last choice.
                if (track && depth >= longest.length && (depth > longest.length || stuck < 0)) {
                    longest = Arrays.copyOf(stackOp, depth);
                    longestStates = Arrays.copyOf(stackAfter, depth);
                    stuck = blocking;
                    stuckState = state;
                }
                if (depth == 0) return new Result(Outcome.VIOLATED, explored, longest, longestStates, stuck, stuckState);
                depth--;
                int op = stackOp[depth];
                state = (S) stackState[depth];
                if (!deterministic) {
                    // Try the operation's other possible next states before moving on.
                    List<S> succ = stackSucc[depth];
                    boolean resumed = false;
                    int b = frontierAt[depth + 1];
                    for (int k = stackNext[depth]; k < succ.size(); k++) {
                        S s = reduction == null ? succ.get(k) : reduction.reduce(succ.get(k), bits, optionalBits, frontier(b));
                        if (s != null && visit(visited, b, s)) {
                            stackNext[depth] = k + 1;
                            stackAfter[depth] = s;
                            depth++;
                            state = s;
                            entry = next[head];
                            resumed = true;
                            break;
                        }
                    }
                    if (resumed) continue;
                }
                if (!required[op] && reuse) {
                    entry = next[2 * op];
                    continue;
                }
                unlift(op);
                flip(op);
                if (required[op]) remaining++;
                entry = next[2 * op];
                continue;
            }
            int op = entry >> 1;
            int tw = twin[op];
            if (tw >= 0 && (reuse || (optionalBits[tw >>> 6] & (1L << tw)) == 0)) {
                // Symmetry: of optional operations with equal inputs, the earlier-invoked goes first.
                entry = next[entry];
                continue;
            }
            I in = inputs.get(op);
            boolean consume = required[op] || !reuse;
            if (consume) flip(op);
            S chosen = null;
            int b = -1;
            if (!deterministic && depth == stackOp.length) {
                int cap = stackOp.length * 2 + 4;
                stackOp = Arrays.copyOf(stackOp, cap);
                stackState = Arrays.copyOf(stackState, cap);
                stackAfter = Arrays.copyOf(stackAfter, cap);
                stackSucc = Arrays.copyOf(stackSucc, cap);
                stackNext = Arrays.copyOf(stackNext, cap);
            }
            if (deterministic) {
                S s = datatype.step(state, in);
                if (s != null && followFrontier) b = frontierAfter(op, depth);
                if (s != null && reduction != null) {
                    S reduced = reduction.reduce(s, bits, optionalBits, frontier(b));
                    if (reduced == null && track && depth >= longest.length) {
                        // A dead state ends the longest partial linearization with this step: show the
                        // operation that no longer fits after it, as if the search had gone on to it.
                        longest = Arrays.copyOf(stackOp, depth + 1);
                        longest[depth] = op;
                        longestStates = Arrays.copyOf(stackAfter, depth + 1);
                        longestStates[depth] = s;
                        stuck = reduction.blocked(s, bits, optionalBits, frontier(b));
                        stuckState = s;
                    }
                    s = reduced;
                }
                if (s != null && visit(visited, b, s)) chosen = s;
            } else {
                scratch.clear();
                datatype.steps(state, in, scratch);
                if (!scratch.isEmpty() && followFrontier) b = frontierAfter(op, depth);
                for (int k = 0; k < scratch.size(); k++) {
                    S s = reduction == null ? scratch.get(k) : reduction.reduce(scratch.get(k), bits, optionalBits, frontier(b));
                    if (s != null && visit(visited, b, s)) {
                        chosen = s;
                        stackSucc[depth] = new ArrayList<>(scratch);
                        stackNext[depth] = k + 1;
                        break;
                    }
                }
            }
            if (chosen != null) {
                if (depth == stackOp.length) {
                    // Only reachable when optional operations are reused: the path outgrows n.
                    int cap = stackOp.length * 2 + 4;
                    stackOp = Arrays.copyOf(stackOp, cap);
                    stackState = Arrays.copyOf(stackState, cap);
                    stackAfter = Arrays.copyOf(stackAfter, cap);
                    if (!deterministic) {
                        stackSucc = Arrays.copyOf(stackSucc, cap);
                        stackNext = Arrays.copyOf(stackNext, cap);
                    }
                }
                stackOp[depth] = op;
                stackState[depth] = state;
                stackAfter[depth] = chosen;
                depth++;
                if (depth > deepest) deepest = depth;
                if (depth == frontierAt.length) frontierAt = Arrays.copyOf(frontierAt, depth * 2);
                frontierAt[depth] = b;
                state = chosen;
                if (!consume) {
                    entry = next[head];
                    continue;
                }
                lift(op);
                if (required[op] && --remaining == 0) {
                    return new Result(Outcome.HOLDS, explored, Arrays.copyOf(stackOp, depth), Arrays.copyOf(stackAfter, depth), -1, null);
                }
                entry = next[head];
            } else {
                if (consume) flip(op);
                entry = next[entry];
            }
        }
    }
}
