package dev.ariadne.checker;

import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.history.History;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.io.HistoryReader;

import java.nio.file.Path;

/**
 * The way in for test suites: read or record a history, check it, look at the result.
 *
 * <pre>{@code
 * Recorder rec = new Recorder();
 * ... // clients call rec.invoke(...) and pending.ok(...)
 * CheckResult r = Ariadne.check(rec.history(), "linearizable", "cas-register");
 * assert r.isValid() : Reports.text(r);
 * }</pre>
 */
public final class Ariadne {
    private Ariadne() {}

    /** Checks a history against a model; {@code datatype} may be null to infer it. */
    public static CheckResult check(History history, String model, String datatype) {
        return ModelChecker.check(history, CheckRequest.of(model).withDatatype(datatype));
    }

    /** Checks a history with every parameter spelled out. */
    public static CheckResult check(History history, CheckRequest request) {
        return ModelChecker.check(history, request);
    }

    /** Reads a history file (any supported format) and checks it. */
    public static CheckResult check(Path file, String model, String datatype, DatatypeOptions options) throws HistoryException {
        return ModelChecker.check(HistoryReader.read(file), CheckRequest.of(model).withDatatype(datatype).withOptions(options));
    }
}
