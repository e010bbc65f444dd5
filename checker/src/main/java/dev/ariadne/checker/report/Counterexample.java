package dev.ariadne.checker.report;

/**
 * Evidence that a history violates a model, small enough to check by hand. A plain value: it says
 * what is wrong, not how it was found.
 */
public sealed interface Counterexample permits LinearizabilityCounterexample, SequentialCounterexample, CausalCounterexample, TransactionalCounterexample,
        LogCounterexample, BroadcastCounterexample {
    /** The anomaly's name, e.g. {@code nonlinearizable}. */
    String kind();

    /** One paragraph a person can follow. */
    String explanation();
}
