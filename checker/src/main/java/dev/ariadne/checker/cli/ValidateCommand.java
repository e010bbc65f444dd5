package dev.ariadne.checker.cli;

import dev.ariadne.history.History;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Reads a history and checks that it is well formed: every error with its file, line and what is wrong (exit 3), or a summary (exit 0).")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() throws Exception {
        History h = input.read(file);
        long ok = h.operations().stream().filter(o -> o.isOk()).count();
        long fail = h.operations().stream().filter(o -> o.isFail()).count();
        long info = h.size() - ok - fail;
        spec.commandLine().getOut().printf("%s: valid history: %d events, %d operations (%d ok, %d fail, %d info), %d processes, %d nemesis events; functions %s%n",
                file, h.events().size(), h.size(), ok, fail, info, h.processCount(), h.nemesisEvents().size(), h.functions());
        return Main.VALID;
    }
}
