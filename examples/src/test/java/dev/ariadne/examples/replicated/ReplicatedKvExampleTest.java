package dev.ariadne.examples.replicated;

import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each replication strategy keeps what its documentation says on every seed tried, and breaks what it
 * says it breaks on a seeded fault schedule that shows it (the simulation is deterministic, so these
 * runs are reproducible).
 */
class ReplicatedKvExampleTest {
    static final int CLIENTS = 4;
    static final int OPS = 25;

    static Verdict verdict(ReplicatedKvExample.Run run, String model) {
        CheckResult r = run.check(model);
        return r.verdict();
    }

    @Test
    void aSynchronousLeaderIsLinearizableUnderFaults() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            ReplicatedKvExample.Run run = ReplicatedKvExample.run("sync-leader", CLIENTS, OPS, 3, seed);
            assertThat(run.faults()).isNotEmpty();
            assertThat(verdict(run, "linearizable")).as("seed " + seed).isEqualTo(Verdict.VALID);
        }
    }

    @Test
    void asynchronousFollowersServeStaleReads() throws Exception {
        ReplicatedKvExample.Run run = ReplicatedKvExample.run("async-followers", CLIENTS, OPS, 3, 3);
        assertThat(verdict(run, "linearizable")).isEqualTo(Verdict.INVALID);
        assertThat(verdict(run, "monotonic-reads")).isEqualTo(Verdict.INVALID);
        assertThat(verdict(run, "read-your-writes")).isEqualTo(Verdict.INVALID);
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(verdict(ReplicatedKvExample.run("async-followers", CLIENTS, OPS, 3, seed), "monotonic-writes")).as("seed " + seed).isEqualTo(Verdict.VALID);
        }
    }

    @Test
    void overlappingQuorumsReadYourWritesButAreNotLinearizable() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(verdict(ReplicatedKvExample.run("quorum-2-2", CLIENTS, OPS, 3, seed), "read-your-writes")).as("seed " + seed).isEqualTo(Verdict.VALID);
        }
        ReplicatedKvExample.Run run = ReplicatedKvExample.run("quorum-2-2", CLIENTS, OPS, 3, 7);
        assertThat(verdict(run, "read-your-writes")).isEqualTo(Verdict.VALID);
        assertThat(verdict(run, "linearizable")).isEqualTo(Verdict.INVALID);
        assertThat(verdict(run, "monotonic-reads")).isEqualTo(Verdict.INVALID);
    }

    @Test
    void sloppyQuorumsMissEvenYourOwnWrites() throws Exception {
        ReplicatedKvExample.Run run = ReplicatedKvExample.run("quorum-1-1", CLIENTS, OPS, 3, 3);
        assertThat(verdict(run, "read-your-writes")).isEqualTo(Verdict.INVALID);
        assertThat(verdict(run, "linearizable")).isEqualTo(Verdict.INVALID);
    }

    @Test
    void theSameSeedGivesTheSameHistory() throws Exception {
        var a = ReplicatedKvExample.run("quorum-2-2", CLIENTS, OPS, 3, 11);
        var b = ReplicatedKvExample.run("quorum-2-2", CLIENTS, OPS, 3, 11);
        assertThat(a.history().events()).isEqualTo(b.history().events());
        assertThat(a.faults()).isEqualTo(b.faults());
    }
}
