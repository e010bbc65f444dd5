package dev.ariadne.spark;

import dev.ariadne.checker.datatype.DatatypeMismatch;
import dev.ariadne.checker.model.UnsupportedCheck;
import dev.ariadne.checker.split.SplitResult;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.io.HistoryFormat;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code spark-submit --class dev.ariadne.spark.SparkMain ariadne-spark.jar [options] PATH}: checks a
 * history on Apache Spark and exits as {@code ariadne check} does (0 valid, 1 invalid, 2 unknown or
 * out of memory, 3 unusable input, 64 usage, 70 internal error).
 */
@Command(name = "ariadne-spark", mixinStandardHelpOptions = true, version = "ariadne-spark 0.1.0",
        description = "Checks a JSON Lines history on Apache Spark, key by key (linearizable) or by connected component of keys (the transactional models without process or real-time order).")
public final class SparkMain implements Callable<Integer> {
    public static final int VALID = 0, INVALID = 1, UNKNOWN = 2, BAD_INPUT = 3, USAGE = 64, INTERNAL = 70;

    @Parameters(index = "0", paramLabel = "PATH", description = "the history: any path Spark reads (file:, hdfs:, s3a:, ...)")
    String path;
    @Option(names = {"-m", "--model"}, description = "linearizable (single-object), or a transactional model without process or real-time order: serializable (default for transactions), snapshot-isolation, repeatable-read, read-committed, ...")
    String model;
    @Option(names = {"-d", "--datatype"}, description = "the datatype; default: inferred from the first lines")
    String datatype;
    @Option(names = "--format", description = "jsonl or edn (one map per line); default: detected")
    String format;
    @Option(names = "--independent", description = "values are Jepsen's independent [key value] tuples")
    boolean independent;
    @Option(names = "--timeout", paramLabel = "DURATION", description = "time limit per component, e.g. 30s, 500ms, 2m; a component past it is UNKNOWN")
    String timeout;
    @Option(names = "--partitions", description = "Spark partitions for the components; default: four per core")
    int partitions;
    @Option(names = "--master", description = "Spark master when not set by spark-submit; default: local[*]")
    String master;
    @Option(names = "--initial", paramLabel = "VALUE", description = "the datatype's initial value (EDN or JSON), as ariadne check takes it")
    String initial;
    @Option(names = "--nil-read", paramLabel = "absent|unknown", description = "what a read of nil means, as ariadne check takes it; default: absent")
    String nilRead = "absent";
    @Option(names = {"-o", "--output"}, description = "text or json; default: text")
    String output = "text";

    private PrintWriter out;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command and returns its exit code (for tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        SparkMain m = new SparkMain();
        m.out = out;
        CommandLine cl = new CommandLine(m);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("ariadne-spark: " + ex.getMessage());
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof HistoryException he) {
                err.println(he.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof DatatypeMismatch dm) {
                err.println("ariadne-spark: " + dm.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof UnsupportedCheck || ex instanceof IllegalArgumentException) {
                err.println("ariadne-spark: " + ex.getMessage());
                return USAGE;
            }
            if (String.valueOf(ex.getMessage()).contains("OutOfMemoryError")) {
                err.println("ariadne-spark: an executor ran out of memory (a component is too large for its heap; give executors more, or check fewer keys together)");
                return UNKNOWN;
            }
            err.println("ariadne-spark: internal error: " + ex + " (set ARIADNE_DEBUG=1 for the stack trace, and please report it)");
            if (System.getenv("ARIADNE_DEBUG") != null) ex.printStackTrace(err);
            return INTERNAL;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("ariadne-spark: the driver ran out of memory (" + (Runtime.getRuntime().maxMemory() >> 20) + " MiB)");
            return UNKNOWN;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!output.equals("text") && !output.equals("json")) throw new IllegalArgumentException("--output is text or json, not " + output);
        SparkCheck.Request req = new SparkCheck.Request(model, datatype, format == null ? null : HistoryFormat.parse(format), independent,
                timeout == null ? 0 : millis(timeout), partitions, initial, nilRead);
        req.options();
        // A session already running in this JVM (a test's, a notebook's) is used and left running.
        boolean own = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
        SparkSession.Builder b = SparkSession.builder().appName("ariadne");
        // Kryo, unless the cluster says otherwise: the shuffle moves every line of the history, and Java's
        // serialization of the (component, line) pairs made reading them back the slowest step.
        if (!new org.apache.spark.SparkConf().contains("spark.serializer")) b.config("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        if (master != null) b.master(master);
        else if (!new org.apache.spark.SparkConf().contains("spark.master")) b.master("local[*]");
        SparkSession spark = b.getOrCreate();
        // Spark's own progress lines would bury the report; a session of the caller's keeps its settings.
        if (own) spark.sparkContext().setLogLevel("WARN");
        try {
            SplitResult r = SparkCheck.check(spark, path, req);
            out.print(output.equals("json") ? r.json() : r.text());
            out.flush();
            return r.exitCode();
        } finally {
            if (own) spark.stop();
        }
    }

    static long millis(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long unit = t.endsWith("ms") ? 1 : t.endsWith("s") ? 1000 : t.endsWith("m") ? 60_000 : t.endsWith("h") ? 3_600_000 : -1;
        String digits = t.endsWith("ms") ? t.substring(0, t.length() - 2) : unit > 0 ? t.substring(0, t.length() - 1) : t;
        try {
            long n = Long.parseLong(digits);
            if (n < 0) throw new NumberFormatException();
            return unit > 0 ? n * unit : n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--timeout takes a duration such as 30s, 500ms or 2m, not " + s);
        }
    }
}
