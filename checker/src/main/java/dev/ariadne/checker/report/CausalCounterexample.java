package dev.ariadne.checker.report;

import java.util.List;

/**
 * A bad pattern of causal consistency (Bouajjani, Enea, Guerraoui and Hamza, "On verifying causal
 * consistency", POPL 2017): a few operations and the causal edges between them, each with its reason.
 *
 * @param pattern    {@code CyclicCO}, {@code WriteCORead}, {@code WriteCOInitRead} or {@code ThinAirRead}
 * @param operations the operations of the pattern
 * @param edges      the causal-order edges that make it, in order along each path
 * @param summary    one sentence on what is impossible
 */
public record CausalCounterexample(String pattern, List<OpView> operations, List<Edge> edges, String summary) implements Counterexample {

    /** A causal-order step: {@code from} precedes {@code to} because {@code reason}. */
    public record Edge(OpView from, OpView to, String reason) {}

    @Override
    public String kind() {
        return pattern;
    }

    @Override
    public String explanation() {
        StringBuilder sb = new StringBuilder(summary);
        for (Edge e : edges) sb.append(" ").append(e.from()).append(" < ").append(e.to()).append(": ").append(e.reason()).append('.');
        return sb.toString();
    }
}
