package dev.ariadne.history.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ariadne.history.Values;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;

/**
 * A small reader of the EDN that Jepsen writes, into canonical trees: {@code nil} is null,
 * keywords and symbols become strings (without the colon), vectors, lists and sets become arrays,
 * maps become objects (keys rendered as strings), tagged literals ({@code #inst "..."},
 * {@code #jepsen.history.Op{...}}) become their value, {@code #_} discards a form, and {@code ;}
 * comments and commas are white space. Tracks line and column for error messages.
 */
public final class EdnParser {
    /** A syntax error at a line and column (1-based). */
    public static final class EdnException extends IOException {
        public final int line;
        public final int column;

        EdnException(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    private final Reader in;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;
    private int line = 1;
    private int column = 1;

    public EdnParser(Reader in) {
        this.in = in;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    private int peek() throws IOException {
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return -1;
            }
        }
        return buf[pos];
    }

    private int next() throws IOException {
        int c = peek();
        if (c < 0) return c;
        pos++;
        if (c == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        return c;
    }

    private EdnException error(String message) {
        return new EdnException(message, line, column);
    }

    /** Skips white space, commas and comments; returns the next character without consuming it, or -1 at the end. */
    public int skipBlank() throws IOException {
        while (true) {
            int c = peek();
            if (c < 0) return c;
            if (c == ';') {
                while (c >= 0 && c != '\n') c = next();
            } else if (c == ',' || c == '\uFEFF' || Character.isWhitespace(c)) {
                next();
            } else if (c == '#' && discardAhead()) {
                next();
                next();
                read();
            } else {
                return c;
            }
        }
    }

    private boolean discardAhead() throws IOException {
        if (pos + 1 >= len) {
            // Shift and refill so that two characters are visible.
            int rest = len - pos;
            System.arraycopy(buf, pos, buf, 0, rest);
            pos = 0;
            len = rest;
            int r = in.read(buf, len, buf.length - len);
            if (r > 0) len += r;
        }
        return pos + 1 < len && buf[pos] == '#' && buf[pos + 1] == '_';
    }

    /** Consumes the given character (after blanks) or fails. */
    public void expect(char c) throws IOException {
        int d = skipBlank();
        if (d != c) throw error("expected '" + c + "' but found " + describe(d));
        next();
    }

    /** Consumes the next character, which the caller has peeked. */
    public void skip() throws IOException {
        next();
    }

    private static String describe(int c) {
        return c < 0 ? "the end of the input" : "'" + (char) c + "'";
    }

    /** How deeply collections may nest before the input is refused (a deeper one would exhaust the stack). */
    public static final int MAX_DEPTH = 1000;
    private int depth;

    /** Reads one form. */
    public JsonNode read() throws IOException {
        if (++depth > MAX_DEPTH) {
            depth = 0;
            throw error("values nested more than " + MAX_DEPTH + " deep");
        }
        try {
            return readForm();
        } finally {
            if (depth > 0) depth--;
        }
    }

    private JsonNode readForm() throws IOException {
        int c = skipBlank();
        if (c < 0) throw error("unexpected end of input");
        switch (c) {
            case '[': next(); return readSeq(']');
            case '(': next(); return readSeq(')');
            case '{': next(); return readMap();
            case '"': next(); return TextNode.valueOf(readString());
            case ':': next(); return TextNode.valueOf(readToken());
            case '\\': next(); return TextNode.valueOf(readChar());
            case '#': {
                next();
                int d = peek();
                if (d == '{') {
                    next();
                    return set(readSeq('}'));
                }
                if (d == '#') {
                    next();
                    throw error("##" + readToken() + " is not a value a history can compare");
                }
                readToken(); // the tag
                return read();
            }
            case '^': {
                next();
                read(); // metadata
                return read();
            }
            case ']': case ')': case '}':
                throw error("unexpected '" + (char) c + "'");
            default: {
                String tok = readToken();
                if (tok.isEmpty()) throw error("unexpected character '" + (char) c + "'");
                return atom(tok);
            }
        }
    }

    /** A set as a list in one canonical order, so that #{1 2} equals #{2 1}; a repeated element is an error. */
    private ArrayNode set(ArrayNode a) throws IOException {
        java.util.TreeMap<String, JsonNode> sorted = new java.util.TreeMap<>();
        for (JsonNode e : a) {
            if (sorted.put(e.toString(), e) != null) throw error("set holds " + Values.show(e) + " twice");
        }
        ArrayNode out = Values.NODES.arrayNode(sorted.size());
        sorted.values().forEach(out::add);
        return out;
    }

    private ArrayNode readSeq(char close) throws IOException {
        ArrayNode a = Values.NODES.arrayNode();
        while (true) {
            int c = skipBlank();
            if (c < 0) throw error("unclosed collection: expected '" + close + "'");
            if (c == close) {
                next();
                return a;
            }
            a.add(read());
        }
    }

    private ObjectNode readMap() throws IOException {
        ObjectNode o = Values.NODES.objectNode();
        while (true) {
            int c = skipBlank();
            if (c < 0) throw error("unclosed map: expected '}'");
            if (c == '}') {
                next();
                return o;
            }
            JsonNode k = read();
            c = skipBlank();
            if (c == '}' || c < 0) throw error("map has a key without a value: " + Values.show(k));
            JsonNode v = read();
            String name = k.isTextual() ? k.textValue() : Values.show(k);
            if (o.has(name)) throw error("map has the key " + Values.show(k) + " twice");
            o.set(name, v);
        }
    }

    private String readString() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = next();
            if (c < 0) throw error("unterminated string");
            if (c == '"') return sb.toString();
            if (c == '\\') {
                int e = next();
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case 'u' -> {
                        int cp = 0;
                        for (int i = 0; i < 4; i++) {
                            int h = Character.digit(next(), 16);
                            if (h < 0) throw error("bad \\u escape in string");
                            cp = cp * 16 + h;
                        }
                        sb.append((char) cp);
                    }
                    default -> throw error("bad escape \\" + (e < 0 ? "" : String.valueOf((char) e)) + " in string");
                }
            } else {
                sb.append((char) c);
            }
        }
    }

    private String readChar() throws IOException {
        String tok = readToken();
        if (tok.isEmpty()) {
            int c = next();
            if (c < 0) throw error("unexpected end of input after \\");
            return String.valueOf((char) c);
        }
        return switch (tok) {
            case "newline" -> "\n";
            case "space" -> " ";
            case "tab" -> "\t";
            case "return" -> "\r";
            default -> tok;
        };
    }

    private String readToken() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = peek();
            if (c < 0 || Character.isWhitespace(c) || c == ',' || c == '[' || c == ']' || c == '(' || c == ')'
                    || c == '{' || c == '}' || c == '"' || c == ';') {
                return sb.toString();
            }
            sb.append((char) next());
        }
    }

    /** 1e400 would read as infinity and equal 2e400: refuse it rather than compare it wrongly. */
    private JsonNode finite(String tok, double d) throws EdnException {
        if (Double.isInfinite(d) || Double.isNaN(d)) throw error("number " + tok + " is out of range");
        return DoubleNode.valueOf(d);
    }

    private JsonNode atom(String tok) throws EdnException {
        switch (tok) {
            case "nil": return NullNode.getInstance();
            case "true": return BooleanNode.TRUE;
            case "false": return BooleanNode.FALSE;
            default: break;
        }
        char c = tok.charAt(0);
        boolean numeric = Character.isDigit(c) || ((c == '-' || c == '+') && tok.length() > 1 && Character.isDigit(tok.charAt(1)));
        if (!numeric) return TextNode.valueOf(tok);
        try {
            String t = tok;
            if (t.endsWith("N")) return Values.integer(new BigInteger(t.substring(0, t.length() - 1)));
            if (t.endsWith("M")) return finite(tok, Double.parseDouble(t.substring(0, t.length() - 1)));
            if (t.contains("/")) return TextNode.valueOf(t);
            if (t.contains(".") || t.contains("e") || t.contains("E")) return finite(tok, Double.parseDouble(t));
            if (t.startsWith("+")) t = t.substring(1);
            return Values.integer(new BigInteger(t));
        } catch (NumberFormatException e) {
            throw error("malformed number " + tok);
        }
    }
}
