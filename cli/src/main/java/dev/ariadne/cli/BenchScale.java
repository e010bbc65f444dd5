package dev.ariadne.cli;

import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.history.History;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How time and memory grow with the history: each file loaded and checked once, in the order given,
 * in one JVM, with the load time beside the check's (their ratio shows whether checking stays linear
 * in what reading already costs) and the heap the loaded history holds per operation.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Loads and checks each history once, in the order given (smallest first, say): operations, load and check seconds,"
                + " their ratio, microseconds per operation, and the heap the loaded history holds per operation.")
final class BenchScale implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*")
    List<Path> files;

    @Option(names = {"-m", "--model"}, defaultValue = "strict-serializable")
    String model;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Runtime rt = Runtime.getRuntime();
        out.printf(Locale.ROOT, "%-26s %10s %9s %9s %7s %8s %10s  %s%n", "history", "ops", "load s", "check s", "ratio", "µs/op", "bytes/op", "verdict");
        for (Path f : files) {
            System.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            long t0 = System.nanoTime();
            History h = input.read(f);
            long t1 = System.nanoTime();
            System.gc();
            long held = rt.totalMemory() - rt.freeMemory() - before;
            long t1b = System.nanoTime();
            CheckResult r = Ariadne.check(h, CheckRequest.of(model).withoutCounterexamples());
            long t2 = System.nanoTime();
            double load = (t1 - t0) / 1e9;
            double check = (t2 - t1b) / 1e9;
            int n = h.size();
            out.printf(Locale.ROOT, "%-26s %10d %9.2f %9.2f %7.2f %8.2f %10d  %s%n", f.getFileName(), n, load, check, check / load,
                    n == 0 ? 0 : (t2 - t1b + t1 - t0) / 1e3 / n, n == 0 ? 0 : held / n, r.verdict());
            out.flush();
        }
        out.printf(Locale.ROOT, "(one JVM, max heap %d MiB; the check's time includes its independent verification)%n", rt.maxMemory() >> 20);
        return Main.VALID;
    }
}
