package dev.ariadne.checker.search;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Limits on one search: a wall-clock deadline ({@link System#nanoTime()}), a cap on the bytes its
 * memo may hold, the check's own cancellation flag (set when a sibling search failed), the caller's
 * {@link Cancellation} and the running thread's interrupt. A search that hits any of them stops with
 * {@link Outcome#UNKNOWN}; it never runs out of memory or hangs. {@code stopAt} is a deadline that
 * can be brought forward while searches run (when another partition has already decided the verdict).
 */
public record Budget(long deadlineNanos, long memoBytes, AtomicBoolean cancelled, AtomicLong stopAt, Cancellation caller) {

    public Budget(long deadlineNanos, long memoBytes, AtomicBoolean cancelled, Cancellation caller) {
        this(deadlineNanos, memoBytes, cancelled, new AtomicLong(Long.MAX_VALUE), caller);
    }

    public static Budget unlimited() {
        return new Budget(Long.MAX_VALUE, Long.MAX_VALUE, new AtomicBoolean(), Cancellation.NEVER);
    }

    public static Budget of(long timeoutMillis, long memoBytes, Cancellation caller) {
        long deadline = timeoutMillis <= 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
        return new Budget(deadline, memoBytes, new AtomicBoolean(), caller);
    }

    /** Whether the check was stopped from outside: by the caller's token or by interrupting its thread. */
    public boolean cancelledByCaller() {
        return caller.isCancelled() || Thread.currentThread().isInterrupted();
    }

    public boolean expired() {
        if (cancelled.get() || cancelledByCaller()) return true;
        long stop = stopAt.get();
        if (deadlineNanos == Long.MAX_VALUE && stop == Long.MAX_VALUE) return false;
        long now = System.nanoTime();
        return (deadlineNanos != Long.MAX_VALUE && now - deadlineNanos > 0) || (stop != Long.MAX_VALUE && now - stop > 0);
    }

    /** Whether the movable deadline has passed. */
    public boolean stopped() {
        long stop = stopAt.get();
        return stop != Long.MAX_VALUE && System.nanoTime() - stop > 0;
    }

    /** Brings the movable deadline forward to {@code nanos} from now (never back). */
    public void stopIn(long nanos) {
        long at = System.nanoTime() + nanos;
        stopAt.accumulateAndGet(at, (cur, x) -> cur == Long.MAX_VALUE ? x : (x - cur < 0 ? x : cur));
    }

    /** The same limits with its own time slice of at most {@code millis} from now, not subject to the movable deadline. */
    public Budget slice(long millis) {
        long d = System.nanoTime() + millis * 1_000_000L;
        return new Budget(Math.min(d, deadlineNanos), memoBytes, cancelled, caller);
    }

    /** The same limits with a smaller memo cap, for one of several searches run side by side. */
    public Budget share(int ways) {
        return new Budget(deadlineNanos, Math.max(1 << 20, memoBytes / Math.max(1, ways)), cancelled, stopAt, caller);
    }
}
