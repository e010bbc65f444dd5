package dev.ariadne.checker.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.report.LogAnomaly;
import dev.ariadne.history.Operation;

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

    static LogReading read(List<Operation> ops, LogVerifier.Logs logs, LogVerifier.Result result) {
        LogReading p = new LogReading();
        for (Map.Entry<String, List<JsonNode>> e : logs.messages.entrySet()) p.polled.put(e.getKey(), new boolean[e.getValue().size()]);
        p.opStart = new int[ops.size() + 1];
        p.sendStart = new int[ops.size() + 1];
        int groups = 0;
        int n = 0;
        int sends = 0;
        for (int i = 0; i < ops.size(); i++) {
            LogVerifier.stopIfCancelled(i);
            Operation o = ops.get(i);
            boolean completed = o.completePosition() >= 0;
            p.opStart[i] = groups;
            p.sendStart[i] = sends;
            JsonNode micro = LogVerifier.micro(o);
            for (JsonNode m : micro) {
                if (!LogVerifier.text(m, 0).equals("send")) continue;
                if (sends == p.sendKey.length) p.grow();
                String key = LogVerifier.k(m.get(1));
                JsonNode sent = m.get(2);
                p.sendKey[sends] = key;
                p.raw[sends] = sent;
                p.value[sends] = LogVerifier.payload(sent, completed);
                p.offset[sends] = sent.isArray() && sent.size() == 2 && completed ? sent.get(0) : null;
                p.sendAt[sends] = logs.position(key, p.value[sends]);
                sends++;
            }
            for (JsonNode m : micro) {
                if (!LogVerifier.text(m, 0).equals("poll") || m.size() != 2) continue;
                for (var f : LogVerifier.iterable(m.get(1))) {
                    String key = f.getKey();
                    if (groups + 1 >= p.key.length) {
                        p.key = Arrays.copyOf(p.key, groups * 2);
                        p.start = Arrays.copyOf(p.start, groups * 2 + 1);
                    }
                    p.key[groups] = key;
                    p.start[groups] = n;
                    long[] offs = logs.offsets.get(key);
                    for (JsonNode pair : f.getValue()) {
                        int at = logs.position(key, pair.get(1));
                        if (at < 0 || offs[at] != pair.get(0).longValue()) {
                            result.fail(LogAnomaly.INCONSISTENT_OFFSETS, "a poll of key " + key + " returned " + pair + ", not in the log");
                            at = -1;
                        } else if (o.isOk()) {
                            p.polled.get(key)[at] = true;
                            for (int s = p.sendStart[i]; s < sends; s++) {
                                if (p.sendAt[s] == at && p.sendKey[s].equals(key)) result.fail(LogAnomaly.PRECOMMITTED_READ, "an operation polled its own send of " + pair.get(1));
                            }
                        }
                        if (n == p.at.length) p.at = Arrays.copyOf(p.at, n * 2);
                        p.at[n++] = at;
                    }
                    groups++;
                    p.start[groups] = n;
                }
            }
        }
        p.opStart[ops.size()] = groups;
        p.sendStart[ops.size()] = sends;
        return p;
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
