package dev.ariadne.checker.model;

import dev.ariadne.checker.datatype.Capability;
import dev.ariadne.checker.log.LogChecker;
import dev.ariadne.checker.report.CheckResult;

/** The log family: the {@code log} model, decided by Jepsen's Kafka analyses ({@link LogChecker}) on log histories. */
final class LogFamily {
    private LogFamily() {}

    static void register(CheckRegistry r) {
        r.register(ConsistencyModel.LOG, new Check() {
            @Override
            public String refuses(Target t) {
                if (t.has(Capability.LOG)) return null;
                return "log is the model of Kafka-like logs (send and poll); " + t.datatypeName() + " histories are checked for other models (see ariadne models)";
            }

            @Override
            public CheckResult run(Target t) {
                return LogChecker.check(t.history(), ConsistencyModel.LOG.cliName());
            }
        });
    }
}
