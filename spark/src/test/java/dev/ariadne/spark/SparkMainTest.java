package dev.ariadne.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ariadne.checker.split.SplitHistories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The command's exit codes are the CLI's (0 valid, 1 invalid, 3 unusable input, 64 usage), and the
 * real histories of ../shared/histories that it can read get their published verdicts.
 */
class SparkMainTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        LocalSpark.get();
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = SparkMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void exitCodesAreTheCli() throws Exception {
        Path valid = dir.resolve("valid.jsonl");
        Files.write(valid, SplitHistories.kv(11, 300, 3, 3, 0));
        Run v = run(valid.toString());
        assertThat(v.code()).as(v.err()).isEqualTo(0);
        assertThat(v.out()).contains("verdict:    VALID").contains("components");

        Path invalid = dir.resolve("invalid.jsonl");
        Files.write(invalid, List.of(
                "{\"type\":\"invoke\",\"process\":0,\"f\":\"put\",\"key\":\"a\",\"value\":1}",
                "{\"type\":\"ok\",\"process\":0,\"f\":\"put\",\"key\":\"a\",\"value\":1}",
                "{\"type\":\"invoke\",\"process\":1,\"f\":\"get\",\"key\":\"a\",\"value\":null}",
                "{\"type\":\"ok\",\"process\":1,\"f\":\"get\",\"key\":\"a\",\"value\":2}",
                "{\"type\":\"invoke\",\"process\":1,\"f\":\"get\",\"key\":\"b\",\"value\":null}",
                "{\"type\":\"ok\",\"process\":1,\"f\":\"get\",\"key\":\"b\",\"value\":null}"));
        Run i = run("--datatype", "kv", "--output", "json", invalid.toString());
        assertThat(i.code()).as(i.err()).isEqualTo(1);
        JsonNode j = new ObjectMapper().readTree(i.out());
        assertThat(j.path("verdict").asText()).isEqualTo("INVALID");
        assertThat(j.path("exitCode").asInt()).isEqualTo(1);
        assertThat(j.path("components").asInt()).isEqualTo(2);
        assertThat(j.path("notValid").get(0).path("component").asText()).isEqualTo("a");

        Path bad = dir.resolve("bad.jsonl");
        Files.write(bad, List.of("{\"type\":\"invoke\",\"process\":0,\"f\":\"put\",\"key\":\"a\",\"value\":1}", "{\"type\":"));
        Run b = run("--datatype", "kv", bad.toString());
        assertThat(b.code()).isEqualTo(3);
        assertThat(b.err()).contains(bad + ":2:");

        assertThat(run("--model", "sequential", valid.toString()).code()).isEqualTo(64);
        assertThat(run("--timeout", "soon", valid.toString()).code()).isEqualTo(64);
        assertThat(run("--no-such-option", valid.toString()).code()).isEqualTo(64);
    }

    /** The real histories the Spark check reads (one event per line, every event with a process), with their published verdicts. */
    @Test
    void sharedHistoriesGetTheirPublishedVerdicts() throws Exception {
        Path shared = Path.of(System.getProperty("ariadne.root", ".")).toAbsolutePath().resolve("../shared/histories").normalize();
        assumeTrue(Files.isDirectory(shared), "skipped: " + shared + " is absent (the shared real histories live beside the repository)");
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(shared.resolve("expected.tsv"))) {
            String[] c = line.split("\t");
            if (line.startsWith("path\t") || c.length < 5 || !c[2].equals("linearizable") || !c[1].equals("cas-register")) continue;
            rows.add(c);
        }
        assumeTrue(!rows.isEmpty(), "skipped: no cas-register rows in expected.tsv");
        // Every etcd log and Knossos's bad cas-register histories, and every fifth of the rest: the verdicts of both kinds.
        int checked = 0, invalid = 0, spread = 0;
        for (int n = 0; n < rows.size(); n++) {
            String[] c = rows.get(n);
            if (!c[0].startsWith("etcd/") && !c[0].contains("/bad/") && n % 5 != 0) continue;
            if (c[0].startsWith("etcd/") && n % 4 != 0) continue;
            String initial = c[4].replaceAll(".*initial=(\\S+).*", "$1");
            String nilRead = c[4].replaceAll(".*nil-read=(\\S+).*", "$1");
            Path file = shared.resolve(c[0]);
            Run r = run("--datatype", "cas-register", "--initial", initial, "--nil-read", nilRead, "--timeout", "60s", file.toString());
            if (!onePerLine(file)) {
                // An event pretty-printed over several lines (Knossos's nemesis events) cannot be routed: unusable, never a verdict.
                assertThat(r.code()).as(c[0] + ": " + r.err()).isEqualTo(3);
                assertThat(r.err()).as(c[0]).contains("ariadne convert --to jsonl");
                spread++;
                continue;
            }
            int expected = c[3].equals("valid") ? 0 : 1;
            assertThat(r.code()).as(c[0] + ": " + r.err() + r.out()).isEqualTo(expected);
            checked++;
            if (expected == 1) invalid++;
        }
        assertThat(checked).as("checked (" + spread + " spread over lines)").isGreaterThan(10);
        assertThat(invalid).isPositive();
    }

    /** Whether each event of the file sits on one line (comments and blank lines aside; EDN's outer brackets allowed). */
    static boolean onePerLine(Path file) throws java.io.IOException {
        for (String l : Files.readAllLines(file)) {
            String t = l.strip();
            if (t.isEmpty() || t.startsWith(";") || t.contains("jepsen.util") || !t.startsWith("{") && !t.startsWith("[{")) continue;
            if (!t.endsWith("}") && !t.endsWith("}]")) return false;
        }
        return true;
    }

    @Test
    void elleHistoriesWithoutProcessesAreRefusedNotPassed() throws Exception {
        Path shared = Path.of(System.getProperty("ariadne.root", ".")).toAbsolutePath().resolve("../shared/histories/elle").normalize();
        assumeTrue(Files.isDirectory(shared), "skipped: " + shared + " is absent");
        Run r = run("--model", "serializable", shared.resolve("paper-example.edn").toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("name no process");
    }
}
