package dev.ariadne.checker.weak;

import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ConsistencyModel;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.model.ModelLattice;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every single-object model checked on its own, by the dispatcher, on seeded random histories: no
 * model may hold where a model it implies is violated. This is what keeps {@code --model all}
 * honest, since the hierarchy's walk would otherwise hide a disagreement behind an implication.
 */
class ImplicationsTest {

    static final List<ConsistencyModel> MODELS = List.of(ConsistencyModel.LINEARIZABLE, ConsistencyModel.SEQUENTIAL, ConsistencyModel.CAUSAL_CONVERGENT,
            ConsistencyModel.CAUSAL_MEMORY, ConsistencyModel.PRAM, ConsistencyModel.CAUSAL, ConsistencyModel.MONOTONIC_READS,
            ConsistencyModel.READ_YOUR_WRITES, ConsistencyModel.MONOTONIC_WRITES, ConsistencyModel.WRITES_FOLLOW_READS);

    @Test
    void verdictsOfSeparateChecksRespectTheLattice() {
        Map<ConsistencyModel, Integer> violated = new EnumMap<>(ConsistencyModel.class);
        for (long seed = 0; seed < 800; seed++) {
            History h = seed % 2 == 0 ? CausalTest.random(seed) : ViewDifferential.larger(seed);
            Map<ConsistencyModel, Verdict> v = new EnumMap<>(ConsistencyModel.class);
            for (ConsistencyModel m : MODELS) {
                v.put(m, ModelChecker.check(h, CheckRequest.of(m.cliName()).withDatatype("register").withOptions(CausalTest.ZERO)).verdict());
                if (v.get(m) == Verdict.INVALID) violated.merge(m, 1, Integer::sum);
            }
            for (ConsistencyModel a : MODELS) {
                for (ConsistencyModel b : MODELS) {
                    if (a != b && ModelLattice.implies(a, b) && v.get(a) == Verdict.VALID && v.get(b) == Verdict.INVALID) {
                        fail("seed " + seed + ": " + a.cliName() + " holds but " + b.cliName() + ", which it implies, does not: " + h.events());
                    }
                }
            }
        }
        // Every model is violated somewhere, so the implications were put to the test.
        for (ConsistencyModel m : MODELS) assertThat(violated.getOrDefault(m, 0)).as(m.cliName()).isGreaterThan(5);
    }
}
