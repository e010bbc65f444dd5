package dev.ariadne.checker.txn;

/**
 * An anomaly as an algorithm finds it, before it is explained: its name (Elle's), the transactions
 * involved (operation ids) and, for a cycle, the dependency type of each step
 * {@code txns[i] -> txns[i+1]} (the last step closes the cycle); {@code types} is empty otherwise.
 *
 * @param kind    e.g. {@code G1a}, {@code G-single-process}, {@code fractured-read}
 * @param txns    operation ids
 * @param types   one {@link DependencyGraph} type bit per step of a cycle, or empty
 * @param summary for anomalies that are not cycles, one sentence on what is impossible
 */
public record Anomaly(AnomalyKind kind, int[] txns, int[] types, String summary) {

    static Anomaly cycle(AnomalyKind kind, int[] txns, int[] types) {
        return new Anomaly(kind, txns, types, null);
    }

    static Anomaly of(AnomalyKind.Type type, String summary, int... txns) {
        return new Anomaly(AnomalyKind.of(type), txns, new int[0], summary);
    }

    static Anomaly of(AnomalyKind kind, String summary, int... txns) {
        return new Anomaly(kind, txns, new int[0], summary);
    }

    /** Elle's name, e.g. {@code G-single-process}. */
    public String name() {
        return kind.toString();
    }

    public boolean isCycle() {
        return types.length > 0;
    }
}
