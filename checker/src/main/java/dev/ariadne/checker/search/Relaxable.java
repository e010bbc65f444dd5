package dev.ariadne.checker.search;

/**
 * A history prepared for shrinking by relaxation. Its operations are numbered 0..size-1; the
 * required ones ({@code ok}) are the candidates for a counterexample. Relaxing an operation keeps
 * it where its process put it but lets it take effect later or never, with its result
 * unconstrained: that only adds behaviours, so a set of required operations that still violates
 * the model with every other one relaxed proves the violation.
 */
public interface Relaxable {
    /** How many operations. */
    int size();

    /** Whether operation i is required ({@code ok}), a candidate for the counterexample. */
    boolean required(int i);

    /** The history position by which operation i completed: prefixes are cut in this order. */
    int completion(int i);

    /** Whether relaxing operation i makes it vanish (a read whose result no longer matters). */
    boolean relaxesToNoOp(int i);

    /** The exact verdict with exactly the {@code keep} operations required and the others relaxed. */
    Outcome check(boolean[] keep, Budget budget);

    /** The same verdict, possibly found faster (by a widening whose violations are conclusive). */
    default Outcome checkFast(boolean[] keep, Budget budget) {
        return check(keep, budget);
    }
}
