package dev.ariadne.history.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ariadne.history.EventColumns;
import dev.ariadne.history.History;
import dev.ariadne.history.HistoryError;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.Op;
import dev.ariadne.history.Values;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads histories in every supported format (see {@link HistoryFormat}), detecting the format from
 * the content unless told. Input is streamed: a JSON Lines or EDN file is never held whole in memory.
 * Files are opened read-only. Every problem becomes a {@link HistoryException} that names the file,
 * line and column.
 */
public final class HistoryReader {
    private static final int HEAD = 4096;
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private HistoryReader() {}

    /** Reads and validates a history file, detecting its format. */
    public static History read(Path file) throws HistoryException {
        return read(file, ReadOptions.DEFAULT);
    }

    public static History read(Path file, ReadOptions options) throws HistoryException {
        String name = file.toString();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, name, options);
        } catch (NoSuchFileException e) {
            throw new HistoryException(new HistoryError(name, 0, 0, -1, "no such file"));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new HistoryException(new HistoryError(name, firstBadUtf8Line(file), 0, -1, "not UTF-8 text"));
        } catch (IOException e) {
            throw new HistoryException(new HistoryError(name, 0, 0, -1, "cannot read: " + e.getMessage()));
        }
    }

    /** Reads a history from a string (handy in tests and examples). */
    /** The line of the first byte sequence that is not UTF-8, or 0 when it cannot be found. */
    static int firstBadUtf8Line(Path file) {
        java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT).onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            int line = 1;
            java.io.ByteArrayOutputStream current = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    if (!decodes(d, current.toByteArray())) return line;
                    current.reset();
                    line++;
                } else {
                    current.write(b);
                }
            }
            return decodes(d, current.toByteArray()) ? 0 : line;
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean decodes(java.nio.charset.CharsetDecoder d, byte[] bytes) {
        try {
            d.reset().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    public static History readString(String text, ReadOptions options) throws HistoryException {
        try {
            return read(new StringReader(text), "<string>", options);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads and validates a history from a reader; {@code source} names it in error messages. */
    public static History read(Reader reader, String source, ReadOptions options) throws IOException, HistoryException {
        Events ev = readEvents(reader, source, options);
        return History.of(source, ev.events, null);
    }

    /** Raw events (columns, with their source lines) before pairing and validation. */
    public record Events(EventColumns events, HistoryFormat format) {
        public int[] lines() {
            return events.lines();
        }
    }

    /** Reads the events only (no pairing), for conversion and tools. */
    public static Events readEvents(Reader reader, String source, ReadOptions options) throws IOException, HistoryException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        in.mark(HEAD + 1);
        char[] head = new char[HEAD];
        int n = 0;
        while (n < HEAD) {
            int r = in.read(head, n, HEAD - n);
            if (r < 0) break;
            n += r;
        }
        in.reset();
        HistoryFormat format = options.format();
        if (format == null) {
            format = HistoryFormat.detect(new String(head, 0, n));
            if (format == null) {
                String first = new String(head, 0, n).strip();
                int eol = first.indexOf('\n');
                if (eol >= 0) first = first.substring(0, eol);
                if (first.length() > 60) first = first.substring(0, 60) + "...";
                throw new HistoryException(new HistoryError(source, 1, 1, -1,
                        "cannot tell the format (JSON, JSON Lines, EDN or Jepsen log) from the start \"" + first
                                + "\"; name it with --format"));
            }
        }
        Sink sink = new Sink(source, options.independent(), format);
        switch (format) {
            case JSON, JSONL -> readJson(in, sink);
            case EDN -> readEdn(in, sink);
            case LOG -> readLog(in, sink);
            default -> throw new IllegalStateException();
        }
        return sink.finish();
    }

    /** Gathers events and errors; stops early when too many errors pile up. */
    private static final class Sink {
        final String source;
        final boolean independent;
        final HistoryFormat format;
        final EventBuilder builder = new EventBuilder();
        final EventColumns events = new EventColumns();
        final List<HistoryError> errors = new ArrayList<>();
        int errorCount;

        Sink(String source, boolean independent, HistoryFormat format) {
            this.source = source;
            this.independent = independent;
            this.format = format;
        }

        void error(int line, int column, String message) throws HistoryException {
            errorCount++;
            if (errors.size() < HistoryException.MAX_ERRORS) errors.add(new HistoryError(source, line, column, -1, message));
            if (errorCount >= 10 * HistoryException.MAX_ERRORS) throw new HistoryException(errors, errorCount);
        }

        /** Builds the event from the builder's fields, or records why it cannot. */
        void emit(int line, int column) throws HistoryException {
            try {
                events.add(builder.build(events.size(), independent), line);
            } catch (IllegalArgumentException e) {
                error(line, column, e.getMessage());
            }
        }

        Events finish() throws HistoryException {
            if (errorCount > 0) throw new HistoryException(errors, errorCount);
            return new Events(events.seal(), format);
        }
    }

    private static void readJson(Reader in, Sink sink) throws IOException, HistoryException {
        JsonParser p = JSON.createParser(in);
        try {
            JsonToken t = p.nextToken();
            boolean array = t == JsonToken.START_ARRAY;
            if (array) t = p.nextToken();
            while (t != null && !(array && t == JsonToken.END_ARRAY)) {
                JsonLocation at = p.currentTokenLocation();
                int line = at.getLineNr();
                int col = at.getColumnNr();
                if (t != JsonToken.START_OBJECT) {
                    sink.error(line, col, "expected an operation object {...}, found " + describe(t, p));
                    p.skipChildren();
                    t = p.nextToken();
                    continue;
                }
                EventBuilder b = sink.builder;
                b.reset();
                String bad = null;
                java.util.Set<String> names = new java.util.HashSet<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (!names.add(name) && bad == null) bad = "the operation has the field \"" + name + "\" twice";
                    p.nextToken();
                    JsonNode v = JsonTrees.read(p);
                    if (bad == null) {
                        try {
                            b.field(name, v);
                        } catch (IllegalArgumentException e) {
                            bad = e.getMessage();
                        }
                    }
                }
                if (bad != null) {
                    sink.error(line, col, bad);
                } else {
                    sink.emit(line, col);
                }
                t = p.nextToken();
            }
            if (array && t == JsonToken.END_ARRAY && p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                sink.error(at.getLineNr(), at.getColumnNr(), "unexpected content after the closing ']'");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
            String msg = e.getOriginalMessage();
            if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
                msg = msg.contains("nesting depth") ? "values nested more than 1000 deep"
                        : msg.contains("String value length") ? "a string longer than 20,000,000 characters"
                        : msg.contains("Number value length") ? "a number longer than 1,000 digits" : msg;
            }
            int cut = msg.indexOf('\n');
            if (cut > 0) msg = msg.substring(0, cut);
            sink.error(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "malformed JSON: " + msg);
        } finally {
            p.close();
        }
    }

    private static String describe(JsonToken t, JsonParser p) throws IOException {
        return switch (t) {
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "the string \"" + p.getText() + "\"";
            default -> p.getText();
        };
    }

    private static void readEdn(Reader in, Sink sink) throws IOException, HistoryException {
        EdnParser p = new EdnParser(in);
        try {
            int c = p.skipBlank();
            while (c >= 0) {
                if (c == '[' || c == '(') {
                    char close = c == '[' ? ']' : ')';
                    p.skip();
                    while (true) {
                        int d = p.skipBlank();
                        if (d == close) {
                            p.skip();
                            break;
                        }
                        if (d < 0) throw new EdnParser.EdnException("unclosed top-level collection: expected '" + close + "'", p.line(), p.column());
                        ednEvent(p, sink);
                    }
                } else {
                    ednEvent(p, sink);
                }
                c = p.skipBlank();
            }
        } catch (EdnParser.EdnException e) {
            sink.error(e.line, e.column, "malformed EDN: " + e.getMessage());
        }
    }

    private static void ednEvent(EdnParser p, Sink sink) throws IOException, HistoryException {
        int line = p.line();
        int col = p.column();
        JsonNode form = p.read();
        if (!form.isObject()) {
            sink.error(line, col, "expected an operation map {:type ..., :f ...}, found " + Values.show(form));
            return;
        }
        EventBuilder b = sink.builder;
        b.reset();
        for (Map.Entry<String, JsonNode> e : ((ObjectNode) form).properties()) {
            try {
                b.field(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                sink.error(line, col, ex.getMessage());
                return;
            }
        }
        sink.emit(line, col);
    }

    /** Jepsen's log lines: {@code <level> jepsen.util - <process> :<type> :<f> <value>}, separated by tabs or spaces; other lines are passed over. */
    /**
     * Jepsen's text logs, three generations of them: {@code INFO  jepsen.util - 0 :invoke :read nil}
     * (before 2018), {@code 2024-01-01 00:00:00,000{GMT} INFO [jepsen worker 0] jepsen.util: [ 100 ] 0
     * :invoke :read nil} (since), and {@code history.txt}'s bare {@code 0 :invoke :read nil}. Other
     * lines (the test's own logging) are passed over.
     */
    private static void readLog(BufferedReader in, Sink sink) throws IOException, HistoryException {
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            int start = HistoryFormat.logOperationStart(line);
            if (start < 0) continue;
            String rest = line.substring(start).strip();
            if (rest.startsWith("[")) { // the relative time of newer logs: [ 100 ]
                int close = rest.indexOf(']');
                if (close < 0) {
                    sink.error(lineNo, start + 1, "unclosed [ after \"jepsen.util:\"");
                    continue;
                }
                start += line.substring(start).indexOf(']') + 1;
                rest = rest.substring(close + 1).strip();
            }
            String[] parts = rest.split("\\s+", 4);
            if (parts.length < 3) {
                sink.error(lineNo, start + 1, "expected <process> :<type> :<f> <value>");
                continue;
            }
            EventBuilder b = sink.builder;
            b.reset();
            try {
                b.field("process", edn(parts[0]));
                b.field("type", edn(parts[1]));
                b.field("f", edn(parts[2]));
                b.field("value", parts.length > 3 && !parts[3].isBlank() ? edn(parts[3]) : Values.of((Object) null));
            } catch (IllegalArgumentException e) {
                sink.error(lineNo, start + 1, e.getMessage());
                continue;
            } catch (EdnParser.EdnException e) {
                sink.error(lineNo, start + 1, "malformed EDN in log line: " + e.getMessage());
                continue;
            }
            sink.emit(lineNo, start + 1);
        }
    }

    private static JsonNode edn(String text) throws IOException {
        EdnParser p = new EdnParser(new StringReader(text.strip()));
        JsonNode v = p.read();
        if (p.skipBlank() >= 0) throw new EdnParser.EdnException("unexpected text after " + Values.show(v), 1, p.column());
        return v;
    }
}
