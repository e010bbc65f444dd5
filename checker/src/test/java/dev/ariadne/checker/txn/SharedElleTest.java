package dev.ariadne.checker.txn;

import dev.ariadne.checker.SharedHistories;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ModelChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.TransactionalCounterexample;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Elle's published histories in ../shared/histories/elle come out as published, with the anomaly named there. */
class SharedElleTest {

    @Test
    void everyPublishedTransactionalVerdictMatches() throws Exception {
        List<String> checked = new ArrayList<>();
        for (String model : List.of("serializable", "repeatable-read", "snapshot-isolation")) {
            for (SharedHistories.Expected e : SharedHistories.expected(model)) {
                if (!e.datatype().equals("list-append")) continue;
                History h = HistoryReader.read(e.file(), ReadOptions.DEFAULT);
                CheckResult r = ModelChecker.check(h, CheckRequest.of(model).withDatatype(e.datatype()));
                assertThat(r.verdict()).as(e.name() + " " + model + ": " + r.summary()).isEqualTo(e.valid() ? Verdict.VALID : Verdict.INVALID);
                checked.add(e.name() + " " + model);
            }
        }
        assertThat(checked).hasSize(3);
    }

    @Test
    void thePaperExampleIsGSingleAndSiWithoutGSingleIsG2Item() throws Exception {
        History paper = HistoryReader.read(SharedHistories.dir().resolve("elle/paper-example.edn"), ReadOptions.DEFAULT);
        CheckResult r = ModelChecker.check(paper, CheckRequest.of("serializable"));
        // The G-single first; under PSI's write conflicts the same read is also a conflict-read, and the cycle a G-update.
        assertThat(r.counterexamples()).extracting(c -> c.kind()).containsExactly("G-single", "conflict-read", "G-update");
        TransactionalCounterexample c = (TransactionalCounterexample) r.counterexamples().get(0);
        assertThat(c.cycle()).extracting(TransactionalCounterexample.Dependency::type).containsExactlyInAnyOrder("rw", "wr", "ww");

        History si = HistoryReader.read(SharedHistories.dir().resolve("elle/si-without-g-single.edn"), ReadOptions.DEFAULT);
        CheckResult rr = ModelChecker.check(si, CheckRequest.of("repeatable-read"));
        assertThat(rr.counterexamples()).extracting(x -> x.kind()).containsExactly("G2-item");
        assertThat(ModelChecker.check(si, CheckRequest.of("consistent-view")).verdict()).isEqualTo(Verdict.VALID);
    }
}
