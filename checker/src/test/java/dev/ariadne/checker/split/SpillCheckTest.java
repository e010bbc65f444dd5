package dev.ariadne.checker.split;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.Limits;
import dev.ariadne.checker.model.UnsupportedCheck;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.io.HistoryReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;

import static dev.ariadne.checker.split.SplitHistories.invalidKeys;
import static dev.ariadne.checker.split.SplitHistories.kv;
import static dev.ariadne.checker.split.SplitHistories.libraryError;
import static dev.ariadne.checker.split.SplitHistories.stripInfo;
import static dev.ariadne.checker.split.SplitHistories.twoStores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The check part by part on one machine against the library on the whole history: the same verdict,
 * the same keys in violation and every operation checked, on seeded generated histories (kv under
 * linearizability, with and without completions that name their key; interleaved list-append stores
 * under the transactional models that decompose), with spill files small enough that there are
 * many; clear errors for what it cannot check; no spill file left behind.
 */
class SpillCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path write(String name, List<String> lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, lines);
        return p;
    }

    /** The request with spill files of about {@code bytes} each, in this test's directory. */
    SpillCheck.Request request(String model, String datatype, long bytes) {
        return new SpillCheck.Request(model, datatype, null, false, DatatypeOptions.DEFAULT, new Limits(0, 0, 2), dir.resolve("spill"), bytes);
    }

    SplitResult spill(Path file, String model, String datatype, long bytes) throws Exception {
        Files.createDirectories(dir.resolve("spill"));
        SplitResult r = SpillCheck.check(file, request(model, datatype, bytes));
        try (Stream<Path> left = Files.list(dir.resolve("spill"))) {
            assertThat(left).as("spill files left behind").isEmpty();
        }
        return r;
    }

    @Test
    void kvAgreesWithTheLibraryKeyByKey() throws Exception {
        long base = Long.getLong("ariadne.seed", 20261202L);
        Random rnd = new Random(base);
        int invalid = 0, stripped = 0;
        for (int i = 0; i < 120; i++) {
            long seed = rnd.nextLong();
            int keys = 1 + rnd.nextInt(10);
            List<String> lines = kv(seed, 100 + rnd.nextInt(500), keys, 2 + rnd.nextInt(5), i % 2 == 0 ? 0 : 0.05);
            if (i % 3 == 0) stripped += stripInfo(lines);
            Path file = write("kv-" + i + ".jsonl", lines);
            String why = "seed " + seed + " (base " + base + "), " + keys + " keys";
            CheckResult whole = Ariadne.check(HistoryReader.read(file), CheckRequest.of("linearizable").withDatatype("kv"));
            SplitResult r = spill(file, "linearizable", i % 4 == 0 ? null : "kv", 1 + rnd.nextInt(20_000));
            assertThat(r.verdict()).as(why).isEqualTo(whole.verdict());
            assertThat(r.datatype()).as(why).isEqualTo("kv");
            assertThat(new TreeSet<>(r.invalidComponents())).as(why).isEqualTo(invalidKeys(whole));
            assertThat(r.operations()).as(why).isEqualTo(HistoryReader.read(file).size());
            assertThat(r.events()).as(why).isEqualTo(lines.size());
            assertThat(r.where()).isEqualTo(SpillCheck.WHERE);
            // The parts not VALID come in order: INVALID first, then by key.
            assertThat(r.invalidComponents()).as(why).isSorted();
            if (r.verdict() == Verdict.VALID) {
                assertThat(r.summary()).isEqualTo((r.components() == 1 ? "the one component is" : "all " + r.components() + " components are") + " linearizable: " + r.operations() + " operations");
            }
            if (r.verdict() == Verdict.INVALID) invalid++;
        }
        // The generator's stale reads make about half of them invalid: both verdicts are compared.
        assertThat(invalid).as("invalid histories among 120").isBetween(20, 100);
        assertThat(stripped).as("info completions without their key").isPositive();
    }

    @Test
    void transactionsAgreeWithTheLibraryComponentByComponent() throws Exception {
        long base = Long.getLong("ariadne.seed", 4243L);
        Random rnd = new Random(base);
        // Files of a few lines each: components joined by transactions are dealt again, out of the file's order.
        int invalid = SplitHistories.transactionsAgree(base, 24, dir, (file, model) -> spill(file, model, null, 200 + rnd.nextInt(4000)));
        assertThat(invalid).as("invalid checks among 72").isPositive();
    }

    @Test
    void aCycleAcrossJoinedKeysIsFoundWhateverFileEachKeyFirstLandsIn() throws Exception {
        Path file = write("g1c.jsonl", SplitHistories.G1C_ON_JOINED_KEYS);
        for (long bytes : new long[] {1, 100, 1 << 20}) {
            SplitResult r = spill(file, "read-committed", null, bytes);
            assertThat(r.verdict()).as("%d bytes a file", bytes).isEqualTo(Verdict.INVALID);
            assertThat(r.components()).isEqualTo(2);
            assertThat(r.joined()).isEqualTo(1);
            assertThat(r.invalidComponents()).containsExactly("x and 1 more keys");
            assertThat(r.text()).contains("G1c").contains(SpillCheck.WHERE).contains("(1 join several keys)");
            assertThat(JSON.readTree(r.json()).path("notValid").get(0).path("report").path("verdict").asText()).isEqualTo("INVALID");
            assertThat(r.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void anUnreadableLineIsReportedAtItsLineInTheFile() throws Exception {
        assertSameError(write("bad.jsonl", with(kv(5, 400, 4, 3, 0), 356, "{\"type\":\"ok\",\"process\":")), "35", "kv");
        // In a later batch of the dealing pass (the datatype named, so the first lines are only read for the format),
        // and in the first lines, read to infer the datatype.
        Path far = write("bad-far.jsonl", with(kv(6, 6000, 4, 3, 0), 9000, "{\"type\":\"ok\",\"process\":1,\"f\":\"get\",\"key\":\"k1\",\"value\":tru}"));
        assertSameError(far, "9001", "kv");
        assertSameError(far, "9001", null);
        // An operation the datatype does not know is located at its completion's line, as the whole check says.
        List<String> odd = kv(7, 200, 2, 2, 0);
        int ok = -1, invoke = -1;
        for (int j = 0; j < odd.size() && ok < 0; j++) if (odd.get(j).contains("\"ok\"")) ok = j;
        String process = odd.get(ok).replaceFirst(".*\"process\":(\\d+).*", "$1");
        for (int j = ok - 1; j >= 0 && invoke < 0; j--) if (odd.get(j).contains("\"process\":" + process + ",")) invoke = j;
        for (int j : new int[] {invoke, ok}) odd.set(j, odd.get(j).replaceFirst("\"f\":\"[a-z]+\"", "\"f\":\"frob\""));
        Path mismatch = write("mismatch.jsonl", odd);
        assertThatThrownBy(() -> spill(mismatch, "linearizable", "kv", 1000)).isInstanceOf(HistoryException.class)
                .hasMessageStartingWith(mismatch + ":" + (ok + 1) + ":").hasMessageContaining("frob");
    }

    /** The split check refuses {@code file} with the error the library's reader gives the whole file, which is at {@code line}. */
    void assertSameError(Path file, String line, String datatype) {
        String expected = libraryError(file);
        assertThat(expected).startsWith(file + ":" + line);
        assertThatThrownBy(() -> spill(file, "linearizable", datatype, 1000)).isInstanceOf(HistoryException.class).hasMessage(expected);
    }

    static List<String> with(List<String> lines, int at, String line) {
        lines.set(at, line);
        return lines;
    }

    @Test
    void aFileWithoutClientOperationsIsUnusableNeverAPass() throws Exception {
        Path empty = write("empty.jsonl", List.of("", "  "));
        assertThatThrownBy(() -> spill(empty, "linearizable", "kv", 1000)).isInstanceOf(HistoryException.class).hasMessageContaining("no client operations");
        Path nemesis = write("nemesis.jsonl", List.of(
                "{\"type\":\"info\",\"process\":\"nemesis\",\"f\":\"start\",\"value\":null}",
                "{\"type\":\"info\",\"process\":\"nemesis\",\"f\":\"stop\",\"value\":null}"));
        assertThatThrownBy(() -> spill(nemesis, "linearizable", "kv", 1000)).isInstanceOf(HistoryException.class).hasMessageContaining("no client operations");
    }

    @Test
    void whatCannotBeSplitIsRefused() throws Exception {
        Path kv = write("kv.jsonl", kv(1, 50, 2, 2, 0));
        assertThatThrownBy(() -> spill(kv, "sequential", null, 1000)).isInstanceOf(UnsupportedCheck.class).hasMessageContaining("without --split");
        Path txn = write("txn.jsonl", twoStores(3, null));
        assertThatThrownBy(() -> spill(txn, "strict-serializable", null, 1000)).isInstanceOf(UnsupportedCheck.class);
        Path array = write("array.json", List.of("[{\"type\":\"invoke\",\"process\":0,\"f\":\"read\",\"value\":null},",
                "{\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":null}]"));
        assertThatThrownBy(() -> spill(array, "linearizable", "register", 1000)).isInstanceOf(HistoryException.class)
                .hasMessageContaining("ariadne convert --to jsonl");
        assertThatThrownBy(() -> spill(kv, "all", null, 1000)).isInstanceOf(UnsupportedCheck.class).hasMessageContaining("without --split");
        assertThatThrownBy(() -> SpillCheck.check(kv, new SpillCheck.Request("linearizable", "kv", dev.ariadne.history.io.HistoryFormat.JSON, false,
                DatatypeOptions.DEFAULT, Limits.DEFAULT, null, 1000))).isInstanceOf(UnsupportedCheck.class).hasMessageContaining("convert");
        Path anonymous = write("anon.jsonl", List.of(
                "{\"type\":\"invoke\",\"f\":\"txn\",\"value\":[[\"append\",1,1]]}",
                "{\"type\":\"ok\",\"f\":\"txn\",\"value\":[[\"append\",1,1]]}"));
        assertThatThrownBy(() -> spill(anonymous, "serializable", null, 1000)).isInstanceOf(HistoryException.class)
                .hasMessageContaining("name no process");
    }

    @Test
    void aTimeLimitLeavesThePartsUndecidedNeverValid() throws Exception {
        // One key of 40,000 operations: reading it alone takes longer than the millisecond given to the whole check.
        Path file = write("long.jsonl", kv(11, 40_000, 1, 12, 0));
        SpillCheck.Request req = new SpillCheck.Request("linearizable", "kv", null, false, DatatypeOptions.DEFAULT, new Limits(1, 0, 1),
                null, 1000);
        SplitResult r = SpillCheck.check(file, req);
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.notValid().get(0).detail()).contains("budget");
        assertThat(JSON.readTree(r.json()).path("notValid").get(0).path("detail").asText()).contains("budget");
        assertThat(r.summary()).isEqualTo("1 of 1 component is undecided, none violates linearizable");
        // Ten minutes for the whole run is time enough: each part gets what is left of it.
        Path small = write("small.jsonl", kv(12, 1000, 3, 3, 0));
        SplitResult enough = SpillCheck.check(small, new SpillCheck.Request("linearizable", "kv", null, false, DatatypeOptions.DEFAULT,
                new Limits(600_000, 0, 1), null, 1000));
        assertThat(enough.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void theDefaultsAreThoseOfAriadneCheck() throws Exception {
        // No model: linearizable for single objects, serializable for transactions; causal on transactions is causal-transactional.
        assertThat(spill(write("kv.jsonl", kv(2, 100, 3, 2, 0)), null, null, 1000).model()).isEqualTo("linearizable");
        Path txn = write("txn.jsonl", twoStores(4, null));
        assertThat(spill(txn, null, null, 1000).model()).isEqualTo("serializable");
        SplitResult causal = spill(txn, "causal", null, 1000);
        assertThat(causal.model()).isEqualTo("causal-transactional");
        assertThat(causal.verdict()).isEqualTo(Ariadne.check(HistoryReader.read(txn), CheckRequest.of("causal-transactional").withDatatype("list-append")).verdict());
        assertThat(SpillCheck.Request.of("serializable").fileBytes()).isEqualTo(SpillCheck.Request.DEFAULT_FILE_BYTES);
    }
}
