package dev.ariadne.checker.linearizable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.Datatypes;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.history.History;
import dev.ariadne.history.Op;
import dev.ariadne.history.OpType;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The split into partitions over disjoint keys, which holds an int per operation, against its
 * definition computed by breadth-first search over the graph of keys that share an operation: the
 * key-less operations first, then one partition per connected set of keys, in the order their first
 * operations come, each with exactly its non-failed operations in history order and its keys as
 * label. And the search that reads each partition only when it is searched (large histories) gives
 * the same results as the one that keeps every reading.
 */
class PartitionTest {
    /** Keys are the value's elements: an operation may touch none, one or several. */
    private static final Datatype<String, String> KEYS = new Datatype<>() {
        @Override public String name() { return "keys"; }
        @Override public String init() { return ""; }
        @Override public String input(Operation op) { return ""; }
        @Override public String step(String state, String input) { return state; }
        @Override public String whyIllegal(String state, String input) { return null; }
        @Override public String describeState(String state) { return state; }
        @Override public String describe(Operation op) { return op.toString(); }

        @Override
        public Collection<JsonNode> keys(Operation op) {
            List<JsonNode> out = new ArrayList<>();
            op.invoke().value().forEach(out::add);
            return out;
        }
    };

    @Test
    void splitIsTheConnectedSetsOfKeys() throws Exception {
        for (long seed = 0; seed < 2000; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 1 + r.nextInt(30);
            int keySpace = 1 + r.nextInt(12);
            List<Op> events = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<Object> keys = new ArrayList<>();
                int k = r.nextInt(10) < 2 ? 0 : r.nextInt(10) < 7 ? 1 : 2 + r.nextInt(2);
                for (int j = 0; j < k; j++) keys.add(r.nextBoolean() ? (Object) (long) r.nextInt(keySpace) : "k" + r.nextInt(keySpace));
                OpType end = r.nextInt(6) == 0 ? OpType.FAIL : OpType.OK;
                events.add(Op.of(2L * i, (long) i, OpType.INVOKE, "op", keys));
                events.add(Op.of(2L * i + 1, (long) i, end, "op", keys));
            }
            History h = History.of(events);
            List<Partition> got = Partition.split(h.operations(), KEYS);
            List<String> expected = reference(h.operations());
            List<String> actual = new ArrayList<>();
            for (Partition p : got) actual.add(show(p.label(), p.operations()));
            if (!actual.equals(expected)) fail("seed " + seed + ": split " + actual + " but by definition " + expected + "\n" + h.events());
        }
    }

    private static String show(String label, List<Operation> ops) {
        StringBuilder b = new StringBuilder(label).append(':');
        for (Operation o : ops) b.append(' ').append(o.id());
        return b.toString();
    }

    /** By definition: components of the key graph by breadth-first search, labelled by their keys sorted as shown. */
    private static List<String> reference(List<Operation> ops) {
        Map<String, Set<String>> adjacent = new HashMap<>();
        for (Operation o : ops) {
            if (o.isFail()) continue;
            List<String> ks = new ArrayList<>();
            for (JsonNode k : KEYS.keys(o)) ks.add(Values.show(k));
            for (String a : ks) for (String b : ks) adjacent.computeIfAbsent(a, x -> new HashSet<>()).add(b);
        }
        Map<String, Integer> component = new HashMap<>();
        List<TreeSet<String>> members = new ArrayList<>();
        for (String start : adjacent.keySet()) {
            if (component.containsKey(start)) continue;
            TreeSet<String> c = new TreeSet<>();
            ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
            component.put(start, members.size());
            while (!queue.isEmpty()) {
                String k = queue.poll();
                c.add(k);
                for (String next : adjacent.get(k)) if (component.putIfAbsent(next, members.size()) == null) queue.add(next);
            }
            members.add(c);
        }
        List<String> out = new ArrayList<>();
        List<Operation> keyless = new ArrayList<>();
        Map<Integer, List<Operation>> byComponent = new java.util.LinkedHashMap<>();
        for (Operation o : ops) {
            if (o.isFail()) continue;
            Collection<JsonNode> ks = KEYS.keys(o);
            if (ks.isEmpty()) keyless.add(o);
            else byComponent.computeIfAbsent(component.get(Values.show(ks.iterator().next())), x -> new ArrayList<>()).add(o);
        }
        if (!keyless.isEmpty()) out.add(show("*", keyless));
        for (var e : byComponent.entrySet()) {
            TreeSet<String> keys = members.get(e.getKey());
            String label = keys.size() <= 8 ? String.join(",", keys)
                    : String.join(",", new ArrayList<>(keys).subList(0, 5)) + ",... (" + keys.size() + " keys)";
            out.add(show(label, e.getValue()));
        }
        return out;
    }

    @Test
    void readingPartitionsWhenSearchedChangesNothing() {
        int was = LinearizabilityChecker.keepReadings;
        try {
            int invalid = 0;
            for (String dtName : List.of("kv", "multi-register", "register")) {
                for (long seed = 0; seed < 300; seed++) {
                    History h = RandomHistories.of(dtName, seed, 4 + (int) (seed % 12), 2 + (int) (seed % 3), 3);
                    Datatype<?, ?> dt = Datatypes.byName(dtName, DifferentialLinearizabilityTest.options(dtName, seed));
                    // One thread for the same counterexamples in the same order; two for the pool's path.
                    int threads = 1 + (int) (seed % 2);
                    var options = new LinearizabilityChecker.Options(20_000, 64L << 20, threads, 30_000, true);
                    LinearizabilityChecker.keepReadings = Integer.MAX_VALUE;
                    CheckResult kept = LinearizabilityChecker.check(h, dt, options);
                    LinearizabilityChecker.keepReadings = 0;
                    CheckResult lazy = LinearizabilityChecker.check(h, dt, options);
                    String where = dtName + " seed " + seed + ":\n" + h.events();
                    assertThat(lazy.verdict()).as(where).isEqualTo(kept.verdict());
                    if (threads == 1) assertThat(lazy.counterexamples().toString()).as(where).isEqualTo(kept.counterexamples().toString());
                    if (!kept.counterexamples().isEmpty()) invalid++;
                }
            }
            assertThat(invalid).as("histories with counterexamples").isGreaterThan(50);
        } finally {
            LinearizabilityChecker.keepReadings = was;
        }
    }
}
