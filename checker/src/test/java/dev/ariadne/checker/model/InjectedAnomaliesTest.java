package dev.ariadne.checker.model;

import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.generators.Anomaly;
import dev.ariadne.generators.Faulty;
import dev.ariadne.generators.Objects;
import dev.ariadne.generators.SimObject;
import dev.ariadne.generators.Simulation;
import dev.ariadne.generators.TxnObject;
import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import java.util.function.LongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every anomaly the generators inject is caught by the model it breaks, and the same simulation
 * without it passes: the generators' known verdicts, both ways, on a few seeds.
 */
class InjectedAnomaliesTest {

    static void caught(String datatype, String model, LongFunction<SimObject> clean, LongFunction<SimObject> faulty) throws Exception {
        caught(datatype, model, clean, faulty, 200);
    }

    static void caught(String datatype, String model, LongFunction<SimObject> clean, LongFunction<SimObject> faulty, int ops) throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            Simulation sim = new Simulation(ops, 4, 0.0, seed);
            CheckRequest req = CheckRequest.of(model).withDatatype(datatype);
            CheckResult ok = ModelChecker.check(History.of(sim.events(clean.apply(seed))), req);
            assertThat(ok.verdict()).as(datatype + " " + model + " clean, seed " + seed + ": " + ok.summary()).isEqualTo(Verdict.VALID);
            CheckResult bad = ModelChecker.check(History.of(sim.events(faulty.apply(seed))), req);
            assertThat(bad.verdict()).as(datatype + " " + model + " injected, seed " + seed + ": " + bad.summary()).isEqualTo(Verdict.INVALID);
            assertThat(bad.counterexamples()).isNotEmpty();
        }
    }

    static LongFunction<SimObject> object(String datatype, int values) {
        return seed -> Objects.of(datatype, values, 2);
    }

    static LongFunction<SimObject> faulty(String datatype, int values, Anomaly a) {
        return faulty(datatype, values, a, 0.2);
    }

    static LongFunction<SimObject> faulty(String datatype, int values, Anomaly a, double rate) {
        return seed -> new Faulty(Objects.of(datatype, values, 2), a, rate, seed);
    }

    @Test
    void singleObjectAnomalies() throws Exception {
        caught("register", "linearizable", object("register", 0), faulty("register", 0, Anomaly.STALE_READ));
        caught("kv", "linearizable", object("kv", 3), faulty("kv", 3, Anomaly.LOST_UPDATE));
        caught("cas-register", "linearizable", object("cas-register", 3), faulty("cas-register", 3, Anomaly.LOST_UPDATE));
        caught("unique-ids", "linearizable", object("unique-ids", 0), faulty("unique-ids", 0, Anomaly.DUPLICATE_ID));
        caught("counter", "linearizable", object("counter", 3), faulty("counter", 3, Anomaly.LOST_UPDATE));
        caught("set", "linearizable", object("set", 20), faulty("set", 20, Anomaly.LOST_UPDATE));
        caught("mutex", "linearizable", object("mutex", 0), faulty("mutex", 0, Anomaly.DOUBLE_GRANT));
        // Session guarantees are searched per view, and proving a violated view takes longer: smaller histories.
        caught("register", "read-your-writes", object("register", 0), faulty("register", 0, Anomaly.READ_YOUR_WRITES_VIOLATION, 0.6), 80);
        caught("kv", "monotonic-reads", object("kv", 0), faulty("kv", 0, Anomaly.MONOTONIC_READS_VIOLATION, 0.6), 80);
        caught("queue", "linearizable", object("queue", 0), faulty("queue", 0, Anomaly.LOST_ELEMENT));
        caught("queue", "linearizable", object("queue", 0), faulty("queue", 0, Anomaly.DUPLICATE_ELEMENT));
    }

    @Test
    void logAnomalies() throws Exception {
        LongFunction<SimObject> clean = seed -> new dev.ariadne.generators.LogObject(3, null, 0, seed);
        for (Anomaly a : new Anomaly[] {Anomaly.LOST_MESSAGE, Anomaly.DUPLICATE_MESSAGE, Anomaly.SKIPPED_POLL, Anomaly.REORDERED_POLL}) {
            caught("log", "log", clean, seed -> new dev.ariadne.generators.LogObject(3, a, 0.1, seed));
        }
        // Crashed sends and polls keep the log's promise.
        for (long seed = 1; seed <= 3; seed++) {
            CheckResult r = ModelChecker.check(History.of(new Simulation(300, 5, 0.2, seed).events(clean.apply(seed))), CheckRequest.of("log"));
            assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
        }
    }

    @Test
    void sequenceConsensusAndBroadcastAnomalies() throws Exception {
        caught("sequence", "linearizable", seed -> dev.ariadne.generators.MessageObjects.sequence(null, 0, seed),
                seed -> dev.ariadne.generators.MessageObjects.sequence(Anomaly.DUPLICATE_VALUE, 0.1, seed));
        caught("consensus", "linearizable", seed -> dev.ariadne.generators.MessageObjects.consensus(null, 0, seed),
                seed -> dev.ariadne.generators.MessageObjects.consensus(Anomaly.SPLIT_DECISION, 0.1, seed));
        caught("broadcast", "total-order", seed -> dev.ariadne.generators.MessageObjects.broadcast(null, 0, seed),
                seed -> dev.ariadne.generators.MessageObjects.broadcast(Anomaly.REORDERED_DELIVERY, 0.1, seed));
        caught("broadcast", "fifo-order", seed -> dev.ariadne.generators.MessageObjects.broadcast(null, 0, seed),
                seed -> dev.ariadne.generators.MessageObjects.broadcast(Anomaly.DUPLICATE_DELIVERY, 0.1, seed));
        // A sequencer's total order is causal too.
        CheckResult r = ModelChecker.check(History.of(new Simulation(300, 5, 0.1, 4).events(dev.ariadne.generators.MessageObjects.broadcast(null, 0, 4))),
                CheckRequest.of("causal-order").withDatatype("broadcast"));
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
    }

    @Test
    void transactionalAnomalies() throws Exception {
        LongFunction<SimObject> clean = seed -> new TxnObject("list-append", 4, 3, 16, null, 0, seed);
        caught("list-append", "read-committed", clean, seed -> new TxnObject("list-append", 4, 3, 16, Anomaly.ABORTED_READ, 0.1, seed));
        caught("list-append", "serializable", clean, seed -> new TxnObject("list-append", 4, 3, 16, Anomaly.STALE_SNAPSHOT, 0.3, seed));
        caught("list-append", "read-atomic", clean, seed -> new TxnObject("list-append", 4, 3, 16, Anomaly.STALE_READ, 0.1, seed));
        caught("rw-register", "strict-serializable", seed -> new TxnObject("rw-register", 4, 3, 16, null, 0, seed),
                seed -> new TxnObject("rw-register", 4, 3, 16, Anomaly.STALE_READ, 0.1, seed));
    }
}
