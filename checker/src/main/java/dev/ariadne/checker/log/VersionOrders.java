package dev.ariadne.checker.log;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each key's log as the history shows it: the messages seen at each offset, from every poll (whatever
 * the poll's outcome: a consumer's reads are meant to be safe even in an aborted transaction) and
 * from the sends of operations that must have taken effect. As in Jepsen's Kafka checker, offsets
 * with no message are gaps (transaction markers take offsets too): the <em>index</em> of an offset is
 * its rank among the offsets that hold a message. Built by sorting each key's distinct
 * (offset, message) pairs; a message is normally seen at one offset, so most sightings are dropped
 * as repeats before the sort.
 */
final class VersionOrders {
    /** Per key: the first index, the distinct offsets by index ({@code offsets[keyStart[k] + i]}), and per index the messages there. */
    final int[] keyStart;
    final long[] offsets;
    final int[] atStart;
    final int[] atMsg;
    /** Per message: its first and last index in its key's log, -1 when nothing placed it. */
    final int[] firstIndex;
    final int[] lastIndex;
    private final LogTable t;

    VersionOrders(LogTable t) {
        this.t = t;
        int msgs = t.messages;
        int keys = t.keys();
        // Distinct (offset, message) pairs: each message's first offset, plus any other offset it is seen at.
        long[] firstOffset = new long[msgs];
        Arrays.fill(firstOffset, LogTable.NO_OFFSET);
        List<long[]> others = new ArrayList<>();
        java.util.Set<Pair> otherSet = new java.util.HashSet<>();
        for (int i = 0; i < t.n; i++) {
            for (int g = t.groupStart[i]; g < t.groupStart[i + 1]; g++) {
                for (int p = t.pollStart[g]; p < t.pollStart[g + 1]; p++) see(firstOffset, others, otherSet, t.pollMsg[p], t.pollOffset[p]);
            }
            if (!t.effective[i]) continue;
            for (int s = t.sendStart[i]; s < t.sendStart[i + 1]; s++) if (t.sendOffset[s] != LogTable.NO_OFFSET) see(firstOffset, others, otherSet, t.sendMsg[s], t.sendOffset[s]);
        }
        // Group the pairs by key (counting sort), then sort each key's pairs by offset.
        int[] count = new int[keys + 1];
        for (int m = 0; m < msgs; m++) if (firstOffset[m] != LogTable.NO_OFFSET) count[t.msgKey[m] + 1]++;
        for (long[] o : others) count[t.msgKey[(int) o[1]] + 1]++;
        for (int k = 0; k < keys; k++) count[k + 1] += count[k];
        int pairs = count[keys];
        long[] pairOffset = new long[pairs];
        int[] pairMsg = new int[pairs];
        int[] fill = Arrays.copyOf(count, keys + 1);
        for (int m = 0; m < msgs; m++) {
            if (firstOffset[m] == LogTable.NO_OFFSET) continue;
            int at = fill[t.msgKey[m]]++;
            pairOffset[at] = firstOffset[m];
            pairMsg[at] = m;
        }
        for (long[] o : others) {
            int at = fill[t.msgKey[(int) o[1]]]++;
            pairOffset[at] = o[0];
            pairMsg[at] = (int) o[1];
        }
        for (int k = 0; k < keys; k++) sort(pairOffset, pairMsg, count[k], count[k + 1]);
        // Distinct offsets become indices.
        keyStart = new int[keys + 1];
        long[] offs = new long[pairs];
        int[] starts = new int[pairs + 1];
        firstIndex = new int[msgs];
        lastIndex = new int[msgs];
        Arrays.fill(firstIndex, -1);
        Arrays.fill(lastIndex, -1);
        int idx = 0;
        for (int k = 0; k < keys; k++) {
            keyStart[k] = idx;
            for (int p = count[k]; p < count[k + 1]; p++) {
                if (p == count[k] || pairOffset[p] != pairOffset[p - 1]) {
                    starts[idx] = p;
                    offs[idx++] = pairOffset[p];
                }
                int m = pairMsg[p];
                int i = idx - 1 - keyStart[k];
                if (firstIndex[m] < 0) firstIndex[m] = i;
                lastIndex[m] = i;
            }
        }
        keyStart[keys] = idx;
        starts[idx] = pairs;
        offsets = Arrays.copyOf(offs, idx);
        atStart = Arrays.copyOf(starts, idx + 1);
        atMsg = pairMsg;
    }

    /** A message seen at an offset other than its first (rare: a duplicate). */
    private record Pair(long offset, int msg) {}

    private static void see(long[] firstOffset, List<long[]> others, java.util.Set<Pair> otherSet, int m, long offset) {
        if (firstOffset[m] == LogTable.NO_OFFSET) firstOffset[m] = offset;
        else if (firstOffset[m] != offset && otherSet.add(new Pair(offset, m))) others.add(new long[] {offset, m});
    }

    /** Sorts pairs [from, to) by offset (ties, two messages at one offset, keep one order). */
    private static void sort(long[] off, int[] msg, int from, int to) {
        boolean sorted = true;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            if (i > from && off[i - 1] > off[i]) sorted = false;
            min = Math.min(min, off[i]);
            max = Math.max(max, off[i]);
        }
        if (sorted) return;
        int len = to - from;
        if (max - min >= 0 && max - min < 1L << 40 && len < 1 << 23) {
            // Offset above, position below, in one primitive long: no boxing.
            long[] packed = new long[len];
            for (int i = 0; i < len; i++) packed[i] = (off[from + i] - min) << 23 | i;
            Arrays.sort(packed);
            int[] m2 = new int[len];
            for (int i = 0; i < len; i++) m2[i] = msg[from + (int) (packed[i] & ((1 << 23) - 1))];
            for (int i = 0; i < len; i++) off[from + i] = (packed[i] >>> 23) + min;
            System.arraycopy(m2, 0, msg, from, len);
            return;
        }
        Integer[] order = new Integer[to - from];
        for (int i = 0; i < order.length; i++) order[i] = from + i;
        Arrays.sort(order, (a, b) -> off[a] != off[b] ? Long.compare(off[a], off[b]) : Integer.compare(msg[a], msg[b]));
        long[] o2 = new long[order.length];
        int[] m2 = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            o2[i] = off[order[i]];
            m2[i] = msg[order[i]];
        }
        System.arraycopy(o2, 0, off, from, o2.length);
        System.arraycopy(m2, 0, msg, from, m2.length);
    }

    /** How many indices key k's log has. */
    int size(int k) {
        return keyStart[k + 1] - keyStart[k];
    }

    /** The offset at index i of key k. */
    long offset(int k, int i) {
        return offsets[keyStart[k] + i];
    }

    /** How many messages index i of key k holds (more than one: inconsistent offsets). */
    int messagesAt(int k, int i) {
        int x = keyStart[k] + i;
        return atStart[x + 1] - atStart[x];
    }

    /** The first message at index i of key k. */
    int messageAt(int k, int i) {
        return atMsg[atStart[keyStart[k] + i]];
    }

    /** The j-th message at index i of key k. */
    int messageAt(int k, int i, int j) {
        return atMsg[atStart[keyStart[k] + i] + j];
    }

    /** How many keys have a message placed at some offset. */
    int keysWithMessages() {
        int c = 0;
        for (int k = 0; k + 1 < keyStart.length; k++) if (size(k) > 0) c++;
        return c;
    }

    /**
     * The logs as the witness of a VALID verdict, for the independent verifier: per key, each offset
     * and the message values seen there, in offset order.
     */
    Map<String, List<Map.Entry<Long, List<JsonNode>>>> witness() {
        Map<String, List<Map.Entry<Long, List<JsonNode>>>> out = new LinkedHashMap<>();
        for (int k = 0; k + 1 < keyStart.length; k++) {
            if (size(k) == 0) continue;
            List<Map.Entry<Long, List<JsonNode>>> log = new ArrayList<>(size(k));
            for (int i = 0; i < size(k); i++) {
                List<JsonNode> vs = new ArrayList<>(messagesAt(k, i));
                for (int j = 0; j < messagesAt(k, i); j++) vs.add(t.msgValue[messageAt(k, i, j)]);
                log.add(Map.entry(offset(k, i), vs));
            }
            out.put(t.keyNames.get(k), log);
        }
        return out;
    }
}
