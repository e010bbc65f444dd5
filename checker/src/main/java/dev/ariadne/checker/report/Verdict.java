package dev.ariadne.checker.report;

/** A check's answer, with the exit code that {@code ariadne check} returns for it. */
public enum Verdict {
    /** The history satisfies the model. Exit 0. */
    VALID(0),
    /** The history violates the model; the report carries counterexamples. Exit 1. */
    INVALID(1),
    /** Undecided: a time or memory budget ran out, or an assumption did not hold; the report says why. Exit 2. */
    UNKNOWN(2);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The weaker of two verdicts when both must hold: INVALID beats UNKNOWN beats VALID. */
    public Verdict and(Verdict other) {
        if (this == INVALID || other == INVALID) return INVALID;
        if (this == UNKNOWN || other == UNKNOWN) return UNKNOWN;
        return VALID;
    }
}
