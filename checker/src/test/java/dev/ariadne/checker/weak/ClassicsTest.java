package dev.ariadne.checker.weak;

import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.ariadne.checker.weak.CausalTest.op;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classic small histories of the single-object hierarchy, each with its verdict for every model,
 * checked model by model and as one report ({@code --model all}).
 */
class ClassicsTest {

    /** The models in the order of the expected verdict strings below: V valid, I invalid. */
    static final List<String> MODELS = List.of("linearizable", "sequential", "causal-convergent", "causal-memory", "causal", "pram",
            "monotonic-reads", "read-your-writes", "monotonic-writes", "writes-follow-reads");

    static String concurrent(int p1, String f1, String k1, int v1, int p2, String f2, String k2, int v2) {
        String i1 = f1.equals("read") ? "nil" : String.valueOf(v1);
        String i2 = f2.equals("read") ? "nil" : String.valueOf(v2);
        return "{:process " + p1 + " :type :invoke :f :" + f1 + " :key :" + k1 + " :value " + i1 + "}\n"
                + "{:process " + p2 + " :type :invoke :f :" + f2 + " :key :" + k2 + " :value " + i2 + "}\n"
                + "{:process " + p1 + " :type :ok :f :" + f1 + " :key :" + k1 + " :value " + v1 + "}\n"
                + "{:process " + p2 + " :type :ok :f :" + f2 + " :key :" + k2 + " :value " + v2 + "}\n";
    }

    static final Map<String, String[]> CLASSICS = new LinkedHashMap<>();

    static {
        // A read returns a value that a completed write had already overwritten: only real time forbids it.
        CLASSICS.put("sequential but not linearizable", new String[]{
                op(0, "write", "x", 1) + op(0, "write", "x", 2) + op(1, "read", "x", 1), "IVVVVVVVVV"});
        // Two processes observe two concurrent writes in opposite orders.
        CLASSICS.put("causal but not sequential", new String[]{
                concurrent(0, "write", "x", 1, 1, "write", "x", 2) + op(2, "read", "x", 1) + op(2, "read", "x", 2)
                        + op(3, "read", "x", 2) + op(3, "read", "x", 1), "IIIVVVVVVV"});
        // p1 sees y=1, whose write followed the write of x=1, and then reads x=0.
        CLASSICS.put("not causal", new String[]{
                op(0, "write", "x", 1) + op(0, "write", "y", 1) + op(1, "read", "y", 1) + op(1, "read", "x", 0), "IIIIIIIVVV"});
        // p1 reads 4 then 3 of writes issued 3 then 4.
        CLASSICS.put("monotonic reads (and PRAM) broken", new String[]{
                op(0, "write", "x", 3) + op(0, "write", "x", 4) + op(1, "read", "x", 4) + op(1, "read", "x", 3), "IIIIIIIVVV"});
        // A process writes 4, then reads the initial value.
        CLASSICS.put("read-your-writes broken", new String[]{
                op(0, "write", "x", 4) + op(0, "read", "x", 0), "IIIIIIVIVV"});
        // Each process writes a value after reading the other's: a causal loop.
        CLASSICS.put("writes-follow-reads broken", new String[]{WritesFollowReadsTest.CAUSAL_LOOP, "IIIIIVVVVI"});
    }

    @Test
    void everyClassicHasItsVerdictForEveryModel() throws Exception {
        for (Map.Entry<String, String[]> c : CLASSICS.entrySet()) {
            History h = HistoryReader.readString(c.getValue()[0], ReadOptions.DEFAULT);
            String expected = c.getValue()[1];
            Map<String, Verdict> all = WritesFollowReadsTest.everyModel(c.getValue()[0]);
            for (int i = 0; i < MODELS.size(); i++) {
                String m = MODELS.get(i);
                Verdict want = expected.charAt(i) == 'V' ? Verdict.VALID : Verdict.INVALID;
                Verdict alone = ModelChecker.check(h, CheckRequest.of(m).withDatatype("register").withOptions(CausalTest.ZERO)).verdict();
                assertThat(alone).as(c.getKey() + ": " + m).isEqualTo(want);
                assertThat(all.get(m)).as(c.getKey() + ": " + m + " in --model all").isEqualTo(want);
            }
        }
    }
}
