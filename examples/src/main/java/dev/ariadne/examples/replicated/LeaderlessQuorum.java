package dev.ariadne.examples.replicated;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Dynamo-style leaderless replication with last-writer-wins: a write is stamped (the client's clock,
 * then its number) and sent to every replica, each keeping the highest-stamped value it has seen, and
 * it completes once {@code w} replicas acknowledge it; a read asks every replica and returns the
 * highest-stamped value among the first {@code r} answers, without read repair.
 * <ul>
 *   <li>With {@code r + w > n}, a read's replicas overlap those of every write that completed before
 *       it, so a client always reads its own completed writes or newer ones (<b>read-your-writes
 *       holds</b>). A write still in flight (or cut short by a fault) can be seen by one read and
 *       missed by the next: <b>not linearizable</b>, and monotonic reads can break.</li>
 *   <li>With {@code r + w <= n}, quorums need not overlap: a client can miss even its own completed
 *       write (<b>read-your-writes broken</b>), and so linearizability and PRAM are broken too.</li>
 * </ul>
 */
public final class LeaderlessQuorum implements Strategy {
    private final Cluster cluster;
    private final int r;
    private final int w;
    private final Map<Integer, long[]>[] state; // key -> {stamp, value}

    @SuppressWarnings("unchecked")
    public LeaderlessQuorum(Cluster cluster, int r, int w) {
        this.cluster = cluster;
        this.r = r;
        this.w = w;
        this.state = new Map[cluster.nodes()];
        for (int i = 0; i < state.length; i++) state[i] = new HashMap<>();
    }

    @Override
    public String name() {
        return "quorum r=" + r + " w=" + w + " n=" + cluster.nodes();
    }

    @Override
    public void write(int client, int replica, int key, long value, Runnable done) {
        long stamp = cluster.now() * 1024 + client;
        int[] acks = {0};
        for (int node = 0; node < cluster.nodes(); node++) {
            int target = node;
            cluster.send(replica, target, () -> {
                long[] cur = state[target].get(key);
                if (cur == null || cur[0] < stamp) state[target].put(key, new long[]{stamp, value});
                cluster.send(target, replica, () -> {
                    if (++acks[0] == w) done.run();
                });
            });
        }
    }

    @Override
    public void read(int client, int replica, int key, LongConsumer done) {
        int[] answers = {0};
        long[] best = {Long.MIN_VALUE, NIL};
        for (int node = 0; node < cluster.nodes(); node++) {
            int target = node;
            cluster.send(replica, target, () -> {
                long[] cur = state[target].get(key);
                long stamp = cur == null ? Long.MIN_VALUE : cur[0];
                long value = cur == null ? NIL : cur[1];
                cluster.send(target, replica, () -> {
                    if (answers[0] >= r) return;
                    if (stamp > best[0]) {
                        best[0] = stamp;
                        best[1] = value;
                    }
                    if (++answers[0] == r) done.accept(best[1]);
                });
            });
        }
    }
}
