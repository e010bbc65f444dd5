package dev.ariadne.checker.weak;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.Datatypes;
import dev.ariadne.checker.datatype.Keyed;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.SequentialCounterexample;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** PRAM: the classics, and the checker against the definition (each process's view is sequential) on random histories. */
class PramTest {

    static CheckResult check(String model, String edn) throws Exception {
        History h = HistoryReader.readString(edn, ReadOptions.DEFAULT);
        return ModelChecker.check(h, CheckRequest.of(model).withDatatype("register").withOptions(SequentialTest.ZERO));
    }

    @Test
    void readingWritesOutOfIssueOrderViolatesPram() throws Exception {
        // p0 writes 3 then 4; p1 reads 4 then 3: monotonic reads, hence PRAM, is broken.
        CheckResult r = check("pram", CausalTest.op(0, "write", "x", 3) + CausalTest.op(0, "write", "x", 4)
                + CausalTest.op(1, "read", "x", 4) + CausalTest.op(1, "read", "x", 3));
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        SequentialCounterexample c = (SequentialCounterexample) r.counterexamples().get(0);
        assertThat(c.viewOf()).isEqualTo("1");
        assertThat(c.kind()).isEqualTo("pram-violation");
        assertThat(c.explanation()).startsWith("Process p1 cannot have seen the writes");
        assertThat(c.minimal()).isTrue();
        // Decided without search: the orders that rule the view out, each with its reason.
        assertThat(c.why()).hasSize(3);
        assertThat(c.why().get(0)).contains("op 6 (p1 read → 3 [key x]) returned the value of op 0 (p0 write 3 [key x]), but op 2 (p0 write 4 [key x]), which p0 issued after it");
        assertThat(c.why().get(1)).contains("op 2 (p0 write 4 [key x]) < op 4 (p1 read → 4 [key x]): the first wrote the value the second returned");
        assertThat(c.why().get(2)).contains("op 4 (p1 read → 4 [key x]) < op 6 (p1 read → 3 [key x]): p1 issued them in this order");
    }

    @Test
    void returningToAnOverwrittenValueIsExplainedByACycle() throws Exception {
        // p2 reads 1, 2, then 1 again: 1 must come before 2 (it lies before the read of 2) and 2 before 1.
        CheckResult r = check("pram", CausalTest.op(0, "write", "x", 1) + CausalTest.op(1, "write", "x", 2) + CausalTest.op(2, "read", "x", 1)
                + CausalTest.op(2, "read", "x", 2) + CausalTest.op(2, "read", "x", 1));
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        SequentialCounterexample c = (SequentialCounterexample) r.counterexamples().get(0);
        assertThat(c.why().get(0)).contains("form a cycle");
        assertThat(String.join("\n", c.why())).contains("cannot come between them").contains("p2 issued them in this order");
        assertThat(c.operations()).hasSizeLessThanOrEqualTo(5);
    }

    @Test
    void readYourWritesViolationViolatesPram() throws Exception {
        CheckResult r = check("pram", CausalTest.op(0, "write", "x", 4) + CausalTest.op(0, "read", "x", 0));
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void concurrentWritesSeenInOppositeOrdersArePramButNotSequential() throws Exception {
        String h = SequentialTest.OPPOSITE_ORDERS;
        assertThat(check("pram", h).verdict()).isEqualTo(Verdict.VALID);
        assertThat(check("sequential", h).verdict()).isEqualTo(Verdict.INVALID);
    }

    /** PRAM by its definition: for each process, its own operations and the others' writes (a cas as the write of its new value) are sequential. */
    static boolean bruteForce(Datatype<?, ?> dt, History h) {
        for (int p = 0; p < h.processCount(); p++) {
            List<Operation> view = new ArrayList<>();
            for (Operation o : h.operations()) {
                if (o.process() == p) {
                    view.add(o);
                } else if (o.f().equals("write")) {
                    view.add(o);
                } else if (o.f().equals("cas")) {
                    view.add(new Operation(o.id(), o.process(), "write", o.value().get(1), o.key(), o.outcome(), o.invokePosition(),
                            o.completePosition(), o.invoke(), o.completion()));
                }
            }
            if (!SequentialTest.bruteForce(dt, h, view)) return false;
        }
        return true;
    }

    @Test
    void randomHistoriesAgreeWithTheDefinition() {
        int invalid = 0, total = 0, weaker = 0;
        for (String dtName : List.of("register", "cas-register")) {
            for (long seed = 0; seed < 400; seed++) {
                History h = dev.ariadne.checker.linearizable.RandomHistoriesAccess.of(dtName, seed, 3 + (int) (seed % 5), 2 + (int) (seed % 3), 3);
                Datatype<?, ?> dt = new Keyed<>(Datatypes.byName(dtName, SequentialTest.ZERO));
                boolean expected = bruteForce(dt, h);
                CheckResult r = PramChecker.check(h, dt, new SequentialChecker.Options(20_000, 1L << 28, 20_000), PramChecker.View.PRAM);
                if (r.verdict() != (expected ? Verdict.VALID : Verdict.INVALID)) {
                    fail("verdict " + r.verdict() + " but the definition says " + (expected ? "PRAM" : "not") + " for " + dtName + " seed " + seed + ": " + h.events());
                }
                total++;
                if (!expected) invalid++;
                boolean sequential = SequentialTest.bruteForce(dt, h, h.operations());
                if (sequential) assertThat(expected).as("sequential implies PRAM, seed " + seed).isTrue();
                if (expected && !sequential) weaker++;
            }
        }
        assertThat(total).isEqualTo(800);
        assertThat(invalid).isGreaterThan(total / 10);
        assertThat(weaker).as("some histories are PRAM but not sequential").isGreaterThan(0);
    }

    @Test
    void pramRefusesDatatypesWithoutReadsAndWrites() throws Exception {
        History h = HistoryReader.readString("{:process 0 :type :invoke :f :enqueue :value 1}\n{:process 0 :type :ok :f :enqueue :value 1}",
                ReadOptions.DEFAULT);
        try {
            ModelChecker.check(h, CheckRequest.of("pram"));
            fail("expected a refusal");
        } catch (dev.ariadne.checker.model.UnsupportedCheck e) {
            assertThat(e.getMessage()).contains("pram is checked on register");
        }
    }

    @Test
    void withoutSearchAgreesWithTheDefinitionAndTheSearch() {
        ViewDifferential.withoutSearchAgrees("pram", PramTest::bruteForce, 20_000, (h, dt) -> PramChecker.check(h, dt, ViewDifferential.OPTIONS, PramChecker.View.PRAM),
                (h, dt) -> PramChecker.check(h, dt, ViewDifferential.OPTIONS, PramChecker.View.PRAM, ViewDifferential.READ_WRITE));
    }
}
