package dev.ariadne.checker.weak;

import java.util.Arrays;
import java.util.Set;

/**
 * Decides one process's view for read-your-writes on a differentiated read/write history in one
 * pass over the process's operations. The view keeps every process's writes in issue order and puts
 * each read of the viewer after the viewer's earlier writes; its reads are otherwise free. Put the
 * viewer's writes first, in program order, and every other write after them: a read of another
 * process's write can then sit right after that write, a read of the viewer's own later write right
 * after that one, and any other read right after the viewer's last write before it. So the view
 * exists exactly when no read returns a value nobody wrote, no read returns the initial value after
 * the viewer wrote its key, and no read returns the viewer's own earlier write of its key after the
 * viewer wrote the key again. A crashed write counts only when the viewer read it (the view may leave
 * out any other).
 */
final class ReadYourWritesScan {
    private ReadYourWritesScan() {}

    /** Null when the view exists, else the nodes of the violation: the read and the writes that make it one. */
    static int[] violation(ViewIndex ix, int viewer) {
        boolean[] readBy = ix.readBy(viewer);
        int[] lastWrite = new int[ix.keyProcs.length];
        Arrays.fill(lastWrite, -1);
        for (int node : ix.all[viewer]) {
            int x = ix.key[node];
            if (ix.write[node]) {
                if (ix.present(node, readBy)) lastWrite[x] = node;
                continue;
            }
            int s = ix.src[node];
            int last = lastWrite[x];
            if (s == ViewIndex.THIN_AIR) return ix.witness(viewer, Set.of(node));
            if (s == ViewIndex.INITIAL) {
                if (last >= 0) return ix.witness(viewer, Set.of(last, node));
            } else if (ix.proc[s] == viewer && ix.posAll[s] < ix.posAll[node] && last >= 0 && last != s) {
                return ix.witness(viewer, Set.of(s, last, node));
            }
        }
        return null;
    }
}
