package dev.ariadne.checker.weak;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.Datatypes;
import dev.ariadne.checker.datatype.Keyed;
import dev.ariadne.checker.linearizable.RandomHistoriesAccess;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Monotonic writes (Brzezinski et al.'s views: each process's view keeps every process's writes in
 * issue order; the viewer's reads are free). On registers every written value is current at some
 * point of any such view, so it bites where a read shows the order of several writes: appends.
 */
class MonotonicWritesTest {

    static String kv(int p, String f, String v) {
        String inv = f.equals("get") ? "nil" : "\"" + v + "\"";
        return "{:process " + p + " :type :invoke :f :" + f + " :key :k :value " + inv + "}\n"
                + "{:process " + p + " :type :ok :f :" + f + " :key :k :value \"" + v + "\"}\n";
    }

    static CheckResult check(String model, String edn) throws Exception {
        History h = HistoryReader.readString(edn, ReadOptions.DEFAULT);
        return ModelChecker.check(h, CheckRequest.of(model).withDatatype("kv"));
    }

    @Test
    void seeingAppendsOutOfIssueOrderBreaksMonotonicWrites() throws Exception {
        String reversed = kv(0, "append", "a") + kv(0, "append", "b") + kv(1, "get", "ba");
        assertThat(check("monotonic-writes", reversed).verdict()).isEqualTo(Verdict.INVALID);
        assertThat(check("pram", reversed).verdict()).isEqualTo(Verdict.INVALID);
        String inOrder = kv(0, "append", "a") + kv(0, "append", "b") + kv(1, "get", "ab") + kv(1, "get", "a");
        // Reads are free under monotonic writes alone: going back from "ab" to "a" breaks only monotonic reads.
        assertThat(check("monotonic-writes", inOrder).verdict()).isEqualTo(Verdict.VALID);
        assertThat(check("monotonic-reads", inOrder).verdict()).isEqualTo(Verdict.INVALID);
    }

    /** The definition: for each process, an order of every process's writes (in issue order) and its own reads (each free) that is legal. */
    static boolean bruteForce(Datatype<?, ?> dt, History h) {
        for (int p = 0; p < h.processCount(); p++) {
            List<List<Operation>> chains = new ArrayList<>();
            for (int q = 0; q < h.processCount(); q++) chains.add(new ArrayList<>());
            for (Operation o : h.operations()) {
                if (o.isFail()) continue;
                boolean read = o.f().equals("get") || o.f().equals("read");
                if (read && o.process() != p) continue;
                if (read) chains.add(new ArrayList<>(List.of(o)));
                else chains.get(o.process()).add(o);
            }
            if (!SequentialTest.interleaveChains(dt, chains)) return false;
        }
        return true;
    }

    /** PRAM on kv by its definition: each process's view keeps its own operations and every other process's writes in their orders. */
    static boolean pram(Datatype<?, ?> dt, History h) {
        for (int p = 0; p < h.processCount(); p++) {
            List<List<Operation>> chains = new ArrayList<>();
            for (int q = 0; q < h.processCount(); q++) chains.add(new ArrayList<>());
            for (Operation o : h.operations()) {
                if (o.isFail() || (o.process() != p && o.f().equals("get"))) continue;
                chains.get(o.process()).add(o);
            }
            if (!SequentialTest.interleaveChains(dt, chains)) return false;
        }
        return true;
    }

    @Test
    void onBlindWritesEveryWrittenValueIsReadableAndTheShortcutAgreesWithTheDefinition() {
        Datatype<?, ?> dt = new Keyed<>(Datatypes.byName("register", CausalTest.ZERO));
        int invalid = 0;
        for (long seed = 0; seed < 2000; seed++) {
            History h = CausalTest.random(seed);
            boolean expected = bruteForce(dt, h);
            CheckResult r = PramChecker.check(h, dt, ViewDifferential.OPTIONS, PramChecker.View.MONOTONIC_WRITES);
            if (r.verdict() != (expected ? Verdict.VALID : Verdict.INVALID)) {
                fail("seed " + seed + ": verdict " + r.verdict() + " but the definition of monotonic writes says " + (expected ? "valid" : "not") + ": " + h.events());
            }
            if (!expected) invalid++;
        }
        // Only reads of values nobody wrote (or only a failed write wrote) break it on registers.
        assertThat(invalid).isBetween(50, 1950);
    }

    @Test
    void randomAppendHistoriesAgreeWithTheDefinition() {
        Datatype<?, ?> dt = new Keyed<>(Datatypes.byName("kv", DatatypeOptions.DEFAULT));
        int invalid = 0;
        for (long seed = 0; seed < 1500; seed++) {
            History h = RandomHistoriesAccess.of("kv", seed, 7, 3, 3);
            boolean expected = bruteForce(dt, h);
            CheckResult r = PramChecker.check(h, dt, ViewDifferential.OPTIONS, PramChecker.View.MONOTONIC_WRITES);
            if (r.verdict() != (expected ? Verdict.VALID : Verdict.INVALID)) {
                fail("seed " + seed + ": verdict " + r.verdict() + " but the definition of monotonic writes says " + (expected ? "valid" : "not") + ": " + h.events());
            }
            if (!expected) invalid++;
            if (pram(dt, h)) assertThat(expected).as("PRAM implies monotonic writes, seed " + seed).isTrue();
        }
        assertThat(invalid).isBetween(100, 1400);
    }
}
