package dev.ariadne.checker.txn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.MicroOp;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

/** {@link Evidence} for rw-register: "T2 read key x = 5, which T1 wrote". */
final class RwRegisterEvidence implements Evidence {
    private final TxnHistory th;
    private final KeyOrder keyOrder;

    RwRegisterEvidence(TxnHistory th, KeyOrder keyOrder) {
        this.th = th;
        this.keyOrder = keyOrder;
    }

    /** Why {@code a}'s write precedes {@code b}'s under the asserted key order, or null. */
    private String assumed(int a, int b) {
        Operation x = th.op(a);
        Operation y = th.op(b);
        if (keyOrder != KeyOrder.NONE && x.process() == y.process() && x.invokePosition() < y.invokePosition()) {
            return "both ran on process " + Values.show(x.invoke().process()) + ", " + th.name(a) + " first, and the key is assumed " + keyOrder.name().toLowerCase();
        }
        if (keyOrder == KeyOrder.LINEARIZABLE && x.isOk() && x.completePosition() < y.invokePosition()) {
            return th.name(a) + " completed before " + th.name(b) + " began, and the key is assumed linearizable";
        }
        return null;
    }

    @Override
    public String explain(int from, int to, int type) {
        String a = th.name(from);
        String b = th.name(to);
        switch (type) {
            case DependencyGraph.PROCESS, DependencyGraph.REALTIME:
                return Evidence.order(th, from, to, type);
            case DependencyGraph.WR:
                if (!th.ok(to) || !committed(from)) return null;
                for (MicroOp m : th.mops.get(to)) {
                    JsonNode read = outsideRead(to, m);
                    if (read != null && !read.isNull() && read.equals(finalWrite(from, m.key()))) {
                        return b + " read key " + Values.show(m.key()) + " = " + Values.show(read) + ", which " + a + " wrote";
                    }
                }
                return null;
            case DependencyGraph.WW:
                if (!th.ok(to) || !committed(from)) return null;
                for (MicroOp m : th.mops.get(to)) {
                    JsonNode read = externalRead(to, m.key());
                    JsonNode mine = finalWrite(to, m.key());
                    JsonNode theirs = finalWrite(from, m.key());
                    if (read != null && mine != null && !read.isNull() && read.equals(theirs)) {
                        return b + " read key " + Values.show(m.key()) + " = " + Values.show(read) + " (" + a + "'s write) and then wrote " + Values.show(mine) + " over it";
                    }
                    String why = mine != null && theirs != null ? assumed(from, to) : null;
                    if (why != null) return a + " wrote key " + Values.show(m.key()) + " = " + Values.show(theirs) + " before " + b + " wrote " + Values.show(mine) + ": " + why;
                }
                return null;
            case DependencyGraph.RW:
                if (!th.ok(from) || !committed(to)) return null;
                for (MicroOp m : th.mops.get(from)) {
                    JsonNode read = outsideRead(from, m);
                    JsonNode later = finalWrite(to, m.key());
                    if (read == null || later == null) continue;
                    String what = a + " read key " + Values.show(m.key()) + " = " + Values.show(read) + ", and " + b + " wrote " + Values.show(later);
                    if (read.isNull()) return what + ", which follows the initial state";
                    JsonNode seen = externalRead(to, m.key());
                    if (read.equals(seen)) return what + " after reading " + Values.show(read) + " itself, so " + b + "'s write follows the version " + a + " read";
                    int writer = writerOf(m.key(), read);
                    String why = writer >= 0 ? assumed(writer, to) : null;
                    if (why != null) return what + ", which follows " + th.name(writer) + "'s write of " + Values.show(read) + ": " + why;
                }
                return null;
            default:
                return null;
        }
    }

    /** The committed transaction whose final write of the key is v, or -1. */
    private int writerOf(JsonNode key, JsonNode v) {
        for (int t = 0; t < th.n; t++) if (v.equals(finalWrite(t, key)) && committed(t)) return t;
        return -1;
    }

    private boolean committed(int t) {
        Operation o = th.op(t);
        if (o.isOk()) return true;
        if (!o.isInfo()) return false;
        for (MicroOp m : th.mops.get(t)) {
            JsonNode w = finalWrite(t, m.key());
            if (w == null) continue;
            for (int r = 0; r < th.n; r++) {
                for (MicroOp q : th.mops.get(r)) if (q.key().equals(m.key()) && w.equals(outsideRead(r, q))) return true;
            }
        }
        return false;
    }

    /** The transaction's first micro-op on the key, if it is a read (of an ok transaction): its value, nil for the initial state. */
    private JsonNode externalRead(int t, JsonNode key) {
        if (!th.ok(t)) return null;
        for (MicroOp m : th.mops.get(t)) {
            if (m.key().equals(key)) return m.isRead() ? m.value() : null;
        }
        return null;
    }

    /**
     * The value {@code m} read if it is a read of an ok transaction that had not yet written the key
     * (so it read some other transaction's version: the first such read, or a non-repeatable one), else null.
     */
    private JsonNode outsideRead(int t, MicroOp m) {
        if (!th.ok(t) || !m.isRead()) return null;
        for (MicroOp o : th.mops.get(t)) {
            if (o == m) return m.value();
            if (!o.isRead() && o.key().equals(m.key())) return null;
        }
        return null;
    }

    private JsonNode finalWrite(int t, JsonNode key) {
        JsonNode w = null;
        for (MicroOp m : th.mops.get(t)) if (!m.isRead() && m.key().equals(key)) w = m.value();
        return w;
    }
}
