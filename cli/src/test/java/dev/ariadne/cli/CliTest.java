package dev.ariadne.cli;

import dev.ariadne.generators.Objects;
import dev.ariadne.generators.Simulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's exit codes and messages, as a CI gate sees them. */
class CliTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Path example(String name) {
        return Path.of(System.getProperty("ariadne.root", "..")).resolve("examples/histories").resolve(name);
    }

    @Test
    void validHistoryExitsZero() {
        Run r = run("check", example("register-ok.jsonl").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("verdict:  VALID").contains("cas-register (inferred)");
    }

    @Test
    void aModelThatDoesNotFitTheOperationsIsAUsageErrorWithItsJsonObject() {
        // kv.json appends: the causal models read reads and writes only.
        Run r = run("check", example("kv.json").toString(), "-m", "causal", "--output", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(64);
        assertThat(r.out()).contains("\"report\":\"error\"").contains("\"exitCode\":64").contains("append");
        for (String m : new String[]{"causal-memory", "causal-convergent", "writes-follow-reads"}) {
            Run other = run("check", example("kv.json").toString(), "-m", m);
            assertThat(other.code()).as(m + ": " + other.err()).isEqualTo(64);
        }
        Run model = run("check", example("kv.json").toString(), "-m", "no-such-model");
        assertThat(model.code()).isEqualTo(64);
        assertThat(model.err()).contains("unknown consistency model no-such-model");
    }

    @Test
    void severalFilesAreCheckedInOneRunAndTheWorstOutcomeIsTheExitCode() throws Exception {
        String ok = example("register-ok.jsonl").toString();
        String stale = example("register-stale-read.jsonl").toString();
        String bad = example("malformed.jsonl").toString();
        Run valid = run("check", ok, example("list-append-ok.jsonl").toString());
        assertThat(valid.code()).as(valid.err()).isZero();
        assertThat(valid.out()).contains("file:     " + ok).contains("2 files: 2 valid, 0 invalid, 0 undecided, 0 unusable");
        // A file that cannot be read does not stop the others; a violation outranks it.
        Run mixed = run("check", ok, bad, stale);
        assertThat(mixed.code()).isEqualTo(1);
        assertThat(mixed.out()).contains("can't read 1 from a register holding 2").contains("3 files: 1 valid, 1 invalid, 0 undecided, 1 unusable");
        assertThat(mixed.err()).contains("malformed.jsonl:3");
        assertThat(run("check", ok, bad).code()).isEqualTo(3);
        Run json = run("check", ok, bad, stale, "-o", "json");
        com.fasterxml.jackson.databind.JsonNode o = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertThat(o.get("report").asText()).isEqualTo("files");
        assertThat(o.get("exitCode").asInt()).isEqualTo(1).isEqualTo(json.code());
        assertThat(o.get("files")).extracting(f -> f.get("exitCode").asInt()).containsExactly(0, 3, 1);
        // A model given once holds for every file; --html takes one file.
        assertThat(run("check", ok, stale, "-m", "sequential").code()).isZero();
        assertThat(run("check", ok, stale, "--html", "x.html").code()).isEqualTo(64);
        // A model that does not fit one file's operations refuses that file only.
        Run refused = run("check", example("list-append-ok.jsonl").toString(), ok, "-m", "serializable");
        assertThat(refused.code()).isEqualTo(64);
        assertThat(refused.out()).contains("2 files: 1 valid, 0 invalid, 0 undecided, 0 unusable, 1 refused");
    }

    @Test
    void violationExitsOneWithCounterexample() {
        Run r = run("check", example("register-stale-read.jsonl").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("INVALID").contains("Counterexample 1").contains("can't read 1 from a register holding 2")
                .contains("op 0 (p0 write 1)").contains("op 2 (p1 write 2)").contains("op 6 (p0 read → 1)");
        Run json = run("check", example("register-stale-read.jsonl").toString(), "--output", "json");
        assertThat(json.code()).isEqualTo(1);
        assertThat(json.out()).contains("\"verdict\" : \"INVALID\"").contains("\"minimal\" : true").contains("\"exitCode\" : 1");
    }

    @Test
    void transactionalHistoriesGateOnTheirIsolationLevelAndWriteDotCycles(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String skew = example("list-append-read-skew.edn").toString();
        Run r = run("check", "-m", "serializable", skew, "--report-dir", dir.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("G-single").contains("fractured-read").contains("T0 < T1 (wr)").contains("because T1 read key y as [1] and so observed T0's append of 1");
        Path dot = dir.resolve("serializable-1-G-single.dot");
        assertThat(java.nio.file.Files.readString(dot)).startsWith("digraph \"G-single\"").contains("[label=\"rw\"");
        assertThat(run("check", "-m", "read-committed", skew).code()).isEqualTo(0);
        Run json = run("check", "-m", "read-atomic", skew, "-o", "json");
        assertThat(json.out()).contains("\"anomaly\" : \"fractured-read\"").contains("\"exitCode\" : 1");
        assertThat(run("check", "-m", "strict-serializable", example("list-append-ok.jsonl").toString()).code()).isEqualTo(0);
        Run all = run("check", "-m", "all", skew);
        assertThat(all.out()).contains("weakest model violated:    read-atomic, repeatable-read, consistent-view");
    }

    @Test
    void aMalformedTransactionExitsThreeNamingFileAndLine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.edn");
        java.nio.file.Files.writeString(f, """
                {:process 0 :type :invoke :f :txn :value [[:append :x 1]]}
                {:process 0 :type :ok :f :txn :value [[:append :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :x 5]]}
                """);
        Run r = run("check", "-m", "serializable", f.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains(f + ":4: op 2").contains("a list-append read returns a list, not 5");
    }

    @Test
    void badInputExitsThreeNamingFileAndLine() throws Exception {
        Path f = example("malformed.jsonl");
        byte[] before = Files.readAllBytes(f);
        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(f);
        Run r = run("check", f.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("malformed.jsonl:3").contains("no pending invocation").doesNotContain("at dev.ariadne");
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(f)).as("the input file is never modified").isEqualTo(modified);
        assertThat(run("check", "no/such/file.jsonl").code()).isEqualTo(3);
        assertThat(run("validate", f.toString()).code()).isEqualTo(3);
    }

    @Test
    void datatypeMismatchIsBadInput() {
        Run r = run("check", example("register-ok.jsonl").toString(), "--datatype", "register");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("a register has no cas");
    }

    @Test
    void usageErrorsExitSixtyFour() {
        assertThat(run("check", example("register-ok.jsonl").toString(), "--model", "no-such-model").code()).isEqualTo(64);
        Run notYet = run("check", example("register-ok.jsonl").toString(), "--model", "serializable");
        assertThat(notYet.code()).isEqualTo(64);
        assertThat(notYet.err()).contains("transactional model");
        assertThat(run("check").code()).isEqualTo(64);
        assertThat(run("check", example("register-ok.jsonl").toString(), "--timeout", "soon").code()).isEqualTo(64);
        assertThat(run("frobnicate").code()).isEqualTo(64);
    }

    @Test
    void modelAllReportsTheHierarchyConsistently() {
        Run pram = run("check", example("pram-violation.jsonl").toString(), "--model", "all");
        assertThat(pram.code()).isEqualTo(1);
        assertThat(pram.out()).contains("weakest model violated:    causal, monotonic-reads").contains("== monotonic-reads ==")
                .contains("== causal ==").contains("WriteCORead").doesNotContain("== sequential ==").doesNotContain("== pram ==")
                .containsPattern("linearizable\\s+INVALID").containsPattern("sequential\\s+INVALID\\s+ruled out by");
        Run seq = run("check", example("sequential-not-linearizable.jsonl").toString(), "--model", "all", "--output", "json");
        assertThat(seq.code()).isEqualTo(1);
        assertThat(seq.out()).contains("\"strongestSatisfied\" : [ \"sequential\" ]").contains("\"weakestViolated\" : [ \"linearizable\" ]")
                .contains("implied by pram").contains("implied by causal-convergent");
        Run ok = run("check", example("register-ok.jsonl").toString(), "--model", "all");
        assertThat(ok.code()).isEqualTo(0);
        assertThat(ok.out()).contains("strongest model satisfied: linearizable").contains("implied by linearizable");
        assertThat(run("check", example("pram-violation.jsonl").toString(), "--model", "sequential").code()).isEqualTo(1);
        assertThat(run("check", example("sequential-not-linearizable.jsonl").toString(), "--model", "sequential").code()).isEqualTo(0);
        assertThat(run("check", example("sequential-not-linearizable.jsonl").toString(), "--model", "pram").code()).isEqualTo(0);
        assertThat(run("check", example("pram-violation.jsonl").toString(), "--model", "causal").code()).isEqualTo(1);
        assertThat(run("check", example("pram-violation.jsonl").toString(), "--model", "causal-memory").code()).isEqualTo(1);
        assertThat(run("check", example("pram-violation.jsonl").toString(), "--model", "writes-follow-reads").code()).isEqualTo(0);
        Run loop = run("check", example("writes-follow-reads-violation.jsonl").toString(), "--model", "writes-follow-reads");
        assertThat(loop.code()).isEqualTo(1);
        assertThat(loop.out()).contains("CyclicCO").contains("wrote after reading");
        assertThat(run("check", example("pram-violation.jsonl").toString(), "--model", "serializable").code()).isEqualTo(64);
    }

    @Test
    void budgetsGiveUnknown(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("big.jsonl");
        try (Writer w = Files.newBufferedWriter(f)) {
            new Simulation(30_000, 30, 0.3, 7).writeJsonLines(Objects.of("cas-register", 3, 1), w);
        }
        Run r = run("check", f.toString(), "--memory", "1k");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out()).contains("UNKNOWN").contains("memory budget");
    }

    @Test
    void validateConvertAndModels(@TempDir Path dir) throws Exception {
        Run v = run("validate", example("cas-register.edn").toString());
        assertThat(v.code()).isEqualTo(0);
        assertThat(v.out()).contains("4 operations").contains("1 nemesis events");
        // Several files: each one's summary or errors, the rest still read, exit 3 if any is not well formed.
        Path broken = temp("broken.edn", "{:process 0 :type :invoke :f :write :value 1}\n{:process 0 :type\n");
        Run several = run("validate", example("cas-register.edn").toString(), broken.toString());
        assertThat(several.code()).isEqualTo(3);
        assertThat(several.out()).contains("cas-register.edn: valid history").contains("2 files: 1 valid, 1 not");
        assertThat(several.err()).contains("broken.edn:3:1: malformed EDN");
        Path out = dir.resolve("h.json");
        assertThat(run("convert", example("cas-register.edn").toString(), out.toString(), "--to", "json").code()).isEqualTo(0);
        Run back = run("check", out.toString(), "--initial", "0");
        assertThat(back.code()).isEqualTo(0);
        Path edn = dir.resolve("h.edn");
        assertThat(run("convert", out.toString(), edn.toString(), "--to", "edn").code()).isEqualTo(0);
        assertThat(Files.readString(edn)).contains(":f :cas");
        Run same = run("convert", out.toString(), out.toString(), "--to", "jsonl");
        assertThat(same.code()).isEqualTo(64);
        Run models = run("models");
        assertThat(models.out()).contains("linearizable").contains("cas-register").contains("strict-serializable");
        assertThat(run("--version").out()).contains("ariadne");
    }

    @Test
    void jepsenKafkaHistoriesAreCheckedAsLogs() throws Exception {
        String ok = """
                {:index 0 :type :invoke :process 0 :f :assign :value [1]}
                {:index 1 :type :ok :process 0 :f :assign :value [1]}
                {:index 2 :type :invoke :process 1 :f :send :value [[:send 1 10]]}
                {:index 3 :type :ok :process 1 :f :send :value [[:send 1 [0 10]]]}
                {:index 4 :type :invoke :process 0 :f :poll :value [[:poll]]}
                {:index 5 :type :ok :process 0 :f :poll :value [[:poll {1 [[0 10]]}]]}
                """;
        Run valid = run("check", temp("ok.edn", ok).toString());
        assertThat(valid.code()).as(valid.out() + valid.err()).isEqualTo(0);
        assertThat(valid.out()).contains("model:    log").contains("datatype: log (inferred)").contains("independent verifier");
        Run lost = run("check", temp("lost.edn", ok.replace("[[:send 1 10]]}\n", "[[:send 1 10] [:send 1 11]]}\n")
                .replace("[[:send 1 [0 10]]]", "[[:send 1 [0 10]] [:send 1 [1 11]]]").replace("[[0 10]]", "[[1 11]]")).toString());
        assertThat(lost.code()).as(lost.out()).isEqualTo(1);
        assertThat(lost.out()).contains("lost-write").contains("op 2 (p1 send");
        Run malformed = run("check", temp("bad.edn", ok.replace("[[:poll {1 [[0 10]]}]]", "[[:poll {1 [10]}]]")).toString());
        assertThat(malformed.code()).isEqualTo(3);
        assertThat(malformed.err()).contains("bad.edn:6").contains("[offset v] pairs");
        assertThat(run("check", temp("ok2.edn", ok).toString(), "-m", "linearizable").code()).isEqualTo(64);
        // Sends alone are still Kafka's micro-ops, not a mailbox's [to message].
        Run sends = run("check", temp("sends.edn", "{:index 0 :type :invoke :process 1 :f :send :value [[:send 1 10]]}\n"
                + "{:index 1 :type :info :process 1 :f :send :value [[:send 1 10]]}\n").toString());
        assertThat(sends.out()).contains("datatype: log (inferred)");
        // Read skew across two keys: Kafka's promise allows it; serializable transactions over logs do not.
        String skew = """
                {:index 0 :type :invoke :process 0 :f :assign :value [1 2]}
                {:index 1 :type :ok :process 0 :f :assign :value [1 2]}
                {:index 2 :type :invoke :process 1 :f :send :value [[:send 1 10]]}
                {:index 3 :type :ok :process 1 :f :send :value [[:send 1 [0 10]]]}
                {:index 4 :type :invoke :process 2 :f :txn :value [[:send 1 11] [:send 2 20]]}
                {:index 5 :type :ok :process 2 :f :txn :value [[:send 1 [1 11]] [:send 2 [0 20]]]}
                {:index 6 :type :invoke :process 3 :f :poll :value [[:poll]]}
                {:index 7 :type :ok :process 3 :f :poll :value [[:poll {1 [[0 10]] 2 [[0 20]]}]]}
                {:index 8 :type :invoke :process 0 :f :poll :value [[:poll]]}
                {:index 9 :type :ok :process 0 :f :poll :value [[:poll {1 [[0 10] [1 11]] 2 [[0 20]]}]]}
                """;
        String file = temp("skew.edn", skew).toString();
        assertThat(run("check", file).code()).isEqualTo(0);
        Run serializable = run("check", file, "-m", "serializable");
        assertThat(serializable.code()).as(serializable.out()).isEqualTo(1);
        assertThat(serializable.out()).contains("G-single").contains("op 6 polled key 1 only up to the message before 11, which op 4 sent");
        Run all = run("check", file, "-m", "all");
        assertThat(all.out()).contains("strongest model satisfied: log").contains("weakest model violated:    serializable");
    }

    /** A directory of the test's own, deleted after it. */
    @TempDir
    Path tmp;

    private Path temp(String name, String text) throws java.io.IOException {
        Path dir = java.nio.file.Files.createTempDirectory(tmp, "ariadne-cli");
        Path f = dir.resolve(name);
        java.nio.file.Files.writeString(f, text);
        return f;
    }

    @Test
    void splitChecksPartByPartWithTheSameExitCodes(@TempDir Path dir) throws Exception {
        Path spill = Files.createDirectory(dir.resolve("spill"));
        Run ok = run("check", "--split-dir", spill.toString(), example("register-ok.jsonl").toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("verdict:    VALID").contains("part by part");
        Run stale = run("check", "--split", example("register-stale-read.jsonl").toString(), "-o", "json");
        assertThat(stale.code()).as(stale.err()).isEqualTo(1);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(stale.out()).path("notValid").get(0).path("report").path("verdict").asText())
                .isEqualTo("INVALID");
        try (java.util.stream.Stream<Path> left = Files.list(spill)) {
            assertThat(left).as("spill files left behind").isEmpty();
        }
        // Models that need the whole history, input read twice, whole-history pages: usage errors; a JSON array is unusable.
        Run all = run("check", "--split", "-m", "all", example("register-ok.jsonl").toString());
        assertThat(all.code()).isEqualTo(64);
        assertThat(all.err()).contains("without --split");
        assertThat(run("check", "--split", "-").code()).isEqualTo(64);
        assertThat(run("check", "--split", "--html", dir.resolve("x.html").toString(), example("register-ok.jsonl").toString()).code()).isEqualTo(64);
        assertThat(run("check", "--split-dir", dir.resolve("absent").toString(), example("register-ok.jsonl").toString()).code()).isEqualTo(64);
        Run array = run("check", "--split", example("kv.json").toString());
        assertThat(array.code()).isEqualTo(3);
        assertThat(array.err()).contains("ariadne convert --to jsonl");
        Run empty = run("check", "--split", temp("empty.jsonl", "\n").toString());
        assertThat(empty.code()).isEqualTo(3);
    }

    @Test
    void aFileWithNoOperationIsUnusableInputNeverAPass() throws Exception {
        for (String text : new String[]{"", "[]", "; only a comment\n", "INFO  jepsen.core - nothing here\n",
                "{:process :nemesis, :type :info, :f :start, :value nil}\n"}) {
            Path f = temp("h.edn", text);
            Run r = run("check", f.toString());
            assertThat(r.code()).as(text + "\n" + r.out() + r.err()).isEqualTo(3);
            assertThat(r.err()).contains(f.toString());
        }
    }

    @Test
    void aNewerJepsenLogWithAStaleReadIsInvalid() throws Exception {
        Path log = temp("jepsen.log", """
                2024-01-01 00:00:00,000{GMT}\tINFO\t[jepsen worker 0] jepsen.util: [ 100 ] 0\t:invoke\t:write\t1
                2024-01-01 00:00:00,001{GMT}\tINFO\t[jepsen worker 0] jepsen.util: [ 110 ] 0\t:ok\t:write\t1
                2024-01-01 00:00:00,002{GMT}\tINFO\t[jepsen worker 1] jepsen.util: [ 120 ] 1\t:invoke\t:read\tnil
                2024-01-01 00:00:00,003{GMT}\tINFO\t[jepsen worker 1] jepsen.util: [ 130 ] 1\t:ok\t:read\tnil
                """);
        Run r = run("check", log.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    }

    @Test
    void aTransactionalHistoryIsCheckedAgainstTheWholeLatticeByDefault() throws Exception {
        Path h = temp("t.edn", """
                {:process 0 :type :invoke :f :txn :value [[:append :x 1]]}
                {:process 0 :type :ok :f :txn :value [[:append :x 1]]}
                {:process 1 :type :invoke :f :txn :value [[:r :x nil]]}
                {:process 1 :type :ok :f :txn :value [[:r :x [1]]]}
                """);
        Run r = run("check", h.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(0);
        assertThat(r.out()).contains("strict-serializable").contains("read-committed");
    }

    @Test
    void negativeLimitsAreUsageErrors() throws Exception {
        Path h = example("register-ok.jsonl");
        assertThat(run("check", h.toString(), "--timeout", "-5s").code()).isEqualTo(64);
        assertThat(run("check", h.toString(), "--threads", "-1").code()).isEqualTo(64);
        assertThat(run("check", "-V").out()).isNotBlank();
    }

    @Test
    void errorsComeAsJsonWhenJsonIsAsked() throws Exception {
        Run bad = run("check", example("malformed.jsonl").toString(), "--output", "json");
        assertThat(bad.code()).isEqualTo(3);
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bad.out());
        assertThat(tree.get("exitCode").asInt()).isEqualTo(3);
        assertThat(tree.get("error").asText()).contains("malformed.jsonl:3");
        Run empty = run("check", temp("e.jsonl", "").toString(), "-o", "json");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(empty.out()).get("exitCode").asInt()).isEqualTo(3);
        Run usage = run("check", example("register-ok.jsonl").toString(), "--timeout", "-1s", "--output", "json");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(usage.out()).get("exitCode").asInt()).isEqualTo(64);
    }

    @Test
    void validateChecksWhatCheckNeeds() throws Exception {
        Path cas = temp("cas.jsonl", """
                {"type":"invoke","process":0,"f":"cas","value":5}
                {"type":"ok","process":0,"f":"cas","value":5}
                """);
        Run v = run("validate", cas.toString());
        assertThat(v.code()).as(v.out() + v.err()).isEqualTo(3);
        assertThat(run("check", cas.toString()).code()).isEqualTo(3);
        Path txn = temp("t.edn", """
                {:process 0 :type :invoke :f :txn :value [[:append :x 1] [:frob :x 2]]}
                {:process 0 :type :ok :f :txn :value [[:append :x 1] [:frob :x 2]]}
                """);
        Run t = run("validate", txn.toString());
        assertThat(t.code()).as(t.out() + t.err()).isEqualTo(3);
        assertThat(t.err()).contains("t.edn:2").contains("frob");
        assertThat(run("validate", temp("e.jsonl", "").toString()).code()).isEqualTo(3);
        assertThat(run("validate", example("register-ok.jsonl").toString()).code()).isEqualTo(0);
    }

    @Test
    void aReadOfAValueNoOneWroteSuggestsTheInitialValue() throws Exception {
        Path h = temp("k.edn", """
                {:process 0 :type :invoke :f :read :value nil}
                {:process 0 :type :ok :f :read :value 0}
                {:process 1 :type :invoke :f :write :value 1}
                {:process 1 :type :ok :f :write :value 1}
                """);
        Run r = run("check", h.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("--initial 0");
        assertThat(run("check", h.toString(), "--initial", "0").code()).isEqualTo(0);
    }

    @Test
    void convertNeverReplacesADirectoryAndABadReportDirStillReports() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory(tmp, "ariadne-out");
        java.nio.file.Files.writeString(dir.resolve("keep"), "x");
        Run c = run("convert", example("register-ok.jsonl").toString(), dir.toString(), "--to", "edn");
        assertThat(c.code()).isEqualTo(64);
        assertThat(dir.resolve("keep")).exists();
        Path file = dir.resolve("keep");
        Run r = run("check", "-m", "serializable", example("list-append-read-skew.edn").toString(), "--report-dir", file.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("G-single");
        assertThat(r.err()).contains("not a directory");
    }
}
