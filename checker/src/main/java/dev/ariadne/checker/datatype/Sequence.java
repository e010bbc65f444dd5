package dev.ariadne.checker.datatype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence generator ({@code sequence}), as databases offer them: {@code next} returns a number,
 * each greater than every number issued before it; gaps are allowed (a cached or rolled-back value is
 * never reused). Linearizable: each value exceeds every value returned before it in real time;
 * sequential: the values are unique and increase within each process. The state is the greatest
 * number issued so far.
 */
public final class Sequence implements Datatype<Long, Long> {
    private static final Long NONE = Long.MIN_VALUE;

    @Override
    public String name() {
        return "sequence";
    }

    @Override
    public Long init() {
        return NONE;
    }

    /** The number returned, or null when unknown (an info or a nil result). */
    @Override
    public Long input(Operation op) {
        if (!"next".equals(op.f()) && !"nextval".equals(op.f())) throw new IllegalArgumentException("sequence has no operation " + op.f() + " (it has next)");
        JsonNode v = op.value();
        if (!op.isOk() || v.isNull()) return null;
        if (!v.isIntegralNumber()) throw new IllegalArgumentException("a sequence returns an integer, not " + dev.ariadne.history.Values.show(v));
        return v.longValue();
    }

    @Override
    public Long step(Long last, Long v) {
        if (v == null) return last;
        return v > last ? v : null;
    }

    @Override
    public boolean isNoOp(Long v) {
        return v == null;
    }

    @Override
    public String whyIllegal(Long last, Long v) {
        return v.equals(last) ? v + " was issued before" : "can't issue " + v + " after " + last + " was issued";
    }

    @Override
    public String describeState(Long last) {
        return last.equals(NONE) ? "nothing issued" : "last issued " + last;
    }

    @Override
    public String describe(Operation op) {
        return "next → " + (op.isOk() && !op.value().isNull() ? dev.ariadne.history.Values.show(op.value()) : "?");
    }

    /** How many numbers were skipped between the lowest and the highest issued, and the widest gaps. */
    @Override
    public List<String> facts(List<Operation> ops) {
        List<Long> got = new ArrayList<>();
        for (Operation o : ops) if (o.isOk() && o.value().isIntegralNumber()) got.add(o.value().longValue());
        if (got.size() < 2) return List.of();
        long[] v = got.stream().mapToLong(Long::longValue).sorted().toArray();
        long skipped = 0;
        int gaps = 0;
        long widest = 0;
        long after = v[0];
        for (int i = 1; i < v.length; i++) {
            long gap = v[i] - v[i - 1] - 1;
            if (gap <= 0) continue;
            skipped += gap;
            gaps++;
            if (gap > widest) {
                widest = gap;
                after = v[i - 1];
            }
        }
        String range = v.length + " numbers issued from " + v[0] + " to " + v[v.length - 1];
        if (gaps == 0) return List.of(range + ", with no gap");
        return List.of(range + ": " + skipped + " skipped in " + gaps + " gap" + (gaps == 1 ? "" : "s") + ", the widest " + widest + " after " + after);
    }
}
