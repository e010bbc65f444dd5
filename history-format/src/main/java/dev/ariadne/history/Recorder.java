package dev.ariadne.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A thread-safe recorder of a live history: stamps every invocation and completion with
 * {@link System#nanoTime()} and a consecutive index, in the order the events happened.
 *
 * <pre>{@code
 * Recorder rec = new Recorder();
 * Recorder.Pending w = rec.invoke(0, "write", 3);
 * register.set(3);
 * w.ok();
 * History h = rec.history();
 * }</pre>
 */
public final class Recorder {
    private final List<Op> events = new ArrayList<>();
    private final long origin = System.nanoTime();

    /** An operation that has been invoked and awaits its completion. */
    public final class Pending {
        private final JsonNode process;
        private final String f;
        private final JsonNode key;
        private final JsonNode value;
        private boolean completed;

        private Pending(JsonNode process, String f, JsonNode key, JsonNode value) {
            this.process = process;
            this.f = f;
            this.key = key;
            this.value = value;
        }

        /** It happened, with the invocation's value. */
        public void ok() {
            complete(OpType.OK, value, null);
        }

        /** It happened, with this value (a read's result, say). */
        public void ok(Object result) {
            complete(OpType.OK, Values.of(result), null);
        }

        /** It certainly did not happen. */
        public void fail(Object error) {
            complete(OpType.FAIL, value, error == null ? null : Values.of(error));
        }

        /** Its outcome is unknown; the process must not invoke again. */
        public void info(Object error) {
            complete(OpType.INFO, value, error == null ? null : Values.of(error));
        }

        private void complete(OpType type, JsonNode v, JsonNode error) {
            synchronized (Recorder.this) {
                if (completed) throw new IllegalStateException("operation already completed");
                completed = true;
                append(process, type, f, key, v, error);
            }
        }
    }

    /** Records an invocation by a client process. */
    public Pending invoke(long process, String f, Object value) {
        return invoke(process, f, null, value);
    }

    /** Records an invocation on a key. */
    public Pending invoke(long process, String f, Object key, Object value) {
        LongNode p = Values.of(process);
        JsonNode k = key == null ? null : Values.of(key);
        JsonNode v = Values.of(value);
        synchronized (this) {
            append(p, OpType.INVOKE, f, k, v, null);
        }
        return new Pending(p, f, k, v);
    }

    /** Records a fault-injection event by the nemesis (not checked). */
    public synchronized void nemesis(String f, Object value) {
        append(Values.of("nemesis"), OpType.INFO, f, null, Values.of(value), null);
    }

    private void append(JsonNode process, OpType type, String f, JsonNode key, JsonNode value, JsonNode error) {
        events.add(new Op(events.size(), System.nanoTime() - origin, process, type, f, value, key, error, Map.of()));
    }

    /** The events so far. */
    public synchronized List<Op> events() {
        return List.copyOf(events);
    }

    /** The history so far; operations still running count as indeterminate. */
    public History history() throws HistoryException {
        return History.of("<recorder>", events(), null);
    }
}
