package dev.ariadne.cli;

import dev.ariadne.checker.datatype.DatatypeMismatch;
import dev.ariadne.checker.model.UnsupportedCheck;
import dev.ariadne.history.HistoryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code ariadne} command. Exit codes, for CI gates: 0 the history satisfies the model, 1 it
 * does not, 2 unknown (a budget ran out), 3 unusable input, 64 usage error.
 */
@Command(name = "ariadne", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A Jepsen-style consistency checker: does a recorded history keep a consistency model?",
        subcommands = {CheckCommand.class, ValidateCommand.class, ConvertCommand.class, ModelsCommand.class, BenchCommand.class,
                GenerateCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  the history satisfies the model (or the input is valid)",
                "  1  the history violates the model",
                "  2  unknown: a time or memory budget ran out",
                "  3  unusable input (the message names file, line and what is wrong)",
                " 64  usage error"})
public final class Main implements Runnable {
    public static final int VALID = 0, INVALID = 1, UNKNOWN = 2, BAD_INPUT = 3, USAGE = 64, INTERNAL = 70;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. ariadne check history.jsonl");
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"ariadne " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }

    /** Whether the arguments ask for the JSON report, so that errors come as JSON on standard output too. */
    static boolean jsonRequested(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("-o") || args[i].equals("--output")) && i + 1 < args.length && args[i + 1].equals("json")) return true;
            if (args[i].equals("--output=json") || args[i].equals("-ojson")) return true;
        }
        return false;
    }

    /** The JSON report of a run that reached no verdict: the exit code and why. */
    static String errorJson(int exitCode, String message) {
        com.fasterxml.jackson.databind.node.ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        o.put("schema", 1);
        o.put("report", "error");
        o.put("verdict", "ERROR");
        o.put("valid", false);
        o.put("exitCode", exitCode);
        o.put("error", message);
        return o.toString() + "\n";
    }

    /** The JSON error object on standard output, flushed at once (the JVM may exit before an unflushed writer is). */
    static void printError(PrintWriter out, int exitCode, String message) {
        out.print(errorJson(exitCode, message));
        out.flush();
    }

    /** A heap option twice the size of the one that ran out (at least 8 GiB), for the out-of-memory message. */
    static String moreHeap(long heapMiB) {
        long gib = Math.max(8, 2 * ((heapMiB + 1023) >> 10));
        return "-Xmx" + gib + "g";
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given output streams and returns the exit code (for tests and embedding). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        boolean json = jsonRequested(args);
        cl.setParameterExceptionHandler((ex, a) -> {
            if (json) printError(out, USAGE, ex.getMessage());
            err.println("ariadne: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println("Try 'ariadne " + (ex.getCommandLine() == cl ? "" : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            }
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof HistoryException he) {
                if (json) printError(out, BAD_INPUT, he.getMessage());
                err.println(he.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof DatatypeMismatch dm) {
                if (json) printError(out, BAD_INPUT, dm.getMessage());
                err.println("ariadne: " + dm.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof UnsupportedCheck || ex instanceof UsageError) {
                if (json) printError(out, USAGE, ex.getMessage());
                err.println("ariadne: " + ex.getMessage());
                return USAGE;
            }
            err.println("ariadne: internal error: " + ex + " (set ARIADNE_DEBUG=1 for the stack trace, and please report it)");
            if (System.getenv("ARIADNE_DEBUG") != null) ex.printStackTrace(err);
            return INTERNAL;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // Out of memory is a budget that ran out: unknown, with the reason, never a crash read as a violation.
            long heapMiB = Runtime.getRuntime().maxMemory() >> 20;
            String why = "out of memory (the JVM's heap, " + heapMiB + " MiB, is too small for this history; give more with ARIADNE_JAVA_OPTS="
                    + moreHeap(heapMiB) + ", or, for linearizable or serializable and the other models that decompose, check it part by part"
                    + " with --split)";
            if (json) printError(out, UNKNOWN, why);
            err.println("ariadne: " + why);
            if (System.getenv("ARIADNE_DEBUG") != null) e.printStackTrace(err);
            return UNKNOWN;
        } catch (StackOverflowError e) {
            String why = "out of stack (a value or a search nested too deeply; ARIADNE_JAVA_OPTS=-Xss64m gives more)";
            if (json) printError(out, UNKNOWN, why);
            err.println("ariadne: " + why);
            return UNKNOWN;
        }
    }
}
