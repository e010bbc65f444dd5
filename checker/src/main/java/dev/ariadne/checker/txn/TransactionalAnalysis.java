package dev.ariadne.checker.txn;

import dev.ariadne.checker.report.TransactionalCounterexample;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the transactional analysis of a history found, before any model is judged: the anomalies
 * present (with those they imply), the ones it could not rule out in its budget, one re-verified
 * counterexample per anomaly found, and how many of each.
 *
 * @param unsupported     why no verdict is sound on this history (e.g. an appended value repeats), or null
 * @param present         names of the anomalies present, with the ones they imply
 * @param incomplete      names of anomalies whose search ran out of budget (neither found nor ruled out)
 * @param counterexamples one per anomaly found, each re-verified against the history
 * @param counts          how many of each anomaly were found (cycles count once per class)
 * @param transactions    committed and possibly committed transactions
 * @param edges           dependency edges
 * @param notes           assumptions and remarks
 * @param versionOrderKnown whether the version order was inferred in full (list-append), so that the
 *                        absence of an anomaly is proven; false for rw-register, whose cycles are sound
 *                        but whose acyclic graph proves nothing by itself
 * @param serialWitness   the orders ({@code data}, {@code process}, {@code realtime}) under which a serial
 *                        replay of the committed transactions explains every read
 * @param witnesses       the witnesses a VALID verdict can rest on, built on demand; each must pass the
 *                        independent verifier before it counts
 */
public record TransactionalAnalysis(String unsupported, Set<AnomalyKind> present, Set<AnomalyKind> incomplete, List<TransactionalCounterexample> counterexamples,
                                    Map<AnomalyKind, Integer> counts, int transactions, int edges, List<String> notes, boolean versionOrderKnown,
                                    Set<String> serialWitness, Witnesses witnesses) {

    /** The same analysis with other witnesses. */
    public TransactionalAnalysis withWitnesses(Witnesses w) {
        return new TransactionalAnalysis(unsupported, present, incomplete, counterexamples, counts, transactions, edges, notes, versionOrderKnown, serialWitness, w);
    }
}
