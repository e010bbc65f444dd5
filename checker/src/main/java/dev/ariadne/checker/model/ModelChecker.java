package dev.ariadne.checker.model;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.Datatypes;
import dev.ariadne.checker.linearizable.LinearizabilityChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one place that maps a requested model to the algorithm that decides it. The algorithm
 * families (linearizability search, weak single-object models, transactional dependency graphs)
 * sit side by side below this class and know nothing of each other.
 */
public final class ModelChecker {
    private ModelChecker() {}

    /** The models that have a checker now. */
    public static final Set<ConsistencyModel> CHECKED = Set.of(ConsistencyModel.LINEARIZABLE);

    private static final Set<String> TRANSACTIONAL_DATATYPES = Set.of("list-append", "rw-register");

    public static CheckResult check(History history, CheckRequest request) {
        ConsistencyModel model = ConsistencyModel.byName(request.model() == null ? "linearizable" : request.model());
        boolean inferred = request.datatype() == null;
        if (inferred && history.size() == 0) {
            return new CheckResult(model.cliName(), "none", true, Verdict.VALID, "The history has no operations, so it satisfies every model.",
                    List.of(), List.of(), new CheckResult.Statistics(0, 0, 0, 0, 0), List.of("empty history: no datatype to infer"));
        }
        String dtName = inferred
                ? Datatypes.infer(history).orElseThrow(() -> new UnsupportedCheck(
                "cannot infer the datatype from the functions " + history.functions() + "; name it with --datatype (see ariadne models)"))
                : request.datatype();
        if (!Datatypes.DESCRIPTIONS.containsKey(dtName)) throw new UnsupportedCheck("unknown datatype " + dtName + " (see ariadne models)");
        if (TRANSACTIONAL_DATATYPES.contains(dtName)) {
            if (model == ConsistencyModel.CAUSAL) model = ConsistencyModel.CAUSAL_TRANSACTIONAL;
            throw new UnsupportedCheck("transactional checking (" + model.cliName() + " on " + dtName + ") has no checker yet");
        }
        if (model.family() == ConsistencyModel.Family.TRANSACTIONAL) {
            throw new UnsupportedCheck(model.cliName() + " is a transactional model; " + dtName + " is not a transactional datatype");
        }
        if (!CHECKED.contains(model)) {
            throw new UnsupportedCheck(model.cliName() + " has no checker yet; available now: linearizable");
        }
        Datatype<?, ?> datatype = Datatypes.byName(dtName, request.options());
        LinearizabilityChecker.Options defaults = LinearizabilityChecker.Options.defaults();
        LinearizabilityChecker.Options opts = new LinearizabilityChecker.Options(request.timeoutMillis(),
                request.memoryBytes() > 0 ? request.memoryBytes() : defaults.memoBytes(),
                request.threads() > 0 ? request.threads() : defaults.threads(), defaults.minimizeMillis(), request.counterexamples());
        CheckResult r = LinearizabilityChecker.check(history, datatype, opts);
        List<String> notes = new ArrayList<>(r.notes());
        if (inferred) notes.add(0, "datatype " + dtName + " inferred from the functions " + history.functions());
        return new CheckResult(r.model(), r.datatype(), inferred, r.verdict(), r.summary(), r.partitions(), r.counterexamples(), r.statistics(), notes);
    }
}
