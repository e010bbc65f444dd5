package dev.ariadne.checker.txn;

import dev.ariadne.history.History;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Small seeded list-append histories in the shapes that hid false VALIDs: concurrent appends to one
 * key that no read shows, a read, an append and a read of one key in one transaction, repeated reads,
 * reads that reorder one transaction's appends or show an aborted one's, info and fail transactions,
 * several keys. A store applies the transactions in a random order; each transaction reads from a
 * snapshot of it (sometimes its whole past, sometimes less, sometimes a fresh one per read), and a
 * read is now and then corrupted. Appended values are unique per key.
 */
final class HardTxnHistories {
    private HardTxnHistories() {}

    static History random(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 2 + rnd.nextInt(4);
        int processes = 1 + rnd.nextInt(3);
        String[] keys = rnd.nextBoolean() ? new String[]{":x", ":y"} : new String[]{":x", ":y", ":z"};
        int[] next = new int[keys.length];
        List<List<String[]>> plans = new ArrayList<>();
        int[] proc = new int[n];
        String[] outcome = new String[n];
        for (int t = 0; t < n; t++) {
            proc[t] = rnd.nextInt(processes);
            double o = rnd.nextDouble();
            outcome[t] = o < 0.12 ? "fail" : o < 0.25 ? "info" : "ok";
            List<String[]> mops = new ArrayList<>();
            int shapes = 1 + rnd.nextInt(2);
            for (int s = 0; s < shapes; s++) {
                int k = rnd.nextInt(keys.length);
                switch (rnd.nextInt(6)) {
                    case 0 -> { // read, append, read
                        mops.add(new String[]{"r", keys[k], null});
                        mops.add(new String[]{"append", keys[k], String.valueOf(++next[k])});
                        mops.add(new String[]{"r", keys[k], null});
                    }
                    case 1 -> { // repeated read
                        mops.add(new String[]{"r", keys[k], null});
                        mops.add(new String[]{"r", keys[k], null});
                    }
                    case 2 -> { // several appends to one key
                        mops.add(new String[]{"append", keys[k], String.valueOf(++next[k])});
                        mops.add(new String[]{"append", keys[k], String.valueOf(++next[k])});
                    }
                    case 3 -> mops.add(new String[]{"r", keys[k], null});
                    default -> mops.add(new String[]{"append", keys[k], String.valueOf(++next[k])});
                }
            }
            plans.add(mops);
        }
        int[] procName = RandomTxnHistories.processNames(proc, outcome, processes);
        List<int[]> events = RandomTxnHistories.interleave(rnd, proc);
        List<Integer> order = new ArrayList<>();
        for (int[] e : events) if (e[1] == (rnd.nextDouble() < 0.7 ? 1 : 0) && !order.contains(e[0])) order.add(e[0]);
        for (int t = 0; t < n; t++) if (!order.contains(t)) order.add(rnd.nextInt(order.size() + 1), t);
        if (rnd.nextDouble() < 0.2) Collections.shuffle(order, new java.util.Random(rnd.nextLong()));
        boolean[] applies = new boolean[n];
        for (int t = 0; t < n; t++) {
            applies[t] = outcome[t].equals("ok") || (outcome[t].equals("info") && rnd.nextBoolean()) || (outcome[t].equals("fail") && rnd.nextDouble() < 0.1);
        }
        // States after each prefix of the order: key -> list.
        List<Map<String, List<String>>> states = new ArrayList<>();
        Map<String, List<String>> db = new HashMap<>();
        states.add(copy(db));
        for (int t : order) {
            if (applies[t]) for (String[] m : plans.get(t)) if (m[0].equals("append")) db.computeIfAbsent(m[1], q -> new ArrayList<>()).add(m[2]);
            states.add(copy(db));
        }
        double corrupt = rnd.nextDouble() < 0.5 ? 0 : 0.15;
        int mode = rnd.nextInt(3); // 0 serial, 1 snapshot, 2 fresh per read
        for (int p = 0; p < n; p++) {
            int t = order.get(p);
            int snap = mode == 0 ? p : rnd.nextInt(p + 1);
            Map<String, List<String>> own = new HashMap<>();
            for (String[] m : plans.get(t)) {
                if (m[0].equals("append")) {
                    own.computeIfAbsent(m[1], q -> new ArrayList<>()).add(m[2]);
                    continue;
                }
                int at = mode == 2 ? rnd.nextInt(p + 1) : snap;
                List<String> v = new ArrayList<>(states.get(at).getOrDefault(m[1], List.of()));
                v.addAll(own.getOrDefault(m[1], List.of()));
                if (rnd.nextDouble() < corrupt && !v.isEmpty()) {
                    switch (rnd.nextInt(3)) {
                        case 0 -> Collections.shuffle(v, new java.util.Random(rnd.nextLong()));
                        case 1 -> v.remove(rnd.nextInt(v.size()));
                        default -> v.add(String.valueOf(rnd.nextInt(next[index(keys, m[1])] + 1) + 1));
                    }
                    v = new ArrayList<>(new java.util.LinkedHashSet<>(v));
                }
                m[2] = "[" + String.join(" ", v) + "]";
            }
        }
        return RandomTxnHistories.render(seed, events, procName, outcome, plans);
    }

    private static int index(String[] keys, String k) {
        for (int i = 0; i < keys.length; i++) if (keys[i].equals(k)) return i;
        return 0;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> db) {
        Map<String, List<String>> out = new HashMap<>();
        db.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }
}
