package dev.ariadne.checker.model;

import dev.ariadne.checker.datatype.Capability;
import dev.ariadne.checker.log.LogChecker;
import dev.ariadne.checker.log.LogPromise;
import dev.ariadne.checker.report.CheckResult;

/**
 * The log family, decided by Jepsen's Kafka analyses ({@link LogChecker}) on log histories: the
 * {@code log} model (Kafka's promise), and {@code serializable} and {@code strict-serializable} for
 * logs whose transactions promise more.
 */
final class LogFamily {
    private LogFamily() {}

    static void register(CheckRegistry r) {
        register(r, ConsistencyModel.LOG, LogPromise.KAFKA);
        register(r, ConsistencyModel.SERIALIZABLE, LogPromise.SERIALIZABLE);
        register(r, ConsistencyModel.STRICT_SERIALIZABLE, LogPromise.STRICT_SERIALIZABLE);
    }

    private static void register(CheckRegistry r, ConsistencyModel model, LogPromise promise) {
        r.register(model, new Check() {
            @Override
            public String refuses(Target t) {
                if (t.has(Capability.LOG)) return null;
                return "log is the model of Kafka-like logs (send and poll); " + t.datatypeName() + " histories are checked for other models (see ariadne models)";
            }

            @Override
            public CheckResult run(Target t) {
                return LogChecker.check(t.history(), promise, t.request().threads());
            }
        });
    }
}
