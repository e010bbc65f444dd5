package dev.ariadne.checker.model;

import dev.ariadne.checker.report.CheckResult;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Each model to the checks that decide it. The families register their own (a model may have several,
 * for different kinds of datatype, e.g. {@code causal} on registers and on transactions); adding a
 * model or a family adds a registration here and files beside it, and touches no dispatcher.
 */
final class CheckRegistry {
    private final Map<ConsistencyModel, List<Check>> checks = new EnumMap<>(ConsistencyModel.class);

    static final CheckRegistry DEFAULT = build();

    private static CheckRegistry build() {
        CheckRegistry r = new CheckRegistry();
        LinearizabilityFamily.register(r);
        ViewFamily.register(r);
        TransactionalFamily.register(r);
        LogFamily.register(r);
        MessagesFamily.register(r);
        return r;
    }

    void register(ConsistencyModel model, Check check) {
        checks.computeIfAbsent(model, m -> new ArrayList<>()).add(check);
    }

    boolean decides(ConsistencyModel model) {
        return checks.containsKey(model);
    }

    /** The first registered check of the model that applies to the datatype; none applying is an {@link UnsupportedCheck}. */
    CheckResult run(Target t) {
        List<Check> cs = checks.get(t.model());
        if (cs == null) {
            Set<String> names = new TreeSet<>();
            for (ConsistencyModel m : checks.keySet()) names.add(m.cliName());
            throw new UnsupportedCheck(t.model().cliName() + " has no checker yet; available now: " + String.join(", ", names));
        }
        String first = null;
        for (Check c : cs) {
            String why = c.refuses(t);
            if (why == null) return c.run(t);
            if (first == null) first = why;
        }
        throw new UnsupportedCheck(first);
    }
}
