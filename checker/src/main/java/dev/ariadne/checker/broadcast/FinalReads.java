package dev.ariadne.checker.broadcast;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.report.BroadcastAnomaly;
import dev.ariadne.checker.report.Counterexample;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads of what a process has seen (Maelstrom's broadcast workload: {@code read} returns a set, no
 * order) and the reliable-broadcast properties final reads can decide (Hadzilacos and Toueg 1994):
 * integrity (each read names only messages that were sent, each once), validity (every acknowledged
 * broadcast is in every final read: Maelstrom's "lost" messages) and agreement (a message any process
 * delivered or read is in every final read). Each violation is reported once per message, with the
 * operation that sent or showed it and the first final read that lacks it.
 */
final class FinalReads {
    private FinalReads() {}

    static void check(Messages ms, List<Counterexample> out) {
        if (ms.reads.isEmpty()) return;
        for (Messages.Read r : ms.reads) {
            Set<JsonNode> once = new HashSet<>();
            for (JsonNode v : r.values()) {
                if (!once.add(v)) {
                    out.add(BroadcastChecker.cex(ms, BroadcastAnomaly.DUPLICATE_DELIVERY, List.of(r.op()), "process " + r.reader() + " read "
                            + Values.show(v) + " twice in one read", v));
                }
                Messages.Message m = ms.byValue.get(v);
                if (m == null) {
                    out.add(BroadcastChecker.cex(ms, BroadcastAnomaly.PHANTOM_DELIVERY, List.of(r.op()), "process " + r.reader() + " read "
                            + Values.show(v) + ", which no operation broadcast (or whose broadcast failed)", v));
                }
            }
        }
        List<Messages.Read> finals = new ArrayList<>();
        for (Messages.Read r : ms.reads) if (r.fin()) finals.add(r);
        if (finals.isEmpty()) return;
        List<Set<JsonNode>> finalSets = new ArrayList<>();
        for (Messages.Read r : finals) finalSets.add(new HashSet<>(r.values()));
        // Validity: every acknowledged broadcast.
        for (Messages.Message m : ms.messages) {
            if (!m.send().isOk()) continue;
            report(ms, out, BroadcastAnomaly.LOST, m.value(), m.send(), finals, finalSets, "was acknowledged (broadcast by process " + m.sender() + ")");
        }
        // Agreement: every message some process delivered or read, whose broadcast was not acknowledged (those are above).
        Map<JsonNode, Operation> shown = new LinkedHashMap<>();
        for (Messages.Delivery d : ms.deliveries) if (d.message() != null && !d.message().send().isOk()) shown.putIfAbsent(d.value(), d.op());
        for (Messages.Read r : ms.reads) {
            for (JsonNode v : r.values()) {
                Messages.Message m = ms.byValue.get(v);
                if (m != null && !m.send().isOk()) shown.putIfAbsent(v, r.op());
            }
        }
        for (Map.Entry<JsonNode, Operation> e : shown.entrySet()) {
            Operation o = e.getValue();
            String how = ("read".equals(o.f()) ? "was read by process " : "was delivered to process ") + ms.process(o) + " (op " + o.index() + ")";
            report(ms, out, BroadcastAnomaly.AGREEMENT, e.getKey(), o, finals, finalSets, how);
        }
    }

    /** One counterexample for a message missing from some final reads: the operation that shows it, and the first final read without it. */
    private static void report(Messages ms, List<Counterexample> out, BroadcastAnomaly a, JsonNode v, Operation shown, List<Messages.Read> finals,
                               List<Set<JsonNode>> finalSets, String what) {
        int missing = 0;
        Messages.Read first = null;
        for (int i = 0; i < finals.size(); i++) {
            if (finalSets.get(i).contains(v)) continue;
            missing++;
            if (first == null) first = finals.get(i);
        }
        if (first == null) return;
        out.add(BroadcastChecker.cex(ms, a, List.of(shown, first.op()), Values.show(v) + " " + what + ", yet the final read of process " + first.reader()
                + " lacks it" + (missing > 1 ? " (and " + (missing - 1) + " more of the " + finals.size() + " final reads)" : ""), v));
    }

    static void notes(Messages ms, List<String> notes) {
        if (ms.reads.isEmpty()) return;
        long finals = ms.reads.stream().filter(Messages.Read::fin).count();
        notes.add(ms.reads.size() + " reads (sets of messages seen, no order)" + (finals == 0 ? "; none is final (:final? true), so validity and agreement are not decided"
                : ", " + finals + " final: every acknowledged broadcast and every delivered message must be in each final read (validity, agreement)"));
        if (ms.deliveries.isEmpty()) notes.add("no receive operations: reads carry no delivery order, so the order models hold vacuously");
    }
}
