package dev.ariadne.cli;

import dev.ariadne.checker.datatype.BuiltinDatatype;
import dev.ariadne.checker.model.ConsistencyModel;
import dev.ariadne.checker.model.ModelChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "models", mixinStandardHelpOptions = true, description = "Lists every datatype and consistency model, with what each model implies.")
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Datatypes (--datatype):");
        for (BuiltinDatatype d : BuiltinDatatype.values()) out.printf("  %-18s %s%n", d.cliName(), d.description());
        for (ConsistencyModel.Family f : ConsistencyModel.Family.values()) {
            out.println();
            out.println(f == ConsistencyModel.Family.SINGLE_OBJECT ? "Single-object models (--model):" : "Transactional models (--model):");
            for (ConsistencyModel m : ConsistencyModel.values()) {
                if (m.family() != f) continue;
                String implies = m.directlyImplies().stream().map(ConsistencyModel::cliName).collect(Collectors.joining(", "));
                out.printf("  %-34s %s%s%n", m.cliName() + ModelChecker.support(m), m.description(),
                        implies.isEmpty() ? "" : "; implies " + implies);
            }
        }
        return Main.VALID;
    }
}
