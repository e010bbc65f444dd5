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

    /** The read/write reading of the random register histories, which lets the views be decided without search. */
    static final PramChecker.ReadWrite READ_WRITE = new PramChecker.ReadWrite("register", CausalTest.ZERO);

    /**
     * A larger random differentiated register history than {@link CausalTest#random}: 3 to 5 processes,
     * 12 to 30 operations over 2 or 3 keys, reads mostly of one of the last few values written to their
     * key (so that views hold often enough), sometimes of the initial value, rarely of a value nobody
     * wrote; 5% of operations fail and 5% crash (a crashed process is replaced by a new one).
     */
    static History larger(long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int procs = 3 + r.nextInt(3);
        int n = 12 + r.nextInt(19);
        int keys = 2 + r.nextInt(2);
        java.util.List<dev.ariadne.history.Op> events = new java.util.ArrayList<>();
        java.util.List<java.util.List<Integer>> written = new java.util.ArrayList<>();
        for (int k = 0; k < keys; k++) written.add(new java.util.ArrayList<>());
        long[] pid = new long[procs];
        for (int i = 0; i < procs; i++) pid[i] = i;
        int next = 1;
        for (int i = 0; i < n; i++) {
            int p = r.nextInt(procs);
            int k = r.nextInt(keys);
            boolean write = r.nextInt(5) < 2;
            int v;
            if (write) {
                v = next++;
                written.get(k).add(v);
            } else {
                java.util.List<Integer> w = written.get(k);
                int roll = r.nextInt(100);
                if (roll < 2) v = 999;
                else if (w.isEmpty() || roll < 12) v = 0;
                else v = w.get(Math.max(0, w.size() - 1 - r.nextInt(Math.min(3, w.size()))));
            }
            String f = write ? "write" : "read";
            com.fasterxml.jackson.databind.JsonNode key = dev.ariadne.history.Values.of("k" + k);
            events.add(new dev.ariadne.history.Op(events.size(), dev.ariadne.history.Op.NO_TIME, dev.ariadne.history.Values.of(pid[p]),
                    dev.ariadne.history.OpType.INVOKE, f, write ? dev.ariadne.history.Values.of(v) : dev.ariadne.history.Values.of((Object) null), key, null, java.util.Map.of()));
            int outcome = r.nextInt(20);
            dev.ariadne.history.OpType t = outcome == 0 ? dev.ariadne.history.OpType.FAIL : outcome == 1 ? dev.ariadne.history.OpType.INFO : dev.ariadne.history.OpType.OK;
            events.add(new dev.ariadne.history.Op(events.size(), dev.ariadne.history.Op.NO_TIME, dev.ariadne.history.Values.of(pid[p]), t, f,
                    dev.ariadne.history.Values.of(v), key, null, java.util.Map.of()));
            if (t == dev.ariadne.history.OpType.INFO) pid[p] += procs;
        }
        try {
            return History.of(events);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * On {@code n} larger random histories (seeds from {@code first}), the decision without search
     * equals the frontier search's, every view of them was decided without search, and each violation's
     * counterexample is the search's own (shrunk and re-verified). Returns how many are violations.
     */
    static int withoutSearchAgreesWithSearch(String model, long first, int n, BiFunction<History, Datatype<?, ?>, CheckResult> searched,
                                             BiFunction<History, Datatype<?, ?>, CheckResult> unsearched) {
        Datatype<?, ?> dt = new Keyed<>(Datatypes.byName("register", CausalTest.ZERO));
        int invalid = 0;
        for (long seed = first; seed < first + n; seed++) {
            History h = larger(seed);
            CheckResult a = searched.apply(h, dt);
            long before = PramChecker.SEARCHED_DESPITE_INDEX.get();
            CheckResult b = unsearched.apply(h, dt);
            assertThat(PramChecker.SEARCHED_DESPITE_INDEX.get()).as(model + ", seed " + seed + ": a view went to the search").isEqualTo(before);
            if (a.verdict() != b.verdict()) {
                fail(model + ", seed " + seed + ": the search says " + a.verdict() + ", without search " + b.verdict() + ": " + h.events());
            }
            if (b.verdict() == Verdict.INVALID) {
                invalid++;
                assertThat(b.counterexamples()).as("seed " + seed).isNotEmpty();
            }
        }
        return invalid;
    }

    /**
     * A view model decided without search, both ways: against its definition on the small random
     * histories of {@link #agree}, and against the search on 1,500 larger ones from {@code firstSeed}.
     */
    static void withoutSearchAgrees(String model, BiPredicate<Datatype<?, ?>, History> definition, long firstSeed,
                                    BiFunction<History, Datatype<?, ?>, CheckResult> searched, BiFunction<History, Datatype<?, ?>, CheckResult> unsearched) {
        assertThat(agree(model, 2000, definition, unsearched)).as(model + " violations among the small histories").isGreaterThan(50);
        assertThat(withoutSearchAgreesWithSearch(model, firstSeed, 1500, searched, unsearched)).as(model + " violations among the larger histories")
                .isBetween(150, 1350);
    }
}
