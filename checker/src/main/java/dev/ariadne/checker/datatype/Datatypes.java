package dev.ariadne.checker.datatype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.History;
import dev.ariadne.history.MicroOp;
import dev.ariadne.history.Operation;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Inference of a history's datatype from its {@code f} values, and the shipped datatypes by name. */
public final class Datatypes {
    private Datatypes() {}

    /** The shipped single-object datatype of that name. */
    public static Datatype<?, ?> byName(String name, DatatypeOptions options) {
        return BuiltinDatatype.byName(name).orElseThrow(() -> new IllegalArgumentException("unknown datatype " + name + " (see ariadne models)"))
                .create(options);
    }

    /**
     * Whether every operation's value is a list of micro-ops ({@code [f k v]} with f one of r, append,
     * w, read, write), whatever its {@code f}: Elle ignores {@code :f} for such values, and some
     * tests (braft's) name their transactions {@code :read} or {@code :write}.
     */
    static boolean microOpsOnly(History h) {
        if (h.size() == 0) return false;
        for (Operation o : h.operations()) {
            JsonNode v = o.value();
            if (v == null || !v.isArray() || v.isEmpty()) return false;
            for (JsonNode m : v) {
                if (!m.isArray() || m.size() != 3 || !m.get(0).isTextual()) return false;
                if (!Set.of("r", "append", "w", "read", "write").contains(m.get(0).textValue())) return false;
            }
        }
        return true;
    }

    /** The datatype that the history's functions point to, if they point to one. */
    public static Optional<BuiltinDatatype> infer(History h) {
        Set<String> fs = new LinkedHashSet<>(h.functions());
        fs.remove(null);
        if (fs.isEmpty()) {
            // Elle's histories may leave out :f; their values are lists of micro-ops.
            for (Operation o : h.operations()) {
                JsonNode v = o.value();
                if (!v.isArray() || v.isEmpty() || !v.get(0).isArray()) return Optional.empty();
            }
            return inferTxn(h);
        }
        if (fs.contains("broadcast") && subset(fs, "broadcast", "receive", "deliver", "read")) return Optional.of(BuiltinDatatype.BROADCAST);
        if (fs.contains("send") && subset(fs, "send", "receive") && !logMicroOps(h)) return Optional.of(BuiltinDatatype.MAILBOX);
        if (!fs.isEmpty() && subset(fs, "send", "poll", "txn", "assign", "subscribe", "crash", "debug-topic-partitions")
                && (fs.contains("send") || fs.contains("poll") || logMicroOps(h))) {
            return Optional.of(BuiltinDatatype.LOG);
        }
        if (fs.equals(Set.of("txn")) || microOpsOnly(h)) return inferTxn(h);
        if (fs.contains("cas") && subset(fs, "read", "write", "cas")) return Optional.of(BuiltinDatatype.CAS_REGISTER);
        if (subset(fs, "read", "write")) return Optional.of(BuiltinDatatype.REGISTER);
        if (subset(fs, "get", "put", "append")) return Optional.of(BuiltinDatatype.KV);
        if (subset(fs, "enqueue", "dequeue")) return Optional.of(BuiltinDatatype.QUEUE);
        if (subset(fs, "acquire", "release")) return Optional.of(BuiltinDatatype.MUTEX);
        if (subset(fs, "generate")) return Optional.of(BuiltinDatatype.UNIQUE_IDS);
        if (subset(fs, "next", "nextval")) return Optional.of(BuiltinDatatype.SEQUENCE);
        if (subset(fs, "propose")) return Optional.of(BuiltinDatatype.CONSENSUS);
        if (subset(fs, "add", "read")) {
            for (Operation o : h.operations()) {
                if ("read".equals(o.f()) && o.isOk()) {
                    JsonNode v = o.value();
                    if (v.isArray()) return Optional.of(BuiltinDatatype.SET);
                    if (v.isNumber()) return Optional.of(BuiltinDatatype.COUNTER);
                }
            }
            return Optional.of(BuiltinDatatype.SET);
        }
        return Optional.empty();
    }

    private static Optional<BuiltinDatatype> inferTxn(History h) {
        Set<String> micro = new LinkedHashSet<>();
        for (Operation o : h.operations()) for (MicroOp m : o.txn()) micro.add(m.f());
        if (micro.contains("append")) return Optional.of(BuiltinDatatype.LIST_APPEND);
        if (subset(micro, "read", "write")) return Optional.of(BuiltinDatatype.MULTI_REGISTER);
        if (subset(micro, "r", "w")) return Optional.of(BuiltinDatatype.RW_REGISTER);
        return Optional.empty();
    }

    /** Whether some send, poll or txn holds Jepsen's Kafka micro-ops ([:send k v] or [:poll]). */
    private static boolean logMicroOps(History h) {
        for (Operation o : h.operations()) {
            if (!o.value().isArray()) continue;
            for (JsonNode m : o.value()) {
                if (m.isArray() && !m.isEmpty() && m.get(0).isTextual() && (m.get(0).textValue().equals("poll") || m.get(0).textValue().equals("send"))) return true;
            }
        }
        return false;
    }

    private static boolean subset(Set<String> fs, String... allowed) {
        return Set.of(allowed).containsAll(fs);
    }
}
