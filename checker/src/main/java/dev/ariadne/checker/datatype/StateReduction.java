package dev.ariadne.checker.datatype;

/**
 * A datatype's reduction of the states a search reaches, given what is left to linearize: a state
 * from which no linearization can follow is given up at once (a dead state), and states that the
 * rest of the history cannot tell apart are merged into one, so the search does not try every
 * order of operations whose differences nothing left can see.
 *
 * <p>It must be sound. {@code reduce} may return null only when every continuation from the state
 * fails, and may return another state only when exactly the same continuations succeed from both.
 *
 * @param <S> the datatype's states
 */
@FunctionalInterface
public interface StateReduction<S> {
    /**
     * @param state    the state reached
     * @param required the required operations already linearized (bit i for operation i of the search's inputs)
     * @param optional the optional ones already linearized; one that may take effect again is never marked
     * @param frontier the completion position of the first required operation not yet linearized
     *                 ({@link Integer#MAX_VALUE} when none is left): every required one that returned before
     *                 it is linearized, and no operation invoked after it is
     * @return null for a dead state, else the state to search on from ({@code state} itself or its representative)
     */
    S reduce(S state, long[] required, long[] optional, int frontier);

    /**
     * For a dead state, an operation left that can no longer be linearized, to name in a report
     * (its index among the search's inputs), or -1 when there is none in particular.
     */
    default int blocked(S state, long[] required, long[] optional, int frontier) {
        return -1;
    }
}
