package dev.ariadne.checker.report;

/** What a broadcast or a mailbox can get wrong (Hadzilacos and Toueg's broadcast specifications). */
public enum BroadcastAnomaly {
    DUPLICATE_DELIVERY("duplicate-delivery", "integrity: a process delivered one message twice"),
    PHANTOM_DELIVERY("phantom-delivery", "integrity: a process delivered a message nobody sent (or whose send failed)"),
    LOST("lost", "validity: an acknowledged broadcast is missing from a final read (Maelstrom's lost messages)"),
    AGREEMENT("agreement", "a message one process delivered is missing from another's final read"),
    FIFO_ORDER("fifo-order", "a process delivered one sender's messages out of the order it sent them, or a later one without the earlier"),
    CAUSAL_ORDER("causal-order", "a process delivered a message before one that causally preceded it, or without it"),
    TOTAL_ORDER("total-order", "processes delivered messages in orders no single order agrees with");

    private final String cliName;
    private final String definition;

    BroadcastAnomaly(String cliName, String definition) {
        this.cliName = cliName;
        this.definition = definition;
    }

    public String cliName() {
        return cliName;
    }

    public String definition() {
        return definition;
    }

    @Override
    public String toString() {
        return cliName;
    }
}
