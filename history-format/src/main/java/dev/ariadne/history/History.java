package dev.ariadne.history;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A validated history: its events in order, and the logical {@link Operation}s obtained by pairing
 * every invocation with its completion on the same process (Jepsen's semantics: a process runs one
 * operation at a time; {@code fail} certainly did not happen; {@code info}, or no completion at all,
 * may have happened at any time after the invocation, and that process never invokes again).
 *
 * <p>Events of named processes (such as {@code nemesis}) that are {@code info} without a pending
 * invocation are fault-injection events, kept in {@link #nemesisEvents()} and not checked.
 * A history whose events carry no {@code process} at all pairs each completion with the oldest
 * pending invocation, each operation in a process of its own.
 */
public final class History {
    private final String source;
    private final EventColumns events;
    private final int[] invokePos;
    private final int[] completePos;
    private final int[] procOf;
    private final List<Op> nemesisEvents;
    private final List<JsonNode> processNames;
    private final boolean realTimeKnown;
    private final List<Operation> operations;

    private History(String source, EventColumns events, int[] invokePos, int[] completePos, int[] procOf, List<Op> nemesisEvents,
                    List<JsonNode> processNames, boolean realTimeKnown) {
        this.source = source;
        this.events = events;
        this.invokePos = invokePos;
        this.completePos = completePos;
        this.procOf = procOf;
        this.nemesisEvents = nemesisEvents;
        this.processNames = processNames;
        this.realTimeKnown = realTimeKnown;
        this.operations = new Operations();
    }

    /** Builds and validates a history from events in recorded order. */
    public static History of(List<Op> events) throws HistoryException {
        return of(null, events, null);
    }

    /**
     * Builds and validates a history.
     *
     * @param source a name for error messages (a file name), or null
     * @param events the events in recorded order; {@link EventColumns} are taken as they are (with
     *               their own lines), any other list is copied
     * @param lines  the source line of each event (for error messages), or null
     */
    public static History of(String source, List<Op> events, int[] lines) throws HistoryException {
        EventColumns columns;
        if (events instanceof EventColumns c) {
            columns = c;
        } else {
            columns = new EventColumns();
            for (int i = 0; i < events.size(); i++) columns.add(events.get(i), lines != null && i < lines.length ? lines[i] : 0);
        }
        return new Builder(source, columns.seal()).build();
    }

    /**
     * Whether the history records when operations began: false for a history of completions only (as
     * Elle accepts: {@code [{:type :ok, :value [...]}, ...]}), where each completion stands for a whole
     * operation and their order says nothing about real time. Checks of real-time models answer
     * UNKNOWN on such a history.
     */
    public boolean realTimeKnown() {
        return realTimeKnown;
    }

    /** The source line of the event at {@code position}, or 0 when unknown (a history built in memory). */
    public int line(int position) {
        return events.line(position);
    }

    /**
     * Where an operation's value was read, as {@code file:line} (or just the source, or empty): its
     * completion's line for an {@code ok} operation (whose value the completion gives), else its invocation's.
     */
    public String where(Operation o) {
        int line = line(o.isOk() && o.completePosition() >= 0 ? o.completePosition() : o.invokePosition());
        String src = source == null ? "" : source;
        return line > 0 ? src + ":" + line : src;
    }

    public String source() {
        return source;
    }

    /** Every event, in recorded order. */
    public EventColumns events() {
        return events;
    }

    /**
     * The client operations, by id (in order of invocation). Up to {@link #KEPT} operations the objects
     * are made once and kept, each with what it decoded (checks pass over a small history many times);
     * above it each {@code get} makes a fresh view, so that a large history is never held as trees.
     */
    public List<Operation> operations() {
        return operations;
    }

    public Operation operation(int id) {
        return operations.get(id);
    }

    public int size() {
        return invokePos.length;
    }

    /** Fault-injection (nemesis) events, which are not checked. */
    public List<Op> nemesisEvents() {
        return nemesisEvents;
    }

    public int processCount() {
        return processNames.size();
    }

    /** The process as the history names it (an integer or a name), or null for an anonymous one. */
    public JsonNode processName(int process) {
        return processNames.get(process);
    }

    /** The invocation position of an operation (its id). */
    public int callPosition(int id) {
        return invokePos[id];
    }

    /**
     * The position by which an operation must have taken effect: {@link Integer#MAX_VALUE} for
     * {@code info} and never-completed ones.
     */
    public int returnPosition(int id) {
        int c = completePos[id];
        return c < 0 || events.type(c) == OpType.INFO ? Integer.MAX_VALUE : c;
    }

    /** The position of an operation's completion, or -1 when it never completed; without building it. */
    public int completePosition(int id) {
        return completePos[id];
    }

    /** An operation's outcome, without building it. */
    public OpType outcome(int id) {
        int c = completePos[id];
        return c < 0 ? OpType.INFO : events.type(c);
    }

    /** An operation's dense process number, without building it. */
    public int process(int id) {
        return procOf[id];
    }

    /** An operation's invocation index, without building it. */
    public long index(int id) {
        return events.index(invokePos[id]);
    }

    JsonNode operationValue(int inv, int comp, OpType outcome) {
        int ic = events.valueCode(inv);
        int cc = comp < 0 ? ValuePool.NIL : events.valueCode(comp);
        int code = outcome == OpType.OK ? (cc == ValuePool.NIL ? ic : cc) : (ic == ValuePool.NIL && comp >= 0 ? cc : ic);
        return events.decode(code);
    }

    JsonNode operationKey(int inv, int comp) {
        int k = events.keyCode(inv);
        if (k == ValuePool.NIL && comp >= 0) k = events.keyCode(comp);
        return k == ValuePool.NIL ? null : events.decode(k);
    }

    /** Roughly the bytes this history holds: its columns and pairing. */
    public long bytes() {
        return events.bytes() + 12L * invokePos.length;
    }

    /** Operation ids of each process, in program (invocation) order. */
    public int[][] byProcess() {
        int[] counts = new int[processNames.size()];
        for (int id = 0; id < procOf.length; id++) counts[procOf[id]]++;
        int[][] out = new int[counts.length][];
        for (int p = 0; p < counts.length; p++) out[p] = new int[counts[p]];
        int[] fill = new int[counts.length];
        for (int id = 0; id < procOf.length; id++) out[procOf[id]][fill[procOf[id]]++] = id;
        return out;
    }

    /** Operations grouped by their {@code key} field (null key: operations without one), in first-seen order. */
    public Map<JsonNode, List<Operation>> byKey() {
        Map<JsonNode, List<Operation>> m = new LinkedHashMap<>();
        for (Operation o : operations) m.computeIfAbsent(o.key(), k -> new ArrayList<>()).add(o);
        return m;
    }

    /** The distinct functions used by client operations, in first-seen order. */
    public List<String> functions() {
        List<String> out = new ArrayList<>();
        for (int id = 0; id < invokePos.length; id++) {
            String f = events.f(invokePos[id]);
            if (!out.contains(f)) out.add(f);
        }
        return out;
    }

    /** How many operations a history keeps as objects once made (see {@link #operations()}). */
    public static final int KEPT = 100_000;

    /** The operations as views built on demand (and kept, for a small history). */
    private final class Operations extends AbstractList<Operation> implements RandomAccess {
        private final java.util.concurrent.atomic.AtomicReferenceArray<Operation> kept =
                invokePos.length <= KEPT ? new java.util.concurrent.atomic.AtomicReferenceArray<>(invokePos.length) : null;

        @Override
        public Operation get(int id) {
            if (id < 0 || id >= invokePos.length) throw new IndexOutOfBoundsException(id);
            if (kept != null) {
                Operation o = kept.get(id);
                if (o != null) return o;
                o = make(id);
                return kept.compareAndSet(id, null, o) ? o : kept.get(id);
            }
            return make(id);
        }

        private Operation make(int id) {
            return new Operation(History.this, id, procOf[id], events.f(invokePos[id]), outcome(id), invokePos[id], completePos[id]);
        }

        @Override
        public int size() {
            return invokePos.length;
        }
    }

    private static final class Builder {
        private final String source;
        private final EventColumns events;
        private final List<HistoryError> errors = new ArrayList<>();
        private int errorCount;

        private final int[] processIds;
        private final List<JsonNode> processNames = new ArrayList<>();
        private final int[] pending;
        private final long[] crashedAt;
        private final ArrayDeque<Integer> anonymousPending = new ArrayDeque<>();
        private final List<Op> nemesis = new ArrayList<>();

        private int[] invokePos = new int[16];
        private int[] completePos = new int[16];
        private int[] procOf = new int[16];
        private int count;

        Builder(String source, EventColumns events) {
            this.source = source;
            this.events = events;
            int codes = events.processCodeCount();
            processIds = new int[codes];
            pending = new int[codes];
            crashedAt = new long[codes];
            Arrays.fill(processIds, -1);
            Arrays.fill(pending, -1);
            Arrays.fill(crashedAt, -1);
        }

        private void error(int pos, String message) {
            errorCount++;
            if (errors.size() < HistoryException.MAX_ERRORS) {
                errors.add(new HistoryError(source, events.line(pos), 0, events.index(pos), message));
            }
        }

        private int newOperation(int pos, int process) {
            if (count == invokePos.length) {
                int n = count * 2;
                invokePos = Arrays.copyOf(invokePos, n);
                completePos = Arrays.copyOf(completePos, n);
                procOf = Arrays.copyOf(procOf, n);
            }
            invokePos[count] = pos;
            completePos[count] = -1;
            procOf[count] = process;
            return count++;
        }

        private int processId(int code) {
            if (processIds[code] < 0) {
                processIds[code] = processNames.size();
                processNames.add(events.processOfCode(code));
            }
            return processIds[code];
        }

        private boolean isName(int pos) {
            JsonNode p = events.process(pos);
            return p != null && p.isTextual();
        }

        /** A history of completions only: no invocation at all, and some client completion. */
        private boolean completionsOnly() {
            boolean client = false;
            for (int pos = 0; pos < events.size(); pos++) {
                OpType t = events.type(pos);
                if (t == OpType.INVOKE) return false;
                if (!(isName(pos) && t == OpType.INFO)) client = true;
            }
            return client;
        }

        History build() throws HistoryException {
            checkDuplicateIndices();
            boolean completionsOnly = completionsOnly();
            for (int pos = 0; pos < events.size(); pos++) {
                String bad = events.txnError(pos);
                if (bad != null) error(pos, bad);
                int p = events.processCode(pos);
                OpType type = events.type(pos);
                if (completionsOnly) {
                    // Each completion is a whole operation; without a process it is a session of its own.
                    if (isName(pos) && type == OpType.INFO) {
                        nemesis.add(events.get(pos));
                        continue;
                    }
                    int id;
                    if (p == 0) {
                        processNames.add(null);
                        id = newOperation(pos, processNames.size() - 1);
                    } else {
                        id = newOperation(pos, processId(p));
                    }
                    completePos[id] = type == OpType.INFO ? -1 : pos;
                    continue;
                }
                if (type == OpType.INVOKE) {
                    if (p == 0) {
                        processNames.add(null);
                        anonymousPending.add(newOperation(pos, processNames.size() - 1));
                        continue;
                    }
                    int open = pending[p];
                    if (open >= 0) {
                        error(pos, "process " + Values.show(events.process(pos)) + " invokes " + events.f(pos) + " while its " + events.f(invokePos[open])
                                + " (op " + events.index(invokePos[open]) + ") is still pending; a process runs one operation at a time");
                        continue;
                    }
                    if (crashedAt[p] >= 0) {
                        error(pos, "process " + Values.show(events.process(pos)) + " invokes " + events.f(pos) + " after its operation ended with info (op " + crashedAt[p]
                                + "); a process whose outcome is unknown never invokes again: use a new process number");
                        continue;
                    }
                    pending[p] = newOperation(pos, processId(p));
                } else {
                    int open;
                    if (p == 0) {
                        Integer a = anonymousPending.poll();
                        open = a == null ? -1 : a;
                    } else {
                        open = pending[p];
                        pending[p] = -1;
                    }
                    if (open < 0) {
                        if (isName(pos) && type == OpType.INFO) {
                            nemesis.add(events.get(pos));
                        } else {
                            error(pos, type.jepsenName() + " " + events.f(pos) + " for process " + (p == 0 ? "(none)" : Values.show(events.process(pos)))
                                    + " has no pending invocation");
                        }
                        continue;
                    }
                    String invF = events.f(invokePos[open]);
                    if (!java.util.Objects.equals(invF, events.f(pos))) {
                        error(pos, "completion f " + events.f(pos) + " differs from its invocation's f " + invF + " (op " + events.index(invokePos[open]) + ")");
                    }
                    completePos[open] = pos;
                    if (type == OpType.INFO && p != 0) crashedAt[p] = events.index(pos);
                }
            }
            if (errorCount > 0) throw new HistoryException(errors, errorCount);
            return new History(source, events, Arrays.copyOf(invokePos, count), Arrays.copyOf(completePos, count), Arrays.copyOf(procOf, count),
                    Collections.unmodifiableList(nemesis), Collections.unmodifiableList(processNames), !completionsOnly);
        }

        private void checkDuplicateIndices() {
            int n = events.size();
            boolean increasing = true;
            for (int i = 1; i < n && increasing; i++) increasing = events.index(i) > events.index(i - 1);
            if (increasing) return;
            long[] idx = new long[n];
            for (int i = 0; i < n; i++) idx[i] = events.index(i);
            Arrays.sort(idx);
            long lastDup = Long.MIN_VALUE;
            for (int i = 1; i < n; i++) {
                if (idx[i] == idx[i - 1] && idx[i] != lastDup) {
                    lastDup = idx[i];
                    for (int pos = 0; pos < n; pos++) {
                        if (events.index(pos) == idx[i]) {
                            error(pos, "duplicate index " + idx[i]);
                        }
                    }
                }
            }
        }
    }
}
