package dev.ariadne.checker.weak;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.Datatypes;
import dev.ariadne.checker.datatype.Keyed;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;

import java.util.function.BiFunction;
import java.util.function.BiPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** A per-process-view checker against its brute-force definition on seeded random differentiated register histories. */
final class ViewDifferential {
    private ViewDifferential() {}

    static final SequentialChecker.Options OPTIONS = new SequentialChecker.Options(20_000, 1L << 28, 20_000);

    /**
     * For seeds 0..n-1: the checker's verdict equals the definition's, and PRAM (by its definition)
     * implies the model. Returns how many histories violate it.
     */
    static int agree(String model, int n, BiPredicate<Datatype<?, ?>, History> definition,
                     BiFunction<History, Datatype<?, ?>, CheckResult> checker) {
        int invalid = 0;
        Datatype<?, ?> dt = new Keyed<>(Datatypes.byName("register", CausalTest.ZERO));
        for (long seed = 0; seed < n; seed++) {
            History h = CausalTest.random(seed);
            boolean expected = definition.test(dt, h);
            CheckResult r = checker.apply(h, dt);
            if (r.verdict() != (expected ? Verdict.VALID : Verdict.INVALID)) {
                fail("seed " + seed + ": verdict " + r.verdict() + " but the definition of " + model + " says " + (expected ? "valid" : "not") + ": " + h.events());
            }
            if (!expected) invalid++;
            if (PramTest.bruteForce(dt, h)) assertThat(expected).as("PRAM implies " + model + ", seed " + seed).isTrue();
        }
        return invalid;
    }
}
