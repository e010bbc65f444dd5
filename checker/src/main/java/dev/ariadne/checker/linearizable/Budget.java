package dev.ariadne.checker.linearizable;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Limits on one search: a wall-clock deadline ({@link System#nanoTime()}), a cap on the bytes its
 * memo may hold, and a shared cancellation flag. A search that hits any of them stops with
 * {@link Search.Outcome#UNKNOWN}; it never runs out of memory or hangs.
 */
public record Budget(long deadlineNanos, long memoBytes, AtomicBoolean cancelled) {

    public static Budget unlimited() {
        return new Budget(Long.MAX_VALUE, Long.MAX_VALUE, new AtomicBoolean());
    }

    public static Budget of(long timeoutMillis, long memoBytes) {
        long deadline = timeoutMillis <= 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
        return new Budget(deadline, memoBytes, new AtomicBoolean());
    }

    boolean expired() {
        return cancelled.get() || (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0);
    }

    /** The same limits with a smaller memo cap, for one of several searches run side by side. */
    public Budget share(int ways) {
        return new Budget(deadlineNanos, Math.max(1 << 20, memoBytes / Math.max(1, ways)), cancelled);
    }
}
