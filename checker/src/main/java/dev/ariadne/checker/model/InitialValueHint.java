package dev.ariadne.checker.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Knossos's registers start at 0, Porcupine's and etcd's at nil: a register history checked without
 * {@code --initial} whose reads return a value no operation wrote most likely assumed another
 * initial value. The verdict stands; the report says so and names the flag.
 */
final class InitialValueHint {
    private InitialValueHint() {}

    static CheckResult apply(CheckResult r, History history, CheckRequest request) {
        if (r.verdict() != Verdict.INVALID || request.options().initial() != null) return r;
        if (!r.datatype().equals("register") && !r.datatype().equals("cas-register")) return r;
        Set<JsonNode> written = new HashSet<>();
        for (Operation o : history.operations()) {
            JsonNode v = o.value();
            if ("write".equals(o.f())) written.add(v);
            if ("cas".equals(o.f()) && v != null && v.isArray() && v.size() == 2) written.add(v.get(1));
        }
        JsonNode fromNowhere = null;
        int count = 0;
        for (Operation o : history.operations()) {
            if (!o.isOk() || !"read".equals(o.f()) || o.value() == null || o.value().isNull() || written.contains(o.value())) continue;
            if (fromNowhere == null) fromNowhere = o.value();
            if (o.value().equals(fromNowhere)) count++;
        }
        if (fromNowhere == null) return r;
        List<String> notes = new ArrayList<>(r.notes());
        notes.add(count + " read" + (count == 1 ? " returns " : "s return ") + Values.show(fromNowhere) + ", which no operation wrote: if the register starts at "
                + Values.show(fromNowhere) + " (Knossos's histories start at 0), check with --initial " + Values.show(fromNowhere));
        return new CheckResult(r.model(), r.datatype(), r.datatypeInferred(), r.verdict(), r.summary(), r.partitions(), r.counterexamples(), r.statistics(), notes,
                r.witness());
    }
}
