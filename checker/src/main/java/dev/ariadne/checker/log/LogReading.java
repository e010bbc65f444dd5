package dev.ariadne.checker.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.report.LogAnomaly;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import dev.ariadne.history.ValueCodes;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The verifier's one reading of the raw operations' JSON (a history's values are decoded afresh each
 * time they are asked for, and a poll's are large): per operation its sends and its polls, the polled
 * messages as positions in the claimed logs.
 * <ul>
 *   <li>Sends of operation i: {@code sendStart[i] .. sendStart[i+1]}, each with its key, its payload
 *       (the message, from {@code [offset v]} when completed), the offset the send was acknowledged at
 *       (or null) and its position in the claimed log (-1 when not there). A failed operation's sends
 *       keep the value as written ({@link #raw}).</li>
 *   <li>Polls of operation i: keys {@code opStart[i] .. opStart[i+1]}, per key the positions
 *       {@code at[start[g] .. start[g+1]]}, -1 where the message is not in the log at that offset.</li>
 * </ul>
 * Reading checks what needs only the operation itself: each polled message is in the log at its
 * offset, and no ok poll returns what its own operation sent. Which messages ok polls returned is kept.
 */
final class LogReading {
    int[] opStart;
    String[] key = new String[1024];
    int[] start = new int[1025];
    int[] at = new int[4096];
    final Map<String, boolean[]> polled = new HashMap<>();

    int[] sendStart;
    String[] sendKey = new String[1024];
    JsonNode[] value = new JsonNode[1024];
    JsonNode[] raw = new JsonNode[1024];
    JsonNode[] offset = new JsonNode[1024];
    int[] sendAt = new int[1024];

    /** While reading: the groups, polled pairs and sends so far. */
    private int groups;
    private int n;
    private int sends;
    /** Per stored field name (by its id): the key's string, made once. */
    private String[] names = new String[64];

    static LogReading read(History h, LogVerifier.Logs logs, LogVerifier.Result result) {
        List<Operation> ops = h.operations();
        ValueCodes c = h.events().codes();
        LogReading p = new LogReading();
        for (Map.Entry<String, List<JsonNode>> e : logs.messages.entrySet()) p.polled.put(e.getKey(), new boolean[e.getValue().size()]);
        p.opStart = new int[ops.size() + 1];
        p.sendStart = new int[ops.size() + 1];
        for (int i = 0; i < ops.size(); i++) {
            LogVerifier.stopIfCancelled(i);
            Operation o = ops.get(i);
            boolean completed = o.completePosition() >= 0;
            p.opStart[i] = p.groups;
            p.sendStart[i] = p.sends;
            // A completion's micro-ops are walked where they are stored (a poll's pairs without a node each), else read as trees.
            int stored = PollCodes.microOps(h, o.completePosition());
            JsonNode micro = stored >= 0 ? null : LogVerifier.micro(o);
            int count = stored >= 0 ? c.size(stored) : micro.size();
            for (int j = 0; j < count; j++) {
                JsonNode m = stored < 0 ? micro.get(j) : PollCodes.walkable(c, c.element(stored, j)) ? null : c.decode(c.element(stored, j));
                if (m != null && LogVerifier.text(m, 0).equals("send")) p.send(m, completed, logs);
            }
            for (int j = 0; j < count; j++) {
                if (stored >= 0 && PollCodes.walkable(c, c.element(stored, j))) {
                    int polls = c.element(c.element(stored, j), 1);
                    for (int k = 0; k < c.size(polls); k++) {
                        String key = p.name(c, polls, k);
                        int pairs = c.fieldValue(polls, k);
                        p.group(key);
                        for (int x = 0; x < c.size(pairs); x++) {
                            int pair = c.element(pairs, x);
                            int v = c.element(pair, 1);
                            int at = c.kind(v) == ValueCodes.INTEGER ? logs.position(key, c.longValue(v)) : logs.position(key, c.decode(v));
                            p.polled(i, o, key, at, c.longValue(c.element(pair, 0)), logs, result, null, c, pair);
                        }
                        p.endGroup();
                    }
                    continue;
                }
                JsonNode m = stored < 0 ? micro.get(j) : c.decode(c.element(stored, j));
                if (!LogVerifier.text(m, 0).equals("poll") || m.size() != 2) continue;
                for (var f : LogVerifier.iterable(m.get(1))) {
                    String key = f.getKey();
                    p.group(key);
                    for (JsonNode pair : f.getValue()) {
                        p.polled(i, o, key, logs.position(key, pair.get(1)), pair.get(0).longValue(), logs, result, pair, c, 0);
                    }
                    p.endGroup();
                }
            }
        }
        p.opStart[ops.size()] = p.groups;
        p.sendStart[ops.size()] = p.sends;
        return p;
    }

    private String name(ValueCodes c, int object, int field) {
        int id = c.fieldNameId(object, field);
        if (id >= names.length) names = Arrays.copyOf(names, Math.max(id + 1, names.length * 2));
        String s = names[id];
        if (s == null) names[id] = s = c.fieldName(object, field);
        return s;
    }

    private void send(JsonNode m, boolean completed, LogVerifier.Logs logs) {
        if (sends == sendKey.length) grow();
        String k = LogVerifier.k(m.get(1));
        JsonNode sent = m.get(2);
        sendKey[sends] = k;
        raw[sends] = sent;
        value[sends] = LogVerifier.payload(sent, completed);
        offset[sends] = sent.isArray() && sent.size() == 2 && completed ? sent.get(0) : null;
        sendAt[sends] = logs.position(k, value[sends]);
        sends++;
    }

    private void group(String k) {
        if (groups + 1 >= key.length) {
            key = Arrays.copyOf(key, groups * 2);
            start = Arrays.copyOf(start, groups * 2 + 1);
        }
        key[groups] = k;
        start[groups] = n;
    }

    private void endGroup() {
        groups++;
        start[groups] = n;
    }

    /** One polled pair of operation i at position {@code at} of the key's log (-1: not there); the pair as a node, or its code when walked in place. */
    private void polled(int i, Operation o, String k, int at, long off, LogVerifier.Logs logs, LogVerifier.Result result, JsonNode pair, ValueCodes c, int pairCode) {
        long[] offs = logs.offsets.get(k);
        if (at < 0 || offs[at] != off) {
            result.fail(LogAnomaly.INCONSISTENT_OFFSETS, "a poll of key " + k + " returned " + (pair != null ? pair : c.decode(pairCode)) + ", not in the log");
            at = -1;
        } else if (o.isOk()) {
            polled.get(k)[at] = true;
            for (int s = sendStart[i]; s < sends; s++) {
                if (sendAt[s] == at && sendKey[s].equals(k)) {
                    result.fail(LogAnomaly.PRECOMMITTED_READ, "an operation polled its own send of " + (pair != null ? pair : c.decode(pairCode)).get(1));
                }
            }
        }
        if (n == this.at.length) this.at = Arrays.copyOf(this.at, n * 2);
        this.at[n++] = at;
    }

    private void grow() {
        int cap = sendKey.length * 2;
        sendKey = Arrays.copyOf(sendKey, cap);
        value = Arrays.copyOf(value, cap);
        raw = Arrays.copyOf(raw, cap);
        offset = Arrays.copyOf(offset, cap);
        sendAt = Arrays.copyOf(sendAt, cap);
    }

    /** Whether operation i's sends took effect: it is ok, or info with one of its sends polled. */
    boolean sendsTookEffect(Operation o, int i) {
        if (o.isOk()) return true;
        if (!o.isInfo()) return false;
        for (int s = sendStart[i]; s < sendStart[i + 1]; s++) if (sendAt[s] >= 0 && polled.get(sendKey[s])[sendAt[s]]) return true;
        return false;
    }
}
