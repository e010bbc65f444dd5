package dev.ariadne.checker.weak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The proof of a view violation found by {@link ViewSaturation}: which orders rule the view out and
 * why. A 0-1 breadth-first search walks back from the violation through program order, read-from and
 * the saturation's edges, each saturation edge justified in turn only by edges made before it (so the
 * proof is well founded), and the steps are written out as the counterexample's explanation; the
 * nodes they name are what the frontier search then shrinks to a 1-minimal counterexample.
 */
final class ViewProof {
    private final ViewSaturation sat;

    ViewProof(ViewSaturation sat) {
        this.sat = sat;
    }

    /** One step of a proof: {@code from} precedes {@code to} in every view, by program order, read-from, or saturation ({@code version}). */
    private record Step(int from, int to, int kind, int version) {}

    private static final int ORDER = 0;
    private static final int READ_FROM = 1;
    private static final int OVERWRITE = 2;
    private static final int MAX_WHY_LINES = 60;
    /** The most saturation edges a proof justifies before it gives up (the search then shrinks what it has). */
    private static final int MAX_JUSTIFICATIONS = 200;

    /** A read of a value no write wrote. */
    ViewSaturation.Result thinAir(int r) {
        return violation(new int[]{r}, name(r) + " returned a value no write wrote.");
    }

    /** A read of the viewer's own write, issued after the read. */
    ViewSaturation.Result readBeforeItsWrite(int s, int r) {
        return violation(new int[]{s, r}, name(r) + " returned the value of " + name(s) + ", which p" + processName(sat.p) + " issued after it.");
    }

    /** A read of the initial value with a write of its key below it in every view. */
    ViewSaturation.Result initialOverwritten(int w, int r) {
        return withPath(w, r, new int[]{w, r}, name(r) + " returned the initial value of " + keyName(r) + ", but " + name(w)
                + " writes it and comes before " + name(r) + " in every view of p" + processName(sat.p) + ":");
    }

    /** A read of s with w, a later write of s's process to the key, below it in every view. */
    ViewSaturation.Result overwrittenOnItsChain(int s, int w, int r) {
        return withPath(w, r, new int[]{s, w, r}, name(r) + " returned the value of " + name(s) + ", but " + name(w) + ", which p"
                + processName(sat.ix.proc[w]) + " issued after it, comes before " + name(r) + " in every view of p" + processName(sat.p) + ":");
    }

    ViewSaturation.Result violation(int[] nodes, String headline) {
        Set<Integer> w = new HashSet<>();
        for (int x : nodes) w.add(x);
        return new ViewSaturation.Result(false, sat.ix.witness(sat.p, w), List.of(headline));
    }

    ViewSaturation.Result cycleWitness(int a, int t, int version) {
        Set<Integer> w = new HashSet<>();
        List<Integer> jobs = new ArrayList<>();
        List<Step> steps = path(t, a, Integer.MAX_VALUE, w, jobs);
        if (steps == null) return null;
        steps.add(new Step(a, t, version >= 0 ? OVERWRITE : READ_FROM, version));
        w.add(a);
        w.add(t);
        if (version >= 0) jobs.add(version);
        return justify(w, jobs, steps, "No view of p" + processName(sat.p) + " can keep all of these orders, which form a cycle:");
    }

    ViewSaturation.Result withPath(int from, int to, int[] nodes, String headline) {
        Set<Integer> w = new HashSet<>();
        for (int x : nodes) w.add(x);
        List<Integer> jobs = new ArrayList<>();
        List<Step> steps = path(from, to, Integer.MAX_VALUE, w, jobs);
        if (steps == null) return null;
        return justify(w, jobs, steps, headline);
    }

    /**
     * Adds, for each saturation edge used, the read that called for it and the path that put its
     * source before that read (using only edges made before it, so the proof is well founded), and
     * writes the proof out: the headline and its steps, then each saturation edge's reason.
     */
    private ViewSaturation.Result justify(Set<Integer> w, List<Integer> jobs, List<Step> steps, String headline) {
        List<String> why = new ArrayList<>();
        why.add(headline);
        for (Step st : steps) why.add("  " + describe(st));
        Set<Integer> done = new HashSet<>();
        for (int i = 0; i < jobs.size(); i++) {
            int v = jobs.get(i);
            if (!done.add(v)) continue;
            if (done.size() > MAX_JUSTIFICATIONS || System.nanoTime() - sat.deadline > 0) return null;
            int source = sat.chainNode(sat.verChain[v], sat.verPos[v]);
            int read = sat.verRead[v];
            w.add(source);
            w.add(read);
            w.add(sat.slotNode[sat.verSlot[v]]);
            List<Step> because = path(source, read, sat.verSeq[v], w, jobs);
            if (because == null) return null;
            if (why.size() < MAX_WHY_LINES) {
                why.add(name(source) + " < " + name(sat.slotNode[sat.verSlot[v]]) + " because " + name(source) + " comes before " + name(read) + ":");
                for (Step st : because) why.add("  " + describe(st));
            }
        }
        if (why.size() > MAX_WHY_LINES) {
            int more = why.size() - MAX_WHY_LINES;
            why = new ArrayList<>(why.subList(0, MAX_WHY_LINES));
            why.add("... " + more + " more lines");
        }
        return new ViewSaturation.Result(false, sat.ix.witness(sat.p, w), why);
    }

    private String describe(Step st) {
        String head = name(st.from()) + " < " + name(st.to()) + ": ";
        return switch (st.kind()) {
            case ORDER -> head + "p" + processName(sat.ix.proc[st.from()]) + " issued them in this order";
            case READ_FROM -> head + "the first wrote the value the second returned";
            default -> head + "the first writes " + keyName(st.to()) + " and comes before " + name(sat.verRead[st.version()])
                    + ", which returned the value of the second, so it cannot come between them";
        };
    }

    String name(int node) {
        return sat.names.apply(node);
    }

    String keyName(int node) {
        return sat.ix.rw.keyName(sat.ix.rw.nodes.get(node));
    }

    String processName(int process) {
        com.fasterxml.jackson.databind.JsonNode n = sat.ix.rw.history.processName(process);
        return n == null ? "?" + process : dev.ariadne.history.Values.show(n);
    }

    private int[] dist;
    private int[] parent;
    private int[] parentVer;
    private boolean[] parentCross;
    private int[] queue = new int[1 << 12];
    private int head;
    private int size;

    /**
     * A path from {@code from} up to {@code to} using only saturation edges made before {@code maxSeq}
     * (program order and read-from always), found backwards from {@code to} with chain steps free: the
     * ends of its other edges go into {@code w}, its saturation edges into {@code jobs}. Under sat.causal
     * memory the free steps are every process's program order, and read-from is followed into any
     * process's reads: the path may pass through reads outside the view, which carry causality.
     */
    private List<Step> path(int from, int to, int maxSeq, Set<Integer> w, List<Integer> jobs) {
        if (dist == null) {
            dist = new int[sat.ix.n];
            parent = new int[sat.ix.n];
            parentVer = new int[sat.ix.n];
            parentCross = new boolean[sat.ix.n];
        }
        Arrays.fill(dist, Integer.MAX_VALUE);
        head = 0;
        size = 0;
        dist[to] = 0;
        parent[to] = -1;
        push(to, false);
        while (size > 0) {
            int v = queue[head];
            head = (head + 1) & (queue.length - 1);
            size--;
            if (v == from) break;
            int d = dist[v];
            // Into v: its predecessor on its chain (or, under sat.causal memory, in its process), free.
            int u = -1;
            if (sat.causal != null) {
                int pos = sat.ix.posAll[v];
                if (pos > 0) u = sat.ix.all[sat.ix.proc[v]][pos - 1];
            } else if (sat.posOf(v) > 0) {
                u = sat.chainNode(sat.chainOf(v), sat.posOf(v) - 1);
            }
            if (u >= 0 && d < dist[u]) {
                dist[u] = d;
                parent[u] = v;
                parentVer[u] = -1;
                parentCross[u] = false;
                push(u, true);
            }
            // The write a read returned.
            int rf = sat.ix.write[v] ? -1 : sat.ix.src[v];
            boolean followRf = rf >= 0 && (sat.causal != null || (sat.slotOf[v] >= 0 && sat.slotIsRead[sat.slotOf[v]]));
            if (followRf && d + 1 < dist[rf]) {
                dist[rf] = d + 1;
                parent[rf] = v;
                parentVer[rf] = -1;
                parentCross[rf] = true;
                push(rf, false);
            }
            // The saturation edges into v.
            int s = sat.slotOf[v];
            if (s < 0 || sat.slotIsRead[s]) continue;
            for (int c2 = 0; c2 < sat.k; c2++) {
                int ver = sat.satVer[s * sat.k + c2];
                while (ver >= 0 && sat.verSeq[ver] >= maxSeq) ver = sat.verPrev[ver];
                if (ver < 0) continue;
                int a = sat.chainNode(c2, sat.verPos[ver]);
                if (d + 1 < dist[a]) {
                    dist[a] = d + 1;
                    parent[a] = v;
                    parentVer[a] = ver;
                    parentCross[a] = true;
                    push(a, false);
                }
            }
        }
        if (dist[from] == Integer.MAX_VALUE) return null;
        List<Step> steps = new ArrayList<>();
        for (int x = from; parent[x] >= 0; x = parent[x]) {
            int y = parent[x];
            int last = steps.size() - 1;
            if (parentVer[x] >= 0) {
                steps.add(new Step(x, y, OVERWRITE, parentVer[x]));
                jobs.add(parentVer[x]);
            } else if (parentCross[x]) {
                steps.add(new Step(x, y, READ_FROM, -1));
            } else if (last >= 0 && steps.get(last).kind() == ORDER && steps.get(last).to() == x) {
                steps.set(last, new Step(steps.get(last).from(), y, ORDER, -1)); // one run of program order
            } else {
                steps.add(new Step(x, y, ORDER, -1));
            }
        }
        for (Step st : steps) {
            w.add(st.from());
            w.add(st.to());
        }
        return steps;
    }

    /** Onto the 0-1 search's deque: at the front for a free step, else at the back. */
    private void push(int node, boolean front) {
        if (size == queue.length) {
            int[] bigger = new int[queue.length * 2];
            for (int i = 0; i < size; i++) bigger[i] = queue[(head + i) & (queue.length - 1)];
            queue = bigger;
            head = 0;
        }
        if (front) {
            head = (head - 1) & (queue.length - 1);
            queue[head] = node;
        } else {
            queue[(head + size) & (queue.length - 1)] = node;
        }
        size++;
    }
}
