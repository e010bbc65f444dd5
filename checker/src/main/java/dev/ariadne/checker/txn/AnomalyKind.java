package dev.ariadne.checker.txn;

/**
 * An anomaly's kind: its type, by Adya's and Elle's names, and for a cycle the order it may use besides
 * the data dependencies (none, each process's, or real time), written as Elle writes it:
 * {@code G-single}, {@code G-single-process}, {@code G-single-realtime}.
 */
public record AnomalyKind(Type type, Order order) {

    /** The order a cycle may use besides the data dependencies. */
    public enum Order {
        NONE(""), PROCESS("-process"), REALTIME("-realtime");

        private final String suffix;

        Order(String suffix) {
            this.suffix = suffix;
        }
    }

    /** The anomalies: Adya's phenomena (1999), Elle's and Cerone et al.'s non-cycle anomalies, and Ariadne's own. */
    public enum Type {
        G0("G0", true), G1A("G1a", false), G1B("G1b", false), G1C("G1c", true), G_SINGLE("G-single", true), G_NONADJACENT("G-nonadjacent", true),
        G2_ITEM("G2-item", true), G_SIB("G-SIb", true), G_UPDATE("G-update", false), LOST_UPDATE("lost-update", false), INTERNAL("internal", false),
        FRACTURED_READ("fractured-read", false), FUTURE_READ("future-read", false), CAUSAL_READ("causal-read", false), CONFLICT_READ("conflict-read", false),
        NON_PREFIX_SNAPSHOT("non-prefix-snapshot", false), INCOMPATIBLE_ORDER("incompatible-order", false), DIRTY_UPDATE("dirty-update", false),
        GARBAGE_READ("garbage-read", false), DUPLICATE_ELEMENTS("duplicate-elements", false), MISSED_OWN_WRITE("missed-own-write", false),
        NONLINEARIZABLE("nonlinearizable", false), NONSERIALIZABLE("nonserializable", true), OBSERVED_VANISHES("observed-transaction-vanishes", false);

        private final String label;
        private final boolean ordered;

        Type(String label, boolean ordered) {
            this.label = label;
            this.ordered = ordered;
        }

        /** Whether it comes in {@code -process} and {@code -realtime} forms. */
        public boolean ordered() {
            return ordered;
        }

        public String label() {
            return label;
        }
    }

    public AnomalyKind {
        if (order != Order.NONE && !type.ordered) throw new IllegalArgumentException(type.label + " has no " + order + " form");
    }

    public static AnomalyKind of(Type type) {
        return new AnomalyKind(type, Order.NONE);
    }

    public static AnomalyKind of(Type type, Order order) {
        return new AnomalyKind(type, order);
    }

    /** The kind Elle's name stands for, e.g. {@code G-single-process}. */
    public static AnomalyKind parse(String name) {
        for (Order o : new Order[]{Order.PROCESS, Order.REALTIME}) {
            if (name.endsWith(o.suffix)) {
                AnomalyKind base = parse(name.substring(0, name.length() - o.suffix.length()));
                return new AnomalyKind(base.type, o);
            }
        }
        for (Type t : Type.values()) if (t.label.equals(name)) return of(t);
        throw new IllegalArgumentException("unknown anomaly " + name);
    }

    @Override
    public String toString() {
        return type.label + order.suffix;
    }
}
