package dev.ariadne.checker.report;

import java.util.List;

/**
 * A set of operations that no single order can explain while keeping each process's own order:
 * for sequential consistency, one order of the whole history; for PRAM, the view of one process
 * ({@code viewOf}), made of its own operations and the writes of all others.
 *
 * @param model             {@code sequential}, {@code pram} or {@code monotonic-reads}
 * @param viewOf            the process whose view fails (PRAM), or null
 * @param operations        the operations that cannot all be ordered, in invocation order
 * @param relaxedOperations how many other operations may take effect at any point after their
 *                          process's earlier ones, or not at all, and still cannot help
 * @param minimal           whether relaxing any one of {@code operations} removes the violation
 * @param order             the longest legal order found, with the state after each step
 * @param blocked           at its end, each process's next operation and why it cannot go next
 * @param state             the state at the end of {@code order}
 * @param timeline          an ASCII timeline of {@code operations}, one lane per process
 * @param why               for a view decided without search, the steps that rule it out, each an
 *                          order the view must keep and its reason (indented lines justify the line
 *                          above them); empty when the search alone decided
 */
public record SequentialCounterexample(String model, String viewOf, List<OpView> operations, int relaxedOperations, boolean minimal,
                                       List<LinearizabilityCounterexample.Step> order, List<Blocked> blocked, String state,
                                       String timeline, List<String> why) implements Counterexample {

    /** The same counterexample with the steps that rule the view out. */
    public SequentialCounterexample withWhy(List<String> lines) {
        return new SequentialCounterexample(model, viewOf, operations, relaxedOperations, minimal, order, blocked, state, timeline, List.copyOf(lines));
    }

    /** A process's next operation and why it cannot take effect next. */
    public record Blocked(OpView op, String reason) {}

    @Override
    public String kind() {
        return viewOf == null ? "nonsequential" : model + "-violation";
    }

    @Override
    public String explanation() {
        StringBuilder sb = new StringBuilder();
        if (viewOf != null && model.equals("read-your-writes")) {
            sb.append("Process p").append(viewOf).append(" cannot have read its own earlier writes, with every process's writes in issue order: ");
        } else if (viewOf != null && model.equals("monotonic-reads")) {
            sb.append("Process p").append(viewOf).append("'s reads cannot move only forward through the writes, taken in issue order: ");
        } else if (viewOf != null) {
            sb.append("Process p").append(viewOf).append(" cannot have seen the writes of every process in the order they were issued: ");
        }
        sb.append(operations.size()).append(operations.size() == 1 ? " operation" : " operations")
                .append(viewOf == null ? "" : " (its own, and others' writes)")
                .append(" cannot be put in one order that keeps each process's own order");
        if (relaxedOperations > 0) {
            sb.append(relaxedOperations == 1 ? ", even if the one other operation" : ", even if each of the other " + relaxedOperations + " operations")
                    .append(" may take effect anywhere after its process's earlier ones, or not at all");
        }
        sb.append('.');
        if (minimal) sb.append(" Relaxing any one of them removes the violation.");
        sb.append(" The longest legal order has ").append(order.size()).append(order.size() == 1 ? " step" : " steps")
                .append(" and leaves the state ").append(state).append("; then");
        for (int i = 0; i < blocked.size(); i++) {
            Blocked b = blocked.get(i);
            sb.append(i == 0 ? " " : "; ").append(b.op()).append(": ").append(b.reason());
        }
        return sb.append('.').toString();
    }
}
