package dev.ariadne.checker.datatype;

/** What a datatype offers beyond its sequential specification, which decides the checks that apply to it. */
public enum Capability {
    /**
     * Its operations are reads and writes of registers (per key): the per-process view models (PRAM,
     * the session guarantees, causal memory and the causal models) separate a history into the two.
     */
    READ_WRITE,
    /** Its operations are transactions of micro-ops: checked for the transactional models. */
    TRANSACTIONAL,
    /** One state spans every key (multi-register): checked whole, not one object per key. */
    SPANS_KEYS,
    /** Its operations send and poll messages of Kafka-like logs: checked by the log analyses, with no sequential specification. */
    LOG,
    /** Its operations send and deliver messages (broadcast, mailbox): checked for message orders, with no sequential specification. */
    MESSAGES
}
