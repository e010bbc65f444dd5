package dev.ariadne.checker.model;

import dev.ariadne.checker.datatype.BuiltinDatatype;
import dev.ariadne.checker.datatype.Capability;
import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.Datatypes;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;

import java.util.ArrayList;
import java.util.List;

/**
 * One check of one model: resolves the datatype (named, the caller's own, or inferred), hands the
 * history to the check the {@link CheckRegistry} holds for the model, and notes what was inferred.
 * The algorithm families sit side by side below the registry and know nothing of each other.
 */
public final class ModelChecker {
    private ModelChecker() {}

    /** How a model is checked, for {@code ariadne models}: empty when a checker decides it, {@code (not yet)} when none does. */
    public static String support(ConsistencyModel m) {
        return CheckRegistry.DEFAULT.decides(m) ? "" : " (not yet)";
    }

    /**
     * Checks the history against the request's model.
     *
     * @throws UnsupportedCheck when the model does not apply to the datatype, or the datatype cannot be inferred
     * @throws dev.ariadne.checker.datatype.DatatypeMismatch when an operation is not one the datatype can read
     */
    public static CheckResult check(History history, CheckRequest request) {
        return InitialValueHint.apply(decide(history, request), history, request);
    }

    private static CheckResult decide(History history, CheckRequest request) {
        ConsistencyModel model = request.model();
        if (model == null) throw new UnsupportedCheck("this decides one model and none is named; every model at once is Ariadne.checkAll (ariadne check --model all)");
        String named = request.datatypeName();
        if (!history.realTimeKnown() && model == ConsistencyModel.LINEARIZABLE) {
            return new CheckResult("linearizable", named == null ? "none" : named, named == null, Verdict.UNKNOWN,
                    "Undecided: the history records completions only, so when operations began is unknown and real-time order cannot be judged.",
                    List.of(), List.of(), new CheckResult.Statistics(history.size(), 0, 0, 0, 0), List.of("completions only: check sequential consistency instead"));
        }
        long start = System.nanoTime();
        request.cancellation().progress().phase("checking " + model.cliName());
        boolean inferred = named == null;
        if (request.cancellation().isCancelled()) {
            return new CheckResult(model.cliName(), named == null ? "none" : named, inferred, Verdict.UNKNOWN, "Undecided: the check was cancelled before it began.",
                    List.of(), List.of(), new CheckResult.Statistics(history.size(), 0, 0, 0, 0), List.of("cancelled"));
        }
        if (history.size() == 0) {
            // No operation proves nothing: a history that could not be read must never pass a gate.
            return new CheckResult(model.cliName(), named == null ? "none" : named, inferred, Verdict.UNKNOWN,
                    "Undecided: the history has no client operations, so there is nothing to check.",
                    List.of(), List.of(), new CheckResult.Statistics(0, 0, 0, 0, 0), List.of("empty history"));
        }
        Datatype<?, ?> spec = request.custom();
        BuiltinDatatype builtin = null;
        if (spec == null) {
            builtin = request.builtin() != null ? request.builtin() : Datatypes.infer(history).orElseThrow(() -> new UnsupportedCheck(
                    "cannot infer the datatype from the functions " + history.functions() + "; name it with --datatype (see ariadne models)"));
            if (builtin.sequential()) spec = builtin.create(request.options());
        }
        String dtName = spec != null ? spec.name() : builtin.cliName();
        CheckResult r = CheckRegistry.DEFAULT.run(new Target(history, model, builtin, spec, dtName, request, start));
        if (spec != null && !spec.facts(history.operations()).isEmpty()) {
            List<String> notes = new java.util.ArrayList<>(r.notes());
            notes.addAll(spec.facts(history.operations()));
            r = new CheckResult(r.model(), r.datatype(), r.datatypeInferred(), r.verdict(), r.summary(), r.partitions(), r.counterexamples(),
                    r.statistics(), notes, r.witness());
        }
        return withInference(r, inferred, dtName, history);
    }

    /**
     * Reads every operation as the datatype does (the named one, or the one inferred), without checking
     * anything: the name of the datatype, or null when none can be inferred.
     *
     * @throws dev.ariadne.checker.datatype.DatatypeMismatch at the first operation it cannot read
     */
    public static String validate(History history, CheckRequest request) {
        Datatype<?, ?> spec = request.custom();
        if (spec == null) {
            BuiltinDatatype builtin = request.builtin() != null ? request.builtin() : Datatypes.infer(history).orElse(null);
            if (builtin == null) return null;
            if (builtin.has(Capability.MESSAGES)) {
                dev.ariadne.checker.broadcast.BroadcastChecker.read(history, builtin == BuiltinDatatype.MAILBOX);
                return builtin.cliName();
            }
            if (builtin.has(Capability.LOG)) {
                dev.ariadne.checker.log.LogChecker.read(history);
                return builtin.cliName();
            }
            if (builtin.has(Capability.TRANSACTIONAL)) {
                dev.ariadne.checker.txn.TransactionalChecker.analyze(history, builtin.cliName(), dev.ariadne.checker.search.Budget.unlimited());
                return builtin.cliName();
            }
            spec = builtin.create(request.options());
        }
        for (dev.ariadne.history.Operation o : history.operations()) {
            try {
                spec.input(o);
            } catch (IllegalArgumentException e) {
                throw new dev.ariadne.checker.datatype.DatatypeMismatch(o, e.getMessage());
            }
        }
        return spec.name();
    }

    private static CheckResult withInference(CheckResult r, boolean inferred, String dtName, History history) {
        List<String> notes = new ArrayList<>(r.notes());
        if (inferred) notes.add(0, "datatype " + dtName + " inferred from the functions " + history.functions());
        // A linearization is kept for the transactional models that check it; a register's report does not carry it (it can be millions long).
        var witness = r.witness() != null && "LINEARIZATION".equals(r.witness().shape()) ? null : r.witness();
        return new CheckResult(r.model(), r.datatype(), inferred, r.verdict(), r.summary(), r.partitions(), r.counterexamples(), r.statistics(), notes, witness);
    }
}
