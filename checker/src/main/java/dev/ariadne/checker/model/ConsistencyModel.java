package dev.ariadne.checker.model;

import java.util.List;
import java.util.Locale;

/**
 * The consistency models Ariadne knows, named as Elle names them on the command line, each with
 * the models it directly implies: a history that satisfies a model satisfies every model it
 * implies. The edges follow Elle's model graph and the sources named on each model (Adya 1999;
 * Bailis et al., "Highly Available Transactions", VLDB 2014; Cerone, Bernardi and Gotsman, CONCUR
 * 2015; Viotti and Vukolić, "Consistency in Non-Transactional Distributed Storage Systems", 2016).
 * {@link ModelLattice} walks them.
 */
public enum ConsistencyModel {
    // Single-object models, strongest first.
    LINEARIZABLE("linearizable", Family.SINGLE_OBJECT, "real-time order and the datatype's sequential specification (Herlihy and Wing 1990)", "sequential"),
    SEQUENTIAL("sequential", Family.SINGLE_OBJECT, "one total order respecting each process's program order (Lamport 1979)", "causal-convergent", "causal-memory"),
    CAUSAL_CONVERGENT("causal-convergent", Family.SINGLE_OBJECT, "CCv: causal, with one arbitration order for all processes (Bouajjani et al. 2017)", "causal"),
    CAUSAL_MEMORY("causal-memory", Family.SINGLE_OBJECT, "CM: causal memory, one view per process (Ahamad et al. 1995; Bouajjani et al. 2017)", "causal", "pram"),
    // CC as Bouajjani et al. define it explains each read on its own, so a process may read x=1, x=2,
    // then x=1 again: it implies neither PRAM nor monotonic reads, and the lattice says so.
    CAUSAL("causal", Family.SINGLE_OBJECT, "CC: each read is explained by the writes in its causal past, in causal order (Bouajjani et al. 2017)", "writes-follow-reads"),
    PRAM("pram", Family.SINGLE_OBJECT, "FIFO: each process sees every process's writes in issue order (Lipton and Sandberg 1988)", "read-your-writes", "monotonic-reads", "monotonic-writes"),
    READ_YOUR_WRITES("read-your-writes", Family.SINGLE_OBJECT, "a process's reads come after its own earlier writes, each process's writes taken in issue order (Terry et al. 1994)"),
    MONOTONIC_READS("monotonic-reads", Family.SINGLE_OBJECT, "a process's reads move only forward through the writes, each process's taken in issue order (Terry et al. 1994)"),
    MONOTONIC_WRITES("monotonic-writes", Family.SINGLE_OBJECT, "a process's writes are seen in issue order (Terry et al. 1994)"),
    WRITES_FOLLOW_READS("writes-follow-reads", Family.SINGLE_OBJECT, "in every view a write follows the writes its process read before it (Terry et al. 1994); alone: no causal loop"),

    // Transactional models (Elle's lattice).
    STRICT_SERIALIZABLE("strict-serializable", Family.TRANSACTIONAL, "serializable in an order consistent with real time (Adya PL-SS)",
            "serializable", "strong-snapshot-isolation", "strong-session-serializable"),
    STRONG_SESSION_SERIALIZABLE("strong-session-serializable", Family.TRANSACTIONAL, "serializable, respecting each process's order (Daudjee and Salem 2004)",
            "serializable", "strong-session-snapshot-isolation"),
    SERIALIZABLE("serializable", Family.TRANSACTIONAL, "equivalent to some serial order of the committed transactions (Adya PL-3)",
            "repeatable-read", "snapshot-isolation", "update-serializable"),
    UPDATE_SERIALIZABLE("update-serializable", Family.TRANSACTIONAL, "Adya PL-3U", "forward-consistent-view"),
    STRONG_SNAPSHOT_ISOLATION("strong-snapshot-isolation", Family.TRANSACTIONAL, "snapshot isolation with real-time snapshots (Daudjee and Salem 2006)",
            "strong-session-snapshot-isolation"),
    STRONG_SESSION_SNAPSHOT_ISOLATION("strong-session-snapshot-isolation", Family.TRANSACTIONAL, "snapshot isolation respecting each process's order (Daudjee and Salem 2006)",
            "snapshot-isolation"),
    SNAPSHOT_ISOLATION("snapshot-isolation", Family.TRANSACTIONAL, "Adya PL-SI; Cerone et al.",
            "forward-consistent-view", "monotonic-atomic-view", "parallel-snapshot-isolation", "prefix"),
    PREFIX("prefix", Family.TRANSACTIONAL, "prefix consistency (Cerone et al. 2015)", "causal-transactional"),
    PARALLEL_SNAPSHOT_ISOLATION("parallel-snapshot-isolation", Family.TRANSACTIONAL, "PSI (Sovran et al. 2011; Cerone et al. 2015)", "causal-transactional"),
    CAUSAL_TRANSACTIONAL("causal-transactional", Family.TRANSACTIONAL, "transactional causal consistency (Cerone et al. 2015); `causal` on a transactional history", "read-atomic"),
    READ_ATOMIC("read-atomic", Family.TRANSACTIONAL, "atomic visibility, no fractured reads (Cerone et al. 2015; Bailis et al. 2014)", "monotonic-atomic-view"),
    REPEATABLE_READ("repeatable-read", Family.TRANSACTIONAL, "Adya PL-2.99", "cursor-stability", "monotonic-atomic-view"),
    FORWARD_CONSISTENT_VIEW("forward-consistent-view", Family.TRANSACTIONAL, "Adya PL-FCV", "consistent-view"),
    CONSISTENT_VIEW("consistent-view", Family.TRANSACTIONAL, "Adya PL-2+", "cursor-stability"),
    CURSOR_STABILITY("cursor-stability", Family.TRANSACTIONAL, "Adya PL-CS", "read-committed"),
    MONOTONIC_ATOMIC_VIEW("monotonic-atomic-view", Family.TRANSACTIONAL, "Bailis et al. 2014", "read-committed"),
    READ_COMMITTED("read-committed", Family.TRANSACTIONAL, "Adya PL-2", "read-uncommitted"),
    READ_UNCOMMITTED("read-uncommitted", Family.TRANSACTIONAL, "Adya PL-1"),
    // Messages.
    TOTAL_ORDER("total-order", Family.MESSAGES, "broadcast: one order of the messages agrees with every process's deliveries (atomic broadcast; Hadzilacos and Toueg 1994)"),
    CAUSAL_ORDER("causal-order", Family.MESSAGES, "a process delivers a message only after every message causally before it (Birman and Joseph 1987)", "fifo-order"),
    FIFO_ORDER("fifo-order", Family.MESSAGES, "a process delivers a sender's messages in the order it sent them (Hadzilacos and Toueg 1994)"),
    // Logs.
    LOG("log", Family.LOG, "Kafka-like logs: one message per offset and one offset per message, no lost, unseen or aborted message, "
            + "consumers and producers moving forward, no G1c cycle (Jepsen's Kafka checker; poll skips allowed with subscribe)");

    /** Whether a model constrains single-object operations or transactions. */
    public enum Family { SINGLE_OBJECT, TRANSACTIONAL, MESSAGES, LOG }

    private final String cliName;
    private final Family family;
    private final String description;
    private final List<String> implies;

    ConsistencyModel(String cliName, Family family, String description, String... implies) {
        this.cliName = cliName;
        this.family = family;
        this.description = description;
        this.implies = List.of(implies);
    }

    public String cliName() {
        return cliName;
    }

    public Family family() {
        return family;
    }

    public String description() {
        return description;
    }

    /** The models this one implies directly. */
    public List<ConsistencyModel> directlyImplies() {
        return implies.stream().map(ConsistencyModel::byName).toList();
    }

    /**
     * The model of that name. {@code causal} names the single-object model; on a transactional
     * history the dispatcher reads it as {@link #CAUSAL_TRANSACTIONAL}.
     */
    public static ConsistencyModel byName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.equals("strong-serializable")) n = "strict-serializable";
        if (n.equals("sequential-consistency")) n = "sequential";
        if (n.equals("fifo")) n = "pram";
        if (n.equals("causal-cerone")) n = "causal-transactional";
        for (ConsistencyModel m : values()) if (m.cliName.equals(n)) return m;
        throw new UnsupportedCheck("unknown consistency model " + name + " (see ariadne models)");
    }
}
