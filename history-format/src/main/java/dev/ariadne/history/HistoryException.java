package dev.ariadne.history;

import java.util.List;

/** An input history cannot be used; {@link #errors()} says where and why, each on its own line. */
public final class HistoryException extends Exception {
    /** At most this many errors are collected; the rest are only counted. */
    public static final int MAX_ERRORS = 20;

    private final List<HistoryError> errors;
    private final int total;

    public HistoryException(List<HistoryError> errors, int total) {
        super(render(errors, total));
        this.errors = List.copyOf(errors);
        this.total = total;
    }

    public HistoryException(HistoryError error) {
        this(List.of(error), 1);
    }

    public List<HistoryError> errors() {
        return errors;
    }

    public int total() {
        return total;
    }

    private static String render(List<HistoryError> errors, int total) {
        StringBuilder sb = new StringBuilder();
        for (HistoryError e : errors) {
            if (sb.length() > 0) sb.append('\n');
            sb.append(e);
        }
        if (total > errors.size()) sb.append("\n... and ").append(total - errors.size()).append(" more");
        return sb.toString();
    }
}
