package dev.ariadne.checker.broadcast;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.datatype.DatatypeMismatch;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages of a broadcast or mailbox history and who delivered them, in each process's order.
 * Broadcast: {@code broadcast m} by the sender, {@code receive} (or {@code deliver}) completing with
 * the message delivered (nil: none), and Maelstrom's {@code read}, completing with every message the
 * process has seen (a set: no order), final when marked {@code :final? true}. Mailbox:
 * {@code send [to m]}, {@code receive} completing with {@code [from m]}. Messages must be unique.
 * Processes are named as the history names them.
 */
final class Messages {

    /** A message: the operation that sent it, its sender, its destination (null: every process). */
    record Message(int id, JsonNode value, Operation send, String sender, String to) {}

    /** A delivery: the operation, the receiving process and the message (null when nobody sent it). */
    record Delivery(Operation op, String receiver, JsonNode value, Message message) {}

    /** An ok read: the operation, the reading process, the messages it returned, whether it is a final read. */
    record Read(Operation op, String reader, List<JsonNode> values, boolean fin) {}

    final History history;
    final boolean mailbox;
    final List<Message> messages = new ArrayList<>();
    final Map<JsonNode, Message> byValue = new HashMap<>();
    /** Per process, in its order: its sends (as Message) and deliveries (as Delivery). */
    final Map<String, List<Object>> events = new LinkedHashMap<>();
    final List<Delivery> deliveries = new ArrayList<>();
    final List<Read> reads = new ArrayList<>();

    Messages(History h, boolean mailbox) {
        this.history = h;
        this.mailbox = mailbox;
        for (Operation o : h.operations()) {
            String p = process(o);
            String f = o.f() == null ? "" : o.f();
            List<Object> mine = events.computeIfAbsent(p, x -> new ArrayList<>());
            if (f.equals(mailbox ? "send" : "broadcast")) {
                JsonNode v = o.invoke().value();
                String to = null;
                if (mailbox) {
                    if (!v.isArray() || v.size() != 2) throw new DatatypeMismatch(o, "a mailbox send is [to message]");
                    to = name(v.get(0));
                    v = v.get(1);
                }
                if (byValue.containsKey(v)) throw new DatatypeMismatch(o, "message " + Values.show(v) + " is sent twice: messages must be unique");
                if (o.isFail()) continue;
                Message m = new Message(messages.size(), v, o, p, to);
                messages.add(m);
                byValue.put(v, m);
                mine.add(m);
            } else if (f.equals("receive") || f.equals("deliver")) {
                if (!o.isOk() || o.value().isNull()) continue;
                JsonNode v = o.value();
                if (mailbox) {
                    if (!v.isArray() || v.size() != 2) throw new DatatypeMismatch(o, "a mailbox receive returns [from message]");
                    v = v.get(1);
                }
                Delivery d = new Delivery(o, p, v, null);
                deliveries.add(d);
                mine.add(d);
            } else if (!mailbox && f.equals("read")) {
                if (!o.isOk()) continue;
                if (!o.value().isArray()) throw new DatatypeMismatch(o, "a broadcast read returns the list of messages the process has seen, not " + Values.show(o.value()));
                List<JsonNode> vs = new ArrayList<>();
                for (JsonNode v : o.value()) vs.add(v);
                reads.add(new Read(o, p, vs, isFinal(o)));
            } else {
                throw new DatatypeMismatch(o, (mailbox ? "a mailbox has send and receive" : "a broadcast has broadcast, receive and read") + ", not " + f);
            }
        }
        // Resolve deliveries to messages now that every send is known (a message may be delivered before its send completes).
        deliveries.clear();
        for (List<Object> es : events.values()) {
            for (int i = 0; i < es.size(); i++) {
                if (es.get(i) instanceof Delivery d) {
                    Delivery r = new Delivery(d.op(), d.receiver(), d.value(), byValue.get(d.value()));
                    es.set(i, r);
                    deliveries.add(r);
                }
            }
        }
    }

    /** Whether the operation is marked final ({@code :final? true}, as Maelstrom and Jepsen mark the reads after the faults heal). */
    static boolean isFinal(Operation o) {
        JsonNode a = o.invoke().extra().get("final?");
        JsonNode b = o.completion() == null ? null : o.completion().extra().get("final?");
        return a != null && a.asBoolean() || b != null && b.asBoolean();
    }

    String process(Operation o) {
        JsonNode n = history.processName(o.process());
        return n == null ? "?" + o.process() : name(n);
    }

    static String name(JsonNode n) {
        return n.isTextual() ? n.textValue() : Values.show(n);
    }

    /** Whether the process is among the message's destinations. */
    static boolean destined(Message m, String process) {
        return m.to() == null || m.to().equals(process);
    }
}
