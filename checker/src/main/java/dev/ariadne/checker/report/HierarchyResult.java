package dev.ariadne.checker.report;

import java.util.List;

/**
 * Every checked model of a hierarchy at once ({@code --model all}).
 *
 * @param datatype   the datatype
 * @param models     each model's verdict and how it was reached, strongest first
 * @param strongestSatisfied the strongest models the history satisfies
 * @param weakestViolated    the weakest models it violates
 * @param checks     the checks that were run, with their counterexamples; a violation implied by a
 *                   weaker one is not checked again
 * @param notModels  models of the hierarchy that have no checker yet
 */
public record HierarchyResult(String datatype, List<ModelVerdict> models, List<String> strongestSatisfied, List<String> weakestViolated,
                              List<CheckResult> checks, List<String> notModels) {

    /** A model's verdict, and {@code checked}, or {@code implied by X} / {@code ruled out by X}. */
    public record ModelVerdict(String model, Verdict verdict, String how) {}

    /** The verdict for a CI gate: INVALID if any model is violated, else UNKNOWN if any is undecided. */
    public Verdict verdict() {
        Verdict v = Verdict.VALID;
        for (ModelVerdict m : models) v = v.and(m.verdict());
        return v;
    }
}
