package dev.ariadne.spark;

import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.datatype.DatatypeMismatch;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.Limits;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Reports;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.HistoryError;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.io.HistoryFormat;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Checks the components of one Spark partition, whose lines arrive sorted by component and then by
 * line: each component's lines are read as one history with the library's reader, checked with
 * {@link Ariadne#check}, and dropped before the next is read, so a task holds one component at a time.
 */
final class ComponentCheck implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * What the driver gathers of one component; the library's reports only for the components that are
     * not VALID; {@code errors} ({@code line TAB column TAB message}) and their {@code errorCount} when it cannot be read.
     */
    static final class Outcome implements Serializable {
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

        Outcome(String component, int keys, int operations, Verdict verdict, String detail, long nanos,
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

        String component() {
            return component;
        }

        int keys() {
            return keys;
        }

        int operations() {
            return operations;
        }

        Verdict verdict() {
            return verdict;
        }

        String detail() {
            return detail;
        }

        long nanos() {
            return nanos;
        }

        String text() {
            return text;
        }

        String json() {
            return json;
        }

        List<String> errors() {
            return errors;
        }

        int errorCount() {
            return errorCount;
        }

        boolean unusable() {
            return !errors.isEmpty();
        }
    }

    private final String source;
    /** Kept as its parts: {@link ReadOptions} is not serializable. */
    private final HistoryFormat format;
    private final boolean independent;
    private final String model;
    private final String datatype;
    private final SparkCheck.Request request;
    /** Broadcast once to each executor, not shipped with every task. */
    private final Broadcast<KeyComponents> components;

    ComponentCheck(String source, ReadOptions options, String model, String datatype, SparkCheck.Request request, Broadcast<KeyComponents> components) {
        this.source = source;
        this.format = options.format();
        this.independent = options.independent();
        this.model = model;
        this.datatype = datatype;
        this.request = request;
        this.components = components;
    }

    /** The outcomes of the components in a sorted partition, one component read at a time. */
    Iterator<Outcome> run(Iterator<Tuple2<Tuple2<String, Long>, String>> sorted) {
        return new Iterator<>() {
            Tuple2<Tuple2<String, Long>, String> next = sorted.hasNext() ? sorted.next() : null;
            Outcome pending = advance();

            private Outcome advance() {
                while (next != null) {
                    String component = next._1()._1();
                    StringBuilder text = new StringBuilder();
                    long[] indexes = new long[16];
                    int n = 0;
                    while (next != null && next._1()._1().equals(component)) {
                        if (n == indexes.length) indexes = java.util.Arrays.copyOf(indexes, n * 2);
                        indexes[n++] = next._1()._2();
                        text.append(next._2()).append('\n');
                        next = sorted.hasNext() ? sorted.next() : null;
                    }
                    Outcome o = check(component, text.toString(), java.util.Arrays.copyOf(indexes, n));
                    if (o != null) return o;
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return pending != null;
            }

            @Override
            public Outcome next() {
                if (pending == null) throw new NoSuchElementException();
                Outcome o = pending;
                pending = advance();
                return o;
            }
        };
    }

    /** One component's outcome, or null when it holds no client operation (only the nemesis's events). */
    Outcome check(String component, String text, long[] indexes) {
        int keys = component.equals(SparkCheck.KEYLESS) ? 0 : components.value().keys(component);
        History h;
        try {
            h = HistoryReader.read(new StringReader(text), source, new ReadOptions(format, independent));
        } catch (HistoryException e) {
            return unusable(component, keys, EventKeys.relocate(e, indexes, indexes.length, source, ""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (h.size() == 0) return null;
        CheckRequest req = CheckRequest.of(model).withDatatype(datatype).withOptions(request.options())
                .withLimits(new Limits(request.timeoutMillis(), 0, 1));
        long t0 = System.nanoTime();
        CheckResult r;
        try {
            r = Ariadne.check(h, req);
        } catch (DatatypeMismatch dm) {
            int pos = dm.operation().isOk() && dm.operation().completePosition() >= 0 ? dm.operation().completePosition() : dm.operation().invokePosition();
            int line = h.line(pos);
            long at = line >= 1 && line <= indexes.length ? indexes[line - 1] + 1 : 0;
            return unusable(component, keys, new HistoryException(new HistoryError(source, (int) Math.min(at, Integer.MAX_VALUE), 0, -1, dm.getMessage())));
        }
        long nanos = System.nanoTime() - t0;
        boolean valid = r.verdict() == Verdict.VALID;
        String detail = r.verdict() == Verdict.UNKNOWN ? r.summary() : null;
        return new Outcome(component, keys, h.size(), r.verdict(), detail, nanos,
                valid ? null : Reports.text(r), valid ? null : Reports.json(r, source), List.of(), 0);
    }

    private static Outcome unusable(String component, int keys, HistoryException e) {
        List<String> errors = new ArrayList<>();
        // Each as line, column and message (HistoryError is not serializable); the driver makes them errors of the file again.
        for (HistoryError err : e.errors()) errors.add(err.line() + "\t" + err.column() + "\t" + err.message());
        return new Outcome(component, keys, 0, Verdict.UNKNOWN, "unusable input", 0, null, null, errors, e.total());
    }
}
