package dev.ariadne.checker.datatype;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Kv}'s reduction of a search's states, in time that does not grow with the history.
 *
 * <p>Appends only extend a string, so a get still to come can see the current state followed by
 * appends, or a put's value (a put invoked before the get returned) followed by appends. A state is
 * dead when some get left returns a string that does not start with it and no put left could reset
 * the key for it; a state that no get left returns a string starting with can only be overwritten
 * before the next get, so all such states are one ({@link Kv#UNREADABLE}).
 *
 * <p>Which gets are left is read from the search's frontier {@code F}, the completion of the first
 * required operation not yet linearized: every required operation that returned before {@code F} is
 * linearized and none invoked after it is. So the gets left are the few that straddle {@code F}
 * (found walking back from {@code F} by invocation while some earlier get could still be open) and
 * every get invoked after it. For those, whether one returns a string starting with the state is a
 * range query over their values sorted (a string's extensions are contiguous there), which keeps
 * the merge exact; a dead state is looked for among the straddling gets and the first
 * {@link #AHEAD} after {@code F}, which only ever keeps a dead state alive a little longer (sound:
 * the search still fails when it reaches the get). Scanning every get at every step, as this did
 * before, made a key's search quadratic in its operations (a 200,000-operation history of 20 keys
 * took 74 s, of 200 keys 5 s).
 */
final class KvReduction implements StateReduction<String> {
    /** How many gets invoked after the frontier are checked for a dead state. */
    static final int AHEAD = 8;

    /** The required gets with a known value, by invocation: input index, value, invocation, completion. */
    private final int[] get;
    private final String[] got;
    private final int[] getCall;
    /** The latest completion among gets at ranks 0..r. */
    private final int[] maxRetUpTo;
    /** The distinct values got, sorted, with a sparse table of the latest invocation rank returning each. */
    private final String[] values;
    private final int[][] latestRank;
    /** Per get: the ids of the put values that are prefixes of its value, with how many of each value's puts were invoked before it returned. */
    private final int[][] resetValue;
    private final int[][] requiredBefore;
    private final int[][] optionalBefore;
    /** Per put value: its required puts by invocation (index, latest completion up to each) and its optional ones. */
    private final int[][] requiredPuts;
    private final int[][] requiredMaxRet;
    private final int[][] optionalPuts;
    private final boolean merge;

    KvReduction(List<Kv.Input> inputs, boolean[] required, int[] call, int[] ret) {
        int n = inputs.size();
        // Gets by invocation.
        int gets = 0;
        boolean mergeable = true;
        for (int i = 0; i < n; i++) {
            Kv.Input in = inputs.get(i);
            if (required[i] && in.kind() == Kv.GET && in.s() != null) {
                gets++;
                if (!in.s().isEmpty() && in.s().charAt(0) == Kv.UNREADABLE.charAt(0)) mergeable = false;
            }
        }
        this.merge = mergeable;
        long[] byCall = new long[gets];
        int g = 0;
        for (int i = 0; i < n; i++) {
            Kv.Input in = inputs.get(i);
            if (required[i] && in.kind() == Kv.GET && in.s() != null) byCall[g++] = ((long) call[i] << 32) | i;
        }
        Arrays.sort(byCall);
        get = new int[gets];
        got = new String[gets];
        getCall = new int[gets];
        maxRetUpTo = new int[gets];
        int maxRet = Integer.MIN_VALUE;
        for (int r = 0; r < gets; r++) {
            int i = (int) byCall[r];
            get[r] = i;
            got[r] = inputs.get(i).s();
            getCall[r] = call[i];
            maxRet = Math.max(maxRet, ret[i]);
            maxRetUpTo[r] = maxRet;
        }

        // Distinct values got, with the latest rank returning each.
        Map<String, Integer> latest = new HashMap<>();
        for (int r = 0; r < gets; r++) latest.put(got[r], r);
        values = latest.keySet().toArray(new String[0]);
        Arrays.sort(values);
        int d = values.length;
        int levels = 1;
        while ((1 << levels) <= d) levels++;
        latestRank = new int[levels][];
        latestRank[0] = new int[d];
        for (int v = 0; v < d; v++) latestRank[0][v] = latest.get(values[v]);
        for (int l = 1; l < levels; l++) {
            int span = 1 << l;
            latestRank[l] = new int[Math.max(0, d - span + 1)];
            for (int v = 0; v + span <= d; v++) latestRank[l][v] = Math.max(latestRank[l - 1][v], latestRank[l - 1][v + span / 2]);
        }

        // Put values, their puts by invocation.
        Map<String, Integer> putId = new HashMap<>();
        List<List<Integer>> req = new ArrayList<>();
        List<List<Integer>> opt = new ArrayList<>();
        Integer[] byCallAll = new Integer[n];
        for (int i = 0; i < n; i++) byCallAll[i] = i;
        Arrays.sort(byCallAll, (a, b) -> Integer.compare(call[a], call[b]));
        java.util.TreeSet<Integer> lengths = new java.util.TreeSet<>();
        for (int k = 0; k < n; k++) {
            int i = byCallAll[k];
            Kv.Input in = inputs.get(i);
            if (in.kind() != Kv.PUT) continue;
            Integer id = putId.get(in.s());
            if (id == null) {
                id = req.size();
                putId.put(in.s(), id);
                req.add(new ArrayList<>());
                opt.add(new ArrayList<>());
                lengths.add(in.s().length());
            }
            (required[i] ? req : opt).get(id).add(i);
        }
        int p = req.size();
        requiredPuts = new int[p][];
        requiredMaxRet = new int[p][];
        optionalPuts = new int[p][];
        for (int v = 0; v < p; v++) {
            requiredPuts[v] = req.get(v).stream().mapToInt(Integer::intValue).toArray();
            optionalPuts[v] = opt.get(v).stream().mapToInt(Integer::intValue).toArray();
            requiredMaxRet[v] = new int[requiredPuts[v].length];
            int m = Integer.MIN_VALUE;
            for (int j = 0; j < requiredPuts[v].length; j++) {
                m = Math.max(m, ret[requiredPuts[v][j]]);
                requiredMaxRet[v][j] = m;
            }
        }
        resetValue = new int[gets][];
        requiredBefore = new int[gets][];
        optionalBefore = new int[gets][];
        int[] scratch = new int[lengths.size()];
        for (int r = 0; r < gets; r++) {
            int c = 0;
            for (int len : lengths) {
                if (len > got[r].length()) break;
                Integer id = putId.get(got[r].substring(0, len));
                if (id != null) scratch[c++] = id;
            }
            resetValue[r] = Arrays.copyOf(scratch, c);
            requiredBefore[r] = new int[c];
            optionalBefore[r] = new int[c];
            int until = ret[get[r]];
            for (int j = 0; j < c; j++) {
                requiredBefore[r][j] = invokedBefore(requiredPuts[resetValue[r][j]], call, until);
                optionalBefore[r][j] = invokedBefore(optionalPuts[resetValue[r][j]], call, until);
            }
        }
    }

    /** How many of the operations (by invocation) were invoked before the position. */
    private static int invokedBefore(int[] ops, int[] call, int position) {
        int lo = 0, hi = ops.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (call[ops[mid]] < position) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    @Override
    public String reduce(String state, long[] required, long[] optional, int frontier) {
        int ahead = firstAfter(frontier);
        boolean readable = false;
        for (int r = ahead - 1; r >= 0 && maxRetUpTo[r] >= frontier; r--) {
            if (taken(get[r], required)) continue;
            if (got[r].startsWith(state)) readable = true;
            else if (!canReset(r, required, optional, frontier)) return null;
        }
        for (int r = ahead, end = Math.min(get.length, ahead + AHEAD); r < end; r++) {
            if (got[r].startsWith(state)) readable = true;
            else if (!canReset(r, required, optional, frontier)) return null;
        }
        if (readable || !merge || latestReaderOf(state) >= ahead) return state;
        return Kv.UNREADABLE;
    }

    @Override
    public int blocked(String state, long[] required, long[] optional, int frontier) {
        int ahead = firstAfter(frontier);
        for (int r = ahead - 1; r >= 0 && maxRetUpTo[r] >= frontier; r--) {
            if (!taken(get[r], required) && !got[r].startsWith(state) && !canReset(r, required, optional, frontier)) return get[r];
        }
        for (int r = ahead, end = Math.min(get.length, ahead + AHEAD); r < end; r++) {
            if (!got[r].startsWith(state) && !canReset(r, required, optional, frontier)) return get[r];
        }
        return -1;
    }

    private static boolean taken(int i, long[] bits) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    /** The rank of the first get invoked after the position. */
    private int firstAfter(int position) {
        int lo = 0, hi = getCall.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (getCall[mid] < position) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Whether a put left (not yet linearized) could set the key to a prefix of the get's value before it returns. */
    private boolean canReset(int r, long[] required, long[] optional, int frontier) {
        int[] ids = resetValue[r];
        for (int j = 0; j < ids.length; j++) {
            int v = ids[j];
            int[] puts = requiredPuts[v];
            int[] maxRet = requiredMaxRet[v];
            // Latest first: a put returned before the frontier is linearized, as are all before it when the latest of their completions is.
            for (int k = requiredBefore[r][j] - 1; k >= 0 && maxRet[k] >= frontier; k--) {
                if (!taken(puts[k], required)) return true;
            }
            int[] opt = optionalPuts[v];
            for (int k = optionalBefore[r][j] - 1; k >= 0; k--) {
                if (!taken(opt[k], optional)) return true;
            }
        }
        return false;
    }

    /** The latest invocation rank of a get returning a string that starts with the state, or -1. */
    private int latestReaderOf(String state) {
        int lo = 0, hi = values.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid].compareTo(state) < 0) lo = mid + 1;
            else hi = mid;
        }
        int from = lo;
        hi = values.length;
        while (lo < hi) {
            // The strings starting with the state are contiguous from the first not below it.
            int mid = (lo + hi) >>> 1;
            if (values[mid].startsWith(state)) lo = mid + 1;
            else hi = mid;
        }
        int to = lo;
        if (from == to) return -1;
        int l = 31 - Integer.numberOfLeadingZeros(to - from);
        return Math.max(latestRank[l][from], latestRank[l][to - (1 << l)]);
    }
}
