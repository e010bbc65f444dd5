package dev.ariadne.checker.datatype;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The datatypes Ariadne ships, by the names the command line and the reports use. A user's own
 * {@link Datatype} needs no entry here: pass the instance to the check.
 */
public enum BuiltinDatatype {
    REGISTER("register", "read / write; one register per key when operations carry a key", Capability.READ_WRITE),
    CAS_REGISTER("cas-register", "read / write / cas [old new]; --initial sets the start value, --nil-read what a nil read means", Capability.READ_WRITE),
    KV("kv", "string map: get / put / append, each operation carries a key; checked per key", Capability.READ_WRITE),
    MULTI_REGISTER("multi-register", "txn of [read k v] / [write k v] over several registers (Knossos)", Capability.SPANS_KEYS),
    SET("set", "add x / read (the whole set)"),
    QUEUE("queue", "FIFO enqueue x / dequeue (nil when empty)"),
    UNORDERED_QUEUE("unordered-queue", "enqueue x / dequeue of any element held"),
    COUNTER("counter", "add n / read"),
    MUTEX("mutex", "acquire / release"),
    UNIQUE_IDS("unique-ids", "generate: every returned id distinct"),
    SEQUENCE("sequence", "next: each number greater than every one issued before it, gaps allowed (database sequences); the gaps are reported"),
    CONSENSUS("consensus", "propose v → the value decided: one decision, one that was proposed (a write-once register)"),
    LIST_APPEND("list-append", "txn of [append k v] / [r k [v ...]] (transactional)", Capability.TRANSACTIONAL),
    RW_REGISTER("rw-register", "txn of [w k v] / [r k v] (transactional)", Capability.TRANSACTIONAL),
    BROADCAST("broadcast", "broadcast m by the sender / receive → the message delivered (nil: none), at each process", Capability.MESSAGES),
    MAILBOX("mailbox", "send [to m] / receive → [from m]: point-to-point messages, as actors' mailboxes", Capability.MESSAGES),
    LOG("log", "Kafka-like logs: send / poll / txn of [:send k v] and [:poll], assign / subscribe (Jepsen's Kafka workload)", Capability.LOG);

    private final String cliName;
    private final String description;
    private final Set<Capability> capabilities;

    BuiltinDatatype(String cliName, String description, Capability... capabilities) {
        this.cliName = cliName;
        this.description = description;
        this.capabilities = capabilities.length == 0 ? EnumSet.noneOf(Capability.class) : EnumSet.of(capabilities[0], capabilities);
    }

    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    public boolean has(Capability c) {
        return capabilities.contains(c);
    }

    public static Optional<BuiltinDatatype> byName(String name) {
        for (BuiltinDatatype d : values()) if (d.cliName.equals(name)) return Optional.of(d);
        return Optional.empty();
    }

    /** Whether it has a sequential specification ({@link #create}); transactional and log datatypes have none. */
    public boolean sequential() {
        return !has(Capability.TRANSACTIONAL) && !has(Capability.LOG) && !has(Capability.MESSAGES);
    }

    /** The sequential specification; transactional datatypes have none (their checks read the micro-ops). */
    public Datatype<?, ?> create(DatatypeOptions options) {
        return switch (this) {
            case REGISTER -> new Register(false, options);
            case CAS_REGISTER -> new Register(true, options);
            case KV -> new Kv(options);
            case MULTI_REGISTER -> new MultiRegister(options);
            case SET -> new SetType();
            case QUEUE -> new Queue(true);
            case UNORDERED_QUEUE -> new Queue(false);
            case COUNTER -> new Counter(options);
            case MUTEX -> new Mutex();
            case UNIQUE_IDS -> new UniqueIds();
            case SEQUENCE -> new Sequence();
            case CONSENSUS -> new Consensus();
            case LIST_APPEND, RW_REGISTER -> throw new IllegalArgumentException(cliName + " is transactional: its checks read the micro-ops, not a sequential specification");
            case BROADCAST, MAILBOX -> throw new IllegalArgumentException(cliName + " histories are checked for message orders, not a sequential specification");
            case LOG -> throw new IllegalArgumentException("log histories are checked by the log analyses, not a sequential specification");
        };
    }

    @Override
    public String toString() {
        return cliName;
    }
}
