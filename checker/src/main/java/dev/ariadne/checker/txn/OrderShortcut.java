package dev.ariadne.checker.txn;

/**
 * Shortens a cycle that uses real-time or process order. The graph keeps only a transitive reduction
 * of real-time order (Elle's frontier), so the shortest cycle found can walk a long chain of
 * real-time and process edges where one pair of its transactions already explains it: if Ti completed
 * before Tj was invoked, Ti precedes Tj in real time directly. Any run of edges without an
 * anti-dependency from Ti to Tj is replaced by that one edge, as long as the cycle keeps its class
 * (the same number of anti-dependencies, none made adjacent). On Elle's huge-scc history this turns a
 * 16-transaction G-single-realtime into two transactions.
 */
final class OrderShortcut {
    private OrderShortcut() {}

    static Anomaly shorten(TxnHistory th, Anomaly a) {
        if (!a.isCycle() || a.kind().order() == AnomalyKind.Order.NONE) return a;
        int[] t = a.txns();
        int[] ty = a.types();
        boolean changed = true;
        while (changed && t.length > 2) {
            changed = false;
            int n = t.length;
            search:
            for (int len = n - 1; len >= 2; len--) {
                for (int i = 0; i < n; i++) {
                    boolean rw = false;
                    for (int k = 0; k < len; k++) rw |= ty[(i + k) % n] == DependencyGraph.RW;
                    if (rw) continue;
                    int j = (i + len) % n;
                    int type = direct(th, t[i], t[j], a.kind().order());
                    if (type == 0) continue;
                    int m = n - len + 1;
                    int[] nt = new int[m];
                    int[] nty = new int[m];
                    nt[0] = t[i];
                    nty[0] = type;
                    for (int k = 1; k < m; k++) {
                        nt[k] = t[(j + k - 1) % n];
                        nty[k] = ty[(j + k - 1) % n];
                    }
                    Anomaly b = Anomaly.cycle(a.kind(), nt, nty);
                    if (!TransactionalChecker.classified(b)) continue;
                    t = nt;
                    ty = nty;
                    changed = true;
                    break search;
                }
            }
        }
        return t == a.txns() ? a : Anomaly.cycle(a.kind(), t, ty);
    }

    /** The order that puts {@code from} directly before {@code to}: real time where allowed, else process order, else 0. */
    private static int direct(TxnHistory th, int from, int to, AnomalyKind.Order order) {
        if (from == to) return 0;
        var f = th.op(from);
        var g = th.op(to);
        if (order == AnomalyKind.Order.REALTIME && th.history.realTimeKnown() && f.returnPosition() < g.invokePosition()) return DependencyGraph.REALTIME;
        if (f.process() == g.process() && f.invokePosition() < g.invokePosition()) return DependencyGraph.PROCESS;
        return 0;
    }
}
