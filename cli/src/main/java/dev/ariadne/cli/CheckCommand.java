package dev.ariadne.cli;

import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.datatype.BuiltinDatatype;
import dev.ariadne.checker.datatype.Capability;
import dev.ariadne.checker.datatype.Datatypes;
import dev.ariadne.checker.model.Limits;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.NilRead;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.report.HierarchyResult;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Reports;
import dev.ariadne.checker.split.SpillCheck;
import dev.ariadne.checker.split.SplitResult;
import dev.ariadne.history.io.ReadOptions;
import dev.ariadne.history.History;
import dev.ariadne.history.io.EdnParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Checks a history against a consistency model and prints the verdict, with a counterexample for each violation.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "the history: JSON, JSON Lines, Jepsen EDN or Jepsen log lines; several are checked one after another in one run")
    List<Path> files;

    /** The file being checked, and where its report goes (standard output, or a buffer when several are gathered into one JSON report). */
    private Path file;
    private java.io.PrintWriter out;

    @Option(names = {"-m", "--model"}, description = "the consistency model, or all for every model at once (default: all for a transactional history, linearizable otherwise; see 'ariadne models')")
    String model;

    @Option(names = {"-d", "--datatype"}, description = "the datatype (default: inferred from the operations' f values)")
    String datatype;

    @Option(names = "--initial", paramLabel = "VALUE", description = "initial value, in EDN or JSON: 0, nil, \"x\", {x 0, y 0} (default: the datatype's, nil for registers)")
    String initial;

    @Option(names = "--nil-read", paramLabel = "absent|unknown", defaultValue = "absent",
            description = "what an ok read of nil means: the register held nil (absent: etcd, Porcupine) or nothing was observed (unknown: Knossos). Default: ${DEFAULT-VALUE}")
    String nilRead;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "time limit, e.g. 30s, 500ms, 2m; then the verdict is UNKNOWN (exit 2). Default: none")
    String timeout;

    @Option(names = "--memory", paramLabel = "SIZE", description = "limit on the search memo, e.g. 512m, 2g; a search that fills it without getting deeper is UNKNOWN (exit 2). Default: a quarter of the heap")
    String memory;

    @Option(names = "--threads", description = "partitions checked at once (default: one per core)")
    int threads;

    @Option(names = "--assume", paramLabel = "none|sequential-keys|linearizable-keys", defaultValue = "none",
            description = "rw-register: what to assume about each key's version order (the report names it). Default: ${DEFAULT-VALUE}")
    String assume;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    String output;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "also write report.html and each transactional anomaly's cycle as a Graphviz DOT file into DIR (made if absent)")
    Path reportDir;

    @Option(names = {"-q", "--quiet"}, description = "no progress line on standard error (shown only on a terminal, for checks longer than a few seconds)")
    boolean quiet;

    @Option(names = "--html", paramLabel = "FILE", description = "also write the report as one self-contained HTML page: the verdict, a timeline of the operations, each counterexample on it")
    Path html;

    @Option(names = "--split", description = "check the history part by part, holding one part in memory at a time: each key (linearizable)"
            + " or component of keys (serializable and the other transactional models without process or real-time order) is spilled to a"
            + " temporary file, then read back and checked alone. For histories larger than the heap; one event per line (JSON Lines, EDN, log)")
    boolean split;

    @Option(names = "--split-dir", paramLabel = "DIR", description = "where --split writes its temporary files (implies --split; default: the system's temporary directory); they take about the history's size and are deleted at the end")
    Path splitDir;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() throws Exception {
        if (!output.equals("text") && !output.equals("json")) throw new UsageError("--output takes text or json, not " + output);
        if (split || splitDir != null) return checkSplit();
        if (files.size() == 1) {
            file = files.get(0);
            out = spec.commandLine().getOut();
            return checkFile();
        }
        if (html != null || reportDir != null) throw new UsageError("--html and --report-dir take one FILE; check the files one at a time to write their pages");
        return checkFiles();
    }

    /**
     * Each file in turn, in one JVM: the reports one after another (text), or gathered into one JSON
     * report of {@code "report": "files"}. A file that cannot be read is reported and the rest are
     * still checked. The exit code is 1 if any file violates its model, else 3 if any is unusable,
     * else 2 if any is undecided, else 64 if the model does not fit some file (that one is refused), else 0.
     */
    private int checkFiles() throws Exception {
        String requested = model;
        int[] byCode = new int[71];
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ArrayNode reports = mapper.createArrayNode();
        for (Path f : files) {
            file = f;
            model = requested;
            java.io.StringWriter buffer = new java.io.StringWriter();
            out = output.equals("json") ? new java.io.PrintWriter(buffer) : spec.commandLine().getOut();
            int code;
            try {
                code = checkFile();
            } catch (dev.ariadne.history.HistoryException | dev.ariadne.checker.datatype.DatatypeMismatch e) {
                code = Main.BAD_INPUT;
                if (output.equals("json")) Main.printError(out, code, e.getMessage());
                spec.commandLine().getErr().println(e instanceof dev.ariadne.history.HistoryException ? e.getMessage() : "ariadne: " + e.getMessage());
            } catch (dev.ariadne.checker.model.UnsupportedCheck e) {
                // The model does not fit this file's operations (another file's may): this file is refused, the rest still checked.
                code = Main.USAGE;
                if (output.equals("json")) Main.printError(out, code, f + ": " + e.getMessage());
                spec.commandLine().getErr().println("ariadne: " + f + ": " + e.getMessage());
            }
            byCode[code]++;
            out.flush();
            if (output.equals("json")) reports.add(mapper.readTree(buffer.toString()));
            else out.println();
        }
        int code = byCode[Main.INVALID] > 0 ? Main.INVALID : byCode[Main.BAD_INPUT] > 0 ? Main.BAD_INPUT : byCode[Main.UNKNOWN] > 0 ? Main.UNKNOWN
                : byCode[Main.USAGE] > 0 ? Main.USAGE : Main.VALID;
        String summary = files.size() + " files: " + byCode[Main.VALID] + " valid, " + byCode[Main.INVALID] + " invalid, " + byCode[Main.UNKNOWN]
                + " undecided, " + byCode[Main.BAD_INPUT] + " unusable" + (byCode[Main.USAGE] > 0 ? ", " + byCode[Main.USAGE] + " refused" : "");
        if (output.equals("json")) {
            com.fasterxml.jackson.databind.node.ObjectNode o = mapper.createObjectNode();
            o.put("schema", 1);
            o.put("report", "files");
            o.put("verdict", code == Main.VALID ? "VALID" : code == Main.INVALID ? "INVALID" : code == Main.UNKNOWN ? "UNKNOWN" : "ERROR");
            o.put("exitCode", code);
            o.put("summary", summary);
            o.set("files", reports);
            spec.commandLine().getOut().print(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n");
        } else {
            spec.commandLine().getOut().println(summary);
        }
        spec.commandLine().getOut().flush();
        return code;
    }

    /** --split: the one file checked part by part ({@link SpillCheck}), its report on standard output; its exit code. */
    private int checkSplit() throws Exception {
        if (files.size() != 1 || files.get(0).toString().equals("-")) throw new UsageError("--split takes one FILE, which it reads twice (not standard input)");
        if (html != null || reportDir != null) throw new UsageError("--html and --report-dir draw the whole history; --split never holds it");
        if (!assume.equals("none")) throw new UsageError("--assume is not taken with --split");
        if (threads < 0) throw new UsageError("--threads must not be negative, not " + threads);
        if (splitDir != null && !java.nio.file.Files.isDirectory(splitDir)) throw new UsageError("--split-dir " + splitDir + " is not a directory");
        ReadOptions ro = input.readOptions();
        DatatypeOptions opts = new DatatypeOptions(initial == null ? null : parseValue(initial), UsageError.parsing(() -> NilRead.parse(nilRead)));
        Limits limits = new Limits(timeout == null ? 0 : parseMillis(timeout), memory == null ? 0 : parseBytes(memory), threads);
        SpillCheck.Request req = new SpillCheck.Request(model, datatype, ro.format(), ro.independent(), opts, limits, splitDir,
                SpillCheck.Request.DEFAULT_FILE_BYTES);
        java.io.PrintWriter o = spec.commandLine().getOut();
        SplitResult r;
        try {
            r = SpillCheck.check(files.get(0), req);
        } catch (SpillCheck.SpillFailure e) {
            // A full disk is a budget that ran out, as memory is: unknown, with the reason.
            String why = e.getMessage() + " (--split-dir DIR puts them elsewhere)";
            if (output.equals("json")) Main.printError(o, Main.UNKNOWN, why);
            spec.commandLine().getErr().println("ariadne: " + why);
            return Main.UNKNOWN;
        }
        o.print(output.equals("json") ? r.json() : r.text());
        o.flush();
        return r.exitCode();
    }

    /** Checks {@link #file}, writing its report to {@link #out}; its exit code. */
    private int checkFile() throws Exception {
        History h = input.read(file);
        if (h.size() == 0) {
            // A file that yields no client operation is unusable input, never a pass (exit 3).
            String why = file + ": no client operations were read (" + h.events().size() + " events"
                    + (h.nemesisEvents().isEmpty() ? "" : ", " + h.nemesisEvents().size() + " of them the nemesis's") + "): nothing to check";
            if ("json".equals(output)) Main.printError(out, Main.BAD_INPUT, why);
            spec.commandLine().getErr().println(why);
            return Main.BAD_INPUT;
        }
        if (model == null) {
            // A transactional history is checked against the whole isolation lattice unless a model is named.
            BuiltinDatatype dt = datatype != null ? BuiltinDatatype.byName(datatype).orElse(null) : Datatypes.infer(h).orElse(null);
            model = dt != null && (dt.has(Capability.TRANSACTIONAL) || dt.has(Capability.MESSAGES)) ? "all" : dt != null && dt.has(Capability.LOG) ? "log" : "linearizable";
        }
        if (threads < 0) throw new UsageError("--threads must not be negative, not " + threads);
        DatatypeOptions opts = new DatatypeOptions(initial == null ? null : parseValue(initial), UsageError.parsing(() -> NilRead.parse(nilRead)));
        CheckRequest req = CheckRequest.of(model).withDatatype(datatype).withOptions(opts)
                .withLimits(new Limits(timeout == null ? 0 : parseMillis(timeout), memory == null ? 0 : parseBytes(memory), threads))
                .withKeyOrder(UsageError.parsing(() -> dev.ariadne.checker.txn.KeyOrder.parse(assume)));
        dev.ariadne.checker.search.Cancellation token = new dev.ariadne.checker.search.Cancellation();
        req = req.withCancellation(token);
        try (ProgressLine line = ProgressLine.start(token.progress(), System.err, "checking " + file.getFileName(), quiet)) {
            return check(h, req);
        } catch (dev.ariadne.checker.datatype.DatatypeMismatch dm) {
            throw dm.at(h.where(dm.operation()));
        }
    }

    private int check(History h, CheckRequest req) throws IOException {
        if (model.equals("all")) {
            HierarchyResult all = Ariadne.checkAll(h, req);
            for (CheckResult r : all.checks()) writeDot(r);
            writeHtml(h, Reports.json(all, file.toString()));
            out.print(output.equals("json") ? Reports.json(all, file.toString()) : "file:     " + file + "\n" + Reports.text(all));
            out.flush();
            return all.verdict().exitCode();
        }
        CheckResult r = Ariadne.check(h, req);
        writeDot(r);
        writeHtml(h, Reports.json(r, file.toString()));
        if (output.equals("json")) {
            out.print(Reports.json(r, file.toString()));
        } else {
            out.print("file:     " + file + "\n" + Reports.text(r));
        }
        out.flush();
        return r.verdict().exitCode();
    }

    /** Writes the HTML report to --html FILE and DIR/report.html, saying so on standard error; a file that cannot be written is a warning. */
    private void writeHtml(History h, String json) {
        if (html == null && reportDir == null) return;
        String page = dev.ariadne.checker.report.HtmlReport.render(h, json);
        List<Path> targets = new java.util.ArrayList<>();
        if (html != null) targets.add(html);
        if (reportDir != null && (!java.nio.file.Files.exists(reportDir) || java.nio.file.Files.isDirectory(reportDir))) targets.add(reportDir.resolve("report.html"));
        for (Path f : targets) {
            try {
                if (f.getParent() != null) java.nio.file.Files.createDirectories(f.getParent());
                java.nio.file.Files.writeString(f, page);
                spec.commandLine().getErr().println("wrote " + f);
            } catch (IOException | RuntimeException e) {
                spec.commandLine().getErr().println("ariadne: cannot write " + f + " (" + e.getMessage() + "); the report follows");
            }
        }
    }

    /** Writes each transactional counterexample as DIR/&lt;model&gt;-&lt;n&gt;-&lt;anomaly&gt;.dot and says so on standard error. */
    private void writeDot(CheckResult r) throws IOException {
        if (reportDir == null) return;
        if (java.nio.file.Files.exists(reportDir) && !java.nio.file.Files.isDirectory(reportDir)) {
            spec.commandLine().getErr().println("ariadne: --report-dir " + reportDir + " is not a directory; no DOT files written");
            return;
        }
        try {
            java.nio.file.Files.createDirectories(reportDir);
        } catch (IOException e) {
            spec.commandLine().getErr().println("ariadne: --report-dir " + reportDir + " cannot be made (" + e.getMessage() + "); no DOT files written");
            return;
        }
        int k = 0;
        for (dev.ariadne.checker.report.Counterexample c : r.counterexamples()) {
            if (!(c instanceof dev.ariadne.checker.report.TransactionalCounterexample tc) || tc.cycle().isEmpty()) continue;
            Path f = reportDir.resolve(r.model() + "-" + (++k) + "-" + tc.anomaly() + ".dot");
            try {
                java.nio.file.Files.writeString(f, tc.dot());
            } catch (IOException e) {
                spec.commandLine().getErr().println("ariadne: cannot write " + f + " (" + e.getMessage() + "); the report follows");
                return;
            }
            spec.commandLine().getErr().println("wrote " + f);
        }
    }

    static JsonNode parseValue(String s) {
        try {
            EdnParser p = new EdnParser(new StringReader(s));
            JsonNode v = p.read();
            if (p.skipBlank() >= 0) throw new UsageError("--initial: unexpected text after " + v);
            return v;
        } catch (IOException e) {
            throw new UsageError("--initial: cannot read " + s + ": " + e.getMessage());
        }
    }

    static long parseMillis(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("-")) throw new UsageError("--timeout must not be negative, not " + s);
        try {
            if (t.endsWith("ms")) return Long.parseLong(t.substring(0, t.length() - 2));
            if (t.endsWith("s")) return Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000);
            if (t.endsWith("m")) return Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000);
            if (t.endsWith("h")) return Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 3_600_000);
            return Math.round(Double.parseDouble(t) * 1000);
        } catch (NumberFormatException e) {
            throw new UsageError("--timeout takes a duration such as 30s, 500ms or 2m, not " + s);
        }
    }

    static long parseBytes(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("-")) throw new UsageError("--memory must not be negative, not " + s);
        long mul = 1;
        if (t.endsWith("k")) mul = 1L << 10;
        else if (t.endsWith("m")) mul = 1L << 20;
        else if (t.endsWith("g")) mul = 1L << 30;
        if (mul > 1) t = t.substring(0, t.length() - 1);
        try {
            return Math.round(Double.parseDouble(t) * mul);
        } catch (NumberFormatException e) {
            throw new UsageError("--memory takes a size such as 512m or 2g, not " + s);
        }
    }
}
