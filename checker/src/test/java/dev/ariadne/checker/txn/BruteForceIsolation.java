package dev.ariadne.checker.txn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.History;
import dev.ariadne.history.MicroOp;
import dev.ariadne.history.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The isolation models by their definitions, for tiny list-append histories: some set of the info
 * transactions commits with every ok one, in some arbitration order AR; each key's version order is
 * AR restricted to its writers, each writer's appends in a block. Every read is a version (Elle's
 * reading: a prefix of the version order at a block boundary; after the reader's own appends, the
 * version before the reader, then those appends). Then, per model:
 * <ul>
 *   <li>read committed (Adya PL-2): each read shows writers before the reader in AR;</li>
 *   <li>read atomic, causal, PSI (Cerone, Bernardi, Gotsman 2015): each read shows exactly the
 *       key's writers in VIS, the least relation containing what the reads observe (closed
 *       transitively for causal and PSI, and for PSI holding the earlier of two writers of a key
 *       visible to the later): a larger VIS only adds writes reads must show;</li>
 *   <li>prefix, snapshot isolation and its strong forms: each transaction sees a prefix of AR (its
 *       snapshot), chosen per transaction; SI adds that a key's writer sees the key's previous
 *       writer; strong session and strong add the process's and real time's predecessors;</li>
 *   <li>serializable and its strong forms: each transaction sees everything before it.</li>
 * </ul>
 * Written independently of the checker and of its verifier; slow on purpose.
 */
final class BruteForceIsolation {
    private BruteForceIsolation() {}

    enum M { READ_COMMITTED, READ_ATOMIC, CAUSAL, PSI, PREFIX, SI, STRONG_SESSION_SI, STRONG_SI, SERIALIZABLE, STRONG_SESSION_SERIALIZABLE, STRICT_SERIALIZABLE,
        UPDATE_SERIALIZABLE, CONSISTENT_VIEW, FORWARD_CONSISTENT_VIEW, CURSOR_STABILITY, MONOTONIC_ATOMIC_VIEW }

    static boolean holds(History h, M model) {
        for (List<Operation> chosen : commitSets(h)) if (permute(chosen, new ArrayList<>(), new boolean[chosen.size()], model)) return true;
        return false;
    }

    /** Every set of transactions that may have committed: all the ok ones, with any of the info ones. */
    static List<List<Operation>> commitSets(History h) {
        List<Operation> must = new ArrayList<>();
        List<Operation> maybe = new ArrayList<>();
        for (Operation o : h.operations()) {
            if (o.isOk()) must.add(o);
            else if (o.isInfo()) maybe.add(o);
        }
        List<List<Operation>> out = new ArrayList<>();
        for (int mask = 0; mask < (1 << maybe.size()); mask++) {
            List<Operation> chosen = new ArrayList<>(must);
            for (int i = 0; i < maybe.size(); i++) if ((mask & (1 << i)) != 0) chosen.add(maybe.get(i));
            out.add(chosen);
        }
        return out;
    }

    private static boolean permute(List<Operation> ops, List<Operation> ar, boolean[] used, M model) {
        if (ar.size() == ops.size()) return execution(ar, model);
        for (int i = 0; i < ops.size(); i++) {
            if (used[i]) continue;
            used[i] = true;
            ar.add(ops.get(i));
            if (permute(ops, ar, used, model)) return true;
            ar.remove(ar.size() - 1);
            used[i] = false;
        }
        return false;
    }

    /** The writers of key k in AR, and a reader's view of them. */
    private static List<Integer> writers(List<Operation> ar, JsonNode k) {
        List<Integer> out = new ArrayList<>();
        for (int p = 0; p < ar.size(); p++) {
            for (MicroOp m : ar.get(p).txn()) {
                if (!m.isRead() && m.key().equals(k)) {
                    out.add(p);
                    break;
                }
            }
        }
        return out;
    }

    private static List<JsonNode> blocks(List<Operation> ar, JsonNode k, List<Integer> writerPositions) {
        List<JsonNode> out = new ArrayList<>();
        for (int p : writerPositions) for (MicroOp m : ar.get(p).txn()) if (!m.isRead() && m.key().equals(k)) out.add(m.value());
        return out;
    }

    /**
     * Whether the transactions are rw-register ones, not list-append: a write is {@code w}, or a read
     * returned a single value (a commit set may hold no write at all, and then only the reads tell).
     */
    private static boolean registers(List<Operation> ar) {
        for (Operation o : ar) {
            for (MicroOp m : o.txn()) {
                if (!m.isRead() && m.f().equals("w")) return true;
                if (m.isRead() && o.isOk() && m.value() != null && !m.value().isNull() && !m.value().isArray()) return true;
            }
        }
        return false;
    }

    /** A transaction's last write to key k (the version it installs). */
    private static JsonNode lastWrite(Operation o, JsonNode k) {
        JsonNode last = null;
        for (MicroOp m : o.txn()) if (!m.isRead() && m.key().equals(k)) last = m.value();
        return last;
    }

    private static List<JsonNode> list(JsonNode v) {
        List<JsonNode> out = new ArrayList<>();
        if (v != null && v.isArray()) v.forEach(out::add);
        return out;
    }

    private static boolean execution(List<Operation> ar, M model) {
        Views v = views(ar);
        if (v == null) return false;
        if (model == M.READ_COMMITTED) return true;
        if (model == M.UPDATE_SERIALIZABLE) return holdsAsVersionOrder(ar, Level.NO_G_UPDATE);
        if (model == M.CURSOR_STABILITY) return holdsAsVersionOrder(ar, Level.CURSOR_STABILITY);
        if (model == M.MONOTONIC_ATOMIC_VIEW) return holdsAsVersionOrder(ar, Level.MONOTONIC_VIEW);
        // Adya's PL-2+ forbids G1 and G-single; PL-FCV forbids G1 and G-SIb, a cycle with one
        // anti-dependency in the graph that adds an edge Ti -> Tj whenever Ti commits before Tj starts.
        // The schedule is not recorded; the one where every transaction starts before any commits is
        // always possible and adds no edge, and any other only adds edges, so both come to this.
        if (model == M.CONSISTENT_VIEW || model == M.FORWARD_CONSISTENT_VIEW) {
            return holdsAsVersionOrder(ar, Level.CURSOR_STABILITY) && holdsAsVersionOrder(ar, Level.NO_G_SINGLE);
        }
        if (model == M.READ_ATOMIC || model == M.CAUSAL || model == M.PSI) return visibility(ar, v.reads, v.keys, model);
        for (int p = 0; p < ar.size(); p++) if (!snapshot(ar, p, v.reads.get(p), v.keys.get(p), model)) return false;
        return true;
    }

    /** Per transaction of AR, the writers each of its reads shows, and the keys they read; null when some read is no version. */
    record Views(List<List<Set<Integer>>> reads, List<List<JsonNode>> keys) {}

    /**
     * Whether the execution AR with these snapshots (transaction p sees the first {@code cut[p]}) meets
     * the model, by the same rules: what a given witness must satisfy, for testing the verifier.
     */
    static boolean holdsWith(List<Operation> ar, int[] cut, M model) {
        Views v = views(ar);
        if (v == null) return false;
        if (model == M.READ_COMMITTED) return true;
        for (int p = 0; p < ar.size(); p++) {
            if (cut[p] < 0 || cut[p] > p) return false;
            int least = least(ar, p, model);
            if (least < 0 || cut[p] < least) return false;
            boolean total = model == M.SERIALIZABLE || model == M.STRONG_SESSION_SERIALIZABLE || model == M.STRICT_SERIALIZABLE;
            if (total && cut[p] != p) return false;
            if (!fits(ar, v.reads.get(p), v.keys.get(p), cut[p])) return false;
        }
        return true;
    }

    private static Views views(List<Operation> ar) {
        int n = ar.size();
        boolean reg = registers(ar);
        // What each transaction's reads show: per read, which writers (AR positions) of its key.
        List<List<Set<Integer>>> readViews = new ArrayList<>();
        List<List<JsonNode>> readKeys = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            Operation o = ar.get(p);
            List<Set<Integer>> views = new ArrayList<>();
            List<JsonNode> keys = new ArrayList<>();
            Map<JsonNode, List<JsonNode>> own = new HashMap<>();
            for (MicroOp m : o.txn()) {
                if (!m.isRead()) {
                    own.computeIfAbsent(m.key(), q -> new ArrayList<>()).add(m.value());
                    continue;
                }
                if (!o.isOk()) continue;
                List<Integer> ws = writers(ar, m.key());
                List<Integer> before = new ArrayList<>();
                for (int w : ws) if (w < p) before.add(w);
                List<JsonNode> mine = own.getOrDefault(m.key(), List.of());
                Set<Integer> view = null;
                if (reg) {
                    // A register read shows the last write of a prefix of the key's writers (none: nil), or
                    // after the transaction's own write, that write over everything before it.
                    if (!mine.isEmpty()) {
                        if (mine.get(mine.size() - 1).equals(m.value())) view = new HashSet<>(before);
                    } else {
                        for (int j = 0; j <= ws.size(); j++) {
                            JsonNode last = j == 0 ? null : lastWrite(ar.get(ws.get(j - 1)), m.key());
                            if (j == 0 ? m.value() == null || m.value().isNull() : last.equals(m.value())) {
                                view = new HashSet<>(ws.subList(0, j));
                                break;
                            }
                        }
                    }
                } else {
                    List<JsonNode> got = list(m.value());
                    if (!mine.isEmpty()) {
                        List<JsonNode> expect = blocks(ar, m.key(), before);
                        expect.addAll(mine);
                        if (expect.equals(got)) view = new HashSet<>(before);
                    } else {
                        for (int j = 0; j <= ws.size(); j++) {
                            if (blocks(ar, m.key(), ws.subList(0, j)).equals(got)) {
                                view = new HashSet<>(ws.subList(0, j));
                                break;
                            }
                        }
                    }
                }
                if (view == null) return null; // not a version in this order
                for (int w : view) if (w >= p) return null; // a version installed after the reader (also rules out G1c)
                views.add(view);
                keys.add(m.key());
            }
            readViews.add(views);
            readKeys.add(keys);
        }
        return new Views(readViews, readKeys);
    }

    private static boolean visibility(List<Operation> ar, List<List<Set<Integer>>> readViews, List<List<JsonNode>> readKeys, M model) {
        int n = ar.size();
        List<Set<Integer>> vis = new ArrayList<>();
        boolean reg = registers(ar);
        for (int p = 0; p < n; p++) {
            Set<Integer> v = new HashSet<>();
            // A list read shows (observes) every append of its prefix; a register read only the write it returns.
            for (Set<Integer> view : readViews.get(p)) {
                if (!reg) v.addAll(view);
                else if (!view.isEmpty()) v.add(java.util.Collections.max(view));
            }
            if (model == M.PSI) {
                for (MicroOp m : ar.get(p).txn()) if (!m.isRead()) for (int w : writers(ar, m.key())) if (w < p) v.add(w);
            }
            vis.add(v);
        }
        if (model != M.READ_ATOMIC) {
            for (int p = 0; p < n; p++) { // AR is a topological order of VIS, so one pass closes it
                Set<Integer> closed = new HashSet<>(vis.get(p));
                for (int q : vis.get(p)) closed.addAll(vis.get(q));
                vis.set(p, closed);
            }
        }
        for (int p = 0; p < n; p++) {
            for (int r = 0; r < readViews.get(p).size(); r++) {
                Set<Integer> keyWriters = new HashSet<>();
                for (int w : writers(ar, readKeys.get(p).get(r))) if (vis.get(p).contains(w)) keyWriters.add(w);
                Set<Integer> view = readViews.get(p).get(r);
                if (reg) {
                    // The read returns the last visible write of the key in arbitration order (CBG's EXT).
                    if (keyWriters.isEmpty() != view.isEmpty()) return false;
                    if (!view.isEmpty() && !java.util.Collections.max(keyWriters).equals(java.util.Collections.max(view))) return false;
                } else if (!keyWriters.equals(view)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The least snapshot transaction p may have: past the earlier writers of its keys (SI, PSI) and its process's and real time's predecessors; -1 if one of those comes after it. */
    private static int least(List<Operation> ar, int p, M model) {
        Operation o = ar.get(p);
        int least = 0;
        if (model == M.SI || model == M.STRONG_SESSION_SI || model == M.STRONG_SI || model == M.PSI) {
            for (MicroOp m : o.txn()) if (!m.isRead()) for (int w : writers(ar, m.key())) if (w < p) least = Math.max(least, w + 1);
        }
        boolean session = model == M.STRONG_SESSION_SI || model == M.STRONG_SI || model == M.STRONG_SESSION_SERIALIZABLE || model == M.STRICT_SERIALIZABLE;
        boolean realtime = model == M.STRONG_SI || model == M.STRICT_SERIALIZABLE;
        for (int q = 0; q < ar.size(); q++) {
            Operation u = ar.get(q);
            boolean must = (session && u.process() == o.process() && u.invokePosition() < o.invokePosition())
                    || (realtime && u.isOk() && u.completePosition() < o.invokePosition());
            if (must) {
                if (q >= p) return -1;
                least = Math.max(least, q + 1);
            }
        }
        return least;
    }

    /** Whether seeing the first {@code cut} transactions of AR explains every read. */
    private static boolean fits(List<Operation> ar, List<Set<Integer>> views, List<JsonNode> keys, int cut) {
        for (int r = 0; r < views.size(); r++) {
            Set<Integer> seen = new HashSet<>();
            for (int w : writers(ar, keys.get(r))) if (w < cut) seen.add(w);
            if (!seen.equals(views.get(r))) return false;
        }
        return true;
    }

    /** Whether transaction p can see some prefix of AR that explains its reads and meets the model's other rules. */
    private static boolean snapshot(List<Operation> ar, int p, List<Set<Integer>> views, List<JsonNode> keys, M model) {
        int least = model == M.PREFIX ? 0 : least(ar, p, model);
        if (least < 0) return false;
        boolean total = model == M.SERIALIZABLE || model == M.STRONG_SESSION_SERIALIZABLE || model == M.STRICT_SERIALIZABLE;
        for (int cut = total ? p : least; cut <= p; cut++) if (fits(ar, views, keys, cut)) return true;
        return false;
    }

    /** The conditions on a version order alone (Adya's levels), each checked on its own for testing the verifier. */
    enum Level { READ_COMMITTED, CURSOR_STABILITY, MONOTONIC_VIEW, NO_G_SINGLE, NO_G2, NO_G_UPDATE }

    /** Whether the arbitration order, as a version order, meets read committed plus the given condition. */
    static boolean holdsAsVersionOrder(List<Operation> ar, Level level) {
        Views v = views(ar);
        if (v == null) return false;
        int n = ar.size();
        switch (level) {
            case READ_COMMITTED:
                return true;
            case CURSOR_STABILITY:
                // A read of a key the reader appends to later shows every writer of the key before it.
                for (int p = 0; p < n; p++) {
                    List<MicroOp> mops = ar.get(p).txn();
                    int r = 0;
                    for (int i = 0; i < mops.size(); i++) {
                        MicroOp m = mops.get(i);
                        if (!m.isRead() || !ar.get(p).isOk()) continue;
                        Set<Integer> view = v.reads.get(p).get(r++);
                        boolean appendsLater = false;
                        boolean appendedBefore = false;
                        for (int j = 0; j < mops.size(); j++) {
                            if (mops.get(j).isRead() || !mops.get(j).key().equals(m.key())) continue;
                            if (j > i) appendsLater = true; else appendedBefore = true;
                        }
                        if (!appendsLater || appendedBefore) continue;
                        for (int w : writers(ar, m.key())) if (w < p && !view.contains(w)) return false;
                    }
                }
                return true;
            case MONOTONIC_VIEW:
                // Once a reader saw a writer, its later reads of keys that writer wrote show it too.
                boolean reg = registers(ar);
                for (int p = 0; p < n; p++) {
                    Set<Integer> seen = new HashSet<>();
                    for (int r = 0; r < v.reads.get(p).size(); r++) {
                        JsonNode k = v.keys.get(p).get(r);
                        Set<Integer> view = v.reads.get(p).get(r);
                        for (int w : seen) if (writers(ar, k).contains(w) && !view.contains(w)) return false;
                        if (!reg) seen.addAll(view);
                        else if (!view.isEmpty()) seen.add(java.util.Collections.max(view));
                    }
                }
                return true;
            default:
                break;
        }
        // The dependency graph: ww between consecutive writers, wr from a view's last writer, rw to the writer after it.
        List<int[]> edges = new ArrayList<>(); // {from, to, 1 if rw}
        for (int p = 0; p < n; p++) {
            for (MicroOp m : ar.get(p).txn()) {
                if (m.isRead()) continue;
                List<Integer> ws = writers(ar, m.key());
                int i = ws.indexOf(p);
                if (i > 0) edges.add(new int[]{ws.get(i - 1), p, 0});
            }
            for (int r = 0; r < v.reads.get(p).size(); r++) {
                List<Integer> ws = writers(ar, v.keys.get(p).get(r));
                Set<Integer> view = v.reads.get(p).get(r);
                int j = view.size();
                if (j > 0 && ws.get(j - 1) != p) edges.add(new int[]{ws.get(j - 1), p, 0});
                if (j < ws.size() && ws.get(j) != p) edges.add(new int[]{p, ws.get(j), 1});
            }
        }
        if (level == Level.NO_G_UPDATE) {
            // Adya's G-update: the updates plus any one read-only transaction have a cycle with an anti-dependency.
            Set<Integer> updates = new HashSet<>();
            for (int p = 0; p < n; p++) for (MicroOp m : ar.get(p).txn()) if (!m.isRead()) updates.add(p);
            List<Set<Integer>> groups = new ArrayList<>();
            groups.add(updates);
            for (int p = 0; p < n; p++) {
                if (updates.contains(p)) continue;
                Set<Integer> g = new HashSet<>(updates);
                g.add(p);
                groups.add(g);
            }
            for (Set<Integer> g : groups) {
                for (int[] e : edges) {
                    if (e[2] == 0 || !g.contains(e[0]) || !g.contains(e[1])) continue;
                    Set<Integer> reached = new HashSet<>();
                    List<Integer> stack = new ArrayList<>(List.of(e[1]));
                    while (!stack.isEmpty()) {
                        int u = stack.remove(stack.size() - 1);
                        if (!reached.add(u)) continue;
                        for (int[] f : edges) if (f[0] == u && g.contains(f[1])) stack.add(f[1]);
                    }
                    if (reached.contains(e[0])) return false;
                }
            }
            return true;
        }
        for (int[] e : edges) {
            if (level == Level.NO_G_SINGLE && e[2] == 0) continue;
            // Does the edge's target reach its source (through ww and wr only, for G-single)?
            Set<Integer> reached = new HashSet<>();
            List<Integer> stack = new ArrayList<>(List.of(e[1]));
            while (!stack.isEmpty()) {
                int u = stack.remove(stack.size() - 1);
                if (!reached.add(u)) continue;
                for (int[] f : edges) if (f[0] == u && (level == Level.NO_G2 || f[2] == 0)) stack.add(f[1]);
            }
            if (reached.contains(e[0])) return false;
        }
        return true;
    }
}
