package dev.ariadne.examples.replicated;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * A leader (node 0) takes every write, appends it to its log and answers at once; followers copy the
 * log asynchronously, in order (the leader sends what they lack every 20 ticks, so they catch up
 * after a fault). Reads are served by whichever replica the client is using now, and clients move
 * between replicas. Every replica's state is a prefix of the leader's log, but different replicas
 * lag differently: a read can miss a write that completed before it began (<b>not linearizable</b>),
 * a client that moves to a more lagging replica reads older values than before (<b>monotonic reads
 * broken</b>), and one can miss its own write (<b>read-your-writes broken</b>). Writes are applied
 * in one order everywhere, so every process's writes are seen in issue order (<b>monotonic writes
 * holds</b>).
 */
public final class AsyncFollowers implements Strategy {
    private final Cluster cluster;
    private final List<long[]> log = new ArrayList<>(); // {key, value}
    private final int[] applied;
    private final Map<Integer, Long>[] state;

    @SuppressWarnings("unchecked")
    public AsyncFollowers(Cluster cluster, long until) {
        this.cluster = cluster;
        this.applied = new int[cluster.nodes()];
        this.state = new Map[cluster.nodes()];
        for (int i = 0; i < state.length; i++) state[i] = new HashMap<>();
        for (long t = 20; t < until; t += 20) cluster.after(t, this::antiEntropy);
    }

    @Override
    public String name() {
        return "async-followers";
    }

    /** The leader sends each follower the log entries it lacks; a follower applies them in order. */
    private void antiEntropy() {
        if (!cluster.up(0)) return;
        int size = log.size();
        for (int f = 1; f < cluster.nodes(); f++) {
            int follower = f;
            int from = applied[follower];
            if (from >= size) continue;
            List<long[]> entries = new ArrayList<>(log.subList(from, size));
            cluster.send(0, follower, () -> {
                for (int i = 0; i < entries.size(); i++) {
                    if (from + i != applied[follower]) continue; // already applied, or a gap: wait for the next round
                    state[follower].put((int) entries.get(i)[0], entries.get(i)[1]);
                    applied[follower]++;
                }
            });
        }
    }

    @Override
    public void write(int client, int replica, int key, long value, Runnable done) {
        cluster.send(0, 0, () -> {
            log.add(new long[]{key, value});
            state[0].put(key, value);
            applied[0] = log.size();
            done.run();
        });
    }

    @Override
    public void read(int client, int replica, int key, LongConsumer done) {
        cluster.send(replica, replica, () -> done.accept(state[replica].getOrDefault(key, NIL)));
    }
}
