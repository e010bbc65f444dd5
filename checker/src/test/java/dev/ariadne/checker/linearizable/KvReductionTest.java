package dev.ariadne.checker.linearizable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.Kv;
import dev.ariadne.checker.datatype.StateReduction;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.Op;
import dev.ariadne.history.OpType;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kv's state reduction, which reads the gets left from the search's frontier instead of scanning
 * them all, against its definition at every call the search makes: a state it gives up must be
 * dead by the definition (some get left returns a string not starting with it and no put left can
 * reset the key first), and it merges a state into the unreadable one
 * exactly when no get left returns a string starting with it. Histories are one key's, mostly
 * right (so both verdicts come up), long enough that many gets lie beyond the frontier's look-ahead,
 * and the verdicts are also compared with brute force (small ones) and with the search without the
 * reduction (all but the longest). A state dead by a get straddling the frontier or among the first
 * few after it must be given up, and the get named as blocking must be one that does.
 */
@ExtendWith(VerifiedMemoKeys.class)
class KvReductionTest {
    static final int SEEDS = 1500;
    /** Longer histories, where gets beyond the look-ahead read what the window's do not. */
    static final int LONG_SEEDS = 200;
    /** KvReduction.AHEAD: the gets invoked after the frontier whose deadness the reduction must see. */
    static final int AHEAD = 8;

    @Test
    void reductionAgreesWithItsDefinitionAtEveryStep() {
        // Compact memo keys throughout, small as the histories are (each key checked by VerifiedMemoKeys).
        Search.compactFrom = 0;
        int valid = 0, invalid = 0, merged = 0, dead = 0;
        Counting counts = new Counting();
        for (long seed = 0; seed < SEEDS + LONG_SEEDS; seed++) {
            int n = seed < SEEDS ? 6 + (int) (seed % 30) : 40 + (int) (seed % 40);
            History h = history(seed, n, 2 + (int) (seed % 3));
            String where = "seed " + seed + " (n=" + n + "):\n" + h.events();
            try {
                Checked checked = new Checked(counts);
                CheckResult with = LinearizabilityChecker.check(h, checked, LinearizabilityChecker.Options.defaults().withTimeout(20_000));
                CheckResult without = n > 40 ? null : LinearizabilityChecker.check(h, new Checked(null), LinearizabilityChecker.Options.defaults().withTimeout(20_000));
                if (without != null) assertThat(with.verdict()).as("with the reduction and without, " + where).isEqualTo(without.verdict());
                assertThat(with.verdict()).isIn(Verdict.VALID, Verdict.INVALID);
                if (n <= 10) {
                    boolean expected = BruteForce.linearizable(new Kv(DatatypeOptions.DEFAULT), h.operations());
                    assertThat(with.verdict()).as("brute force, " + where).isEqualTo(expected ? Verdict.VALID : Verdict.INVALID);
                }
                if (with.verdict() == Verdict.VALID) valid++;
                else invalid++;
            } catch (AssertionError e) {
                fail(where + "\n" + e.getMessage(), e);
            }
        }
        merged = counts.merged;
        dead = counts.dead;
        assertThat(valid).as("valid histories").isGreaterThan(SEEDS / 5);
        assertThat(invalid).as("invalid histories").isGreaterThan(SEEDS / 5);
        assertThat(merged).as("states merged").isGreaterThan(100);
        assertThat(dead).as("states given up").isGreaterThan(100);
        System.out.printf("kv reduction: %d valid, %d invalid; %d states merged, %d given up, %d dead ones kept%n", valid, invalid, merged, dead, counts.keptDead);
        assertThat(counts.keptDead).as("states kept though dead by a get beyond the look-ahead").isGreaterThan(0);
    }

    /** Tallies over the whole run. */
    static final class Counting {
        int merged, dead, keptDead;
    }

    /** One key: puts of a few values, some appends, gets that mostly return the key's value at the time. */
    static History history(long seed, int n, int procs) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] vals = {"a", "b", "c"};
        List<Op> events = new ArrayList<>();
        long[] process = new long[procs];
        for (int i = 0; i < procs; i++) process[i] = i;
        String[] f = new String[procs];
        String[] v = new String[procs];
        String current = "";
        int started = 0, open = 0;
        while (started < n || open > 0) {
            int p = r.nextInt(procs);
            if (f[p] == null) {
                if (started == n) continue;
                int kind = r.nextInt(10);
                f[p] = kind < 5 ? "get" : kind < 9 ? "put" : "append";
                v[p] = f[p].equals("get") ? null : vals[r.nextInt(vals.length)];
                if (f[p].equals("put")) current = v[p];
                if (f[p].equals("append")) current = current + v[p];
                started++;
                open++;
                events.add(ev(events.size(), process[p], OpType.INVOKE, f[p], v[p]));
            } else {
                int o = r.nextInt(20);
                if (o < 17) {
                    String result = v[p];
                    if (f[p].equals("get")) {
                        int w = r.nextInt(12);
                        result = w < 9 ? current : w < 11 ? vals[r.nextInt(vals.length)] : "";
                    }
                    events.add(ev(events.size(), process[p], OpType.OK, f[p], result));
                } else if (o < 18) {
                    events.add(ev(events.size(), process[p], OpType.FAIL, f[p], v[p]));
                } else {
                    events.add(ev(events.size(), process[p], OpType.INFO, f[p], v[p]));
                    process[p] += procs;
                }
                f[p] = null;
                open--;
            }
        }
        try {
            return History.of(events);
        } catch (HistoryException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Op ev(long index, long process, OpType type, String f, String value) {
        return new Op(index, Op.NO_TIME, Values.of(process), type, f, Values.of(value), Values.of("k"), null, Map.of());
    }

    /** Kv with its reduction checked against {@link Reference} at every call (counts null: no reduction at all). */
    private static final class Checked implements Datatype<String, Kv.Input> {
        private final Kv kv = new Kv(DatatypeOptions.DEFAULT);
        private final Counting counts;

        Checked(Counting counts) {
            this.counts = counts;
        }

        @Override
        public StateReduction<String> reduction(List<Kv.Input> inputs, boolean[] required, int[] call, int[] ret) {
            if (counts == null) return null;
            StateReduction<String> fast = kv.reduction(inputs, required, call, ret);
            Reference ref = new Reference(inputs, required, call, ret);
            return new StateReduction<>() {
                @Override
                public String reduce(String state, long[] req, long[] opt, int frontier) {
                    assertThat(frontier).as("the frontier the search follows").isEqualTo(ref.frontier(req));
                    String got = fast.reduce(state, req, opt, frontier);
                    boolean isDead = ref.dead(state, req, opt);
                    if (got == null) {
                        assertThat(isDead).as("gave up a live state " + state).isTrue();
                        int blocked = fast.blocked(state, req, opt, frontier);
                        assertThat(blocked >= 0 && ref.blocks(blocked, state, req, opt)).as("names a get left that blocks, not " + blocked).isTrue();
                        counts.dead++;
                        return null;
                    }
                    assertThat(ref.deadWithin(state, req, opt, frontier)).as("kept " + state + ", dead by a get straddling the frontier or just after it").isFalse();
                    if (isDead) counts.keptDead++;
                    boolean mergedHere = got != state;
                    boolean unreadable = mergedHere || describeState(state).equals(describeState(got)) && got.startsWith("\u0000");
                    assertThat(unreadable).as("merged " + state + " (no get left reads it: " + !ref.readable(state, req) + ")")
                            .isEqualTo(!ref.readable(state, req));
                    if (mergedHere) counts.merged++;
                    return got;
                }
            };
        }

        @Override public String name() { return kv.name(); }
        @Override public String init() { return kv.init(); }
        @Override public Kv.Input input(Operation op) { return kv.input(op); }
        @Override public String step(String state, Kv.Input in) { return kv.step(state, in); }
        @Override public String whyIllegal(String state, Kv.Input in) { return kv.whyIllegal(state, in); }
        @Override public String describeState(String state) { return kv.describeState(state); }
        @Override public String describe(Operation op) { return kv.describe(op); }
        @Override public Collection<JsonNode> keys(Operation op) { return kv.keys(op); }
        @Override public boolean exact(Kv.Input in) { return kv.exact(in); }
        @Override public boolean blindWrite(Kv.Input in) { return kv.blindWrite(in); }
        @Override public boolean readOnly(Kv.Input in) { return kv.readOnly(in); }
        @Override public boolean isNoOp(Kv.Input in) { return kv.isNoOp(in); }
        @Override public void pruneOptional(List<Kv.Input> inputs, boolean[] required, boolean[] drop) { kv.pruneOptional(inputs, required, drop); }
    }

    /** The definition, scanning every get and every put: what the reduction computed before it read the frontier. */
    private record Reference(List<Kv.Input> inputs, boolean[] required, int[] call, int[] ret) {
        /** The completion of the first required operation not taken, by its definition. */
        int frontier(long[] req) {
            int f = Integer.MAX_VALUE;
            for (int i = 0; i < inputs.size(); i++) {
                if (required[i] && (req[i >>> 6] & (1L << i)) == 0) f = Math.min(f, ret[i]);
            }
            return f;
        }

        boolean readable(String state, long[] req) {
            for (int i = 0; i < inputs.size(); i++) {
                if (isGetLeft(i, req) && inputs.get(i).s().startsWith(state)) return true;
            }
            return false;
        }

        boolean dead(String state, long[] req, long[] opt) {
            for (int i = 0; i < inputs.size(); i++) {
                if (blocks(i, state, req, opt)) return true;
            }
            return false;
        }

        /** Dead by a get left invoked before the frontier or among the first {@link #AHEAD} gets invoked after it. */
        boolean deadWithin(String state, long[] req, long[] opt, int frontier) {
            List<Integer> after = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                Kv.Input in = inputs.get(i);
                if (required[i] && in.kind() == 0 && in.s() != null && call[i] >= frontier) after.add(i);
            }
            after.sort((a, b) -> Integer.compare(call[a], call[b]));
            for (int i = 0; i < inputs.size(); i++) {
                boolean near = call[i] < frontier || after.indexOf(i) >= 0 && after.indexOf(i) < AHEAD;
                if (near && blocks(i, state, req, opt)) return true;
            }
            return false;
        }

        /** Whether get i is left, does not return a string starting with the state, and no put left can reset the key for it. */
        boolean blocks(int i, String state, long[] req, long[] opt) {
            if (!isGetLeft(i, req) || inputs.get(i).s().startsWith(state)) return false;
            for (int p = 0; p < inputs.size(); p++) {
                Kv.Input put = inputs.get(p);
                boolean taken = ((req[p >>> 6] | opt[p >>> 6]) & (1L << p)) != 0;
                if (put.kind() == 1 && !taken && call[p] < ret[i] && inputs.get(i).s().startsWith(put.s())) return false;
            }
            return true;
        }

        private boolean isGetLeft(int i, long[] req) {
            Kv.Input in = inputs.get(i);
            return required[i] && in.kind() == 0 && in.s() != null && (req[i >>> 6] & (1L << i)) == 0;
        }
    }
}
