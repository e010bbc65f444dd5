package dev.ariadne.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.UnsupportedCheck;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.checker.split.SplitHistories;
import dev.ariadne.checker.split.SplitResult;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.io.HistoryReader;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static dev.ariadne.checker.split.SplitHistories.invalidKeys;
import static dev.ariadne.checker.split.SplitHistories.kv;
import static dev.ariadne.checker.split.SplitHistories.libraryError;
import static dev.ariadne.checker.split.SplitHistories.twoStores;
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

    Path write(String name, List<String> lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, lines);
        return p;
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
            int stripped = SplitHistories.stripInfo(lines);
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

    @Test
    void transactionsAgreeWithTheLibraryComponentByComponent() throws Exception {
        long base = Long.getLong("ariadne.seed", 4242L);
        int invalid = SplitHistories.transactionsAgree(base, 8, dir,
                (file, model) -> SparkCheck.check(spark, file.toString(), SparkCheck.Request.of(model).withPartitions(3)));
        assertThat(invalid).as("invalid checks among 24").isPositive();
    }

    @Test
    void aComponentIsNamedByItsSmallestKeyAndHowManyItJoins() throws Exception {
        Path file = write("g1c.jsonl", SplitHistories.G1C_ON_JOINED_KEYS);
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
