package dev.ariadne.checker.split;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.Datatypes;
import dev.ariadne.history.EventColumns;
import dev.ariadne.history.HistoryError;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.MicroOp;
import dev.ariadne.history.OpType;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;
import dev.ariadne.history.io.HistoryFormat;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys each line of a history touches, read a batch of lines at a time so that nothing holds
 * more than a batch: the partitioning of {@link dev.ariadne.checker.linearizable.Partition} (Horn and
 * Kroening's P-compositionality) done before the history is ever whole. A line is read by the
 * library's own reader, so a file means the same here as to {@code ariadne check}. Serializable, for
 * Apache Spark's tasks.
 */
public final class EventKeys implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What routing needs of one event. {@code keys} are canonical JSON texts, empty when the event names none. */
    public static final class Routed implements Serializable {
        private static final long serialVersionUID = 1L;
        // A class, not a record: the Kryo in Spark cannot make records.
        private final long index;
        private final String process;
        private final boolean clientProcess;
        private final OpType type;
        private final String[] keys;

        Routed(long index, String process, boolean clientProcess, OpType type, String[] keys) {
            this.index = index;
            this.process = process;
            this.clientProcess = clientProcess;
            this.type = type;
            this.keys = keys;
        }

        public long index() {
            return index;
        }

        public String process() {
            return process;
        }

        public boolean clientProcess() {
            return clientProcess;
        }

        public OpType type() {
            return type;
        }

        public String[] keys() {
            return keys;
        }

        /** A client's completion that names no key: its invocation's keys decide where it goes. */
        public boolean unresolved() {
            return type != OpType.INVOKE && clientProcess && keys.length == 0;
        }
    }

    private final String source;
    /** Kept as its parts: {@link ReadOptions} is not serializable. */
    private final HistoryFormat format;
    private final boolean independent;
    private final String datatype;
    private final boolean transactional;
    private transient Datatype<?, ?> dt;

    public EventKeys(String source, ReadOptions options, String datatype, boolean transactional) {
        this.source = source;
        this.format = options.format();
        this.independent = options.independent();
        this.datatype = datatype;
        this.transactional = transactional;
    }

    /**
     * Reads a batch of lines (non-blank, each with its 0-based line index in the file) and returns the
     * event of each line that holds one (a Jepsen log's other lines hold none), in order. Throws a
     * {@link HistoryException} located in the file, not in the batch.
     */
    public List<Routed> route(List<String> lines, long[] indexes) throws HistoryException {
        StringBuilder text = new StringBuilder();
        for (String l : lines) text.append(l).append('\n');
        EventColumns ev;
        try {
            ev = HistoryReader.readEvents(new StringReader(text.toString()), source, new ReadOptions(format, independent)).events();
        } catch (HistoryException e) {
            throw relocate(e, indexes, lines.size(), source, hint());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Routed> out = new ArrayList<>(lines.size());
        int lastLine = 0;
        for (int i = 0; i < ev.size(); i++) {
            int line = ev.line(i);
            if (line < 1 || line > lines.size()) throw new IllegalStateException("the reader placed an event on line " + line + " of a batch of " + lines.size());
            if (line == lastLine) {
                // Routing moves lines, so a line must hold one event: two could belong to different keys.
                throw new HistoryException(new HistoryError(source, (int) Math.min(indexes[line - 1] + 1, Integer.MAX_VALUE), 0, -1,
                        "a split check needs one event per line (JSON Lines, EDN with one map per line, or Jepsen log lines)"));
            }
            lastLine = line;
            JsonNode p = ev.process(i);
            boolean client = p != null && p.canConvertToLong();
            out.add(new Routed(indexes[line - 1], p == null ? "" : Values.show(p), client, ev.type(i), keys(ev, i)));
        }
        if (format != HistoryFormat.LOG && out.size() < lines.size()) {
            // A JSON Lines or EDN line with no event of its own continues the event before it: routing moves
            // lines one by one, so that event could not be read again in its component.
            for (int j = 0, e = 0; j < lines.size(); j++) {
                boolean has = e < out.size() && out.get(e).index() == indexes[j];
                if (has) e++;
                else if (!lines.get(j).strip().startsWith(";")) {
                    throw new HistoryException(new HistoryError(source, (int) Math.min(indexes[j] + 1, Integer.MAX_VALUE), 0, -1,
                            "this line continues an event begun on an earlier line" + SPREAD));
                }
            }
        }
        return out;
    }

    /**
     * The line without the brackets of an EDN history written as one vector or list of maps, one map
     * per line ({@code [{...}}, {@code  {...}]}), as Knossos and Jepsen write history.edn: each line
     * is then a map the reader takes alone. Other lines, and other formats, are left as they are.
     */
    public String unwrap(String line) {
        return unwrap(format, line);
    }

    public static String unwrap(HistoryFormat format, String line) {
        if (format != HistoryFormat.EDN) return line;
        String t = line.strip();
        if (t.equals("[") || t.equals("(") || t.equals("]") || t.equals(")")) return "";
        int from = 0, to = t.length();
        if (to > 1 && (t.charAt(0) == '[' || t.charAt(0) == '(') && t.substring(1).stripLeading().startsWith("{")) from = 1;
        if (to - from > 1 && (t.charAt(to - 1) == ']' || t.charAt(to - 1) == ')') && t.substring(from, to - 1).stripTrailing().endsWith("}")) to--;
        return from == 0 && to == t.length() ? line : t.substring(from, to);
    }

    private String[] keys(EventColumns ev, int i) {
        Set<String> ks = new LinkedHashSet<>();
        JsonNode value = ev.value(i);
        if (transactional) {
            if (value != null && value.isArray()) {
                try {
                    for (MicroOp m : MicroOp.parseAll(value)) if (m.key() != null) ks.add(Values.canonical(m.key()).toString());
                } catch (IllegalArgumentException notMicroOps) {
                    // Not a transaction: it names no key here, and the check says what is wrong with it.
                }
            }
        } else {
            if (dt == null) dt = Datatypes.byName(datatype, DatatypeOptions.DEFAULT);
            OpType outcome = ev.type(i) == OpType.INVOKE ? OpType.INFO : ev.type(i);
            Operation op = new Operation(0, 0, ev.f(i), value == null ? NullNode.getInstance() : value, ev.key(i), outcome, 0, -1, null, null);
            try {
                for (JsonNode k : dt.keys(op)) ks.add(Values.canonical(k).toString());
            } catch (RuntimeException unreadable) {
                // An event the datatype cannot read alone (a completion without its key, say) names no key here:
                // it goes with its invocation, and the check of its component reports what is wrong, located.
            }
        }
        return ks.toArray(new String[0]);
    }

    /** What to add to a reading error: lines are routed one at a time here, unlike in a whole {@code ariadne check}. */
    private String hint() {
        return format == HistoryFormat.JSONL ? "" : SPREAD;
    }

    private static final String SPREAD = " (a split check reads each line alone, so an event spread over several lines"
                + " cannot be read: convert the file with ariadne convert --to jsonl)";

    /** The exception with each of the first {@code count} batch line numbers turned into the file's, and the hint added. */
    public static HistoryException relocate(HistoryException e, long[] indexes, int count, String source, String hint) {
        List<HistoryError> moved = new ArrayList<>(e.errors().size());
        for (HistoryError err : e.errors()) {
            // Past the batch's last line is its end of input: the last line is the one left open.
            int local = Math.min(err.line(), count);
            long line = local >= 1 ? indexes[local - 1] + 1 : 0;
            moved.add(new HistoryError(source, (int) Math.min(line, Integer.MAX_VALUE), err.column(), -1, err.message() + hint));
        }
        return new HistoryException(moved, Math.max(e.total(), moved.size()));
    }
}
