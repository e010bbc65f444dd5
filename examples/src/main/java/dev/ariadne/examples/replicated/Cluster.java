package dev.ariadne.examples.replicated;

import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A seeded, single-threaded simulation of a cluster: a clock, an event queue, and a network between
 * nodes 0..n-1 whose messages take 1 to {@code maxDelay} ticks, and are lost when either end is
 * crashed or a partition separates them. Faults follow a seeded timetable: now and then one node
 * crashes (it loses nothing stored, but drops what it is sent) or is cut off from the others, and
 * later recovers. The same seed gives the same run, message for message.
 */
public final class Cluster {
    private record Event(long time, long seq, Runnable action) {}

    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private final SplittableRandom rnd;
    private final int maxDelay;
    private final boolean[] crashed;
    private final boolean[] isolated;
    private long now;
    private long seq;
    /** The faults that happened, as (time, description), for the report. */
    public final java.util.List<String> faultLog = new java.util.ArrayList<>();

    public Cluster(int nodes, int maxDelay, long seed) {
        this.rnd = new SplittableRandom(seed);
        this.maxDelay = maxDelay;
        this.crashed = new boolean[nodes];
        this.isolated = new boolean[nodes];
    }

    public long now() {
        return now;
    }

    public int nodes() {
        return crashed.length;
    }

    public SplittableRandom random() {
        return rnd;
    }

    /** Runs {@code action} {@code delay} ticks from now. */
    public void after(long delay, Runnable action) {
        events.add(new Event(now + delay, seq++, action));
    }

    /** Sends a message: it arrives after a random delay unless a fault stands between the nodes then. */
    public void send(int from, int to, Runnable deliver) {
        if (!reachable(from, to)) return;
        after(1 + rnd.nextInt(maxDelay), () -> {
            if (reachable(from, to)) deliver.run();
        });
    }

    /** Whether the nodes can talk now (a node can always talk to itself unless crashed). */
    public boolean reachable(int a, int b) {
        if (crashed[a] || crashed[b]) return false;
        return a == b || (!isolated[a] && !isolated[b]);
    }

    public boolean up(int node) {
        return !crashed[node];
    }

    /**
     * Schedules faults until {@code until}: after a quiet spell of up to {@code quiet} ticks, a node
     * other than those in {@code spared} crashes or is isolated for up to {@code length} ticks.
     */
    public void faults(long until, int quiet, int length, java.util.Set<Integer> spared) {
        long t = 0;
        while (true) {
            t += 1 + rnd.nextInt(quiet);
            if (t >= until) return;
            int node = rnd.nextInt(nodes());
            if (spared.contains(node)) continue;
            boolean crash = rnd.nextBoolean();
            long start = t;
            long end = t + 1 + rnd.nextInt(length);
            events.add(new Event(start, seq++, () -> {
                if (crash) crashed[node] = true;
                else isolated[node] = true;
                faultLog.add(now + ": " + (crash ? "crash" : "isolate") + " n" + node);
            }));
            events.add(new Event(end, seq++, () -> {
                if (crash) crashed[node] = false;
                else isolated[node] = false;
                faultLog.add(now + ": " + (crash ? "restart" : "heal") + " n" + node);
            }));
            t = end;
        }
    }

    /** Runs events until none is left or the clock passes {@code until}. */
    public void run(long until) {
        while (!events.isEmpty() && events.peek().time <= until) {
            Event e = events.poll();
            now = e.time;
            e.action.run();
        }
    }
}
