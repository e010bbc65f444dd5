package dev.ariadne.checker.broadcast;

import dev.ariadne.checker.report.BroadcastAnomaly;
import dev.ariadne.checker.report.BroadcastCounterexample;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Counterexample;
import dev.ariadne.checker.report.OpView;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Broadcast and mailbox orders (Hadzilacos and Toueg, "A modular approach to fault-tolerant
 * broadcasts and related problems", 1994), each with integrity (no message delivered twice to one
 * process, none that was never sent):
 * <ul>
 *   <li>{@code fifo-order}: a process that delivers a sender's message has delivered, before it,
 *       every message that sender sent it earlier;</li>
 *   <li>{@code causal-order}: the same for every message causally before it (sent earlier by the
 *       same process, or delivered by the sender before it sent, transitively);</li>
 *   <li>{@code total-order} (broadcast only): one order of all messages agrees with every process's
 *       deliveries.</li>
 * </ul>
 * Where processes read what they have seen (Maelstrom's {@code read}), those reads keep integrity,
 * and final reads decide validity and agreement ({@link FinalReads}). A message whose send crashed
 * ({@code info}) may not have been sent: nothing is required of it unless some process delivered it.
 * Every violation comes with the few operations that show it; a VALID total order comes with the
 * order, checked against each process's deliveries.
 */
public final class BroadcastChecker {
    /** Violations shown per kind. */
    static final int SHOWN = 8;

    public enum Order { FIFO, CAUSAL, TOTAL }

    private BroadcastChecker() {}

    public static CheckResult check(History h, boolean mailbox, Order order, String model) {
        long t0 = System.nanoTime();
        Messages ms = new Messages(h, mailbox);
        List<Counterexample> found = new ArrayList<>();
        integrity(ms, found);
        FinalReads.check(ms, found);
        if (order == Order.TOTAL) {
            TotalOrder.check(ms, found);
        } else {
            precedence(ms, order == Order.CAUSAL, found);
        }
        Verdict v = found.isEmpty() ? Verdict.VALID : Verdict.INVALID;
        Map<BroadcastAnomaly, Integer> count = new java.util.EnumMap<>(BroadcastAnomaly.class);
        List<Counterexample> shown = new ArrayList<>();
        for (Counterexample c : found) {
            if (count.merge(((BroadcastCounterexample) c).anomaly(), 1, Integer::sum) <= SHOWN) shown.add(c);
        }
        StringBuilder kinds = new StringBuilder();
        count.forEach((k, n) -> kinds.append(kinds.length() == 0 ? "" : ", ").append(n).append(' ').append(k.cliName()));
        String what = mailbox ? "messages" : "broadcasts";
        String summary = v == Verdict.VALID ? "The " + what + " keep " + model + " (" + ms.messages.size() + " messages, " + ms.deliveries.size() + " deliveries)."
                : "The " + what + " break " + model + ": " + kinds + ".";
        List<String> notes = new ArrayList<>();
        if (v == Verdict.VALID && order == Order.TOTAL) notes.add("a total order of every delivered message agrees with each process's deliveries (checked)");
        FinalReads.notes(ms, notes);
        return new CheckResult(model, mailbox ? "mailbox" : "broadcast", false, v, summary, List.of(), shown,
                new CheckResult.Statistics(h.size(), ms.events.size(), found.size(), System.nanoTime() - t0, 0), notes, null);
    }

    /** Reads every operation, checking nothing; a malformed one is a {@link dev.ariadne.checker.datatype.DatatypeMismatch}. */
    public static void read(History h, boolean mailbox) {
        new Messages(h, mailbox);
    }

    static BroadcastCounterexample cex(Messages ms, BroadcastAnomaly a, List<Operation> ops, String why, Object... messages) {
        List<Operation> sorted = new ArrayList<>();
        for (Operation o : ops) if (o != null && !sorted.contains(o)) sorted.add(o);
        sorted.sort((x, y) -> Integer.compare(x.invokePosition(), y.invokePosition()));
        List<OpView> views = new ArrayList<>();
        for (Operation o : sorted) views.add(OpView.of(ms.history, o, describe(o)));
        List<String> vs = new ArrayList<>();
        for (Object m : messages) vs.add(m instanceof com.fasterxml.jackson.databind.JsonNode j ? Values.show(j) : String.valueOf(m));
        return new BroadcastCounterexample(a, vs, views, a.cliName() + ": " + why + ".");
    }

    static String describe(Operation o) {
        return o.isOk() ? o.f() + " " + Values.show(o.f().equals("receive") || o.f().equals("deliver") || o.f().equals("read") ? o.value() : o.invoke().value())
                : o.f() + " " + Values.show(o.invoke().value());
    }

    private static void integrity(Messages ms, List<Counterexample> out) {
        for (Map.Entry<String, List<Object>> e : ms.events.entrySet()) {
            Map<Object, Messages.Delivery> seen = new HashMap<>();
            for (Object x : e.getValue()) {
                if (!(x instanceof Messages.Delivery d)) continue;
                Messages.Delivery before = seen.put(d.value(), d);
                if (before != null) {
                    out.add(cex(ms, BroadcastAnomaly.DUPLICATE_DELIVERY, List.of(before.op(), d.op()), "process " + e.getKey() + " delivered "
                            + Values.show(d.value()) + " twice", d.value()));
                }
                if (d.message() == null) {
                    out.add(cex(ms, BroadcastAnomaly.PHANTOM_DELIVERY, List.of(d.op()), "process " + e.getKey() + " delivered " + Values.show(d.value())
                            + ", which no operation sent (or whose send failed)", d.value()));
                } else if (!Messages.destined(d.message(), e.getKey())) {
                    out.add(cex(ms, BroadcastAnomaly.PHANTOM_DELIVERY, List.of(d.message().send(), d.op()), "process " + e.getKey() + " delivered "
                            + Values.show(d.value()) + ", which was sent to " + d.message().to(), d.value()));
                }
            }
        }
    }

    /**
     * FIFO and causal order with vector clocks. A message's causal past holds, of each sender, a prefix
     * of its messages (whoever saw a sender's message had seen its earlier ones), so it is a vector:
     * per sender, how many of its messages come before. Each process keeps the vector of what it has
     * seen; a send takes a copy, a delivery merges the message's (causal order) or only the message's
     * own place among its sender's (FIFO). A delivery is checked per sender against the prefix of that
     * sender's messages the receiver has delivered (skipping the ones it need not: crashed sends,
     * messages for another process, its own). Linear in deliveries times senders.
     */
    private static void precedence(Messages ms, boolean causal, List<Counterexample> out) {
        Map<String, Integer> senderIndex = new HashMap<>();
        List<List<Messages.Message>> bySender = new ArrayList<>();
        int[] seq = new int[ms.messages.size()];
        for (Messages.Message m : ms.messages) {
            Integer si = senderIndex.get(m.sender());
            if (si == null) {
                si = bySender.size();
                senderIndex.put(m.sender(), si);
                bySender.add(new ArrayList<>());
            }
            seq[m.id()] = bySender.get(si).size();
            bySender.get(si).add(m);
        }
        int senders = bySender.size();
        int[][] past = new int[ms.messages.size()][];
        List<Object[]> all = new ArrayList<>();
        for (Map.Entry<String, List<Object>> e : ms.events.entrySet()) for (Object x : e.getValue()) all.add(new Object[] {e.getKey(), x});
        all.sort((x, y) -> Integer.compare(position(x[1]), position(y[1])));
        Map<String, int[]> clock = new HashMap<>();
        Map<String, int[]> prefix = new HashMap<>();
        Map<String, BitSet> delivered = new HashMap<>();
        int reported = 0;
        for (Object[] pe : all) {
            String p = (String) pe[0];
            int[] c = clock.computeIfAbsent(p, k -> new int[senders]);
            if (pe[1] instanceof Messages.Message m) {
                int si = senderIndex.get(m.sender());
                past[m.id()] = causal ? c.clone() : null;
                c[si] = Math.max(c[si], seq[m.id()] + 1);
                continue;
            }
            Messages.Delivery d = (Messages.Delivery) pe[1];
            Messages.Message b = d.message();
            if (b == null) continue;
            int sb = senderIndex.get(b.sender());
            BitSet got = delivered.computeIfAbsent(p, k -> new BitSet());
            int[] pre = prefix.computeIfAbsent(p, k -> new int[senders]);
            if (!b.sender().equals(p)) {
                for (int s = causal ? 0 : sb; s < (causal ? senders : sb + 1); s++) {
                    int need = s == sb ? seq[b.id()] : past[b.id()] == null ? 0 : past[b.id()][s];
                    if (causal && s == sb && past[b.id()] != null) need = Math.max(need, past[b.id()][s]);
                    List<Messages.Message> of = bySender.get(s);
                    while (pre[s] < need) {
                        Messages.Message a = of.get(pre[s]);
                        if (!got.get(a.id()) && a.send().isOk() && Messages.destined(a, p) && !a.sender().equals(p)) break;
                        pre[s]++;
                    }
                    if (pre[s] < need) {
                        out.add(violation(ms, causal, p, of.get(pre[s]), b, d, ms.events.get(p), reported++ < SHOWN));
                        break;
                    }
                }
            }
            got.set(b.id());
            if (causal && past[b.id()] != null) for (int s = 0; s < senders; s++) c[s] = Math.max(c[s], past[b.id()][s]);
            c[sb] = Math.max(c[sb], seq[b.id()] + 1);
        }
    }

    /** One violation; only the ones shown ({@code detailed}) get the causal chain and the later delivery, each a scan of the events. */
    private static Counterexample violation(Messages ms, boolean causal, String r, Messages.Message a, Messages.Message b, Messages.Delivery db,
                                            List<Object> atR, boolean detailed) {
        Operation later = null;
        if (detailed) for (Object x : atR) if (x instanceof Messages.Delivery d && d.message() == a) later = d.op();
        List<Operation> ops = new ArrayList<>(List.of(a.send(), b.send(), db.op()));
        if (later != null) ops.add(later);
        String how;
        if (a.sender().equals(b.sender())) {
            how = "process " + a.sender() + " sent " + Values.show(a.value()) + " before " + Values.show(b.value());
        } else {
            if (detailed) ops.addAll(CausalChain.between(ms, a, b));
            how = Values.show(a.value()) + " causally precedes " + Values.show(b.value()) + " (process " + a.sender() + " sent it, and process "
                    + b.sender() + " had delivered it, directly or through others, before sending " + Values.show(b.value()) + ")";
        }
        String got = later == null ? " but process " + r + " delivered " + Values.show(b.value()) + " without " + Values.show(a.value())
                : " but process " + r + " delivered " + Values.show(b.value()) + " before it";
        return cex(ms, causal ? BroadcastAnomaly.CAUSAL_ORDER : BroadcastAnomaly.FIFO_ORDER, ops, how + "," + got, a.value(), b.value());
    }

    static int position(Object event) {
        return event instanceof Messages.Message m ? m.send().invokePosition() : ((Messages.Delivery) event).op().completePosition();
    }
}
