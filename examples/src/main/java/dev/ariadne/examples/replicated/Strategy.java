package dev.ariadne.examples.replicated;

import java.util.function.LongConsumer;

/**
 * How a replicated register-per-key store serves a client's writes and reads over a {@link Cluster}.
 * A callback that is never called (its messages were lost) leaves the client to time out, which the
 * recorder writes as {@code info}. Values are longs, unique per key; {@link #NIL} is the initial nil.
 */
public sealed interface Strategy permits SyncLeader, AsyncFollowers, LeaderlessQuorum {
    long NIL = Long.MIN_VALUE;

    /** A short name for reports. */
    String name();

    /** Client {@code client}, whose current replica is {@code replica}, writes {@code value} to {@code key}; {@code done} on success. */
    void write(int client, int replica, int key, long value, Runnable done);

    /** The client reads {@code key}; {@code done} gets the value (or {@link #NIL}). */
    void read(int client, int replica, int key, LongConsumer done);
}
