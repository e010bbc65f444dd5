package dev.ariadne.checker.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.datatype.DatatypeMismatch;
import dev.ariadne.checker.search.LongIntMap;
import dev.ariadne.history.History;
import dev.ariadne.history.OpType;
import dev.ariadne.history.Operation;
import dev.ariadne.history.ValueCodes;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kafka-like log history read once into primitive columns, as Jepsen's Kafka workload records it:
 * {@code send}, {@code poll} and {@code txn} operations whose value is a list of micro-ops
 * {@code [:send k v]} (completing as {@code [:send k [offset v]]}, the offset nil when unknown) and
 * {@code [:poll]} (completing as {@code [:poll {k [[offset v] ...]}]}); {@code assign} and
 * {@code subscribe} with a list of keys; anything else (a {@code crash}) is neither.
 *
 * <p>Keys are interned by their text ({@code 1} and {@code "1"} are one key), messages per key by
 * their JSON value, so the analyses hash each value once and then work on ints. An operation's
 * micro-ops are read from its completion when it has them (a poll's results), else from its
 * invocation. Sends are columns indexed {@code sendStart[op] .. sendStart[op+1]}; an operation's
 * polls are grouped by key (two polls of one key in one transaction are one run), groups indexed
 * {@code groupStart[op] ..}, each group's messages {@code pollStart[g] .. pollStart[g+1]}.
 */
final class LogTable {
    static final long NO_OFFSET = Long.MIN_VALUE;

    final History history;
    final List<Operation> ops;
    final int n;
    /** Per operation: the keys of an {@code assign}/{@code subscribe} (else null), the keys its {@code rebalance-log} names (else null). */
    final int[][] assigned;
    final int[][] rebalanced;
    /** Whether a consumer subscribes (then a rebalance may move it: poll skips are allowed). */
    final boolean subscribe;

    final List<String> keyNames = new ArrayList<>();
    private final Map<String, Integer> keyIds = new HashMap<>();
    private final List<Map<JsonNode, Integer>> messageIds = new ArrayList<>();
    /** Per key, the ids of its integer messages by value (most logs' messages are integers: no JSON node to compare). */
    private final List<LongIntMap> integerIds = new ArrayList<>();

    /** Per message: its key, its value, the operation that sent it (-1 when none did), whether an ok poll returned it. */
    int messages;
    int[] msgKey = new int[1024];
    JsonNode[] msgValue = new JsonNode[1024];
    int[] writer = new int[1024];
    boolean[] polledOk;

    final int[] sendStart;
    int[] sendMsg = new int[1024];
    long[] sendOffset = new long[1024];
    final int[] groupStart;
    int[] groupKey = new int[1024];
    int[] pollStart = new int[1025];
    long[] pollOffset = new long[4096];
    int[] pollMsg = new int[4096];
    /** Per operation: whether its sends took effect (ok, or info with one of its sends polled by an ok operation). */
    final boolean[] effective;

    private int sends;
    private int groups;
    private int polled;

    LogTable(History h) {
        this.history = h;
        this.ops = h.operations();
        this.n = ops.size();
        assigned = new int[n][];
        rebalanced = new int[n][];
        sendStart = new int[n + 1];
        groupStart = new int[n + 1];
        boolean sub = false;
        PollBuffer buffer = new PollBuffer();
        for (int i = 0; i < n; i++) {
            Operation o = ops.get(i);
            sendStart[i] = sends;
            groupStart[i] = groups;
            read(i, o, buffer);
            if ("subscribe".equals(o.f()) && !o.isFail()) sub = true;
        }
        sendStart[n] = sends;
        groupStart[n] = groups;
        subscribe = sub;
        polledOk = new boolean[messages];
        for (int i = 0; i < n; i++) {
            if (!ok(i)) continue;
            for (int g = groupStart[i]; g < groupStart[i + 1]; g++) for (int p = pollStart[g]; p < pollStart[g + 1]; p++) polledOk[pollMsg[p]] = true;
        }
        effective = new boolean[n];
        for (int i = 0; i < n; i++) {
            boolean e = ok(i);
            if (h.outcome(i) == OpType.INFO) for (int s = sendStart[i]; s < sendStart[i + 1] && !e; s++) e = polledOk[sendMsg[s]];
            effective[i] = e;
        }
    }

    /** Operation i's outcome, read from the history's columns (a large history makes a fresh operation per {@code get}). */
    boolean ok(int i) {
        return history.outcome(i) == OpType.OK;
    }

    boolean failed(int i) {
        return history.outcome(i) == OpType.FAIL;
    }

    int keys() {
        return keyNames.size();
    }

    boolean rebalanced(int op, int key) {
        int[] r = rebalanced[op];
        if (r != null) for (int k : r) if (k == key) return true;
        return false;
    }

    /** The key's text: {@code 1} and {@code "1"} are one key. */
    static String keyText(JsonNode k) {
        return k.isTextual() ? k.textValue() : k.isIntegralNumber() ? Long.toString(k.longValue()) : Values.show(k);
    }

    int key(String text) {
        Integer id = keyIds.get(text);
        if (id != null) return id;
        keyIds.put(text, keyNames.size());
        keyNames.add(text);
        messageIds.add(new HashMap<>());
        integerIds.add(new LongIntMap(64));
        return keyNames.size() - 1;
    }

    /** The message id of integer value v of key k, without a node unless it is new. */
    int message(int k, long v) {
        int id = integerIds.get(k).get(v);
        return id >= 0 ? id : message(k, Values.of(v));
    }

    /** The message id of value v of key k (interned on first sight). */
    int message(int k, JsonNode v) {
        boolean integer = v.isIntegralNumber() && v.canConvertToLong();
        if (integer) {
            int id = integerIds.get(k).get(v.longValue());
            if (id >= 0) return id;
        } else {
            Integer id = messageIds.get(k).get(v);
            if (id != null) return id;
        }
        if (messages == msgKey.length) {
            int cap = messages * 2;
            msgKey = Arrays.copyOf(msgKey, cap);
            msgValue = Arrays.copyOf(msgValue, cap);
            writer = Arrays.copyOf(writer, cap);
        }
        msgKey[messages] = k;
        msgValue[messages] = v;
        writer[messages] = -1;
        if (integer) integerIds.get(k).put(v.longValue(), messages);
        else messageIds.get(k).put(v, messages);
        return messages++;
    }

    private void read(int i, Operation op, PollBuffer buf) {
        String f = op.f() == null ? "" : op.f();
        if (f.equals("assign") || f.equals("subscribe")) {
            JsonNode v = op.invoke().value();
            if (!v.isArray()) throw new DatatypeMismatch(op, f + " takes a list of keys");
            int[] keys = new int[v.size()];
            for (int j = 0; j < keys.length; j++) keys[j] = key(keyText(v.get(j)));
            assigned[i] = keys;
            return;
        }
        if (!f.equals("send") && !f.equals("poll") && !f.equals("txn")) return;
        buf.clear();
        int stored = PollCodes.microOps(history, op.completePosition());
        if (stored >= 0) {
            // The completion's micro-ops where they are stored: a poll's pairs without a node each.
            ValueCodes c = history.events().codes();
            for (int j = 0; j < c.size(stored); j++) {
                int m = c.element(stored, j);
                if (PollCodes.walkable(c, m)) poll(c, c.element(m, 1), buf);
                else microOp(i, op, c.decode(m), true, buf);
            }
        } else {
            JsonNode v = op.completion() != null && op.completion().value().isArray() && !op.completion().value().isEmpty()
                    ? op.completion().value() : op.invoke().value();
            if (!v.isArray()) throw new DatatypeMismatch(op, f + " takes a list of micro-ops such as [:send k v] or [:poll]");
            boolean completed = op.completion() != null && v == op.completion().value();
            for (JsonNode m : v) microOp(i, op, m, completed, buf);
        }
        flush(buf);
        // The completion's other fields without its value (which a poll's completion would decode whole).
        JsonNode log = op.completePosition() < 0 ? null : history.events().extra(op.completePosition()).get("rebalance-log");
        if (log != null && log.isArray()) {
            List<Integer> keys = new ArrayList<>();
            for (JsonNode event : log) {
                JsonNode ks = event.get("keys");
                if (ks != null && ks.isArray()) for (JsonNode k : ks) keys.add(key(keyText(k)));
            }
            rebalanced[i] = keys.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** One micro-op read as a tree: a send, or a poll whose shape {@link PollCodes} did not take. */
    private void microOp(int i, Operation op, JsonNode m, boolean completed, PollBuffer buf) {
        if (!m.isArray() || m.isEmpty() || !m.get(0).isTextual()) throw new DatatypeMismatch(op, "a micro-op is [:send k v] or [:poll], not " + Values.show(m));
        String mf = m.get(0).textValue();
        if (mf.equals("send")) {
            if (m.size() != 3) throw new DatatypeMismatch(op, "a send is [:send k v], not " + Values.show(m));
            JsonNode sent = m.get(2);
            long offset = NO_OFFSET;
            JsonNode value = sent;
            // [:send k [offset v]] once completed; an invocation's bare value has no offset.
            if (completed && sent.isArray() && sent.size() == 2 && (sent.get(0).isIntegralNumber() || sent.get(0).isNull())) {
                offset = sent.get(0).isNull() ? NO_OFFSET : sent.get(0).longValue();
                value = sent.get(1);
            }
            int k = key(keyText(m.get(1)));
            int msg = message(k, value);
            // Jepsen's analyses name a message by its value: a value sent twice to one key would be two messages in one.
            if (writer[msg] >= 0) {
                throw new DatatypeMismatch(op, "message " + value + " is sent to key " + keyNames.get(k) + " twice: each message must be unique per key");
            }
            writer[msg] = i;
            if (sends == sendMsg.length) {
                sendMsg = Arrays.copyOf(sendMsg, sends * 2);
                sendOffset = Arrays.copyOf(sendOffset, sends * 2);
            }
            sendMsg[sends] = msg;
            sendOffset[sends++] = offset;
        } else if (mf.equals("poll")) {
            if (m.size() == 1 || m.get(1).isNull()) return;
            if (m.size() != 2 || !m.get(1).isObject()) throw new DatatypeMismatch(op, "a poll completes as [:poll {k [[offset v] ...]}], not " + Values.show(m));
            var fields = m.get(1).fields();
            while (fields.hasNext()) {
                var e = fields.next();
                int k = key(e.getKey());
                if (!e.getValue().isArray()) throw new DatatypeMismatch(op, "a poll of key " + e.getKey() + " returns [[offset v] ...]");
                buf.group(k);
                for (JsonNode pair : e.getValue()) {
                    if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isIntegralNumber()) {
                        throw new DatatypeMismatch(op, "a poll of key " + e.getKey() + " returns [offset v] pairs, not " + Values.show(pair));
                    }
                    buf.add(pair.get(0).longValue(), message(k, pair.get(1)));
                }
            }
        } else {
            throw new DatatypeMismatch(op, "a log's micro-ops are :send and :poll, not :" + mf);
        }
    }

    /** Per stored field name (by its id): its key's id plus one, so that a poll's key names are not made into strings again. */
    private int[] keyOfNameId = new int[64];

    private int keyOfName(ValueCodes c, int object, int field) {
        int id = c.fieldNameId(object, field);
        if (id >= keyOfNameId.length) keyOfNameId = Arrays.copyOf(keyOfNameId, Math.max(id + 1, keyOfNameId.length * 2));
        if (keyOfNameId[id] == 0) keyOfNameId[id] = key(c.fieldName(object, field)) + 1;
        return keyOfNameId[id] - 1;
    }

    /** A poll's {k [[offset v] ...]} walked in place (its shape checked by {@link PollCodes#walkable}). */
    private void poll(ValueCodes c, int polls, PollBuffer buf) {
        for (int k = 0; k < c.size(polls); k++) {
            int key = keyOfName(c, polls, k);
            buf.group(key);
            int pairs = c.fieldValue(polls, k);
            for (int j = 0; j < c.size(pairs); j++) {
                int pair = c.element(pairs, j);
                int v = c.element(pair, 1);
                buf.add(c.longValue(c.element(pair, 0)), c.kind(v) == ValueCodes.INTEGER ? message(key, c.longValue(v)) : message(key, c.decode(v)));
            }
        }
    }

    /** Writes the operation's polled messages as one group per key, in the order the keys first appear (a counting sort by group). */
    private void flush(PollBuffer buf) {
        if (buf.size == 0 && buf.keyCount == 0) return;
        int need = groups + buf.keyCount + 1;
        if (need >= groupKey.length) {
            int cap = Math.max(need + 1, groupKey.length * 2);
            groupKey = Arrays.copyOf(groupKey, cap);
            pollStart = Arrays.copyOf(pollStart, cap + 1);
        }
        if (polled + buf.size > pollMsg.length) {
            int cap = Math.max(polled + buf.size, pollMsg.length * 2);
            pollMsg = Arrays.copyOf(pollMsg, cap);
            pollOffset = Arrays.copyOf(pollOffset, cap);
        }
        int[] at = buf.counts(buf.keyCount);
        for (int j = 0; j < buf.size; j++) at[buf.slot[j] + 1]++;
        for (int g = 0; g < buf.keyCount; g++) {
            groupKey[groups + g] = buf.keyOrder[g];
            at[g + 1] += at[g];
            pollStart[groups + g] = polled + at[g];
        }
        for (int j = 0; j < buf.size; j++) {
            int p = polled + at[buf.slot[j]]++;
            pollOffset[p] = buf.offset[j];
            pollMsg[p] = buf.msg[j];
        }
        groups += buf.keyCount;
        polled += buf.size;
        pollStart[groups] = polled;
    }

    /** One operation's polled messages before they are grouped by key. */
    private static final class PollBuffer {
        int size;
        int[] slot = new int[64];
        long[] offset = new long[64];
        int[] msg = new int[64];
        int keyCount;
        int[] keyOrder = new int[8];
        /** Per key: the operation it was last grouped in (stamp) and its group there. */
        int[] keyStamp = new int[16];
        int[] keySlot = new int[16];
        int stamp;
        int current;
        int[] counts = new int[9];

        void clear() {
            size = 0;
            keyCount = 0;
            stamp++;
        }

        void group(int k) {
            if (k >= keyStamp.length) {
                keyStamp = Arrays.copyOf(keyStamp, Math.max(k + 1, keyStamp.length * 2));
                keySlot = Arrays.copyOf(keySlot, keyStamp.length);
            }
            if (keyStamp[k] != stamp) {
                keyStamp[k] = stamp;
                if (keyCount == keyOrder.length) keyOrder = Arrays.copyOf(keyOrder, keyCount * 2);
                keySlot[k] = keyCount;
                keyOrder[keyCount++] = k;
            }
            current = keySlot[k];
        }

        void add(long off, int m) {
            if (size == slot.length) {
                slot = Arrays.copyOf(slot, size * 2);
                offset = Arrays.copyOf(offset, size * 2);
                msg = Arrays.copyOf(msg, size * 2);
            }
            slot[size] = current;
            offset[size] = off;
            msg[size++] = m;
        }

        /** A zeroed array of at least g + 1 counters. */
        int[] counts(int g) {
            if (counts.length < g + 1) counts = new int[g + 1];
            else Arrays.fill(counts, 0, g + 1, 0);
            return counts;
        }
    }
}
