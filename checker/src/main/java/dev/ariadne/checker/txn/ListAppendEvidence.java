package dev.ariadne.checker.txn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.MicroOp;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link Evidence} for list-append: "T2 read key 9 as [2 5] and so observed T1's append of 5". */
final class ListAppendEvidence implements Evidence {
    private final TxnHistory th;
    /** Per key: the reads of ok transactions, as (transaction, list). */
    private final Map<JsonNode, List<Read>> readsByKey = new HashMap<>();

    private record Read(int txn, JsonNode list) {}

    ListAppendEvidence(TxnHistory th) {
        this.th = th;
        for (int t = 0; t < th.n; t++) {
            if (!th.ok(t)) continue;
            for (MicroOp m : th.mops.get(t)) {
                if (m.isRead()) readsByKey.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(new Read(t, list(m.value())));
            }
        }
    }

    @Override
    public String explain(int from, int to, int type) {
        String a = th.name(from);
        String b = th.name(to);
        Operation x = th.op(from);
        Operation y = th.op(to);
        switch (type) {
            case DependencyGraph.PROCESS, DependencyGraph.REALTIME:
                return Evidence.order(th, from, to, type);
            case DependencyGraph.WR:
                if (!y.isOk() || !committed(from)) return null;
                for (MicroOp m : th.mops.get(to)) {
                    if (!m.isRead()) continue;
                    JsonNode read = list(m.value());
                    for (JsonNode v : appends(from, m.key())) {
                        if (contains(read, v)) return b + " read key " + Values.show(m.key()) + " as " + Values.show(read) + " and so observed " + a + "'s append of " + Values.show(v);
                    }
                }
                return null;
            case DependencyGraph.WW:
                if (!committed(from) || !committed(to)) return null;
                for (MicroOp m : th.mops.get(from)) {
                    if (m.isRead()) continue;
                    for (JsonNode later : appends(to, m.key())) {
                        for (Read r : readsByKey.getOrDefault(m.key(), List.of())) {
                            int i = indexOf(r.list, m.value());
                            int j = indexOf(r.list, later);
                            if (i >= 0 && j > i) {
                                return a + " appended " + Values.show(m.value()) + " to key " + Values.show(m.key()) + " before " + b + " appended " + Values.show(later)
                                        + ", as " + th.name(r.txn) + "'s read of it as " + Values.show(r.list) + " shows";
                            }
                        }
                        if (!observed(m.key(), later) && observed(m.key(), m.value())) {
                            return b + "'s append of " + Values.show(later) + " to key " + Values.show(m.key()) + " committed but no read shows it, so it follows every element read, among them "
                                    + a + "'s " + Values.show(m.value());
                        }
                    }
                }
                return null;
            case DependencyGraph.RW:
                if (!th.ok(from) || !committed(to)) return null;
                for (MicroOp m : th.mops.get(from)) {
                    JsonNode read = externalRead(from, m.key());
                    if (read == null) continue;
                    for (JsonNode v : appends(to, m.key())) {
                        if (contains(read, v)) continue;
                        if (!observed(m.key(), v)) {
                            return a + " read key " + Values.show(m.key()) + " as " + Values.show(read) + ", missing " + b + "'s append of " + Values.show(v)
                                    + ", which committed but no read shows, so it came after every version read";
                        }
                        for (Read r : readsByKey.getOrDefault(m.key(), List.of())) {
                            if (contains(r.list, v) && isPrefix(read, r.list)) {
                                return a + " read key " + Values.show(m.key()) + " as " + Values.show(read) + ", missing " + b + "'s append of " + Values.show(v)
                                        + ", which the later version " + Values.show(r.list) + " shows";
                            }
                        }
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /** An ok transaction, or an info one some read shows an append of. */
    private boolean committed(int t) {
        Operation o = th.op(t);
        if (o.isOk()) return true;
        if (!o.isInfo()) return false;
        for (MicroOp m : th.mops.get(t)) if (!m.isRead() && observed(m.key(), m.value())) return true;
        return false;
    }

    private boolean observed(JsonNode key, JsonNode v) {
        for (Read r : readsByKey.getOrDefault(key, List.of())) if (contains(r.list, v)) return true;
        return false;
    }

    private JsonNode externalRead(int t, JsonNode key) {
        if (!th.ok(t)) return null;
        for (MicroOp m : th.mops.get(t)) {
            if (!m.key().equals(key)) continue;
            return m.isRead() ? list(m.value()) : null;
        }
        return null;
    }

    /** A read's list; Elle writes an empty one as nil. */
    private static JsonNode list(JsonNode v) {
        return v == null || v.isNull() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode() : v;
    }

    private List<JsonNode> appends(int t, JsonNode key) {
        List<JsonNode> out = new ArrayList<>();
        for (MicroOp m : th.mops.get(t)) if (!m.isRead() && m.key().equals(key)) out.add(m.value());
        return out;
    }

    private static boolean contains(JsonNode list, JsonNode v) {
        return indexOf(list, v) >= 0;
    }

    private static int indexOf(JsonNode list, JsonNode v) {
        for (int i = 0; i < list.size(); i++) if (list.get(i).equals(v)) return i;
        return -1;
    }

    private static boolean isPrefix(JsonNode p, JsonNode l) {
        if (p.size() >= l.size()) return false;
        for (int i = 0; i < p.size(); i++) if (!p.get(i).equals(l.get(i))) return false;
        return true;
    }
}
