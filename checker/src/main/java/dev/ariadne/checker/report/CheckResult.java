package dev.ariadne.checker.report;

import java.util.List;

/**
 * The result of checking one history against one model: what the report shows and the CLI's exit
 * code comes from.
 *
 * @param model           the model checked, as named on the command line
 * @param datatype        the datatype used
 * @param datatypeInferred whether the datatype was inferred from the history's functions
 * @param verdict         VALID, INVALID or UNKNOWN
 * @param summary         one sentence
 * @param partitions      per-partition outcomes (empty when the check is not partitioned)
 * @param counterexamples evidence of each violation, each re-verified
 * @param statistics      figures of the run
 * @param notes           assumptions made and other remarks a reader should see
 * @param witness         for a VALID transactional verdict, the witness the independent verifier checked; else null
 */
public record CheckResult(String model, String datatype, boolean datatypeInferred, Verdict verdict, String summary,
                          List<PartitionResult> partitions, List<Counterexample> counterexamples, Statistics statistics,
                          List<String> notes, CertifiedWitness witness) {

    public CheckResult(String model, String datatype, boolean datatypeInferred, Verdict verdict, String summary,
                       List<PartitionResult> partitions, List<Counterexample> counterexamples, Statistics statistics, List<String> notes) {
        this(model, datatype, datatypeInferred, verdict, summary, partitions, counterexamples, statistics, notes, null);
    }

    public boolean isValid() {
        return verdict == Verdict.VALID;
    }

    /** Figures of a run. */
    public record Statistics(int operations, int partitions, long explored, long checkNanos, long counterexampleNanos) {}
}
