package dev.ariadne.checker.txn;

import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

/**
 * Re-verifies a dependency edge against the raw micro-ops of the history, independently of the
 * inference that proposed it, and says in one sentence why it holds. A counterexample is reported
 * only when every one of its edges passes here.
 */
interface Evidence {
    /** Why {@code from} precedes {@code to} by a dependency of that type, or null if the history does not show it. */
    String explain(int from, int to, int type);

    /** Process and real-time order, the same for every datatype. */
    static String order(TxnHistory th, int from, int to, int type) {
        Operation x = th.op(from);
        Operation y = th.op(to);
        if (type == DependencyGraph.PROCESS && x.process() == y.process() && x.invokePosition() < y.invokePosition() && x.isOk()) {
            return "both ran on process " + Values.show(x.invoke().process()) + ", " + th.name(from) + " first";
        }
        if (type == DependencyGraph.REALTIME && x.isOk() && x.completePosition() < y.invokePosition()) {
            return th.name(from) + " completed (event " + x.completion().index() + ") before " + th.name(to) + " was invoked (event " + y.invoke().index() + ")";
        }
        return null;
    }
}
