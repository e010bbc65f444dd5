package dev.ariadne.history.io;

import java.util.Locale;

/** The formats Ariadne reads and writes. */
public enum HistoryFormat {
    /** One JSON array of operation objects. */
    JSON,
    /** JSON Lines: one operation object per line (read as a stream). */
    JSONL,
    /** Jepsen EDN: maps one per line, or inside one vector or list; {@code ;} comments. */
    EDN,
    /** Jepsen log lines, such as {@code INFO  jepsen.util - 3	:invoke	:cas	[3 0]} (read only). */
    LOG;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HistoryFormat parse(String s) {
        for (HistoryFormat f : values()) {
            if (f.cliName().equalsIgnoreCase(s) || (f == JSONL && "json-lines".equalsIgnoreCase(s))) return f;
        }
        throw new IllegalArgumentException("unknown format " + s + " (expected json, jsonl, edn or log)");
    }

    /**
     * Tells the format from the start of a text: JSON starts {@code [{"}, JSON Lines {@code {"},
     * EDN {@code {:}, {@code [{:}, {@code (} or {@code ;}, and log lines name {@code jepsen.util}.
     * Returns null when it cannot tell; an empty text is {@link #JSONL} (an empty history).
     */
    public static HistoryFormat detect(CharSequence head) {
        int i = skipBlank(head, 0);
        if (i >= head.length()) return JSONL;
        char c = head.charAt(i);
        if (c == ';' || c == '(' || c == '#') return EDN;
        if (c == '{') {
            int j = skipBlank(head, i + 1);
            if (j >= head.length()) return null;
            char d = head.charAt(j);
            if (d == '"' || d == '}') return JSONL;
            if (d == ':') return EDN;
            return null;
        }
        if (c == '[') {
            int j = skipBlank(head, i + 1);
            if (j >= head.length()) return null;
            char d = head.charAt(j);
            if (d == ']') return JSON;
            if (d == '{') {
                int k = skipBlank(head, j + 1);
                if (k >= head.length()) return null;
                char e = head.charAt(k);
                if (e == '"' || e == '}') return JSON;
                if (e == ':') return EDN;
            }
            if (d == ';') return EDN;
            return null;
        }
        // Log lines: any line of the head that is an operation of a Jepsen log or of history.txt.
        for (String line : head.subSequence(i, head.length()).toString().split("\n")) {
            if (logOperationStart(line) >= 0) return LOG;
        }
        return null;
    }

    private static final java.util.regex.Pattern HISTORY_TXT = java.util.regex.Pattern.compile("^\\s*[^\\s:]+\\t:(invoke|ok|fail|info)\\t.*");

    /**
     * Where a log line's operation starts (its process), or -1 when the line holds none: after
     * {@code jepsen.util - } or {@code jepsen.util: }, or at the start of a history.txt line
     * ({@code process<TAB>:type<TAB>:f<TAB>value}).
     */
    public static int logOperationStart(String line) {
        int at = line.indexOf("jepsen.util - ");
        if (at >= 0) return at + "jepsen.util - ".length();
        at = line.indexOf("jepsen.util: ");
        if (at >= 0) return at + "jepsen.util: ".length();
        return HISTORY_TXT.matcher(line).matches() ? 0 : -1;
    }

    private static int skipBlank(CharSequence s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\uFEFF' || Character.isWhitespace(c) || c == ',') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }
}
