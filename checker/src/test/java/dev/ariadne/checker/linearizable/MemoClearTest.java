package dev.ariadne.checker.linearizable;

import dev.ariadne.checker.datatype.Datatypes;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.generators.Anomaly;
import dev.ariadne.generators.Faulty;
import dev.ariadne.generators.Objects;
import dev.ariadne.generators.SimObject;
import dev.ariadne.generators.Simulation;
import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search whose memo fills forgets it and goes on, which is sound because the memo only prunes:
 * with a memo budget of a byte, so that it is forgotten every few thousand steps, every verdict
 * reached equals the one with the default budget (a search that does not get deeper between two
 * forgettings stays UNKNOWN), on valid histories and on ones with stale reads, with crashes, on one
 * key (cas-register) and on several (kv).
 */
class MemoClearTest {
    @Test
    void forgettingTheMemoNeverChangesAVerdict() throws Exception {
        long base = Long.getLong("ariadne.seed", 20261203L);
        SplittableRandom rnd = new SplittableRandom(base);
        long clears = Search.MEMO_CLEARS.get();
        int invalid = 0, valid = 0;
        for (int i = 0; i < 40; i++) {
            long seed = rnd.nextLong();
            String dt = i % 2 == 0 ? "cas-register" : "kv";
            SimObject o = Objects.of(dt, 4, dt.equals("kv") ? 3 : 1);
            if (i % 4 >= 2) o = new Faulty(o, Anomaly.STALE_READ, 0.002, seed);
            History h = History.of(new Simulation(2000 + rnd.nextInt(3000), 3 + rnd.nextInt(5), 0.02, seed).events(o));
            var spec = Datatypes.byName(dt, DatatypeOptions.DEFAULT);
            CheckResult whole = LinearizabilityChecker.check(h, spec, LinearizabilityChecker.Options.defaults().withTimeout(60_000).withoutCounterexamples());
            CheckResult forgetful = LinearizabilityChecker.check(h, spec, new LinearizabilityChecker.Options(60_000, 1, 1, 0, false));
            String why = "seed " + seed + " (base " + base + "), " + dt + ", " + h.size() + " operations";
            // A stale read among crashed writes can make even the whole memo run out: nothing to compare.
            if (whole.verdict() == Verdict.UNKNOWN) continue;
            // Forgetting may leave a search that never gets deeper UNKNOWN, never with another verdict.
            if (forgetful.verdict() == Verdict.UNKNOWN) continue;
            assertThat(forgetful.verdict()).as(why).isEqualTo(whole.verdict());
            if (whole.verdict() == Verdict.INVALID) invalid++;
            else valid++;
        }
        assertThat(invalid).as("invalid histories decided with a forgetful memo").isPositive();
        assertThat(valid).as("valid histories decided with a forgetful memo").isGreaterThan(5);
        assertThat(Search.MEMO_CLEARS.get() - clears).as("memos forgotten").isPositive();
    }

    @Test
    void aSearchThatFillsTheMemoWithoutGettingDeeperIsUnknownAtOnce() throws Exception {
        // Thirty clients on one register, a third of their calls crashed: the search wanders among the crashed
        // writes at one depth. With a one-byte memo it must stop there, long before the minute it is given.
        History h = History.of(new Simulation(30_000, 30, 0.3, 7).events(Objects.of("cas-register", 3, 1)));
        long clears = Search.MEMO_CLEARS.get();
        CheckResult r = LinearizabilityChecker.check(h, Datatypes.byName("cas-register", DatatypeOptions.DEFAULT),
                new LinearizabilityChecker.Options(60_000, 1, 1, 0, false));
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.partitions().get(0).detail()).contains("memory budget");
        assertThat(Search.MEMO_CLEARS.get() - clears).as("memos forgotten on the way").isLessThanOrEqualTo(Search.MEMO_CLEAR_PROGRESS);
    }
}
