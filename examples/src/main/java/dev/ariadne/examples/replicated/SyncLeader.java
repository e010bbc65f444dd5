package dev.ariadne.examples.replicated;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * One leader (node 0) takes every write and read. It applies a write at once, replicates it to the
 * followers and answers once a majority (itself included) holds it; reads are answered from its own
 * state. Every operation takes effect at the leader, one at a time, within its interval, so the
 * store is <b>linearizable</b> whatever the followers suffer (the fault schedule spares the leader;
 * a write whose answer is lost still happened at the leader, which Jepsen's {@code info} allows). It
 * is therefore sequential, causal, PRAM and keeps every session guarantee too.
 */
public final class SyncLeader implements Strategy {
    private final Cluster cluster;
    private final Map<Integer, Long>[] state;

    @SuppressWarnings("unchecked")
    public SyncLeader(Cluster cluster) {
        this.cluster = cluster;
        this.state = new Map[cluster.nodes()];
        for (int i = 0; i < state.length; i++) state[i] = new HashMap<>();
    }

    @Override
    public String name() {
        return "sync-leader";
    }

    @Override
    public void write(int client, int replica, int key, long value, Runnable done) {
        cluster.send(0, 0, () -> {
            state[0].put(key, value);
            int[] acks = {1};
            int majority = cluster.nodes() / 2 + 1;
            for (int f = 1; f < cluster.nodes(); f++) {
                int follower = f;
                cluster.send(0, follower, () -> {
                    state[follower].put(key, value);
                    cluster.send(follower, 0, () -> {
                        if (++acks[0] == majority) done.run();
                    });
                });
            }
        });
    }

    @Override
    public void read(int client, int replica, int key, LongConsumer done) {
        cluster.send(0, 0, () -> done.accept(state[0].getOrDefault(key, NIL)));
    }
}
