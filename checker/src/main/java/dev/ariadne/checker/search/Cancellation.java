package dev.ariadne.checker.search;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A caller's handle on a running check, from another thread: after {@link #cancel()} every search of
 * the check stops at its next poll and the verdict is UNKNOWN ("cancelled"); interrupting the thread
 * that runs the check does the same. {@link #progress()} says how far it has got. One token may serve
 * several checks (one after another, for a progress that means something).
 */
public final class Cancellation {
    /** A token nobody cancels. */
    public static final Cancellation NEVER = new Cancellation();

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Cancellation parent;
    private final Progress progress;

    public Cancellation() {
        this(null);
    }

    private Cancellation(Cancellation parent) {
        this.parent = parent;
        this.progress = parent == null ? new Progress() : parent.progress;
    }

    /** How far the check has got (shared with every child token). */
    public Progress progress() {
        return progress;
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
