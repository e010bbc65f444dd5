package dev.ariadne.checker.linearizable;

import dev.ariadne.checker.SharedHistories;
import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.Datatypes;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.io.HistoryReader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every published linearizability verdict in ../shared/histories/expected.tsv comes out as published. */
class SharedLinearizabilityTest {

    @Test
    void publishedVerdicts() throws Exception {
        List<SharedHistories.Expected> rows = SharedHistories.expected("linearizable");
        assertThat(rows).hasSize(224);
        List<String> wrong = new ArrayList<>();
        int valid = 0, invalid = 0;
        for (SharedHistories.Expected e : rows) {
            History h = HistoryReader.read(e.file());
            Datatype<?, ?> dt = Datatypes.byName(e.datatype(), e.datatypeOptions());
            CheckResult r = LinearizabilityChecker.check(h, dt, LinearizabilityChecker.Options.defaults().withTimeout(60_000));
            Verdict want = e.valid() ? Verdict.VALID : Verdict.INVALID;
            if (r.verdict() != want) wrong.add(e.name() + ": expected " + want + ", got " + r.verdict() + " " + r.summary());
            if (r.verdict() == Verdict.INVALID) {
                invalid++;
                assertThat(r.counterexamples()).as(e.name()).isNotEmpty();
            } else if (r.verdict() == Verdict.VALID) {
                valid++;
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(valid + invalid).isEqualTo(224);
    }
}
