package dev.ariadne.checker.weak;

import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.NilRead;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CausalCounterexample;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.Op;
import dev.ariadne.history.OpType;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Causal consistency (CC): the classic bad patterns, and the checker against the definition on random differentiated histories. */
class CausalTest {
    static final DatatypeOptions ZERO = new DatatypeOptions(Values.of(0), NilRead.ABSENT);

    static CheckResult check(String model, String edn) throws Exception {
        History h = HistoryReader.readString(edn, ReadOptions.DEFAULT);
        return ModelChecker.check(h, CheckRequest.of(model).withDatatype("register").withOptions(ZERO));
    }

    static String op(int p, String f, String key, int v) {
        String inv = f.equals("read") ? "nil" : String.valueOf(v);
        return "{:process " + p + " :type :invoke :f :" + f + " :key :" + key + " :value " + inv + "}\n"
                + "{:process " + p + " :type :ok :f :" + f + " :key :" + key + " :value " + v + "}\n";
    }

    @Test
    void readingAnOlderValueAfterItsCauseIsNotCausal() throws Exception {
        // p0 writes x=1 then y=1; p1 sees y=1, then reads x=0: the write of x=1 causally precedes that read.
        CheckResult r = check("causal", op(0, "write", "x", 1) + op(0, "write", "y", 1) + op(1, "read", "y", 1) + op(1, "read", "x", 0));
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        CausalCounterexample c = (CausalCounterexample) r.counterexamples().get(0);
        assertThat(c.pattern()).isEqualTo("WriteCOInitRead");
        assertThat(c.edges()).hasSize(3);
        assertThat(c.explanation()).contains("ran them in this order").contains("which op 2");
    }

    @Test
    void readsOutOfIssueOrderAreWriteCORead() throws Exception {
        CheckResult r = check("causal", op(0, "write", "x", 3) + op(0, "write", "x", 4) + op(1, "read", "x", 4) + op(1, "read", "x", 3));
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(((CausalCounterexample) r.counterexamples().get(0)).pattern()).isEqualTo("WriteCORead");
    }

    @Test
    void concurrentWritesInOppositeOrdersAreCausal() throws Exception {
        String h = op(0, "write", "x", 1) + op(1, "write", "x", 2) + op(2, "read", "x", 1) + op(2, "read", "x", 2)
                + op(3, "read", "x", 2) + op(3, "read", "x", 1);
        assertThat(check("causal", h).verdict()).isEqualTo(Verdict.VALID);
        assertThat(check("sequential", h).verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void ccExplainsEachReadAloneSoItAllowsWhatPramForbids() throws Exception {
        // p2 reads 1, 2, then 1 again: every read has a causal explanation of its own (CC), but no single
        // view of p2 does (PRAM, monotonic reads). So CC does not imply PRAM, and the lattice agrees.
        String h = op(0, "write", "x", 1) + op(1, "write", "x", 2) + op(2, "read", "x", 1) + op(2, "read", "x", 2) + op(2, "read", "x", 1);
        assertThat(check("causal", h).verdict()).isEqualTo(Verdict.VALID);
        assertThat(check("pram", h).verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void cyclesAndThinAirAndAmbiguity() throws Exception {
        CheckResult cyc = check("causal", "{:process 0 :type :invoke :f :read :key :x :value nil}\n{:process 1 :type :invoke :f :read :key :y :value nil}\n"
                + "{:process 0 :type :ok :f :read :key :x :value 1}\n{:process 1 :type :ok :f :read :key :y :value 1}\n"
                + op(0, "write", "y", 1) + op(1, "write", "x", 1));
        assertThat(cyc.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(((CausalCounterexample) cyc.counterexamples().get(0)).pattern()).isEqualTo("CyclicCO");
        CheckResult air = check("causal", op(0, "write", "x", 1) + op(1, "read", "x", 7));
        assertThat(((CausalCounterexample) air.counterexamples().get(0)).pattern()).isEqualTo("ThinAirRead");
        CheckResult dup = check("causal", op(0, "write", "x", 1) + op(1, "write", "x", 1) + op(2, "read", "x", 1));
        assertThat(dup.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(dup.summary()).contains("written to key x twice");
    }

    /** A random differentiated register history: every write writes a fresh value; reads return one of them, the initial 0, or (rarely) garbage. */
    static History random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int procs = 2 + r.nextInt(3);
        int n = 3 + r.nextInt(6);
        List<Op> events = new ArrayList<>();
        int next = 1;
        List<int[]> written = new ArrayList<>();
        long[] pid = new long[procs];
        for (int i = 0; i < procs; i++) pid[i] = i;
        for (int i = 0; i < n; i++) {
            int p = r.nextInt(procs);
            String key = r.nextBoolean() ? "x" : "y";
            boolean write = r.nextInt(5) < 2;
            int v;
            if (write) {
                v = next++;
                written.add(new int[]{key.equals("x") ? 0 : 1, v});
            } else {
                int pick = r.nextInt(written.size() + 2);
                v = pick < written.size() ? written.get(pick)[1] : pick == written.size() ? 0 : 99;
            }
            String f = write ? "write" : "read";
            int outcome = r.nextInt(10);
            events.add(new Op(events.size(), Op.NO_TIME, Values.of(pid[p]), OpType.INVOKE, f, write ? Values.of(v) : Values.of((Object) null), Values.of(key), null, Map.of()));
            OpType t = outcome < 8 ? OpType.OK : outcome == 8 ? OpType.FAIL : OpType.INFO;
            events.add(new Op(events.size(), Op.NO_TIME, Values.of(pid[p]), t, f, Values.of(v), Values.of(key), null, Map.of()));
            if (t == OpType.INFO) pid[p] += procs;
        }
        try {
            return History.of(events);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The operations that count (failed ones and unread crashed writes left out) and CO = (po ∪ rf)+ over them. */
    record Causal(List<Operation> live, boolean[][] co) {
        boolean cyclic() {
            for (int a = 0; a < live.size(); a++) if (co[a][a]) return true;
            return false;
        }

        /** The write a read read from, or -1 (the initial value or thin air). */
        int source(int r) {
            Operation rd = live.get(r);
            int src = -1;
            for (int w = 0; w < live.size(); w++) {
                Operation x = live.get(w);
                if (x.f().equals("write") && x.key().equals(rd.key()) && x.value().equals(rd.value())) src = w;
            }
            return src;
        }
    }

    static Causal causalOrder(History h) {
        List<Operation> ops = new ArrayList<>();
        for (Operation o : h.operations()) {
            if (o.isFail()) continue;
            boolean write = o.f().equals("write");
            if (!write && !o.isOk()) continue;
            ops.add(o);
        }
        // Crashed writes count only if read; a read of a value no surviving write wrote is thin air.
        List<Operation> live = new ArrayList<>();
        for (Operation o : ops) {
            if (o.f().equals("write") && !o.isOk()) {
                boolean read = false;
                for (Operation q : ops) if (q.f().equals("read") && q.key().equals(o.key()) && q.value().equals(o.value())) read = true;
                if (!read) continue;
            }
            live.add(o);
        }
        int n = live.size();
        boolean[][] co = new boolean[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                Operation x = live.get(a), y = live.get(b);
                if (x.process() == y.process() && x.invokePosition() < y.invokePosition()) co[a][b] = true;
                if (x.f().equals("write") && y.f().equals("read") && x.key().equals(y.key()) && x.value().equals(y.value())) co[a][b] = true;
            }
        }
        for (int k = 0; k < n; k++) for (int a = 0; a < n; a++) for (int b = 0; b < n; b++) if (co[a][k] && co[k][b]) co[a][b] = true;
        return new Causal(live, co);
    }

    /** CC by its definition with CO = (po ∪ rf)+: CO acyclic, and each read explained by some CO-respecting order of its key's writes in its causal past. */
    static boolean bruteForce(History h) {
        Causal c = causalOrder(h);
        List<Operation> live = c.live();
        boolean[][] co = c.co();
        int n = live.size();
        if (c.cyclic()) return false;
        for (int r = 0; r < n; r++) {
            Operation rd = live.get(r);
            if (!rd.f().equals("read")) continue;
            boolean initial = rd.value().equals(Values.of(0));
            int src = c.source(r);
            if (!initial && src < 0) return false;
            List<Integer> past = new ArrayList<>();
            for (int w = 0; w < n; w++) if (live.get(w).f().equals("write") && live.get(w).key().equals(rd.key()) && co[w][r]) past.add(w);
            if (!explains(past, new ArrayList<>(), co, src)) return false;
        }
        return true;
    }

    /** Is there an order of {@code left} respecting CO whose last element is {@code src} (or which is empty when src is -1)? */
    private static boolean explains(List<Integer> left, List<Integer> placed, boolean[][] co, int src) {
        if (left.isEmpty()) return src < 0 ? placed.isEmpty() : !placed.isEmpty() && placed.get(placed.size() - 1) == src;
        for (int i = 0; i < left.size(); i++) {
            int w = left.get(i);
            boolean ok = true;
            for (int u : left) if (u != w && co[u][w]) ok = false;
            if (!ok) continue;
            List<Integer> rest = new ArrayList<>(left);
            rest.remove(i);
            placed.add(w);
            boolean found = explains(rest, placed, co, src);
            placed.remove(placed.size() - 1);
            if (found) return true;
        }
        return false;
    }

    @Test
    void randomHistoriesAgreeWithTheDefinition() {
        agree("causal", CausalTest::bruteForce, h -> CausalChecker.check(h, "register", ZERO), false);
    }

    /**
     * On 3,000 seeded random differentiated histories, the checker's verdict equals the definition's,
     * and (with {@code impliesCc}) every history the definition accepts is CC too.
     */
    static void agree(String model, java.util.function.Predicate<History> definition, java.util.function.Function<History, CheckResult> checker,
                      boolean impliesCc) {
        int invalid = 0;
        for (long seed = 0; seed < 3000; seed++) {
            History h = random(seed);
            boolean expected = definition.test(h);
            CheckResult r = checker.apply(h);
            if (r.verdict() != (expected ? Verdict.VALID : Verdict.INVALID)) {
                fail("seed " + seed + ": verdict " + r.verdict() + " (" + r.summary() + ") but the definition of " + model + " says " + (expected ? "valid" : "not") + ": " + h.events());
            }
            if (!expected) invalid++;
            if (expected && impliesCc) assertThat(bruteForce(h)).as(model + " implies CC, seed " + seed).isTrue();
        }
        assertThat(invalid).isBetween(300, 2700);
    }

    @Test
    void sequentialImpliesCausal() {
        for (long seed = 0; seed < 1500; seed++) {
            History h = random(seed);
            boolean sequential = SequentialTest.bruteForce(new dev.ariadne.checker.datatype.Keyed<>(
                    dev.ariadne.checker.datatype.Datatypes.byName("register", ZERO)), h, h.operations());
            if (sequential) assertThat(CausalChecker.check(h, "register", ZERO).verdict()).as("seed " + seed).isEqualTo(Verdict.VALID);
        }
    }
}
