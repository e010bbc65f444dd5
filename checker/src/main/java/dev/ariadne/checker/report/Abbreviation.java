package dev.ariadne.checker.report;

/**
 * Long values shortened for text: the head and the tail, with how many characters were left out
 * between them (the tail is kept because that is where a register's or a string's latest change
 * shows). The JSON report and the HTML page's hover keep every value whole.
 */
public final class Abbreviation {
    /** Text values longer than this are shortened. */
    public static final int MAX_CHARS = 120;
    private static final int HEAD = 60;
    private static final int TAIL = 40;

    private Abbreviation() {}

    public static String shorten(String s) {
        if (s == null || s.length() <= MAX_CHARS) return s;
        int left = s.length() - HEAD - TAIL;
        return s.substring(0, HEAD) + "…[" + left + " more chars]…" + s.substring(s.length() - TAIL);
    }
}
