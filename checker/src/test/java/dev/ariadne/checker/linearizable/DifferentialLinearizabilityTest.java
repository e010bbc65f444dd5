package dev.ariadne.checker.linearizable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.Datatypes;
import dev.ariadne.checker.datatype.NilRead;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Counterexample;
import dev.ariadne.checker.report.LinearizabilityCounterexample;
import dev.ariadne.checker.report.OpView;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.generators.Objects;
import dev.ariadne.generators.Simulation;
import dev.ariadne.history.History;
import dev.ariadne.history.OpType;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The checker against the definition: on thousands of seeded random small histories of every
 * datatype, its verdict equals the brute-force one, and every counterexample it reports is
 * non-linearizable with the other operations relaxed, and 1-minimal when it says so.
 */
@ExtendWith(VerifiedMemoKeys.class)
class DifferentialLinearizabilityTest {
    static final int SEEDS = 400;

    static DatatypeOptions options(String dt, long seed) {
        if (dt.equals("multi-register")) return new DatatypeOptions(Values.of(0), seed % 2 == 0 ? NilRead.ABSENT : NilRead.UNKNOWN);
        if (dt.endsWith("register")) return new DatatypeOptions(seed % 3 == 0 ? null : Values.of(0), seed % 2 == 0 ? NilRead.ABSENT : NilRead.UNKNOWN);
        return DatatypeOptions.DEFAULT;
    }

    /** Brute force per key for the datatypes whose state is one key's (the checker partitions the same way). */
    static boolean bruteForce(Datatype<?, ?> dt, List<Operation> ops) {
        if (dt.name().equals("multi-register")) return BruteForce.linearizable(dt, ops);
        Map<JsonNode, List<Operation>> byKey = new LinkedHashMap<>();
        for (Operation o : ops) byKey.computeIfAbsent(o.key() == null ? Values.of("<none>") : o.key(), k -> new ArrayList<>()).add(o);
        for (List<Operation> part : byKey.values()) if (!BruteForce.linearizable(dt, part)) return false;
        return true;
    }

    @Test
    void randomHistoriesAgreeWithBruteForce() {
        int checked = 0, invalid = 0, minimal = 0;
        for (String dtName : RandomHistories.DATATYPES) {
            for (long seed = 0; seed < SEEDS; seed++) {
                int n = 3 + (int) (seed % 6);
                History h = RandomHistories.of(dtName, seed, n, 2 + (int) (seed % 3), 3);
                Datatype<?, ?> dt = Datatypes.byName(dtName, options(dtName, seed));
                boolean expected = bruteForce(dt, h.operations());
                // Every history twice: the memo keyed on bit sets (as small partitions are), then on compact keys.
                for (int keys : new int[] {Search.COMPACT_FROM, 0}) {
                    Search.compactFrom = keys;
                    CheckResult r = LinearizabilityChecker.check(h, dt, LinearizabilityChecker.Options.defaults().withTimeout(20_000));
                    String where = dtName + " seed " + seed + " (n=" + n + (keys == 0 ? ", compact memo keys" : "") + "):\n" + h.events();
                    if (r.verdict() != (expected ? Verdict.VALID : Verdict.INVALID)) {
                        fail("verdict " + r.verdict() + " but brute force says " + (expected ? "linearizable" : "not") + " for " + where);
                    }
                    if (keys != 0) checked++;
                    if (!expected) {
                        if (keys != 0) invalid++;
                        for (Counterexample c : r.counterexamples()) {
                            if (verifyCounterexample(dt, h, (LinearizabilityCounterexample) c, where) && keys != 0) minimal++;
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(RandomHistories.DATATYPES.size() * SEEDS);
        assertThat(invalid).as("the generator makes invalid histories too").isGreaterThan(checked / 5);
        assertThat(minimal).as("small counterexamples are shown minimal").isGreaterThan(invalid * 9 / 10);
    }

    /** The counterexample's set stays non-linearizable with every other operation relaxed; if minimal, relaxing any one fixes it. */
    static boolean verifyCounterexample(Datatype<?, ?> dt, History h, LinearizabilityCounterexample c, String where) {
        Set<Long> chosen = new HashSet<>();
        for (OpView v : c.operations()) chosen.add(v.index());
        assertThat(chosen).as("counterexample ops of " + where).isNotEmpty();
        if (bruteForce(dt, relaxed(h, chosen))) fail("counterexample " + c.operations() + " is linearizable with the rest relaxed: " + where);
        if (!c.minimal()) return false;
        for (Long drop : chosen) {
            Set<Long> fewer = new HashSet<>(chosen);
            fewer.remove(drop);
            if (!bruteForce(dt, relaxed(h, fewer))) fail("counterexample " + c.operations() + " is not 1-minimal (op " + drop + "): " + where);
        }
        return true;
    }

    static List<Operation> relaxed(History h, Set<Long> keep) {
        List<Operation> out = new ArrayList<>();
        for (Operation o : h.operations()) {
            if (o.isOk() && !keep.contains(o.index())) out.add(o.with(o.invoke().value(), OpType.INFO));
            else out.add(o);
        }
        return out;
    }

    @Test
    void simulatedHistoriesAreLinearizable() {
        Search.compactFrom = 0;
        for (String dt : List.of("register", "cas-register", "kv", "counter", "set", "queue", "mutex", "unique-ids")) {
            for (long seed = 0; seed < 60; seed++) {
                History h;
                try {
                    h = History.of(new Simulation(8 + (int) (seed % 5) * 20, 2 + (int) (seed % 4), 0.1, seed).events(Objects.of(dt, 4, 2)));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                CheckResult r = LinearizabilityChecker.check(h, Datatypes.byName(dt, DatatypeOptions.DEFAULT),
                        LinearizabilityChecker.Options.defaults().withTimeout(20_000));
                assertThat(r.verdict()).as(dt + " seed " + seed).isEqualTo(Verdict.VALID);
            }
        }
    }
}
