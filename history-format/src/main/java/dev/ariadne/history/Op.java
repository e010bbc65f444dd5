package dev.ariadne.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.Map;
import java.util.Objects;

/**
 * One event of a history, as Jepsen records it: an invocation or a completion.
 *
 * @param index   the event's position as recorded ({@code :index}); unique in a history
 * @param time    nanoseconds, or {@link #NO_TIME}
 * @param process the process: an integer ({@link com.fasterxml.jackson.databind.node.LongNode}),
 *                a name such as {@code nemesis} (text), or null when the history names none
 * @param type    invoke, ok, fail or info
 * @param f       the function, such as {@code read}, {@code cas} or {@code txn}; null if absent
 * @param value   the value, never null ({@link NullNode} for {@code nil})
 * @param key     an optional key, or null
 * @param error   an optional error, or null
 * @param extra   every other field, kept as read (never null)
 */
public record Op(long index, long time, JsonNode process, OpType type, String f, JsonNode value,
                 JsonNode key, JsonNode error, Map<String, JsonNode> extra) {

    public static final long NO_TIME = Long.MIN_VALUE;

    public Op {
        Objects.requireNonNull(type, "type");
        value = value == null ? NullNode.getInstance() : Values.canonical(value);
        process = process == null || process.isNull() ? null : Values.canonical(process);
        if (key != null) key = key.isNull() ? null : Values.canonical(key);
        if (error != null) error = error.isNull() ? null : Values.canonical(error);
        extra = extra == null || extra.isEmpty() ? Map.of() : Map.copyOf(extra);
    }

    /** A plain event with the usual fields. */
    public static Op of(long index, Object process, OpType type, String f, Object value) {
        return new Op(index, NO_TIME, process == null ? null : Values.of(process), type, f, Values.of(value),
                null, null, Map.of());
    }

    public boolean hasTime() {
        return time != NO_TIME;
    }

    /** The same event with another index. */
    public Op withIndex(long newIndex) {
        return new Op(newIndex, time, process, type, f, value, key, error, extra);
    }

    public Op withTime(long newTime) {
        return new Op(index, newTime, process, type, f, value, key, error, extra);
    }

    /** True when the process is a client number rather than a name such as {@code nemesis}. */
    public boolean isClientProcess() {
        return process == null || process.isIntegralNumber();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append('{').append(index).append(' ');
        sb.append(process == null ? "?" : Values.show(process)).append(' ');
        sb.append(type.jepsenName()).append(' ').append(f);
        if (key != null) sb.append(" key=").append(Values.show(key));
        sb.append(' ').append(Values.show(value)).append('}');
        return sb.toString();
    }
}
