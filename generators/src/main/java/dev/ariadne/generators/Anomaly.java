package dev.ariadne.generators;

import java.util.List;
import java.util.Locale;

/**
 * Anomalies a generator can inject into an otherwise correct simulated object, so that the history
 * has a known kind of violation. Each applies to some datatypes.
 */
public enum Anomaly {
    /** A read returns a value its key held earlier, not the current one (registers, kv): breaks linearizability and, seen by the right process, monotonic reads or read-your-writes. */
    STALE_READ("stale-read", List.of("register", "cas-register", "kv", "list-append", "rw-register")),
    /** A process reads a key it wrote and gets the key's initial value back (registers, kv): breaks read-your-writes. */
    READ_YOUR_WRITES_VIOLATION("read-your-writes-violation", List.of("register", "kv")),
    /** A process reads a key again and gets its initial value after it read a written one (registers, kv): breaks monotonic reads. */
    MONOTONIC_READS_VIOLATION("monotonic-reads-violation", List.of("register", "kv")),
    /** A write, put, append, cas or add is acknowledged but never applied (registers, kv, counter, set). */
    LOST_UPDATE("lost-update", List.of("register", "cas-register", "kv", "counter", "set")),
    /** A lock is granted while another process holds it. */
    DOUBLE_GRANT("double-grant", List.of("mutex")),
    /** An id generator hands out an id it returned before. */
    DUPLICATE_ID("duplicate-id", List.of("unique-ids")),
    /** An enqueue is acknowledged but the element never reaches the queue. */
    LOST_ELEMENT("lost-element", List.of("queue")),
    /** A dequeue returns the element the previous dequeue returned, again. */
    DUPLICATE_ELEMENT("duplicate-element", List.of("queue")),
    /** A transaction reports failure although its writes took effect, so reads see an aborted write (G1a). */
    ABORTED_READ("aborted-read", List.of("list-append", "rw-register")),
    /**
     * A transaction reads from the state as of its invocation but its appends land on the current state
     * when it commits: lost updates, write skew, G-single, and (where it reads its own appends on top of
     * the stale snapshot) incompatible orders.
     */
    STALE_SNAPSHOT("stale-snapshot", List.of("list-append", "rw-register")),
    /** A log acknowledges a send at an offset but never appends it; the next message takes that offset. */
    LOST_MESSAGE("lost-message", List.of("log")),
    /** A log appends a message twice, at two offsets. */
    DUPLICATE_MESSAGE("duplicate-message", List.of("log")),
    /** A consumer's poll jumps over the message after the last one it polled. */
    SKIPPED_POLL("skipped-poll", List.of("log")),
    /** A poll returns two consecutive messages swapped. */
    REORDERED_POLL("reordered-poll", List.of("log")),
    /** A sequence issues a number it issued before. */
    DUPLICATE_VALUE("duplicate-value", List.of("sequence")),
    /** A consensus proposal returns its own value after another value was decided. */
    SPLIT_DECISION("split-decision", List.of("consensus")),
    /** A receive skips ahead: it delivers the message after the next one. */
    REORDERED_DELIVERY("reordered-delivery", List.of("broadcast")),
    /** A receive delivers the process's last message again. */
    DUPLICATE_DELIVERY("duplicate-delivery", List.of("broadcast"));

    private final String cliName;
    private final List<String> datatypes;

    Anomaly(String cliName, List<String> datatypes) {
        this.cliName = cliName;
        this.datatypes = datatypes;
    }

    public String cliName() {
        return cliName;
    }

    /** The datatypes it can be injected into. */
    public List<String> datatypes() {
        return datatypes;
    }

    public static Anomaly byName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
        for (Anomaly a : values()) if (a.cliName.equals(n)) return a;
        throw new IllegalArgumentException("unknown anomaly " + name + "; known: " + String.join(", ", java.util.Arrays.stream(values()).map(Anomaly::cliName).toList()));
    }
}
