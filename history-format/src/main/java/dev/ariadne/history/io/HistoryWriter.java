package dev.ariadne.history.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ariadne.history.Op;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes events as JSON (one array, one event a line), JSON Lines, or Jepsen EDN. Each output
 * reads back through {@link HistoryReader} to equal events. Fields come in Jepsen's order:
 * index, time, type, process, f, key, value, error, then any others as read.
 */
public final class HistoryWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = MAPPER.getFactory();
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z*+!_?<>=-][A-Za-z0-9*+!_?<>=./-]*");

    private HistoryWriter() {}

    public static void write(List<Op> events, HistoryFormat format, Writer out) throws IOException {
        switch (format) {
            case JSON -> {
                out.write("[");
                boolean first = true;
                for (Op e : events) {
                    out.write(first ? "\n" : ",\n");
                    first = false;
                    writeJson(e, out);
                }
                out.write(first ? "]\n" : "\n]\n");
            }
            case JSONL -> {
                for (Op e : events) {
                    writeJson(e, out);
                    out.write('\n');
                }
            }
            case EDN -> {
                for (Op e : events) {
                    writeEdn(e, out);
                    out.write('\n');
                }
            }
            case LOG -> throw new IllegalArgumentException("Jepsen log lines are read only; write json, jsonl or edn");
            default -> throw new IllegalStateException();
        }
        out.flush();
    }

    /** Writes one event as a JSON object (no newline). */
    public static void writeJson(Op e, Writer out) throws IOException {
        JsonGenerator g = JSON.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // The generator's flush below hands its text to the writer; passing the flush on would make a
        // system call per event when the writer is a stream (half the time of a generated 10M history).
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        g.writeStartObject();
        g.writeNumberField("index", e.index());
        if (e.hasTime()) g.writeNumberField("time", e.time());
        g.writeStringField("type", e.type().jepsenName());
        if (e.process() != null) {
            g.writeFieldName("process");
            MAPPER.writeTree(g, e.process());
        }
        if (e.f() != null) g.writeStringField("f", e.f());
        if (e.key() != null) {
            g.writeFieldName("key");
            MAPPER.writeTree(g, e.key());
        }
        g.writeFieldName("value");
        MAPPER.writeTree(g, e.value());
        if (e.error() != null) {
            g.writeFieldName("error");
            MAPPER.writeTree(g, e.error());
        }
        for (Map.Entry<String, JsonNode> x : e.extra().entrySet()) {
            g.writeFieldName(x.getKey());
            MAPPER.writeTree(g, x.getValue());
        }
        g.writeEndObject();
        g.flush();
    }

    /** Writes one event as an EDN map (no newline). */
    public static void writeEdn(Op e, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder(96);
        sb.append("{:index ").append(e.index());
        if (e.hasTime()) sb.append(", :time ").append(e.time());
        sb.append(", :type :").append(e.type().jepsenName());
        if (e.process() != null) {
            sb.append(", :process ");
            if (e.process().isTextual()) keywordOrString(e.process().textValue(), sb);
            else edn(e.process(), sb, false);
        }
        if (e.f() != null) {
            sb.append(", :f ");
            keywordOrString(e.f(), sb);
        }
        if (e.key() != null) {
            sb.append(", :key ");
            edn(e.key(), sb, false);
        }
        sb.append(", :value ");
        edn(e.value(), sb, "txn".equals(e.f()));
        if (e.error() != null) {
            sb.append(", :error ");
            edn(e.error(), sb, false);
        }
        for (Map.Entry<String, JsonNode> x : e.extra().entrySet()) {
            sb.append(", ");
            keywordOrString(x.getKey(), sb);
            sb.append(' ');
            edn(x.getValue(), sb, false);
        }
        sb.append('}');
        out.write(sb.toString());
    }

    private static void keywordOrString(String s, StringBuilder sb) {
        if (KEYWORD.matcher(s).matches() && !s.equals("nil") && !s.equals("true") && !s.equals("false")) {
            sb.append(':').append(s);
        } else {
            ednString(s, sb);
        }
    }

    /** EDN text of a value; in a txn, each micro-op's function is written as a keyword. */
    private static void edn(JsonNode n, StringBuilder sb, boolean txn) {
        if (n == null || n.isNull()) {
            sb.append("nil");
        } else if (n.isTextual()) {
            ednString(n.textValue(), sb);
        } else if (n.isBigInteger()) {
            BigInteger b = n.bigIntegerValue();
            sb.append(b).append('N');
        } else if (n.isNumber() || n.isBoolean()) {
            sb.append(n.asText());
        } else if (n.isArray()) {
            sb.append('[');
            boolean first = true;
            for (JsonNode m : n) {
                if (!first) sb.append(' ');
                first = false;
                if (txn && m.isArray() && m.size() == 3 && m.get(0).isTextual()) {
                    sb.append('[');
                    keywordOrString(m.get(0).textValue(), sb);
                    sb.append(' ');
                    edn(m.get(1), sb, false);
                    sb.append(' ');
                    edn(m.get(2), sb, false);
                    sb.append(']');
                } else {
                    edn(m, sb, false);
                }
            }
            sb.append(']');
        } else if (n.isObject()) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> x : n.properties()) {
                if (!first) sb.append(", ");
                first = false;
                ednString(x.getKey(), sb);
                sb.append(' ');
                edn(x.getValue(), sb, false);
            }
            sb.append('}');
        } else {
            ednString(n.asText(), sb);
        }
    }

    private static void ednString(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        sb.append('"');
    }
}
