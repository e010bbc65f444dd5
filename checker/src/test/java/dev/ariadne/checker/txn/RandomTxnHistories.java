package dev.ariadne.checker.txn;

import dev.ariadne.history.History;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small random list-append histories from a sloppy store, seeded: transactions of one to three
 * micro-ops over three keys, on up to three processes, some failing and some ending with info. The
 * store applies committed transactions in a random order (often, but not always, one that respects
 * real time), and a read sometimes answers from a stale prefix of its key (for a register, an older
 * version), so the histories range from strictly serializable to riddled with anomalies. Written
 * values are unique per key.
 */
final class RandomTxnHistories {
    private RandomTxnHistories() {}

    /** A generated transaction: its process, outcome, micro-ops as written (reads filled in for ok). */
    record Txn(int process, String outcome, List<String[]> mops) {}

    static History random(long seed) {
        return random(seed, true);
    }

    /** A list-append ({@code append}) or rw-register history. */
    static History random(long seed, boolean append) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 2 + rnd.nextInt(5);
        int processes = 1 + rnd.nextInt(3);
        String[] keys = {":x", ":y", ":z"};
        int[] next = new int[keys.length];
        List<List<String[]>> plans = new ArrayList<>();
        int[] proc = new int[n];
        String[] outcome = new String[n];
        for (int t = 0; t < n; t++) {
            proc[t] = rnd.nextInt(processes);
            double o = rnd.nextDouble();
            outcome[t] = o < 0.1 ? "fail" : o < 0.2 ? "info" : "ok";
            List<String[]> mops = new ArrayList<>();
            int m = 1 + rnd.nextInt(3);
            for (int i = 0; i < m; i++) {
                int k = rnd.nextInt(keys.length);
                if (rnd.nextBoolean()) mops.add(new String[]{"r", keys[k], null});
                else mops.add(new String[]{append ? "append" : "w", keys[k], String.valueOf(++next[k])});
            }
            plans.add(mops);
        }
        int[] procName = processNames(proc, outcome, processes);
        List<int[]> events = interleave(rnd, proc); // {txn, 0 invoke / 1 complete}
        // Commit order: at a random moment inside each transaction (real time respected), or fully random.
        boolean realtime = rnd.nextDouble() < 0.6;
        double[] at = new double[n];
        for (int i = 0; i < events.size(); i++) {
            int[] e = events.get(i);
            if (e[1] == 0) at[e[0]] = realtime ? i + rnd.nextDouble() * (completion(events, e[0]) - i) : rnd.nextDouble() * events.size();
        }
        Integer[] orderBoxed = new Integer[n];
        for (int t = 0; t < n; t++) orderBoxed[t] = t;
        java.util.Arrays.sort(orderBoxed, (a, b) -> Double.compare(at[a], at[b]));
        double stale = rnd.nextDouble() * 0.5;
        java.util.Map<String, List<String>> db = new java.util.HashMap<>();
        for (int t : orderBoxed) {
            boolean applies = outcome[t].equals("ok") || (outcome[t].equals("info") && rnd.nextBoolean())
                    || (outcome[t].equals("fail") && rnd.nextDouble() < 0.15);
            java.util.Map<String, List<String>> own = new java.util.HashMap<>();
            for (String[] m : plans.get(t)) {
                List<String> cur = db.getOrDefault(m[1], List.of());
                if (m[0].equals("r")) {
                    int shown = cur.size();
                    if (shown > 0 && rnd.nextDouble() < stale) shown = rnd.nextInt(shown);
                    List<String> v = new ArrayList<>(cur.subList(0, shown));
                    v.addAll(own.getOrDefault(m[1], List.of()));
                    m[2] = append ? "[" + String.join(" ", v) + "]" : v.isEmpty() ? "nil" : v.get(v.size() - 1);
                } else {
                    own.computeIfAbsent(m[1], x -> new ArrayList<>()).add(m[2]);
                }
            }
            if (applies) own.forEach((k, v) -> db.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        return render(seed, events, procName, outcome, plans);
    }

    /** Process names: an info transaction ends its process, so the process's later transactions move to fresh ones. */
    static int[] processNames(int[] proc, String[] outcome, int processes) {
        int[] procName = proc.clone();
        int fresh = processes;
        boolean[] crashed = new boolean[processes];
        for (int t = 0; t < proc.length; t++) {
            if (crashed[proc[t]]) procName[t] = fresh++;
            if (outcome[t].equals("info")) crashed[proc[t]] = true;
        }
        return procName;
    }

    /** Event order: each process runs its transactions one at a time; processes interleave at random. */
    static List<int[]> interleave(SplittableRandom rnd, int[] proc) {
        int n = proc.length;
        List<int[]> events = new ArrayList<>();
        int[] state = new int[n]; // 0 not started, 1 running, 2 done
        int done = 0;
        while (done < n) {
            int t = rnd.nextInt(n);
            boolean earlierOpen = false;
            for (int u = 0; u < t; u++) if (proc[u] == proc[t] && state[u] != 2) earlierOpen = true;
            if (earlierOpen || state[t] == 2) continue;
            events.add(new int[]{t, state[t]});
            state[t]++;
            if (state[t] == 2) done++;
        }
        return events;
    }

    /** The history as EDN: invocations carry nil reads, ok completions the values read. */
    static History render(long seed, List<int[]> events, int[] procName, String[] outcome, List<List<String[]>> plans) {
        StringBuilder sb = new StringBuilder();
        for (int[] e : events) {
            int t = e[0];
            String type = e[1] == 0 ? "invoke" : outcome[t];
            boolean withReads = e[1] == 1 && outcome[t].equals("ok");
            sb.append("{:process ").append(procName[t]).append(" :type :").append(type).append(" :f :txn :value [");
            for (String[] m : plans.get(t)) {
                sb.append("[:").append(m[0]).append(' ').append(m[1]).append(' ').append(m[0].equals("r") && !withReads ? "nil" : m[2]).append(']');
            }
            sb.append("]}\n");
        }
        try {
            return HistoryReader.readString(sb.toString(), ReadOptions.DEFAULT);
        } catch (Exception ex) {
            throw new AssertionError("seed " + seed + ": " + ex.getMessage() + "\n" + sb, ex);
        }
    }

    private static int completion(List<int[]> events, int t) {
        for (int i = 0; i < events.size(); i++) if (events.get(i)[0] == t && events.get(i)[1] == 1) return i;
        throw new IllegalStateException();
    }
}
