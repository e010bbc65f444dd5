package dev.ariadne.checker.datatype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

/** A counter ({@code counter}): {@code add n} (n may be negative) and {@code read}, which returns the sum. */
public final class Counter implements Datatype<Long, Counter.Input> {
    /** An add of {@code n}, or a read that returned {@code n}; {@code known} is false for a read of unknown result. */
    public record Input(boolean isRead, long n, boolean known) {}

    private final long initial;

    public Counter(DatatypeOptions options) {
        this.initial = options.initial() == null || options.initial().isNull() ? 0 : options.initial().longValue();
    }

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public Long init() {
        return initial;
    }

    @Override
    public Input input(Operation op) {
        JsonNode v = op.value();
        return switch (op.f() == null ? "" : op.f()) {
            case "add", "inc" -> {
                if (!v.isIntegralNumber()) throw new IllegalArgumentException("a counter adds an integer, not " + Values.show(v));
                yield new Input(false, v.longValue(), true);
            }
            case "read" -> {
                if (!op.isOk() || v.isNull()) yield new Input(true, 0, false);
                if (!v.isIntegralNumber()) throw new IllegalArgumentException("a counter read returns an integer, not " + Values.show(v));
                yield new Input(true, v.longValue(), true);
            }
            default -> throw new IllegalArgumentException("counter has no operation " + op.f() + " (it has add, read)");
        };
    }

    @Override
    public Long step(Long state, Input in) {
        if (!in.isRead) return state + in.n;
        return !in.known || state == in.n ? state : null;
    }

    @Override
    public boolean readOnly(Input in) {
        return in.isRead;
    }

    @Override
    public boolean isNoOp(Input in) {
        return in.isRead && !in.known;
    }

    @Override
    public String whyIllegal(Long state, Input in) {
        return "can't read " + in.n + " from a counter at " + state;
    }

    @Override
    public String describeState(Long state) {
        return String.valueOf(state);
    }

    @Override
    public String describe(Operation op) {
        return "read".equals(op.f()) ? "read → " + (op.isOk() ? Values.show(op.value()) : "?") : "add " + Values.show(op.value());
    }
}
