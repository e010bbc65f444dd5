package dev.ariadne.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.UnsupportedCheck;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.PartitionResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.generators.Anomaly;
import dev.ariadne.generators.Faulty;
import dev.ariadne.generators.Objects;
import dev.ariadne.generators.SimObject;
import dev.ariadne.generators.Simulation;
import dev.ariadne.generators.TxnObject;
import dev.ariadne.history.History;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.io.HistoryReader;
import org.apache.spark.sql.SparkSession;
import dev.ariadne.checker.split.SplitResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Spark check against the library on the whole history: the same verdict, and the same keys
 * found in violation, on seeded generated histories (kv under linearizability; two interleaved
 * list-append histories on disjoint keys under the transactional models that decompose), and clear
 * errors for what it cannot check.
 */
class SparkCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.get();
    }

    /** A kv history from the generators; with {@code anomaly}, stale reads at that rate. */
    static List<String> kv(long seed, int ops, int keys, int processes, double anomaly) throws IOException {
        SimObject o = Objects.of("kv", 5, keys);
        if (anomaly > 0) o = new Faulty(o, Anomaly.STALE_READ, anomaly, seed);
        return lines(new Simulation(ops, processes, 0.1, seed), o);
    }

    static List<String> lines(Simulation sim, SimObject o) throws IOException {
        StringWriter w = new StringWriter();
        sim.writeJsonLines(o, w);
        return new ArrayList<>(List.of(w.toString().split("\n")));
    }

    Path write(String name, List<String> lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, lines);
        return p;
    }

    /** The keys the library finds in violation, by their labels. */
    static Set<String> invalidKeys(CheckResult r) {
        Set<String> out = new TreeSet<>();
        for (PartitionResult p : r.partitions()) if (p.verdict() == Verdict.INVALID) out.add(p.partition());
        return out;
    }

    @Test
    void kvAgreesWithTheLibraryKeyByKey() throws Exception {
        long base = Long.getLong("ariadne.seed", 20261201L);
        Random rnd = new Random(base);
        int invalid = 0;
        for (int i = 0; i < 16; i++) {
            long seed = rnd.nextLong();
            int keys = 1 + rnd.nextInt(8);
            List<String> lines = kv(seed, 150 + rnd.nextInt(400), keys, 2 + rnd.nextInt(5), i % 2 == 0 ? 0 : 0.05);
            Path file = write("kv-" + i + ".jsonl", lines);
            CheckResult whole = Ariadne.check(HistoryReader.read(file), CheckRequest.of("linearizable").withDatatype("kv"));
            SplitResult r = SparkCheck.check(spark, file.toString(), SparkCheck.Request.of("linearizable").withPartitions(3));
            String why = "seed " + seed + " (base " + base + "), " + keys + " keys";
            assertThat(r.verdict()).as(why).isEqualTo(whole.verdict());
            assertThat(r.datatype()).as(why).isEqualTo("kv");
            assertThat(new TreeSet<>(r.invalidComponents())).as(why).isEqualTo(invalidKeys(whole));
            assertThat(r.operations()).as(why).isEqualTo(HistoryReader.read(file).size());
            if (r.verdict() == Verdict.INVALID) invalid++;
        }
        // The generator's stale reads make about half of them invalid: both verdicts are compared.
        assertThat(invalid).as("invalid histories among 16").isBetween(2, 14);
    }

    @Test
    void completionsThatNameNoKeyTakeTheirInvocations() throws Exception {
        long base = Long.getLong("ariadne.seed", 77L);
        Random rnd = new Random(base);
        for (int i = 0; i < 6; i++) {
            long seed = rnd.nextLong();
            List<String> lines = kv(seed, 300, 4, 4, i % 2 == 0 ? 0 : 0.05);
            // As many recorders write them: an info completion without the key or value.
            int stripped = 0;
            for (int j = 0; j < lines.size(); j++) {
                ObjectNode o = (ObjectNode) JSON.readTree(lines.get(j));
                if (o.path("type").asText().equals("info")) {
                    o.remove("key");
                    o.putNull("value");
                    lines.set(j, JSON.writeValueAsString(o));
                    stripped++;
                }
            }
            Path file = write("stripped-" + i + ".jsonl", lines);
            String why = "seed " + seed + " (base " + base + ")";
            assertThat(stripped).as(why).isPositive();
            CheckResult whole = Ariadne.check(HistoryReader.read(file), CheckRequest.of("linearizable").withDatatype("kv"));
            SplitResult r = SparkCheck.check(spark, file.toString(), SparkCheck.Request.of("linearizable").withDatatype("kv").withPartitions(2));
            assertThat(r.verdict()).as(why).isEqualTo(whole.verdict());
            assertThat(new TreeSet<>(r.invalidComponents())).as(why).isEqualTo(invalidKeys(whole));
            assertThat(r.operations()).as(why).isEqualTo(HistoryReader.read(file).size());
        }
    }

    /**
     * Two list-append histories on disjoint keys and processes, interleaved: at least two components.
     * The second store injects {@code anomaly}.
     */
    static List<String> twoStores(long seed, Anomaly anomaly) throws IOException {
        List<String> a = lines(new Simulation(120, 3, 0.05, seed), new TxnObject("list-append", 3, 2, 4, null, 0, seed));
        List<String> b = lines(new Simulation(120, 3, 0.05, seed + 1), new TxnObject("list-append", 3, 2, 4, anomaly, 0.2, seed + 1));
        Random rnd = new Random(seed);
        List<String> out = new ArrayList<>();
        int i = 0, j = 0;
        while (i < a.size() || j < b.size()) {
            boolean fromA = j >= b.size() || i < a.size() && rnd.nextBoolean();
            ObjectNode o = (ObjectNode) JSON.readTree(fromA ? a.get(i++) : b.get(j++));
            if (!fromA) {
                o.put("process", o.get("process").asLong() + 1000);
                JsonNode v = o.get("value");
                if (v instanceof ArrayNode txn) {
                    for (JsonNode m : txn) ((ArrayNode) m).set(1, JSON.getNodeFactory().numberNode(m.get(1).asLong() + 1000));
                }
            }
            o.put("index", out.size());
            o.put("time", out.size() * 1000L);
            out.add(JSON.writeValueAsString(o));
        }
        return out;
    }

    @Test
    void transactionsAgreeWithTheLibraryComponentByComponent() throws Exception {
        long base = Long.getLong("ariadne.seed", 4242L);
        Random rnd = new Random(base);
        Anomaly[] kinds = {null, Anomaly.ABORTED_READ, Anomaly.STALE_SNAPSHOT, Anomaly.STALE_READ};
        int invalid = 0;
        for (int i = 0; i < 8; i++) {
            long seed = rnd.nextLong();
            Anomaly kind = kinds[i % kinds.length];
            Path file = write("txn-" + i + ".jsonl", twoStores(seed, kind));
            History h = HistoryReader.read(file);
            for (String model : List.of("serializable", "snapshot-isolation", "read-committed")) {
                CheckResult whole = Ariadne.check(h, CheckRequest.of(model).withDatatype("list-append"));
                SplitResult r = SparkCheck.check(spark, file.toString(), SparkCheck.Request.of(model).withPartitions(3));
                String why = "seed " + seed + " (base " + base + "), " + kind + ", " + model;
                assertThat(r.verdict()).as(why).isEqualTo(whole.verdict());
                assertThat(r.components()).as(why).isGreaterThanOrEqualTo(2);
                assertThat(r.operations()).as(why).isEqualTo(h.size());
                if (r.verdict() == Verdict.INVALID) {
                    invalid++;
                    // Only the second store misbehaves: its keys (from 1000) are the ones named.
                    for (String c : r.invalidComponents()) assertThat(Long.parseLong(c.split(" ")[0])).as(why).isGreaterThanOrEqualTo(1000);
                    assertThat(r.text()).as(why).contains("INVALID");
                }
            }
        }
        assertThat(invalid).as("invalid checks among 24").isPositive();
    }

    @Test
    void aComponentIsNamedByItsSmallestKeyAndHowManyItJoins() throws Exception {
        // {x, y} joined by one transaction, with a G1c cycle (each reads the other's append); z alone and fine.
        List<String> lines = List.of(
                "{\"type\":\"invoke\",\"process\":0,\"f\":\"txn\",\"value\":[[\"append\",\"x\",1],[\"r\",\"y\",null]]}",
                "{\"type\":\"invoke\",\"process\":1,\"f\":\"txn\",\"value\":[[\"append\",\"y\",1],[\"r\",\"x\",null]]}",
                "{\"type\":\"invoke\",\"process\":2,\"f\":\"txn\",\"value\":[[\"append\",\"z\",1]]}",
                "{\"type\":\"ok\",\"process\":0,\"f\":\"txn\",\"value\":[[\"append\",\"x\",1],[\"r\",\"y\",[1]]]}",
                "{\"type\":\"ok\",\"process\":1,\"f\":\"txn\",\"value\":[[\"append\",\"y\",1],[\"r\",\"x\",[1]]]}",
                "{\"type\":\"ok\",\"process\":2,\"f\":\"txn\",\"value\":[[\"append\",\"z\",1]]}",
                "{\"type\":\"invoke\",\"process\":2,\"f\":\"txn\",\"value\":[[\"r\",\"z\",null]]}",
                "{\"type\":\"ok\",\"process\":2,\"f\":\"txn\",\"value\":[[\"r\",\"z\",[1]]]}");
        Path file = write("g1c.jsonl", lines);
        SplitResult r = SparkCheck.check(spark, file.toString(), SparkCheck.Request.of("read-committed"));
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.components()).isEqualTo(2);
        assertThat(r.joined()).isEqualTo(1);
        assertThat(r.invalidComponents()).containsExactly("x and 1 more keys");
        assertThat(r.text()).contains("G1c");
        assertThat(JSON.readTree(r.json()).path("notValid").get(0).path("report").path("verdict").asText()).isEqualTo("INVALID");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void anUnreadableLineIsReportedAtItsLineInTheFile() throws Exception {
        List<String> lines = kv(5, 400, 4, 3, 0);
        lines.set(356, "{\"type\":\"ok\",\"process\":");
        Path file = write("bad.jsonl", lines);
        // The library's reader, on the whole file, says where (Jackson notices at the next line's brace).
        String expected = libraryError(file);
        assertThat(expected).startsWith(file + ":35");
        assertThatThrownBy(() -> SparkCheck.check(spark, file.toString(), SparkCheck.Request.of("linearizable").withDatatype("kv")))
                .isInstanceOf(HistoryException.class).hasMessage(expected);
        // Far from the first lines (which the driver reads to infer the datatype), in a task's batch.
        List<String> many = kv(6, 6000, 4, 3, 0);
        many.set(9000, "{\"type\":\"ok\",\"process\":1,\"f\":\"get\",\"key\":\"k1\",\"value\":tru}");
        Path far = write("bad-far.jsonl", many);
        String farExpected = libraryError(far);
        assertThat(farExpected).startsWith(far + ":9001");
        assertThatThrownBy(() -> SparkCheck.check(spark, far.toString(), SparkCheck.Request.of("linearizable")))
                .isInstanceOf(HistoryException.class).hasMessage(farExpected);
    }

    /** What the library's reader says of the whole file, or "" when it reads it. */
    static String libraryError(Path file) {
        try {
            HistoryReader.read(file);
            return "";
        } catch (HistoryException e) {
            return e.getMessage();
        }
    }

    @Test
    void aFileWithoutClientOperationsIsUnusableNeverAPass() throws Exception {
        Path empty = write("empty.jsonl", List.of("", "  "));
        assertThatThrownBy(() -> SparkCheck.check(spark, empty.toString(), SparkCheck.Request.of("linearizable").withDatatype("kv")))
                .isInstanceOf(HistoryException.class).hasMessageContaining("no client operations");
        Path nemesis = write("nemesis.jsonl", List.of(
                "{\"type\":\"info\",\"process\":\"nemesis\",\"f\":\"start\",\"value\":null}",
                "{\"type\":\"info\",\"process\":\"nemesis\",\"f\":\"stop\",\"value\":null}"));
        assertThatThrownBy(() -> SparkCheck.check(spark, nemesis.toString(), SparkCheck.Request.of("linearizable").withDatatype("kv")))
                .isInstanceOf(HistoryException.class).hasMessageContaining("no client operations");
    }

    @Test
    void modelsThatNeedTheWholeHistoryAreRefused() throws Exception {
        Path kv = write("kv.jsonl", kv(1, 50, 2, 2, 0));
        assertThatThrownBy(() -> SparkCheck.check(spark, kv.toString(), SparkCheck.Request.of("sequential")))
                .isInstanceOf(UnsupportedCheck.class).hasMessageContaining("ariadne check");
        Path txn = write("txn.jsonl", twoStores(3, null));
        assertThatThrownBy(() -> SparkCheck.check(spark, txn.toString(), SparkCheck.Request.of("strict-serializable")))
                .isInstanceOf(UnsupportedCheck.class);
        assertThatThrownBy(() -> SparkCheck.check(spark, txn.toString(), SparkCheck.Request.of("strong-session-snapshot-isolation")))
                .isInstanceOf(UnsupportedCheck.class);
    }

    @Test
    void eventsWithoutAProcessCannotBePairedAcrossPartitions() throws Exception {
        Path file = write("anon.jsonl", List.of(
                "{\"type\":\"invoke\",\"f\":\"txn\",\"value\":[[\"append\",1,1]]}",
                "{\"type\":\"ok\",\"f\":\"txn\",\"value\":[[\"append\",1,1]]}"));
        assertThatThrownBy(() -> SparkCheck.check(spark, file.toString(), SparkCheck.Request.of("serializable")))
                .isInstanceOf(HistoryException.class).hasMessageContaining("name no process");
    }
}
