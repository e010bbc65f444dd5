package dev.ariadne.checker.split;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.model.CheckRequest;
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

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Histories, as JSON lines, for the tests of the checks part by part (this module's SpillCheckTest
 * and the Spark module's, through the test jar), and what the library says of them whole.
 */
public final class SplitHistories {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SplitHistories() {}

    /** A kv history from the generators; with {@code anomaly}, stale reads at that rate. */
    public static List<String> kv(long seed, int ops, int keys, int processes, double anomaly) throws IOException {
        SimObject o = Objects.of("kv", 5, keys);
        if (anomaly > 0) o = new Faulty(o, Anomaly.STALE_READ, anomaly, seed);
        return lines(new Simulation(ops, processes, 0.1, seed), o);
    }

    public static List<String> lines(Simulation sim, SimObject o) throws IOException {
        StringWriter w = new StringWriter();
        sim.writeJsonLines(o, w);
        return new ArrayList<>(List.of(w.toString().split("\n")));
    }

    /** As many recorders write them: each info completion without its key or value. How many there were. */
    public static int stripInfo(List<String> lines) throws IOException {
        int n = 0;
        for (int j = 0; j < lines.size(); j++) {
            ObjectNode o = (ObjectNode) JSON.readTree(lines.get(j));
            if (o.path("type").asText().equals("info")) {
                o.remove("key");
                o.putNull("value");
                lines.set(j, JSON.writeValueAsString(o));
                n++;
            }
        }
        return n;
    }

    /**
     * Two list-append histories on disjoint keys and processes, interleaved: at least two components.
     * The second store, whose keys and processes are numbered from 1000, injects {@code anomaly}.
     */
    public static List<String> twoStores(long seed, Anomaly anomaly) throws IOException {
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

    /** {x, y} joined by transactions with a G1c cycle (each reads the other's append); z alone and fine. */
    public static final List<String> G1C_ON_JOINED_KEYS = List.of(
            "{\"type\":\"invoke\",\"process\":0,\"f\":\"txn\",\"value\":[[\"append\",\"x\",1],[\"r\",\"y\",null]]}",
            "{\"type\":\"invoke\",\"process\":1,\"f\":\"txn\",\"value\":[[\"append\",\"y\",1],[\"r\",\"x\",null]]}",
            "{\"type\":\"invoke\",\"process\":2,\"f\":\"txn\",\"value\":[[\"append\",\"z\",1]]}",
            "{\"type\":\"ok\",\"process\":0,\"f\":\"txn\",\"value\":[[\"append\",\"x\",1],[\"r\",\"y\",[1]]]}",
            "{\"type\":\"ok\",\"process\":1,\"f\":\"txn\",\"value\":[[\"append\",\"y\",1],[\"r\",\"x\",[1]]]}",
            "{\"type\":\"ok\",\"process\":2,\"f\":\"txn\",\"value\":[[\"append\",\"z\",1]]}",
            "{\"type\":\"invoke\",\"process\":2,\"f\":\"txn\",\"value\":[[\"r\",\"z\",null]]}",
            "{\"type\":\"ok\",\"process\":2,\"f\":\"txn\",\"value\":[[\"r\",\"z\",[1]]]}");

    /** A check part by part of a history file under a model (the Spark one, or the one through spill files). */
    @FunctionalInterface
    public interface Splitter {
        SplitResult check(Path file, String model) throws Exception;
    }

    /**
     * The transactional models that decompose, checked part by part on {@code histories} seeded pairs
     * of stores ({@link #twoStores}, written in {@code dir}), against the library on the whole history:
     * the same verdict, every operation, at least two components joining keys, and only the second
     * store's keys in violation. How many checks were INVALID.
     */
    public static int transactionsAgree(long base, int histories, Path dir, Splitter split) throws Exception {
        Random rnd = new Random(base);
        Anomaly[] kinds = {null, Anomaly.ABORTED_READ, Anomaly.STALE_SNAPSHOT, Anomaly.STALE_READ};
        int invalid = 0;
        for (int i = 0; i < histories; i++) {
            long seed = rnd.nextLong();
            Anomaly kind = kinds[i % kinds.length];
            Path file = dir.resolve("txn-" + i + ".jsonl");
            java.nio.file.Files.write(file, twoStores(seed, kind));
            History h = HistoryReader.read(file);
            for (String model : List.of("serializable", "snapshot-isolation", "read-committed")) {
                CheckResult whole = Ariadne.check(h, CheckRequest.of(model).withDatatype("list-append"));
                SplitResult r = split.check(file, model);
                String why = "seed " + seed + " (base " + base + "), " + kind + ", " + model;
                assertThat(r.verdict()).as(why).isEqualTo(whole.verdict());
                assertThat(r.components()).as(why).isGreaterThanOrEqualTo(2);
                assertThat(r.joined()).as(why).isPositive();
                assertThat(r.operations()).as(why).isEqualTo(h.size());
                if (r.verdict() == Verdict.INVALID) {
                    invalid++;
                    // Only the second store misbehaves: its keys (from 1000) are the ones named.
                    for (String c : r.invalidComponents()) assertThat(Long.parseLong(c.split(" ")[0])).as(why).isGreaterThanOrEqualTo(1000);
                    assertThat(r.text()).as(why).contains("INVALID");
                }
            }
        }
        return invalid;
    }

    /** The keys the library finds in violation, by their labels. */
    public static Set<String> invalidKeys(CheckResult r) {
        Set<String> out = new TreeSet<>();
        for (PartitionResult p : r.partitions()) if (p.verdict() == Verdict.INVALID) out.add(p.partition());
        return out;
    }

    /** What the library's reader says of the whole file, or "" when it reads it. */
    public static String libraryError(Path file) {
        try {
            HistoryReader.read(file);
            return "";
        } catch (HistoryException e) {
            return e.getMessage();
        }
    }
}
