package dev.ariadne.checker.certify;

/**
 * The conditions a witness is checked against. A model is a set of them (the registry says which);
 * each is a clause of a published definition.
 */
public enum Axiom {
    /** Every read shows a version: for list-append, a prefix of its key's version order; no value from nowhere (Adya PL-1 reads; no G0, garbage or duplicates). */
    UNCOMMITTED_READS,
    /** Every read shows a committed version, whole (no G1a, G1b), installed before the reader in the order (no G1c): Adya PL-2. */
    COMMITTED_READS,
    /** A transaction that reads a key and then writes it read the version its write follows (no lost update; Adya PL-CS). */
    CURSOR_STABILITY,
    /** Once a transaction observed another, its later reads see all of that one's writes (Bailis et al. 2014, MAV). */
    MONOTONIC_VIEW,
    /** No cycle with exactly one anti-dependency in the dependency graph of the version order (Adya PL-2+). */
    NO_G_SINGLE,
    /** No cycle at all in the dependency graph of the version order (Adya PL-2.99 and PL-3 on items). */
    NO_G2,
    /** No G-update: the dependency graph of the update transactions plus any one read-only transaction has no cycle with an anti-dependency (Adya PL-3U). */
    NO_G_UPDATE,
    /** Each read is the state its visible transactions make, in arbitration order, plus the reader's own writes (CBG's EXT and INT). */
    ATOMIC,
    /** Visibility is transitive (CBG's TRANSVIS). */
    TRANSITIVE,
    /** Of two transactions that write one key, one sees the other (CBG's NOCONFLICT). */
    NO_CONFLICT,
    /** Each transaction sees a prefix of the arbitration order (CBG's PREFIX). */
    PREFIX,
    /** Each transaction sees every transaction before it (CBG's TOTALVIS: serializability). */
    TOTAL,
    /** Each transaction sees its process's earlier transactions (strong session). */
    SESSION,
    /** Each transaction sees every transaction that completed before it was invoked (strong, strict). */
    REALTIME
}
