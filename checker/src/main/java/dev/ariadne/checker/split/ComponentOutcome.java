package dev.ariadne.checker.split;

import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.datatype.DatatypeMismatch;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Reports;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.HistoryError;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * What a split check keeps of one component once it is checked: its figures, and the library's
 * reports only when it is not VALID; {@code errors} ({@code line TAB column TAB message}, lines of the
 * file) and their {@code errorCount} when it cannot be read. Serializable, for Apache Spark's tasks.
 */
public final class ComponentOutcome implements Serializable {
    private static final long serialVersionUID = 1L;
    // A class, not a record: the Kryo in Spark cannot make records.
    private final String component;
    private final int keys;
    private final int operations;
    private final Verdict verdict;
    private final String detail;
    private final long nanos;
    private final String text;
    private final String json;
    private final List<String> errors;
    private final int errorCount;

    ComponentOutcome(String component, int keys, int operations, Verdict verdict, String detail, long nanos,
                     String text, String json, List<String> errors, int errorCount) {
        this.component = component;
        this.keys = keys;
        this.operations = operations;
        this.verdict = verdict;
        this.detail = detail;
        this.nanos = nanos;
        this.text = text;
        this.json = json;
        this.errors = new ArrayList<>(errors);
        this.errorCount = errorCount;
    }

    /**
     * Reads one component's lines (in the file's order; {@code indexes} their 0-based lines in the
     * file) as a history and checks it with {@link Ariadne#check}. Null when the component holds no
     * client operation (only the nemesis's events). Errors of reading are kept, located in the file.
     */
    public static ComponentOutcome check(String source, ReadOptions options, String component, int keys, String text, long[] indexes,
                                         CheckRequest request) {
        History h;
        try {
            h = HistoryReader.read(new StringReader(text), source, options);
        } catch (HistoryException e) {
            return unusable(component, keys, EventKeys.relocate(e, indexes, indexes.length, source, ""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (h.size() == 0) return null;
        long t0 = System.nanoTime();
        CheckResult r;
        try {
            r = Ariadne.check(h, request);
        } catch (DatatypeMismatch dm) {
            int pos = dm.operation().isOk() && dm.operation().completePosition() >= 0 ? dm.operation().completePosition() : dm.operation().invokePosition();
            int line = h.line(pos);
            long at = line >= 1 && line <= indexes.length ? indexes[line - 1] + 1 : 0;
            return unusable(component, keys, new HistoryException(new HistoryError(source, (int) Math.min(at, Integer.MAX_VALUE), 0, -1, dm.getMessage())));
        }
        long nanos = System.nanoTime() - t0;
        boolean valid = r.verdict() == Verdict.VALID;
        String detail = r.verdict() == Verdict.UNKNOWN ? r.summary() : null;
        return new ComponentOutcome(component, keys, h.size(), r.verdict(), detail, nanos,
                valid ? null : Reports.text(r), valid ? null : Reports.json(r, source), List.of(), 0);
    }

    private static ComponentOutcome unusable(String component, int keys, HistoryException e) {
        List<String> errors = new ArrayList<>();
        // Each as line, column and message (HistoryError is not serializable); the gathering makes them errors of the file again.
        for (HistoryError err : e.errors()) errors.add(err.line() + "\t" + err.column() + "\t" + err.message());
        return new ComponentOutcome(component, keys, 0, Verdict.UNKNOWN, "unusable input", 0, null, null, errors, e.total());
    }

    /** The component's name: its smallest key as canonical JSON, or {@link SplitPlan#KEYLESS}. */
    public String component() {
        return component;
    }

    public int keys() {
        return keys;
    }

    public int operations() {
        return operations;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** Why the component is UNKNOWN, or null. */
    public String detail() {
        return detail;
    }

    /** Time spent in {@link Ariadne#check}. */
    public long nanos() {
        return nanos;
    }

    /** The library's text report, or null when VALID. */
    public String text() {
        return text;
    }

    /** The library's JSON report, or null when VALID. */
    public String json() {
        return json;
    }

    public List<String> errors() {
        return errors;
    }

    public int errorCount() {
        return errorCount;
    }

    public boolean unusable() {
        return !errors.isEmpty();
    }
}
