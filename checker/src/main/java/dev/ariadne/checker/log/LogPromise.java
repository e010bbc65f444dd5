package dev.ariadne.checker.log;

/**
 * What a log promises about the transactions that send and poll: Kafka's own promise as Jepsen's
 * Kafka checker judges it by default (no cycle of wr edges, with process order and real time;
 * writes are not isolated, so ww and rw cycles are no error), or serializable transactions over
 * logs, where every poll reads its key to the end of the log (G0, G1c, G-single and G2 are errors),
 * and strict serializability, which adds real time.
 */
public enum LogPromise {
    KAFKA("log"),
    SERIALIZABLE("serializable"),
    STRICT_SERIALIZABLE("strict-serializable");

    private final String model;

    LogPromise(String model) {
        this.model = model;
    }

    /** The model's name on the command line. */
    public String model() {
        return model;
    }

    /** Whether it draws write-write and anti-dependency edges. */
    boolean transactional() {
        return this != KAFKA;
    }
}
