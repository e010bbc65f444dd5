package dev.ariadne.checker.report;

/**
 * The witness behind a VALID transactional verdict, as the report shows it: how it was found, its
 * shape, and its orders as lists of transaction indices (each transaction named by its invocation's
 * {@code index}).
 *
 * @param found       how the checker found it
 * @param shape       SNAPSHOTS, VISIBILITY or VERSION_ORDER (see {@link TransactionalWitness})
 * @param order       the committed transactions in arbitration order
 * @param snapshot    per position of {@code order}, how many earlier positions it sees (SNAPSHOTS), else null
 * @param visibleFrom visibility edges' sources as positions of {@code order} (VISIBILITY), else null
 * @param visibleTo   their targets
 * @param transitive  whether visibility is the edges' transitive closure
 */
public record CertifiedWitness(String found, String shape, long[] order, int[] snapshot, int[] visibleFrom, int[] visibleTo, boolean transitive) {

    /** One line for the text report. */
    public String summary() {
        StringBuilder sb = new StringBuilder(found).append(", checked by the independent verifier: ");
        int shown = Math.min(order.length, 12);
        for (int i = 0; i < shown; i++) sb.append(i == 0 ? "" : " ").append('T').append(order[i]);
        if (order.length > shown) sb.append(" ... (").append(order.length).append(" transactions; the JSON report has them all)");
        return sb.toString();
    }
}
