package dev.ariadne.checker.search;

/** What one search decided about a (possibly relaxed) history. */
public enum Outcome {
    /** The model holds: a witness order was found. */
    HOLDS,
    /** The model is violated: no order exists. */
    VIOLATED,
    /** A budget ran out first. */
    UNKNOWN
}
