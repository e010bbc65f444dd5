package dev.ariadne.cli;

import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.datatype.DatatypeMismatch;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ConsistencyModel;
import dev.ariadne.history.History;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Reads each history and checks that it is well formed: every error with its file, line and what is wrong (exit 3), or a summary (exit 0).")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*")
    java.util.List<Path> files;

    @Mixin
    InputOptions input;

    @picocli.CommandLine.Option(names = {"-d", "--datatype"}, description = "the datatype whose operations to check (default: inferred, as check does)")
    String datatype;

    /** Each file in turn; one that is not well formed is reported and the rest are still read. Exit 3 if any is not. */
    @Override
    public Integer call() throws Exception {
        if (files.size() == 1) return validate(files.get(0));
        int bad = 0;
        for (Path f : files) {
            try {
                if (validate(f) != Main.VALID) bad++;
            } catch (dev.ariadne.history.HistoryException e) {
                bad++;
                spec.commandLine().getErr().println(e.getMessage());
            } catch (DatatypeMismatch e) {
                bad++;
                spec.commandLine().getErr().println("ariadne: " + e.getMessage());
            }
        }
        spec.commandLine().getOut().printf("%d files: %d valid, %d not%n", files.size(), files.size() - bad, bad);
        return bad == 0 ? Main.VALID : Main.BAD_INPUT;
    }

    private int validate(Path file) throws Exception {
        History h = input.read(file);
        if (h.size() == 0) {
            spec.commandLine().getErr().println(file + ": no client operations were read (" + h.events().size() + " events): nothing to check");
            return Main.BAD_INPUT;
        }
        // What check needs of each operation, checked the same way: its datatype's reading of it.
        String dt;
        try {
            dt = Ariadne.validate(h, CheckRequest.of(ConsistencyModel.LINEARIZABLE).withDatatype(datatype));
        } catch (DatatypeMismatch dm) {
            throw dm.at(h.where(dm.operation()));
        }
        long ok = h.operations().stream().filter(o -> o.isOk()).count();
        long fail = h.operations().stream().filter(o -> o.isFail()).count();
        long info = h.size() - ok - fail;
        spec.commandLine().getOut().printf("%s: valid history: %d events, %d operations (%d ok, %d fail, %d info), %d processes, %d nemesis events; functions %s%n",
                file, h.events().size(), h.size(), ok, fail, info, h.processCount(), h.nemesisEvents().size(), h.functions());
        if (dt != null) spec.commandLine().getOut().printf("%s: every operation reads as %s%n", file, dt);
        return Main.VALID;
    }
}
