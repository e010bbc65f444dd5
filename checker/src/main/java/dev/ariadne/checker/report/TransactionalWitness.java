package dev.ariadne.checker.report;

/**
 * What proves a transactional verdict VALID: an abstract execution of the committed transactions in
 * the sense of Cerone, Bernardi and Gotsman (CONCUR 2015), in one of three compact shapes.
 * <ul>
 *   <li>{@link Shape#SNAPSHOTS}: an arbitration order and, per transaction, its snapshot: how many of
 *       the transactions before it in that order it sees (a prefix). A serial order is the case where
 *       every transaction sees all before it; a snapshot-isolation schedule starts each transaction
 *       after its snapshot and commits it at its place in the order.</li>
 *   <li>{@link Shape#VISIBILITY}: an arbitration order and visibility edges between its positions (the
 *       visibility relation is their transitive closure when {@code transitive}).</li>
 *   <li>{@link Shape#VERSION_ORDER}: an arbitration order alone, whose restriction to each key's
 *       writers is that key's version order (Adya's levels, read committed and below).</li>
 * </ul>
 *
 * @param shape      which of the three
 * @param order      operation ids (positions in {@code History.operations()}) of the committed
 *                   transactions, in arbitration order; info transactions left out did not commit
 * @param snapshot   for {@link Shape#SNAPSHOTS}, per position of {@code order}, how many earlier positions it sees; else null
 * @param visibleFrom for {@link Shape#VISIBILITY}, edge sources as positions of {@code order}; else null
 * @param visibleTo  for {@link Shape#VISIBILITY}, edge targets; else null
 * @param transitive for {@link Shape#VISIBILITY}, whether visibility is the closure of the edges
 * @param found      how the checker found it, for the report
 */
public record TransactionalWitness(Shape shape, int[] order, int[] snapshot, int[] visibleFrom, int[] visibleTo, boolean transitive, String found) {
    public enum Shape { SNAPSHOTS, VISIBILITY, VERSION_ORDER }

    /** A serial order: each transaction sees every one before it. */
    public static TransactionalWitness serial(int[] order, String found) {
        int[] snap = new int[order.length];
        for (int i = 0; i < snap.length; i++) snap[i] = i;
        return new TransactionalWitness(Shape.SNAPSHOTS, order, snap, null, null, false, found);
    }

    public static TransactionalWitness snapshots(int[] order, int[] snapshot, String found) {
        return new TransactionalWitness(Shape.SNAPSHOTS, order, snapshot, null, null, false, found);
    }

    public static TransactionalWitness visibility(int[] order, int[] from, int[] to, boolean transitive, String found) {
        return new TransactionalWitness(Shape.VISIBILITY, order, null, from, to, transitive, found);
    }

    public static TransactionalWitness versionOrder(int[] order, String found) {
        return new TransactionalWitness(Shape.VERSION_ORDER, order, null, null, null, false, found);
    }

    /** Whether every transaction sees all those before it. */
    public boolean isSerial() {
        if (snapshot == null) return false;
        for (int i = 0; i < snapshot.length; i++) if (snapshot[i] != i) return false;
        return true;
    }
}
