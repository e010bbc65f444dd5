package dev.ariadne.checker.txn;

import dev.ariadne.history.Values;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The list-append anomalies a single read, or two reads of one version, show without any cycle:
 * aborted and intermediate reads (Adya's G1a, G1b), lost updates (two transactions read one version
 * and both append to it, or one's append lands on a version it did not read: Adya's G-cursor), and
 * dirty updates (a committed append on top of an aborted one).
 */
final class ReadAnomalies {
    private ReadAnomalies() {}

    static void find(ListAppendInference inf) {
        Map<Long, Integer> sameVersion = new HashMap<>();
        for (int r = 0; r < inf.reads; r++) {
            if (!inf.readResolved(r)) continue;
            int t = inf.readTxn[r];
            for (int i = 0, len = inf.readLength(r); i < len; i++) {
                int e = inf.readElem(r, i);
                int w = inf.elemWriter[e];
                if (inf.th.failed(w)) {
                    inf.anomalies.add(Anomaly.of(AnomalyKind.Type.G1A, inf.th.name(t) + " read key " + Values.show(inf.keys.get(inf.readKey[r])) + " as " + inf.showElems(inf.readElems(r)) + ", which holds "
                            + Values.show(inf.elemValue[e]) + ", appended by " + inf.th.name(w) + ", which failed (aborted).", w, t));
                    break;
                }
            }
            if (inf.readObserved[r] > 0) {
                int e = inf.readElem(r, inf.readObserved[r] - 1);
                int w = inf.elemWriter[e];
                if (w != t && !inf.elemLast[e] && !inf.th.failed(w)) {
                    inf.anomalies.add(Anomaly.of(AnomalyKind.Type.G1B, inf.th.name(t) + " read key " + Values.show(inf.keys.get(inf.readKey[r])) + " as " + inf.showElems(inf.readElems(r)) + ", ending in "
                            + Values.show(inf.elemValue[e]) + ", an intermediate version: " + inf.th.name(w) + " appended more to that key after it.", w, t));
                }
            }
            // Lost update: two committed transactions read the same version of a key and both append to it.
            if (inf.readUsable[r] && inf.readObserved[r] == inf.readLength(r) && inf.readThenAppend[r]) {
                Integer other = sameVersion.putIfAbsent(((long) inf.readKey[r] << 32) | inf.readLength(r), t);
                if (other != null && other != t) {
                    inf.anomalies.add(Anomaly.of(AnomalyKind.Type.LOST_UPDATE, inf.th.name(other) + " and " + inf.th.name(t) + " both read key " + Values.show(inf.keys.get(inf.readKey[r])) + " as "
                            + inf.showElems(inf.readElems(r)) + " and both appended to it: one of the two updates is lost in any order.", other, t));
                }
                Anomaly between = overwritten(inf, r);
                if (between != null) inf.anomalies.add(between);
            }
        }
        for (int k = 0; k < inf.order.length; k++) {
            int[] o = inf.order[k];
            for (int i = 0; i < o.length; i++) {
                if (!inf.th.failed(inf.elemWriter[o[i]])) continue;
                for (int j = i + 1; j < o.length; j++) {
                    if (!inf.th.failed(inf.elemWriter[o[j]])) {
                        inf.anomalies.add(Anomaly.of(AnomalyKind.Type.DIRTY_UPDATE, "Key " + Values.show(inf.keys.get(k)) + " reached the version " + inf.showElems(Arrays.copyOf(o, j + 1)) + ": "
                                + inf.th.name(inf.elemWriter[o[j]]) + " appended " + Values.show(inf.elemValue[o[j]]) + " on top of " + Values.show(inf.elemValue[o[i]])
                                + ", which " + inf.th.name(inf.elemWriter[o[i]]) + " appended and then failed (aborted).", inf.elemWriter[o[i]], inf.elemWriter[o[j]]));
                        break;
                    }
                }
                break;
            }
        }
    }

    /**
     * Lost update as Adya's G-cursor: read r's transaction read a version of the key and then appended
     * to it, yet another committed transaction's append lies between the two in the key's version
     * order (an append no read shows comes after every one a read shows), so its update went on top
     * of a version it never read; null when none does.
     */
    private static Anomaly overwritten(ListAppendInference inf, int r) {
        int t = inf.readTxn[r];
        int k = inf.readKey[r];
        int[] o = inf.order[k];
        int mine = inf.readAppend[r];
        int p = inf.pos[mine] < 0 ? o.length : inf.pos[mine];
        for (int i = inf.readLength(r); i < p; i++) {
            int w = inf.elemWriter[o[i]];
            if (w == t || !inf.committed[w]) continue;
            return Anomaly.of(AnomalyKind.Type.LOST_UPDATE, inf.th.name(t) + " read key " + Values.show(inf.keys.get(k)) + " as " + inf.showElems(inf.readElems(r)) + " and then appended "
                    + Values.show(inf.elemValue[mine]) + " to it, but " + inf.th.name(w) + "'s append of " + Values.show(inf.elemValue[o[i]]) + " comes between in the key's version order "
                    + inf.showElems(inf.pos[mine] < 0 ? o : Arrays.copyOf(o, p + 1)) + (inf.pos[mine] < 0 ? ", which no read extends with " + Values.show(inf.elemValue[mine]) : "")
                    + ": " + inf.th.name(t) + "'s update went on top of a version it never read (Adya's G-cursor).", w, t);
        }
        return null;
    }
}
