package dev.ariadne.history.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.Op;
import dev.ariadne.history.OpType;
import dev.ariadne.history.Values;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects the fields of one event, whatever the format, and checks each as it comes.
 * Reused from event to event; strings and small process numbers are interned so that a
 * million events share their {@code f} and {@code process} values.
 */
final class EventBuilder {
    private final Map<String, String> fNames = new HashMap<>();
    private final Map<JsonNode, JsonNode> processes = new HashMap<>();

    private long index;
    private boolean hasIndex;
    private long time;
    private JsonNode process;
    private OpType type;
    private String typeName;
    private String f;
    private JsonNode value;
    private JsonNode key;
    private JsonNode error;
    private Map<String, JsonNode> extra;

    void reset() {
        hasIndex = false;
        time = Op.NO_TIME;
        process = null;
        type = null;
        typeName = null;
        f = null;
        value = null;
        key = null;
        error = null;
        extra = null;
    }

    /** Accepts one field; throws {@link IllegalArgumentException} saying what is wrong with it. */
    void field(String name, JsonNode v) {
        switch (name) {
            case "index" -> {
                if (v.isNull()) throw new IllegalArgumentException("index must be a non-negative integer, not nil (leave the field out to number events by position)");
                if (!v.isIntegralNumber() || !v.canConvertToLong()) throw new IllegalArgumentException("index must be an integer, not " + Values.show(v));
                if (v.longValue() < 0) throw new IllegalArgumentException("index must be a non-negative integer, not " + Values.show(v));
                index = v.longValue();
                hasIndex = true;
            }
            case "time" -> {
                if (v.isNull()) return;
                if (!v.isNumber()) throw new IllegalArgumentException("time must be a number of nanoseconds, not " + Values.show(v));
                time = v.longValue();
            }
            case "process" -> {
                if (v.isNull()) return;
                if (!(v.isIntegralNumber() && v.canConvertToLong()) && !v.isTextual()) {
                    throw new IllegalArgumentException("process must be an integer or a name such as nemesis, not " + Values.show(v));
                }
                JsonNode c = Values.canonical(v);
                process = processes.computeIfAbsent(c, x -> x);
            }
            case "type" -> {
                if (!v.isTextual()) throw new IllegalArgumentException("type must be one of invoke, ok, fail, info, not " + Values.show(v));
                typeName = v.textValue();
                type = OpType.parse(typeName);
                if (type == null) throw new IllegalArgumentException("unknown type " + typeName + " (expected invoke, ok, fail or info)");
            }
            case "f" -> {
                if (v.isNull()) return;
                String s = v.isTextual() ? v.textValue() : Values.show(v);
                f = fNames.computeIfAbsent(s, x -> x);
            }
            case "value" -> value = v;
            case "key" -> key = v;
            case "error" -> error = v;
            default -> {
                if (extra == null) extra = new LinkedHashMap<>();
                extra.put(name, v);
            }
        }
    }

    /** The event; {@code position} is its index when the input gives none. */
    Op build(long position, boolean independent) {
        if (type == null) throw new IllegalArgumentException("the event has no type (expected invoke, ok, fail or info)");
        JsonNode v = value;
        JsonNode k = key;
        if (independent && v != null && !v.isNull()) {
            if (!v.isArray() || v.size() != 2) {
                throw new IllegalArgumentException("with independent keys every value must be a [key value] tuple, not " + Values.show(v));
            }
            k = v.get(0);
            v = v.get(1);
        }
        return new Op(hasIndex ? index : position, time, process, type, f, v, k, error, extra);
    }
}
