package dev.ariadne.checker.certify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.report.TransactionalWitness;
import dev.ariadne.history.History;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a witness against the raw history, by the definitions and nothing the search that found it
 * uses: its own reading of the micro-ops ({@link Transactions}), the version orders the witness's
 * arbitration order makes ({@link Versions}), and each {@link Axiom} as the papers state it (Adya
 * 1999 for the levels defined by dependency graphs; Cerone, Bernardi and Gotsman, CONCUR 2015, for
 * the ones defined by visibility; Bailis et al. 2014 for monotonic atomic view). List-append reads
 * follow Elle's reading: every read, including one after the reader's own appends, is a version of
 * its key: a prefix of the key's version order, its own appends placed right after what it read.
 */
public final class WitnessVerifier {
    private WitnessVerifier() {}

    /** Steps the verifier may take (edge visits of closure and cycle queries) before it gives up. */
    public static final long BUDGET = 400_000_000L;

    /** Null when the witness meets every axiom on the history; otherwise why not (or that the budget ran out). */
    public static String verify(History h, TransactionalWitness w, Set<Axiom> axioms, boolean listAppend) {
        try {
            return new Run(h, w, EnumSet.copyOf(axioms), listAppend).check();
        } catch (Visibility.OutOfBudget e) {
            return "the verifier's budget of " + BUDGET + " steps ran out";
        }
    }

    private static final class Run {
        final History h;
        final TransactionalWitness w;
        final Set<Axiom> ax;
        final boolean lists;
        final Transactions tx;
        final int[] pos;
        Versions v;
        Visibility vis;
        DependencyCycles dsg;
        /** Monotonic view: which transactions the current reader has observed (stamped by reader + 1), and per key how many of its writers it must show. */
        int[] seenBy;
        int[] need;
        int[] needBy;

        /** Read uncommitted alone: reads are checked against every write, committed or not. */
        final boolean uncommittedOnly;

        Run(History h, TransactionalWitness w, Set<Axiom> ax, boolean lists) {
            this.uncommittedOnly = ax.equals(EnumSet.of(Axiom.UNCOMMITTED_READS));
            this.h = h;
            this.w = w;
            this.ax = ax;
            this.lists = lists;
            this.tx = new Transactions(h);
            this.pos = new int[tx.n];
        }

        String name(int t) {
            return "T" + h.operation(t).index();
        }

        String check() {
            if (tx.malformed != null) return tx.malformed;
            String s = shape();
            if (s != null) return s;
            v = new Versions(tx, w.order(), pos);
            if (ax.contains(Axiom.MONOTONIC_VIEW)) {
                seenBy = new int[tx.n];
                need = new int[tx.keys];
                needBy = new int[tx.keys];
            }
            vis = new Visibility(w, pos, BUDGET);
            if (ax.contains(Axiom.NO_G2) || ax.contains(Axiom.NO_G_SINGLE) || ax.contains(Axiom.NO_G_UPDATE)) dsg = new DependencyCycles(w.order().length, pos);
            for (int t = 0; t < tx.n; t++) {
                if (!tx.ok[t]) continue;
                s = reads(t);
                if (s != null) return s;
            }
            s = orders();
            if (s != null) return s;
            if (dsg != null) {
                for (int x = 0; x < tx.keys; x++) for (int i = 1; i < v.count[x]; i++) dsg.add(v.writers[x][i - 1], v.writers[x][i], DependencyCycles.WW);
                int[] bad = ax.contains(Axiom.NO_G2) ? dsg.anyCycle() : null;
                if (bad != null) return "its version order makes a dependency cycle through " + name(w.order()[bad[0]]) + " and " + name(w.order()[bad[1]]);
                bad = ax.contains(Axiom.NO_G_SINGLE) ? dsg.gSingle(vis) : null;
                if (bad != null) return "its version order makes a cycle with one anti-dependency, " + name(w.order()[bad[0]]) + " to " + name(w.order()[bad[1]]);
                if (ax.contains(Axiom.NO_G_UPDATE)) {
                    boolean[] update = new boolean[w.order().length];
                    for (int p = 0; p < update.length; p++) {
                        int t = w.order()[p];
                        for (int m = tx.start[t]; m < tx.start[t + 1]; m++) if (!tx.isRead[m]) update[p] = true;
                    }
                    bad = dsg.gUpdate(update, vis);
                    if (bad != null) return "its version order makes a G-update cycle through " + name(w.order()[bad[0]]) + " and " + name(w.order()[bad[1]]);
                }
            }
            return null;
        }

        /** The witness's own form: committed transactions once each, in the shape the axioms need. */
        String shape() {
            Arrays.fill(pos, -1);
            int[] order = w.order();
            for (int p = 0; p < order.length; p++) {
                int t = order[p];
                if (t < 0 || t >= tx.n) return "the order names a transaction the history does not have";
                if (pos[t] >= 0) return name(t) + " appears twice in the order";
                if (tx.fail[t]) return name(t) + " failed, yet the order commits it";
                pos[t] = p;
            }
            for (int t = 0; t < tx.n; t++) if (tx.ok[t] && pos[t] < 0) return name(t) + " committed (ok), yet the order leaves it out";
            boolean snapshots = w.shape() == TransactionalWitness.Shape.SNAPSHOTS;
            boolean atomic = ax.contains(Axiom.ATOMIC) || ax.contains(Axiom.TRANSITIVE) || ax.contains(Axiom.NO_CONFLICT) || ax.contains(Axiom.SESSION);
            if (atomic && w.shape() == TransactionalWitness.Shape.VERSION_ORDER) return "a version order alone shows no visibility";
            if ((ax.contains(Axiom.PREFIX) || ax.contains(Axiom.TOTAL) || ax.contains(Axiom.REALTIME)) && !snapshots) return "the model needs snapshots";
            if (ax.contains(Axiom.TRANSITIVE) && !snapshots && !w.transitive()) return "visibility is not transitive";
            if (ax.contains(Axiom.NO_CONFLICT) && !snapshots && !w.transitive()) return "write conflicts are checked on transitive visibility only";
            if (snapshots) {
                if (w.snapshot() == null || w.snapshot().length != order.length) return "snapshots missing";
                for (int p = 0; p < order.length; p++) {
                    int c = w.snapshot()[p];
                    if (c < 0 || c > p) return name(order[p]) + "'s snapshot is not a prefix of the transactions before it";
                    if (ax.contains(Axiom.TOTAL) && c != p) return name(order[p]) + " does not see every transaction before it";
                }
            }
            if (w.shape() == TransactionalWitness.Shape.VISIBILITY) {
                int[] from = w.visibleFrom();
                int[] to = w.visibleTo();
                if (from == null || to == null || from.length != to.length) return "visibility edges missing";
                for (int e = 0; e < from.length; e++) {
                    if (from[e] < 0 || to[e] >= order.length || from[e] >= to[e]) return "a visibility edge does not follow the arbitration order";
                }
            }
            return null;
        }

        /** Each read of an ok transaction, in order, against the version order and what the reader sees. */
        String reads(int t) {
            boolean observed = ax.contains(Axiom.MONOTONIC_VIEW);
            JsonNode[] values = null;
            for (int m = tx.start[t]; m < tx.start[t + 1]; m++) {
                int x = tx.key[m];
                if (!tx.isRead[m]) continue;
                List<JsonNode> mine = List.of();
                for (int q = tx.start[t]; q < m; q++) {
                    if (tx.isRead[q] || tx.key[q] != x) continue;
                    if (mine.isEmpty()) mine = new ArrayList<>(2);
                    mine.add(tx.written(q));
                }
                if (values == null) values = tx.values(t);
                JsonNode read = values[m - tx.start[t]];
                String s = lists ? listRead(t, read, x, mine, observed) : registerRead(t, read, x, mine, observed);
                if (s != null) return name(t) + "'s read of key " + Values.show(h.operation(t).value().get(m - tx.start[t]).get(1)) + " as "
                        + Values.show(read) + ": " + s;
            }
            return null;
        }

        String listRead(int t, JsonNode read, int x, List<JsonNode> mine, boolean observed) {
            JsonNode[] got = Transactions.list(read);
            if (got == null) return "not a list";
            int b = v.before(x, pos[t]);
            if (uncommittedOnly) return uncommittedList(t, x, got, mine);
            if (!mine.isEmpty()) {
                int len = v.length(x, b);
                boolean same = got.length == len + mine.size();
                for (int i = 0; same && i < len; i++) same = got[i].equals(v.elems[x][i]);
                for (int i = 0; same && i < mine.size(); i++) same = got[len + i].equals(mine.get(i));
                if (!same) return "after its own appends it must read the version before it, then them";
                return seen(t, x, b, b, observed);
            }
            int j = v.listVersion(x, got);
            if (j < 0) return "no version of the key in this order";
            return seen(t, x, j, b, observed);
        }

        String registerRead(int t, JsonNode read, int x, List<JsonNode> mine, boolean observed) {
            JsonNode got = Transactions.canon(read);
            if (uncommittedOnly) {
                if (!mine.isEmpty()) return got.equals(mine.get(mine.size() - 1)) ? null : "not its own last write";
                return Transactions.isNil(got) || v.anyWriterOf(x, got) >= 0 ? null : "no transaction wrote it";
            }
            if (!mine.isEmpty()) return got.equals(mine.get(mine.size() - 1)) ? null : "not its own last write";
            int j = v.registerVersion(x, got);
            if (j < 0) return "no committed transaction's last write of the key in this order";
            return seen(t, x, j, v.before(x, pos[t]), observed);
        }

        /** The read shows version j of key x to transaction t, which has b writers of x before it. */
        String seen(int t, int x, int j, int b, boolean observed) {
            if (j > b) return "it shows " + name(v.writers[x][j - 1]) + ", which the order puts after it";
            if (ax.contains(Axiom.CURSOR_STABILITY) && j < b && v.indexOf(t, x) >= 0) {
                return "it then writes the key on top of " + name(v.writers[x][b - 1]) + "'s version, which it did not read (lost update)";
            }
            if (observed) {
                if (needBy[x] == t + 1 && need[x] > j) return "it had observed " + name(v.writers[x][need[x] - 1]) + ", which wrote the key, yet misses that write";
                int from = lists ? 0 : Math.max(0, j - 1);
                for (int i = from; i < j; i++) observe(t, v.writers[x][i]);
            }
            if (ax.contains(Axiom.ATOMIC)) {
                if (j > 0 && !vis.sees(t, v.writers[x][j - 1])) return "it shows " + name(v.writers[x][j - 1]) + ", which it does not see";
                if (lists && w.shape() != TransactionalWitness.Shape.SNAPSHOTS) {
                    for (int i = 0; i < j - 1; i++) if (!vis.sees(t, v.writers[x][i])) return "it shows " + name(v.writers[x][i]) + ", which it does not see";
                }
                int last = w.shape() == TransactionalWitness.Shape.SNAPSHOTS ? Math.min(b, j + 1) : b;
                for (int i = j; i < last; i++) {
                    if (vis.sees(t, v.writers[x][i])) return "it sees " + name(v.writers[x][i]) + ", which wrote the key, yet misses that write";
                }
            }
            if (dsg != null) {
                if (j > 0 && v.writers[x][j - 1] != t) dsg.add(v.writers[x][j - 1], t, DependencyCycles.WR);
                if (j < v.count[x] && v.writers[x][j] != t) dsg.add(t, v.writers[x][j], DependencyCycles.RW);
            }
            return null;
        }

        /** Transaction t observed u: each key u wrote must show u's write in t's later reads. */
        private void observe(int t, int u) {
            if (seenBy[u] == t + 1) return;
            seenBy[u] = t + 1;
            for (int m = tx.start[u]; m < tx.start[u + 1]; m++) {
                if (tx.isRead[m]) continue;
                int y = tx.key[m];
                int i = v.indexOf(u, y) + 1;
                if (needBy[y] != t + 1) {
                    needBy[y] = t + 1;
                    need[y] = 0;
                }
                need[y] = Math.max(need[y], i);
            }
        }

        String uncommittedList(int t, int x, JsonNode[] got, List<JsonNode> mine) {
            int end = got.length - mine.size();
            if (end < 0) return "it misses its own appends";
            for (int i = 0; i < mine.size(); i++) if (!got[end + i].equals(mine.get(i))) return "it misses its own appends";
            java.util.HashSet<JsonNode> dup = new java.util.HashSet<>();
            int k = 0;
            JsonNode[] order = v.elems[x];
            int total = v.length(x, v.count[x]);
            for (int i = 0; i < end; i++) {
                if (!dup.add(got[i])) return "it holds " + Values.show(got[i]) + " twice";
                int writer = v.anyWriterOf(x, got[i]);
                if (writer < 0) return "no transaction appended " + Values.show(got[i]);
                if (pos[writer] < 0) continue;
                while (k < total && v.anyWriterOf(x, order[k]) == t) k++;
                if (k >= total || !order[k].equals(got[i])) return "it is not a prefix of the key's version order";
                k++;
            }
            return null;
        }

        /** Session and real-time visibility, and write conflicts. */
        String orders() {
            if (ax.contains(Axiom.NO_CONFLICT)) {
                for (int x = 0; x < tx.keys; x++) {
                    for (int i = 1; i < v.count[x]; i++) {
                        if (!vis.sees(v.writers[x][i], v.writers[x][i - 1])) {
                            return name(v.writers[x][i]) + " and " + name(v.writers[x][i - 1]) + " both write a key, yet neither sees the other";
                        }
                    }
                }
            }
            if (ax.contains(Axiom.SESSION)) {
                long[] byInvoke = new long[tx.n];
                for (int t = 0; t < tx.n; t++) byInvoke[t] = ((long) tx.invokeAt[t] << 32) | t;
                Arrays.sort(byInvoke);
                Map<Integer, Integer> prev = new HashMap<>();
                for (long packed : byInvoke) {
                    int t = (int) packed;
                    if (pos[t] < 0) continue;
                    Integer p = prev.put(tx.process[t], t);
                    if (p != null && !vis.sees(t, p)) return name(t) + " does not see " + name(p) + ", its process's earlier transaction";
                }
            }
            if (ax.contains(Axiom.REALTIME)) {
                int events = 0;
                for (int t = 0; t < tx.n; t++) events = Math.max(events, Math.max(tx.invokeAt[t], tx.completeAt[t]) + 1);
                int[] invoked = new int[events];
                int[] completed = new int[events];
                Arrays.fill(invoked, -1);
                Arrays.fill(completed, -1);
                for (int t = 0; t < tx.n; t++) {
                    if (pos[t] < 0) continue;
                    invoked[tx.invokeAt[t]] = t;
                    if (tx.completeAt[t] >= 0) completed[tx.completeAt[t]] = t;
                }
                int latest = -1;
                for (int e = 0; e < events; e++) {
                    int t = invoked[e];
                    if (t >= 0 && latest >= 0 && !vis.sees(t, latest)) return name(t) + " does not see " + name(latest) + ", which completed before it began";
                    t = completed[e];
                    if (t >= 0 && (latest < 0 || pos[t] > pos[latest])) latest = t;
                }
            }
            return null;
        }
    }
}
