package dev.ariadne.cli;

import dev.ariadne.checker.search.Progress;

import java.io.PrintStream;

/**
 * A line on standard error for a check that runs longer than a few seconds: elapsed time, phase,
 * partitions done, memo size, rewritten in place each second and erased at the end. Silent with
 * {@code --quiet} and when standard error is not a terminal: Java cannot ask that of standard error
 * itself, so the {@code ariadne} script says so ({@code ARIADNE_STDERR_TTY=1}); a bare {@code java -jar}
 * shows it when it has a console (standard input and output on a terminal).
 */
final class ProgressLine implements AutoCloseable {
    static final long DELAY_MILLIS = 3_000;

    private final Thread thread;
    private volatile boolean shown;
    private final PrintStream err;

    private ProgressLine(Progress progress, PrintStream err, String what) {
        this.err = err;
        long start = System.nanoTime();
        thread = new Thread(() -> {
            try {
                Thread.sleep(DELAY_MILLIS);
                while (!Thread.currentThread().isInterrupted()) {
                    long s = (System.nanoTime() - start) / 1_000_000_000L;
                    String line = "ariadne: " + what + ", " + s + " s: " + progress.describe();
                    if (line.length() > 150) line = line.substring(0, 150);
                    synchronized (this) {
                        err.print("\r\033[K" + line);
                        err.flush();
                        shown = true;
                    }
                    Thread.sleep(1_000);
                }
            } catch (InterruptedException e) {
                // the check is over
            }
        }, "ariadne-progress");
        thread.setDaemon(true);
    }

    /** Starts the line for {@code what} unless quiet or not on a terminal; null when it will not show. */
    static ProgressLine start(Progress progress, PrintStream err, String what, boolean quiet) {
        if (quiet || !(System.console() != null || "1".equals(System.getenv("ARIADNE_STDERR_TTY")))) return null;
        ProgressLine p = new ProgressLine(progress, err, what);
        p.thread.start();
        return p;
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (shown) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
