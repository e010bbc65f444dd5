package dev.ariadne.checker.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ariadne.checker.datatype.DatatypeMismatch;
import dev.ariadne.history.History;
import dev.ariadne.history.Op;
import dev.ariadne.history.Values;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Both readers of a log history walk a poll's stored pairs in place ({@link PollCodes}) instead of
 * decoding them as trees. Against the tree reading they replaced, on seeded simulated logs (integer
 * messages; the same with string messages; polls with a malformed pair, which the tree path reports):
 * the analysis's columns and findings, and the verifier's result on its logs, are the same.
 */
class LogInPlaceReadingTest {
    static final int SEEDS = 1200;

    @Test
    void inPlaceReadingIsTheTreeReading() throws Exception {
        int walked = 0, errors = 0, inPlacePolls = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            History h = LogDifferentialTest.simulate(seed);
            if (seed % 3 == 1) h = rewrite(h, false);
            if (seed % 50 == 7) h = rewrite(h, true);
            if (seed % 10 == 3) h = odd(h, seed);
            inPlacePolls += walkablePolls(h);
            try {
                String inPlace = reading(h, seed, true);
                String trees = reading(h, seed, false);
                assertThat(inPlace).isEqualTo(trees);
                if (inPlace.startsWith("mismatch")) errors++;
                else walked++;
            } catch (AssertionError e) {
                fail("seed " + seed + ": " + e.getMessage() + "\n" + h.events(), e);
            }
        }
        System.out.printf("log in-place reading: %d histories read alike, %d rejected alike, %d polls walked in place%n", walked, errors, inPlacePolls);
        assertThat(errors).as("malformed polls rejected").isPositive();
        assertThat(inPlacePolls).as("polls walked in place").isGreaterThan(SEEDS);
    }

    private static int walkablePolls(History h) {
        int count = 0;
        for (int i = 0; i < h.operations().size(); i++) {
            int stored = PollCodes.microOps(h, h.operations().get(i).completePosition());
            if (stored < 0) continue;
            for (int j = 0; j < h.events().codes().size(stored); j++) if (PollCodes.walkable(h.events().codes(), h.events().codes().element(stored, j))) count++;
        }
        return count;
    }

    /** What the analysis and the verifier read, as text to compare. */
    private static String reading(History h, long seed, boolean inPlace) {
        boolean was = PollCodes.inPlace;
        PollCodes.inPlace = inPlace;
        try {
            LogTable t = new LogTable(h);
            LogPromise promise = LogDifferentialTest.promise(seed);
            LogAnalysis a = new LogAnalysis(t, promise);
            LogVerifier.Result v = LogVerifier.check(h, a.orders.witness(), a.subscribe, promise);
            StringBuilder b = new StringBuilder();
            for (int m = 0; m < t.messages; m++) b.append(t.msgKey[m]).append(':').append(t.msgValue[m]).append(':').append(t.writer[m]).append(' ');
            b.append("\ngroups ").append(java.util.Arrays.toString(t.groupStart)).append('\n');
            for (int g = 0; g < t.groupStart[t.n]; g++) {
                b.append(t.groupKey[g]).append('[');
                for (int p = t.pollStart[g]; p < t.pollStart[g + 1]; p++) b.append(t.pollOffset[p]).append('/').append(t.pollMsg[p]).append(' ');
                b.append(']');
            }
            b.append("\nfindings ").append(a.findings).append("\nverifier ").append(v.broken).append(' ').append(v.first);
            return b.toString();
        } catch (DatatypeMismatch e) {
            return "mismatch " + e.getMessage();
        } finally {
            PollCodes.inPlace = was;
        }
    }

    /** Shapes the in-place path must leave to the tree path, and a hundred strings first (key names get text ids past 64). */
    private static final Object[] ODD = {null, "x", 5L, List.of(List.of(1L, 2L)), Map.of("0", "x"), Map.of("0", List.of(List.of(1L))), Map.of("0", List.of(List.of(1L, 2L, 3L)))};

    private static History odd(History h, long seed) throws Exception {
        List<Op> out = new ArrayList<>();
        List<Object> strings = new ArrayList<>();
        for (int i = 0; i < 100; i++) strings.add("s" + i);
        out.add(Op.of(0, 998, dev.ariadne.history.OpType.INVOKE, "noop", strings));
        out.add(Op.of(1, 998, dev.ariadne.history.OpType.OK, "noop", strings));
        boolean done = false;
        for (Op e : h.events()) {
            JsonNode v = e.value();
            if (!done && e.type() == dev.ariadne.history.OpType.OK && v.isArray() && v.size() > 0 && v.get(0).isArray() && v.get(0).size() == 2
                    && v.get(0).get(0).asText().equals("poll")) {
                done = true;
                Object shape = ODD[(int) (seed / 10 % ODD.length)];
                // A poll of another shape, or a micro-op of two elements that is no poll.
                JsonNode m = seed % 20 == 3 ? Values.of(List.of("peek", Map.of())) : Values.of(java.util.Arrays.asList("poll", shape));
                ArrayNode w = JsonNodeFactory.instance.arrayNode();
                w.add(m);
                for (int i = 1; i < v.size(); i++) w.add(v.get(i));
                v = w;
            }
            out.add(new Op(e.index(), e.time(), e.process(), e.type(), e.f(), v, e.key(), e.error(), e.extra()));
        }
        List<Op> renumbered = new ArrayList<>();
        for (Op e : out) renumbered.add(e.withIndex(renumbered.size()));
        return History.of(renumbered);
    }

    /** The same history with every message a string, or with one polled pair's offset made a string. */
    private static History rewrite(History h, boolean breakOnePair) throws Exception {
        List<Op> out = new ArrayList<>();
        boolean[] broken = {false};
        for (Op e : h.events()) {
            JsonNode v = e.value();
            JsonNode w = v.isArray() ? micro(v, breakOnePair, broken) : v;
            out.add(new Op(e.index(), e.time(), e.process(), e.type(), e.f(), w, e.key(), e.error(), e.extra()));
        }
        return History.of(out);
    }

    private static JsonNode micro(JsonNode v, boolean breakOnePair, boolean[] broken) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ArrayNode ops = f.arrayNode();
        for (JsonNode m : v) {
            if (!m.isArray() || m.isEmpty()) {
                ops.add(m);
                continue;
            }
            ArrayNode c = f.arrayNode();
            m.forEach(c::add);
            String fn = m.get(0).asText();
            if (fn.equals("send") && m.size() == 3) {
                JsonNode sent = m.get(2);
                c.set(2, sent.isArray() && sent.size() == 2 ? pair(sent.get(0), text(sent.get(1))) : text(sent));
            } else if (fn.equals("poll") && m.size() == 2 && m.get(1).isObject()) {
                ObjectNode polls = f.objectNode();
                for (Map.Entry<String, JsonNode> k : m.get(1).properties()) {
                    ArrayNode pairs = f.arrayNode();
                    for (JsonNode p : k.getValue()) {
                        if (breakOnePair && !broken[0]) {
                            broken[0] = true;
                            pairs.add(pair(Values.of("x" + p.get(0)), p.get(1)));
                        } else {
                            pairs.add(breakOnePair ? p : pair(p.get(0), text(p.get(1))));
                        }
                    }
                    polls.set(k.getKey(), pairs);
                }
                c.set(1, polls);
            }
            ops.add(c);
        }
        return ops;
    }

    private static JsonNode text(JsonNode v) {
        return v.isIntegralNumber() ? Values.of("m" + v.longValue()) : v;
    }

    private static ArrayNode pair(JsonNode a, JsonNode b) {
        ArrayNode p = JsonNodeFactory.instance.arrayNode();
        p.add(a);
        p.add(b);
        return p;
    }
}
