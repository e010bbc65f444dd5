package dev.ariadne.checker.datatype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.Arrays;
import java.util.List;

/**
 * A FIFO queue ({@code queue}): {@code enqueue x}; {@code dequeue} returns the head, or nil when the
 * queue is empty. An {@code unordered-queue} may dequeue any element it holds (Knossos's
 * unordered queue); a dequeue of unknown result there may remove any element, so its steps branch.
 */
public final class Queue implements Datatype<Queue.State, Queue.Input> {
    /** The queue's contents, head first. */
    public record State(JsonNode[] items) {
        static final State EMPTY = new State(new JsonNode[0]);

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && Arrays.equals(s.items, items);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(items);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < items.length; i++) sb.append(i == 0 ? "" : " ").append(Values.show(items[i]));
            return sb.append(']').toString();
        }

        State plus(JsonNode v) {
            JsonNode[] a = Arrays.copyOf(items, items.length + 1);
            a[items.length] = v;
            return new State(a);
        }

        State without(int i) {
            JsonNode[] a = new JsonNode[items.length - 1];
            System.arraycopy(items, 0, a, 0, i);
            System.arraycopy(items, i + 1, a, i, items.length - i - 1);
            return new State(a);
        }

        int indexOf(JsonNode v) {
            for (int i = 0; i < items.length; i++) if (items[i].equals(v)) return i;
            return -1;
        }
    }

    /** An enqueue of {@code value}, or a dequeue that returned {@code value} (nil: empty), or of unknown result. */
    public record Input(boolean enqueue, JsonNode value, boolean unknown) {}

    private final boolean ordered;

    public Queue(boolean ordered) {
        this.ordered = ordered;
    }

    @Override
    public String name() {
        return ordered ? "queue" : "unordered-queue";
    }

    @Override
    public State init() {
        return State.EMPTY;
    }

    @Override
    public Input input(Operation op) {
        return switch (op.f() == null ? "" : op.f()) {
            case "enqueue" -> new Input(true, op.value(), false);
            case "dequeue" -> new Input(false, op.value(), !op.isOk());
            default -> throw new IllegalArgumentException(name() + " has no operation " + op.f() + " (it has enqueue, dequeue)");
        };
    }

    @Override
    public State step(State s, Input in) {
        if (in.enqueue) return s.plus(in.value);
        if (in.unknown) return s.items.length == 0 ? s : s.without(0);
        if (in.value.isNull()) return s.items.length == 0 ? s : null;
        if (ordered) return s.items.length > 0 && s.items[0].equals(in.value) ? s.without(0) : null;
        int i = s.indexOf(in.value);
        return i < 0 ? null : s.without(i);
    }

    @Override
    public boolean deterministic() {
        return ordered;
    }

    @Override
    public void steps(State s, Input in, List<State> out) {
        if (ordered || in.enqueue || !in.unknown || s.items.length == 0) {
            State next = step(s, in);
            if (next != null) out.add(next);
            return;
        }
        for (int i = 0; i < s.items.length; i++) {
            if (s.indexOf(s.items[i]) == i) out.add(s.without(i));
        }
    }

    /**
     * An optional enqueue of a value that no dequeue returns may be left out: had it taken effect,
     * the value would have sat in the queue until a dequeue of unknown result removed it (also
     * optional, so left out with it), and every dequeue that did return something found that value
     * behind it.
     */
    @Override
    public void pruneOptional(List<Input> inputs, boolean[] required, boolean[] drop) {
        java.util.Set<JsonNode> dequeued = new java.util.HashSet<>();
        for (Input in : inputs) if (!in.enqueue && !in.unknown) dequeued.add(in.value);
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            if (!required[i] && in.enqueue && !dequeued.contains(in.value)) drop[i] = true;
        }
    }

    @Override
    public String whyIllegal(State s, Input in) {
        if (in.value.isNull()) return "can't dequeue nothing from a queue holding " + s;
        if (ordered && s.items.length > 0) {
            return "can't dequeue " + Values.show(in.value) + " from a queue whose head is " + Values.show(s.items[0]) + " (holding " + s + ")";
        }
        return "can't dequeue " + Values.show(in.value) + " from a queue holding " + s;
    }

    @Override
    public String describeState(State s) {
        return s.toString();
    }

    @Override
    public String describe(Operation op) {
        if ("dequeue".equals(op.f())) return "dequeue → " + (op.isOk() ? Values.show(op.value()) : "?");
        return "enqueue " + Values.show(op.value());
    }
}
