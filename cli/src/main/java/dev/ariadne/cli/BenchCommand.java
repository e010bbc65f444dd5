package dev.ariadne.cli;

import dev.ariadne.checker.model.Limits;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.NilRead;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.generators.Objects;
import dev.ariadne.generators.Simulation;
import dev.ariadne.history.History;
import dev.ariadne.history.io.HistoryReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmarks that print figures (never assert them): history loading, and checking a set of
 * histories in-process on a warm JVM with per-history medians.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Prints benchmark figures.",
        subcommands = {BenchCommand.Load.class, BenchCommand.Check.class, BenchScale.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Times loading a JSON Lines history (a generated cas-register history unless --file is given): warm-up rounds, then measured ones, and the heap it holds.")
    static final class Load implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--ops", defaultValue = "1000000", description = "operations to generate (default: ${DEFAULT-VALUE})")
        int ops;

        @Option(names = "--file", description = "a history to load instead of a generated one")
        Path file;

        @Option(names = "--rounds", defaultValue = "5")
        int rounds;

        @Option(names = "--warmup", defaultValue = "2")
        int warmup;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Path f = file;
            boolean temp = false;
            if (f == null) {
                f = Files.createTempFile("ariadne-bench", ".jsonl");
                temp = true;
                long t = System.nanoTime();
                try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
                    new Simulation(ops, 10, 0.01, 42).writeJsonLines(Objects.of("cas-register", 5, 1), w);
                }
                out.printf(Locale.ROOT, "generated %d operations (%.1f MB) in %.2f s%n", ops, Files.size(f) / 1e6, (System.nanoTime() - t) / 1e9);
            }
            try {
                double[] secs = new double[rounds];
                History h = null;
                for (int r = 0; r < warmup + rounds; r++) {
                    h = null;
                    long t = System.nanoTime();
                    h = HistoryReader.read(f);
                    double s = (System.nanoTime() - t) / 1e9;
                    if (r >= warmup) secs[r - warmup] = s;
                    out.printf(Locale.ROOT, "%s round %d: %.3f s (%d events)%n", r < warmup ? "warm-up" : "measured", r + 1, s, h.events().size());
                }
                Runtime rt = Runtime.getRuntime();
                System.gc();
                long used = rt.totalMemory() - rt.freeMemory();
                int size = h.size();
                h = null;
                System.gc();
                long without = rt.totalMemory() - rt.freeMemory();
                Arrays.sort(secs);
                out.printf(Locale.ROOT, "load %s: median %.3f s, best %.3f s over %d rounds; heap in use with the history (%d operations) loaded: %d MiB,"
                                + " of which the history %d MiB, %d bytes per operation (max heap %d MiB)%n",
                        f.getFileName(), secs[rounds / 2], secs[0], rounds, size, used >> 20, (used - without) >> 20,
                        size == 0 ? 0 : (used - without) / size, rt.maxMemory() >> 20);
            } finally {
                if (temp) Files.deleteIfExists(f);
            }
            return Main.VALID;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Times 'check' on each history in-process: warm-up rounds over all files, then per file the median of measured rounds of the verdict alone (parsing excluded; each timed check on a fresh copy of the history), and separately the time to build its counterexamples.")
    static final class Check implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*")
        List<Path> files;

        @Option(names = {"-m", "--model"}, defaultValue = "linearizable")
        String model;

        @Option(names = {"-d", "--datatype"})
        String datatype;

        @Option(names = "--initial")
        String initial;

        @Option(names = "--nil-read", defaultValue = "absent")
        String nilRead;

        @Option(names = "--rounds", defaultValue = "5")
        int rounds;

        @Option(names = "--warmup", defaultValue = "3")
        int warmup;

        @Option(names = "--threads", description = "threads per check (default: one per core)")
        int threads;

        @Option(names = "--no-counterexamples", description = "time verdicts only")
        boolean noCounterexamples;

        @Mixin
        InputOptions input;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<History> hs = new ArrayList<>();
            List<Path> names = new ArrayList<>(files);
            names.sort(null);
            for (Path p : names) hs.add(input.read(p));
            DatatypeOptions opts = new DatatypeOptions(initial == null ? null : CheckCommand.parseValue(initial), UsageError.parsing(() -> NilRead.parse(nilRead)));
            CheckRequest full = CheckRequest.of(model).withDatatype(datatype).withOptions(opts).withLimits(new Limits(0, 0, threads));
            CheckRequest verdictOnly = full.withoutCounterexamples();
            for (int r = 0; r < warmup; r++) for (History h : hs) Ariadne.check(h, noCounterexamples ? verdictOnly : full);
            double totalCheck = 0;
            double totalCex = 0;
            int valid = 0, invalid = 0, unknown = 0;
            out.printf(Locale.ROOT, "%-28s %7s %9s %12s %12s%n", "history", "ops", "verdict", "check ms", "cex ms");
            for (int i = 0; i < hs.size(); i++) {
                double[] check = new double[rounds];
                double[] cex = new double[rounds];
                CheckResult last = null;
                // Verdicts alone, repeated within a round until it lasts 20 ms, so that timer noise stays small.
                long t = System.nanoTime();
                Ariadne.check(hs.get(i), verdictOnly);
                int reps = (int) Math.max(1, Math.min(10_000, 20_000_000L / Math.max(1, System.nanoTime() - t)));
                for (int r = 0; r < warmup; r++) for (int k = 0; k < reps; k++) Ariadne.check(hs.get(i), verdictOnly);
                for (int r = 0; r < rounds; r++) {
                    // Each timed check gets a copy of its own: the checks of one history share work
                    // (the read/write reading of the weak models), which a repeated check must not reuse.
                    History[] copies = new History[reps];
                    for (int k = 0; k < reps; k++) copies[k] = History.of(hs.get(i).events());
                    long t0 = System.nanoTime();
                    for (int k = 0; k < reps; k++) last = Ariadne.check(copies[k], verdictOnly);
                    check[r] = (System.nanoTime() - t0) / 1e6 / reps;
                }
                if (!noCounterexamples) {
                    for (int r = 0; r < rounds; r++) cex[r] = Ariadne.check(History.of(hs.get(i).events()), full).statistics().counterexampleNanos() / 1e6;
                }
                Arrays.sort(check);
                Arrays.sort(cex);
                double c = check[rounds / 2];
                double x = cex[rounds / 2];
                totalCheck += c;
                totalCex += x;
                switch (last.verdict()) {
                    case VALID -> valid++;
                    case INVALID -> invalid++;
                    default -> unknown++;
                }
                out.printf(Locale.ROOT, "%-28s %7d %9s %12.3f %12.3f%n", names.get(i).getFileName(), hs.get(i).size(), last.verdict(), c, x);
            }
            out.printf(Locale.ROOT, "total: %d histories (%d valid, %d invalid, %d unknown); check %.1f ms, counterexamples %.1f ms (medians of %d rounds after %d warm-up)%n",
                    hs.size(), valid, invalid, unknown, totalCheck, totalCex, rounds, warmup);
            return Main.VALID;
        }
    }
}
