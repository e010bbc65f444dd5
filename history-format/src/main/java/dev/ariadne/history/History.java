package dev.ariadne.history;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private final List<Op> events;
    private final List<Operation> operations;
    private final List<Op> nemesisEvents;
    private final List<JsonNode> processNames;
    private final int[] call;
    private final int[] ret;
    private final int[] lines;
    private final boolean realTimeKnown;

    private History(String source, List<Op> events, List<Operation> operations, List<Op> nemesisEvents,
                    List<JsonNode> processNames, int[] lines, boolean realTimeKnown) {
        this.source = source;
        this.realTimeKnown = realTimeKnown;
        this.lines = lines;
        this.events = events;
        this.operations = operations;
        this.nemesisEvents = nemesisEvents;
        this.processNames = processNames;
        int n = operations.size();
        this.call = new int[n];
        this.ret = new int[n];
        for (int i = 0; i < n; i++) {
            Operation o = operations.get(i);
            call[i] = o.invokePosition();
            ret[i] = o.returnPosition();
        }
    }

    /** Builds and validates a history from events in recorded order. */
    public static History of(List<Op> events) throws HistoryException {
        return of(null, events, null);
    }

    /**
     * Builds and validates a history.
     *
     * @param source a name for error messages (a file name), or null
     * @param events the events in recorded order
     * @param lines  the source line of each event (for error messages), or null
     */
    public static History of(String source, List<Op> events, int[] lines) throws HistoryException {
        return new Builder(source, events, lines).build();
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
        return lines != null && position >= 0 && position < lines.length ? lines[position] : 0;
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
    public List<Op> events() {
        return events;
    }

    /** The client operations, by id (in order of invocation). */
    public List<Operation> operations() {
        return operations;
    }

    public Operation operation(int id) {
        return operations.get(id);
    }

    public int size() {
        return operations.size();
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
        return call[id];
    }

    /**
     * The position by which an operation must have taken effect: {@link Integer#MAX_VALUE} for
     * {@code info} and never-completed ones.
     */
    public int returnPosition(int id) {
        return ret[id];
    }

    /** Operation ids of each process, in program (invocation) order. */
    public int[][] byProcess() {
        int[] counts = new int[processNames.size()];
        for (Operation o : operations) counts[o.process()]++;
        int[][] out = new int[counts.length][];
        for (int p = 0; p < counts.length; p++) out[p] = new int[counts[p]];
        int[] fill = new int[counts.length];
        for (Operation o : operations) out[o.process()][fill[o.process()]++] = o.id();
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
        for (Operation o : operations) if (!out.contains(o.f())) out.add(o.f());
        return out;
    }

    private static final class Builder {
        private final String source;
        private final List<Op> events;
        private final int[] lines;
        private final List<HistoryError> errors = new ArrayList<>();
        private int errorCount;

        private final Map<JsonNode, Integer> processIds = new HashMap<>();
        private final List<JsonNode> processNames = new ArrayList<>();
        private final Map<JsonNode, Integer> pending = new HashMap<>();
        private final Map<JsonNode, Long> crashedAt = new HashMap<>();
        private final ArrayDeque<Integer> anonymousPending = new ArrayDeque<>();
        private final List<Op> nemesis = new ArrayList<>();

        private int[] invokePos = new int[16];
        private int[] completePos = new int[16];
        private int[] procOf = new int[16];
        private int count;

        Builder(String source, List<Op> events, int[] lines) {
            this.source = source;
            // The history is immutable: it keeps copies, never the caller's list or array.
            this.events = Collections.unmodifiableList(new ArrayList<>(events));
            this.lines = lines == null ? null : lines.clone();
        }

        private void error(int pos, String message) {
            errorCount++;
            if (errors.size() < HistoryException.MAX_ERRORS) {
                int line = lines != null && pos < lines.length ? lines[pos] : 0;
                errors.add(new HistoryError(source, line, 0, events.get(pos).index(), message));
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

        private int processId(JsonNode name) {
            Integer id = processIds.get(name);
            if (id == null) {
                id = processNames.size();
                processIds.put(name, id);
                processNames.add(name);
            }
            return id;
        }

        /** A history of completions only: no invocation at all, and some client completion. */
        private boolean completionsOnly() {
            boolean client = false;
            for (Op e : events) {
                if (e.type() == OpType.INVOKE) return false;
                JsonNode p = e.process();
                if (!(p != null && p.isTextual() && e.type() == OpType.INFO)) client = true;
            }
            return client;
        }

        History build() throws HistoryException {
            checkDuplicateIndices();
            boolean completionsOnly = completionsOnly();
            for (int pos = 0; pos < events.size(); pos++) {
                Op e = events.get(pos);
                checkMicroOps(pos, e);
                JsonNode p = e.process();
                if (completionsOnly) {
                    // Each completion is a whole operation; without a process it is a session of its own.
                    if (p != null && p.isTextual() && e.type() == OpType.INFO) {
                        nemesis.add(e);
                        continue;
                    }
                    int id;
                    if (p == null) {
                        processNames.add(null);
                        id = newOperation(pos, processNames.size() - 1);
                    } else {
                        id = newOperation(pos, processId(p));
                    }
                    completePos[id] = e.type() == OpType.INFO ? -1 : pos;
                    continue;
                }
                if (e.type() == OpType.INVOKE) {
                    if (p == null) {
                        processNames.add(null);
                        anonymousPending.add(newOperation(pos, processNames.size() - 1));
                        continue;
                    }
                    Integer open = pending.get(p);
                    if (open != null) {
                        error(pos, "process " + Values.show(p) + " invokes " + e.f() + " while its " + events.get(invokePos[open]).f()
                                + " (op " + events.get(invokePos[open]).index() + ") is still pending; a process runs one operation at a time");
                        continue;
                    }
                    Long crashed = crashedAt.get(p);
                    if (crashed != null) {
                        error(pos, "process " + Values.show(p) + " invokes " + e.f() + " after its operation ended with info (op " + crashed
                                + "); a process whose outcome is unknown never invokes again: use a new process number");
                        continue;
                    }
                    pending.put(p, newOperation(pos, processId(p)));
                } else {
                    Integer open;
                    if (p == null) {
                        open = anonymousPending.poll();
                    } else {
                        open = pending.remove(p);
                    }
                    if (open == null) {
                        if (p != null && p.isTextual() && e.type() == OpType.INFO) {
                            nemesis.add(e);
                        } else {
                            error(pos, e.type().jepsenName() + " " + e.f() + " for process " + (p == null ? "(none)" : Values.show(p))
                                    + " has no pending invocation");
                        }
                        continue;
                    }
                    Op inv = events.get(invokePos[open]);
                    if (!java.util.Objects.equals(inv.f(), e.f())) {
                        error(pos, "completion f " + e.f() + " differs from its invocation's f " + inv.f() + " (op " + inv.index() + ")");
                    }
                    completePos[open] = pos;
                    if (e.type() == OpType.INFO && p != null) crashedAt.put(p, e.index());
                }
            }
            if (errorCount > 0) throw new HistoryException(errors, errorCount);

            List<Operation> ops = new ArrayList<>(count);
            for (int id = 0; id < count; id++) {
                Op inv = events.get(invokePos[id]);
                Op comp = completePos[id] < 0 ? null : events.get(completePos[id]);
                OpType outcome = comp == null ? OpType.INFO : comp.type();
                JsonNode value;
                if (outcome == OpType.OK) {
                    value = comp.value().isNull() ? inv.value() : comp.value();
                } else {
                    value = inv.value().isNull() && comp != null ? comp.value() : inv.value();
                }
                JsonNode key = inv.key() != null ? inv.key() : comp == null ? null : comp.key();
                ops.add(new Operation(id, procOf[id], inv.f(), value, key, outcome, invokePos[id], completePos[id], inv, comp));
            }
            return new History(source, events, Collections.unmodifiableList(ops), Collections.unmodifiableList(nemesis),
                    Collections.unmodifiableList(processNames), lines, !completionsOnly);
        }

        private void checkMicroOps(int pos, Op e) {
            if (!"txn".equals(e.f()) || MicroOp.isLogTxn(e.value())) return;
            try {
                MicroOp.parseAll(e.value());
            } catch (IllegalArgumentException ex) {
                error(pos, ex.getMessage());
            }
        }

        private void checkDuplicateIndices() {
            int n = events.size();
            boolean increasing = true;
            for (int i = 1; i < n && increasing; i++) increasing = events.get(i).index() > events.get(i - 1).index();
            if (increasing) return;
            long[] idx = new long[n];
            for (int i = 0; i < n; i++) idx[i] = events.get(i).index();
            Arrays.sort(idx);
            long lastDup = Long.MIN_VALUE;
            for (int i = 1; i < n; i++) {
                if (idx[i] == idx[i - 1] && idx[i] != lastDup) {
                    lastDup = idx[i];
                    for (int pos = 0; pos < n; pos++) {
                        if (events.get(pos).index() == idx[i]) {
                            error(pos, "duplicate index " + idx[i]);
                        }
                    }
                }
            }
        }
    }
}
