package dev.ariadne.checker.model;

/**
 * What one check may spend. When a limit is reached the verdict is UNKNOWN, with the reason.
 *
 * @param timeoutMillis wall-clock limit for the whole check; 0 for none
 * @param memoryBytes   limit on the search memo's bytes; 0 for the default (a quarter of the heap)
 * @param threads       partitions or views searched at once; 0 for one per core
 */
public record Limits(long timeoutMillis, long memoryBytes, int threads) {
    /** No time limit, the default memo budget, one thread per core. */
    public static final Limits DEFAULT = new Limits(0, 0, 0);

    public Limits {
        if (timeoutMillis < 0 || memoryBytes < 0 || threads < 0) throw new IllegalArgumentException("limits cannot be negative: " + timeoutMillis + " ms, " + memoryBytes + " bytes, " + threads + " threads");
    }

    public Limits withTimeout(long millis) {
        return new Limits(millis, memoryBytes, threads);
    }
}
