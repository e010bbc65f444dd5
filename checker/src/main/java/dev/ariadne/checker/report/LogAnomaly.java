package dev.ariadne.checker.report;

/**
 * The errors of a Kafka-like log, with the names and definitions of Jepsen's Kafka checker
 * ({@code jepsen.tests.kafka}). An <em>index</em> is an offset's rank among the offsets that hold a
 * message (gaps are transaction markers).
 */
public enum LogAnomaly {
    INCONSISTENT_OFFSETS("inconsistent-offsets", "one offset of a key holds two different messages"),
    DUPLICATE("duplicate", "one message appears at two offsets of a key"),
    LOST_WRITE("lost-write", "an acknowledged message below the highest index any poll reached was never polled"),
    G1A("G1a", "a poll returned a message whose send failed (an aborted read)"),
    PRECOMMITTED_READ("precommitted-read", "a transaction polled a message it sent itself, before it committed"),
    POLL_SKIP("poll-skip", "a consumer's next poll of a key started past the message after the last one it polled"),
    NONMONOTONIC_POLL("nonmonotonic-poll", "a consumer's next poll of a key started at or before the last message it polled"),
    INT_POLL_SKIP("int-poll-skip", "within one operation, two consecutive polled messages of a key skip over messages between them"),
    INT_NONMONOTONIC_POLL("int-nonmonotonic-poll", "within one operation, a polled message of a key comes at or before the previous one"),
    NONMONOTONIC_SEND("nonmonotonic-send", "a producer's later send to a key landed at or before its earlier one"),
    INT_NONMONOTONIC_SEND("int-nonmonotonic-send", "within one operation, a later send to a key landed at or before an earlier one"),
    INT_SEND_SKIP("int-send-skip", "within one operation, consecutive sends to a key are not adjacent in the log (normal: producers interleave)"),
    UNSEEN("unseen", "an acknowledged message that no poll returned by the end of the history"),
    G1C("G1c", "a cycle of operations each polling a message the next one sent (Adya's circular information flow)"),
    G1C_PROCESS("G1c-process", "such a cycle that also follows a process's order: a poll saw a message its process's or a peer's later operation sent"),
    G1C_REALTIME("G1c-realtime", "such a cycle that also follows real time: a poll saw a message sent by an operation invoked after the poll returned"),
    // Beyond Jepsen's default: with write-write (ww) and anti-dependency (rw) edges, for logs that promise serializable transactions.
    G0("G0", "a cycle of operations each sending a message just before the next one's in some key's log (Adya's write cycle)"),
    G0_REALTIME("G0-realtime", "a write cycle that also follows real time"),
    G_SINGLE("G-single", "a cycle with exactly one rw edge: a transaction polled a key only up to just before a message of a transaction whose effects it saw (read skew)"),
    G_SINGLE_REALTIME("G-single-realtime", "such a cycle that also follows real time"),
    G2("G2-item", "a cycle with two or more rw edges (write skew over logs)"),
    G2_REALTIME("G2-item-realtime", "such a cycle that also follows real time");

    private final String jepsenName;
    private final String definition;

    LogAnomaly(String jepsenName, String definition) {
        this.jepsenName = jepsenName;
        this.definition = definition;
    }

    /** The name Jepsen's checker reports. */
    public String jepsenName() {
        return jepsenName;
    }

    public String definition() {
        return definition;
    }

    /**
     * Whether the log's promise allows it (Jepsen's allowed error types): interleaved sends always;
     * skipped and repeated polls when consumers subscribe (a rebalance moves them), never when they assign.
     */
    public boolean allowed(boolean subscribe) {
        return this == INT_SEND_SKIP || subscribe && (this == POLL_SKIP || this == NONMONOTONIC_POLL);
    }

    @Override
    public String toString() {
        return jepsenName;
    }
}
