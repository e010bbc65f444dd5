package dev.ariadne.checker;

import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.Hierarchy;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.HierarchyResult;
import dev.ariadne.history.History;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.io.HistoryReader;

import java.nio.file.Path;

/**
 * The way in: read or record a history, check it, look at the result.
 *
 * <pre>{@code
 * Recorder rec = new Recorder();
 * ... // clients call rec.invoke(...) and pending.ok(...)
 * CheckResult r = Ariadne.check(rec.history(),
 *         CheckRequest.of(ConsistencyModel.LINEARIZABLE).withDatatype(BuiltinDatatype.CAS_REGISTER).withTimeout(30_000));
 * assert r.isValid() : Reports.text(r);
 * }</pre>
 *
 * A request may name a datatype of the caller's own ({@link CheckRequest#withDatatype(dev.ariadne.checker.datatype.Datatype)})
 * and carry a {@link dev.ariadne.checker.search.Cancellation} to stop the check from another thread.
 * The checks throw two unchecked exceptions: {@link dev.ariadne.checker.model.UnsupportedCheck} when
 * the model does not apply to the datatype (the caller's choice), and
 * {@link dev.ariadne.checker.datatype.DatatypeMismatch} when an operation is not one the datatype can
 * read (the history's fault). Reading a file throws the checked {@link HistoryException}.
 */
public final class Ariadne {
    private Ariadne() {}

    /** Checks a history against the request's model. */
    public static CheckResult check(History history, CheckRequest request) {
        return ModelChecker.check(history, request);
    }

    /** Checks a history against a model by name ({@code linearizable}, {@code serializable}, ...); {@code datatype} may be null to infer it. */
    public static CheckResult check(History history, String model, String datatype) {
        return check(history, CheckRequest.of(model).withDatatype(datatype));
    }

    /**
     * Checks every model that applies (the request's model is ignored), walking the lattice: a model
     * that holds settles the models it implies, one that is violated rules out the models implying it.
     */
    public static HierarchyResult checkAll(History history, CheckRequest request) {
        return Hierarchy.check(history, request);
    }

    /**
     * Reads every operation as the request's datatype (named or inferred) does, checking nothing: the
     * datatype's name, or null when none can be inferred. Throws {@link dev.ariadne.checker.datatype.DatatypeMismatch}.
     */
    public static String validate(History history, CheckRequest request) {
        return ModelChecker.validate(history, request);
    }

    /** Reads a history file (any supported format) and checks it. */
    public static CheckResult check(Path file, CheckRequest request) throws HistoryException {
        return check(HistoryReader.read(file), request);
    }
}
