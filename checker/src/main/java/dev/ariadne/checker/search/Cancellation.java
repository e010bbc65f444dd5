package dev.ariadne.checker.search;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A caller's way to stop a check from another thread: after {@link #cancel()} every search of the
 * check stops at its next poll and the verdict is UNKNOWN ("cancelled"). Interrupting the thread that
 * runs the check does the same. One token may serve several checks.
 */
public final class Cancellation {
    /** A token nobody cancels. */
    public static final Cancellation NEVER = new Cancellation();

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Cancellation parent;

    public Cancellation() {
        this(null);
    }

    private Cancellation(Cancellation parent) {
        this.parent = parent;
    }

    /** A token cancelled with this one or on its own: a check stops its own workers with it, never the caller's token. */
    public Cancellation child() {
        return new Cancellation(this);
    }

    public void cancel() {
        if (this == NEVER) throw new IllegalStateException("Cancellation.NEVER cannot be cancelled; make a token with new Cancellation()");
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get() || (parent != null && parent.isCancelled());
    }
}
