package dev.ariadne.checker.model;

import dev.ariadne.checker.report.CheckResult;

/**
 * One way of deciding one model: a family of algorithms registers one per model it decides
 * ({@link CheckRegistry}). A check says first whether it applies to the datatype at hand, so that the
 * registry can try the next one or say what the model needs.
 */
interface Check {
    /** Null when the check applies to the target's datatype; otherwise one sentence on what it needs. */
    String refuses(Target t);

    CheckResult run(Target t);
}
