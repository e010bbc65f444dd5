package dev.ariadne.examples;

import dev.ariadne.checker.datatype.BuiltinDatatype;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.HierarchyResult;
import dev.ariadne.generators.Client;
import dev.ariadne.generators.FaultSchedule;
import dev.ariadne.generators.Nemesis;
import dev.ariadne.generators.Runner;
import dev.ariadne.generators.TxnObject;
import dev.ariadne.history.History;
import dev.ariadne.history.Op;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Records list-append transactions against a real SQL database at one isolation level and checks the
 * recorded history for the whole isolation lattice. By default the database is an embedded, in-memory
 * H2 (a fresh one per run); give {@code -Dariadne.jdbc.url=jdbc:postgresql://...} (with its driver on
 * the class path) to test another.
 * <pre>
 * ./mvnw -q -pl examples exec:java -Dexec.mainClass=dev.ariadne.examples.JdbcIsolationExample
 * </pre>
 */
public final class JdbcIsolationExample {
    private JdbcIsolationExample() {}

    /** H2's isolation levels, weakest first, as SET TRANSACTION ISOLATION LEVEL takes them. */
    public static final List<String> H2_LEVELS = List.of("READ UNCOMMITTED", "READ COMMITTED", "REPEATABLE READ", "SNAPSHOT", "SERIALIZABLE");

    /** What one run at one isolation level showed. */
    public record Outcome(String level, History history, HierarchyResult models, Map<String, Integer> anomalies) {
        /** The verdict of one model. */
        public String verdict(String model) {
            for (HierarchyResult.ModelVerdict v : models.models()) if (v.model().equals(model)) return v.verdict().name();
            throw new IllegalArgumentException(model);
        }
    }

    /**
     * What to record: {@code threads} clients making {@code txnsPerThread} transactions each of up to
     * four micro-ops over {@code keys} hot keys (a key is retired after {@code writesPerKey} writes),
     * with an optional nemesis (for example {@link LocalDatabase#connectionKiller}) killing a client's
     * connection about every {@code faultMillis}.
     */
    public record Workload(String datatype, int threads, int txnsPerThread, int keys, int writesPerKey, long seed, Nemesis nemesis, long faultMillis) {
        /** Jepsen's small list-append default: 4 keys, 16 appends each, no faults. */
        public static Workload listAppend(int threads, int txnsPerThread, long seed) {
            return new Workload("list-append", threads, txnsPerThread, 4, 16, seed, null, 0);
        }
    }

    /**
     * Runs {@code threads} clients making {@code txnsPerThread} transactions each against a fresh
     * database at {@code level}, writing the history to {@code out} (JSON Lines) as it goes, and checks it.
     */
    public static Outcome run(String url, String level, int threads, int txnsPerThread, long seed, Path out) throws Exception {
        return run(url, level, Workload.listAppend(threads, txnsPerThread, seed), out);
    }

    /** Records {@code workload} against the database at {@code url} at {@code level} and checks the whole lattice. */
    public static Outcome run(String url, String level, Workload workload, Path out) throws Exception {
        boolean append = workload.datatype().equals("list-append");
        if (append) JdbcListAppendClient.createTable(url);
        else JdbcRwRegisterClient.createTable(url);
        TxnObject calls = new TxnObject(workload.datatype(), 4, workload.keys(), workload.writesPerKey(), 0, workload.seed());
        List<JdbcClient> clients = new ArrayList<>();
        List<Op> events;
        try (Writer w = out == null ? null : Files.newBufferedWriter(out)) {
            Supplier<Client> connect = () -> {
                try {
                    JdbcClient c = append ? new JdbcListAppendClient(url, level) : new JdbcRwRegisterClient(url, level);
                    synchronized (clients) {
                        clients.add(c);
                    }
                    return c;
                } catch (Exception e) {
                    throw new IllegalStateException("cannot connect to " + url + ": " + e.getMessage(), e);
                }
            };
            Runner runner = new Runner(workload.threads(), workload.txnsPerThread(), workload.seed());
            events = workload.nemesis() == null ? runner.run(connect, calls::next, w)
                    : runner.run(connect, calls::next, w, workload.nemesis(), new FaultSchedule(List.of("kill"), workload.faultMillis(), 1, workload.seed()));
        } finally {
            for (JdbcClient c : clients) c.close();
        }
        History h = History.of(events);
        HierarchyResult all = Ariadne.checkAll(h, CheckRequest.all().withDatatype(append ? BuiltinDatatype.LIST_APPEND : BuiltinDatatype.RW_REGISTER));
        Map<String, Integer> anomalies = new TreeMap<>();
        for (CheckResult r : all.checks()) {
            for (String note : r.notes()) {
                if (!note.startsWith("anomalies found: ")) continue;
                for (String a : note.substring("anomalies found: ".length()).split(", ")) {
                    String[] p = a.split(" x");
                    anomalies.put(p[0], p.length > 1 ? Integer.parseInt(p[1]) : 1);
                }
            }
        }
        return new Outcome(level, h, all, anomalies);
    }

    public static void main(String[] args) throws Exception {
        String base = System.getProperty("ariadne.jdbc.url");
        System.out.printf("%-18s %-6s %-6s %-6s  %-36s %s%n", "level", "ok", "fail", "info", "strongest model satisfied", "anomalies");
        for (String level : H2_LEVELS) {
            String url = base != null ? base : "jdbc:h2:mem:ariadne-" + level.replace(' ', '-').toLowerCase() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=200";
            Outcome o = run(url, level, 6, 150, 42, null);
            long ok = o.history().operations().stream().filter(x -> x.isOk()).count();
            long fail = o.history().operations().stream().filter(x -> x.isFail()).count();
            long info = o.history().operations().stream().filter(x -> x.isInfo()).count();
            System.out.printf("%-18s %-6d %-6d %-6d  %-36s %s%n", level, ok, fail, info, String.join(", ", o.models().strongestSatisfied()), o.anomalies());
            if (base != null) break;
        }
    }
}
