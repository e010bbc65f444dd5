package dev.ariadne.checker.search;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a running check has got, for a caller to show (the CLI's progress line): its phase, how
 * many of its partitions are done, and the largest search memo so far. The check writes it as it
 * goes; any thread may read it. Reached through the caller's {@link Cancellation} token.
 */
public final class Progress {
    private volatile String phase = "starting";
    private final AtomicInteger done = new AtomicInteger();
    private volatile int total;
    private final AtomicLong memo = new AtomicLong();

    public void phase(String p) {
        phase = p;
    }

    /** A new set of {@code n} partitions (or process views), none done yet. */
    public void partitions(int n) {
        done.set(0);
        total = n;
    }

    public void partitionDone() {
        done.incrementAndGet();
    }

    /** A search's memo has grown to {@code bytes}. */
    public void memo(long bytes) {
        memo.accumulateAndGet(bytes, Math::max);
    }

    public String phase() {
        return phase;
    }

    /** One line, e.g. {@code searching, 3 of 10 partitions done, memo 120 MiB}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(phase);
        int t = total;
        if (t > 1) sb.append(", ").append(Math.min(done.get(), t)).append(" of ").append(t).append(" partitions done");
        long m = memo.get();
        if (m > 0) sb.append(", memo ").append(m >> 20).append(" MiB");
        return sb.toString();
    }
}
