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

    /** A violation: its nodes (the read and the writes that make it one) and why, in words. */
    record Violation(int[] witness, java.util.List<String> why) {}

    /** Null when the view exists, else the violation; {@code names} names a node's operation for the report. */
    static Violation violation(ViewIndex ix, int viewer, java.util.function.IntFunction<String> names) {
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
            if (s == ViewIndex.THIN_AIR) {
                return new Violation(ix.witness(viewer, Set.of(node)), java.util.List.of(names.apply(node) + " returned a value no write wrote."));
            }
            if (s == ViewIndex.INITIAL) {
                if (last >= 0) {
                    return new Violation(ix.witness(viewer, Set.of(last, node)), java.util.List.of(names.apply(node) + " returned the initial value, but its process had written "
                            + names.apply(last) + " before it."));
                }
            } else if (ix.proc[s] == viewer && ix.posAll[s] < ix.posAll[node] && last >= 0 && last != s) {
                return new Violation(ix.witness(viewer, Set.of(s, last, node)), java.util.List.of(names.apply(node) + " returned the value of "
                        + names.apply(s) + ", but its process had written " + names.apply(last) + " after that and before it."));
            }
        }
        return null;
    }
}
