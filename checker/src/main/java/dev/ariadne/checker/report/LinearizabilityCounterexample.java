package dev.ariadne.checker.report;

import java.util.List;

/**
 * A set of operations that cannot be linearized, with how far a linearization gets.
 *
 * @param partition            the key (or keys) of the partition, or {@code "*"} for the whole history
 * @param operations           the operations that cannot all be linearized, in invocation order
 * @param relaxedOperations    how many other operations of the partition may take effect at any time
 *                             after their invocation, or never (their results unconstrained), and still
 *                             cannot help
 * @param minimal              whether relaxing any one of {@code operations} makes the rest linearizable
 * @param partialLinearization the longest order found that is legal, with the state after each step
 * @param stuck                the operation that could not be placed after it, or null
 * @param stuckState           the state where it could not be placed
 * @param reason               why it could not be placed there
 * @param timeline             an ASCII timeline of {@code operations}, one lane per process
 */
public record LinearizabilityCounterexample(String partition, List<OpView> operations, int relaxedOperations, boolean minimal,
                                            List<Step> partialLinearization, OpView stuck, String stuckState, String reason,
                                            String timeline) implements Counterexample {

    /** One step of a partial linearization: the operation and the state after it. */
    public record Step(OpView op, String stateAfter) {}

    @Override
    public String kind() {
        return "nonlinearizable";
    }

    /** For text: long values shortened ({@link Abbreviation}); the fields keep them whole. */
    @Override
    public String explanation() {
        StringBuilder sb = new StringBuilder();
        sb.append(operations.size()).append(operations.size() == 1 ? " operation" : " operations")
                .append(partition.equals("*") ? "" : " on key " + partition)
                .append(" cannot be linearized");
        if (relaxedOperations > 0) {
            sb.append(relaxedOperations == 1 ? ", even if the one other operation" : ", even if each of the other " + relaxedOperations + " operations")
                    .append(" may take effect at any time after its invocation, or not at all");
        }
        sb.append('.');
        if (minimal) sb.append(" Relaxing any one of them makes the rest linearizable.");
        if (stuck != null) {
            sb.append(" After ").append(partialLinearization.isEmpty() ? "the initial state" : partialLinearization.size() + (partialLinearization.size() == 1 ? " step" : " steps"))
                    .append(" the state is ").append(Abbreviation.shorten(stuckState)).append(" and ").append(stuck)
                    .append(" must take effect before it returns, but ").append(reason.length() > 3 * Abbreviation.MAX_CHARS
                            ? "it cannot take effect in that state" : reason).append('.');
        }
        return sb.toString();
    }
}
