package dev.ariadne.history.io;

/**
 * How to read a history.
 *
 * @param format      the format, or null to detect it from the content
 * @param independent split Jepsen's independent-key tuples: every value is {@code [k v]}, whose
 *                    {@code k} becomes the operation's {@code key} and {@code v} its value
 */
public record ReadOptions(HistoryFormat format, boolean independent) {
    public static final ReadOptions DEFAULT = new ReadOptions(null, false);

    public ReadOptions withFormat(HistoryFormat f) {
        return new ReadOptions(f, independent);
    }
}
