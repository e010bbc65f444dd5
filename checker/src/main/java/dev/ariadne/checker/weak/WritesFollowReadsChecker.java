package dev.ariadne.checker.weak;

import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.history.History;

/**
 * Checks writes-follow-reads (Terry et al., "Session guarantees for weakly consistent replicated
 * data", 1994: "writes made during the session are ordered after any writes whose effects were seen
 * by previous reads in the session"), in the per-process views Ariadne uses for every session
 * guarantee (Brzezinski, Sobaniec and Wawrzyniak, 2003–2004): each process has a view, a legal order
 * of its own operations and every process's writes, and whenever a process read w1's value and later
 * issued w2, every view places w1 before w2. Reads are otherwise free in the views.
 *
 * <p>With free reads a read can always sit right after the write it read, so one order of the writes
 * that keeps those constraints serves every view: the guarantee holds exactly when the constraints
 * have no cycle and every read returns a value some write wrote. On a differentiated history a
 * cycle of "read w1, then wrote w2" steps is precisely a cycle of program order and read-from, so
 * this is causal consistency's ThinAirRead and CyclicCO patterns and nothing more (Bouajjani et
 * al., POPL 2017): CC implies it. Alone the guarantee catches causal loops, such as two processes
 * each writing a value after reading the other's. The familiar anomaly, a process that sees y=1,
 * written after its writer read x=1, and then reads x's initial value, needs monotonic reads as well
 * (alone, the second read may sit before x=1 in the reader's view); CC reports it as WriteCOInitRead.
 */
public final class WritesFollowReadsChecker {
    private WritesFollowReadsChecker() {}

    public static CheckResult check(History history, String datatype, DatatypeOptions options) {
        return CausalChecker.check(history, datatype, options, CausalChecker.Variant.WRITES_FOLLOW_READS);
    }
}
