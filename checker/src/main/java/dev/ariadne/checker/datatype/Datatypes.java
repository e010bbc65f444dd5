package dev.ariadne.checker.datatype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.history.History;
import dev.ariadne.history.MicroOp;
import dev.ariadne.history.Operation;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The shipped datatypes by name, and inference of a history's datatype from its {@code f} values. */
public final class Datatypes {
    private Datatypes() {}

    /** Every shipped datatype with one line on each, for {@code ariadne models}. */
    public static final Map<String, String> DESCRIPTIONS = describe();

    private static Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("register", "read / write; one register per key when operations carry a key");
        m.put("cas-register", "read / write / cas [old new]; --initial sets the start value, --nil-read what a nil read means");
        m.put("kv", "string map: get / put / append, each operation carries a key; checked per key");
        m.put("multi-register", "txn of [read k v] / [write k v] over several registers (Knossos)");
        m.put("set", "add x / read (the whole set)");
        m.put("queue", "FIFO enqueue x / dequeue (nil when empty)");
        m.put("unordered-queue", "enqueue x / dequeue of any element held");
        m.put("counter", "add n / read");
        m.put("mutex", "acquire / release");
        m.put("unique-ids", "generate: every returned id distinct");
        m.put("list-append", "txn of [append k v] / [r k [v ...]] (transactional)");
        m.put("rw-register", "txn of [w k v] / [r k v] (transactional)");
        return m;
    }

    /** The single-object datatype of that name. */
    public static Datatype<?, ?> byName(String name, DatatypeOptions options) {
        return switch (name) {
            case "register" -> new Register(false, options);
            case "cas-register" -> new Register(true, options);
            case "kv" -> new Kv(options);
            case "multi-register" -> new MultiRegister(options);
            case "set" -> new SetType();
            case "queue" -> new Queue(true);
            case "unordered-queue" -> new Queue(false);
            case "counter" -> new Counter(options);
            case "mutex" -> new Mutex();
            case "unique-ids" -> new UniqueIds();
            default -> throw new IllegalArgumentException("unknown datatype " + name + " (see ariadne models)");
        };
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
    public static Optional<String> infer(History h) {
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
        if (fs.equals(Set.of("txn")) || microOpsOnly(h)) return inferTxn(h);
        if (fs.contains("cas") && subset(fs, "read", "write", "cas")) return Optional.of("cas-register");
        if (subset(fs, "read", "write")) return Optional.of("register");
        if (subset(fs, "get", "put", "append")) return Optional.of("kv");
        if (subset(fs, "enqueue", "dequeue")) return Optional.of("queue");
        if (subset(fs, "acquire", "release")) return Optional.of("mutex");
        if (subset(fs, "generate")) return Optional.of("unique-ids");
        if (subset(fs, "add", "read")) {
            for (Operation o : h.operations()) {
                if ("read".equals(o.f()) && o.isOk()) {
                    JsonNode v = o.value();
                    if (v.isArray()) return Optional.of("set");
                    if (v.isNumber()) return Optional.of("counter");
                }
            }
            return Optional.of("set");
        }
        return Optional.empty();
    }

    private static Optional<String> inferTxn(History h) {
        Set<String> micro = new LinkedHashSet<>();
        for (Operation o : h.operations()) for (MicroOp m : o.txn()) micro.add(m.f());
        if (micro.contains("append")) return Optional.of("list-append");
        if (subset(micro, "read", "write")) return Optional.of("multi-register");
        if (subset(micro, "r", "w")) return Optional.of("rw-register");
        return Optional.empty();
    }

    private static boolean subset(Set<String> fs, String... allowed) {
        return Set.of(allowed).containsAll(fs);
    }
}
