package dev.ariadne.history;

/**
 * One thing wrong with an input history, located as precisely as the reader could:
 * the source (a file name), line and column (1-based, 0 when unknown), and the event's index
 * (-1 when unknown).
 */
public record HistoryError(String source, int line, int column, long opIndex, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(source == null ? "<history>" : source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) sb.append(':').append(column);
        }
        if (opIndex >= 0) sb.append(" (op ").append(opIndex).append(')');
        sb.append(": ").append(message);
        return sb.toString();
    }
}
