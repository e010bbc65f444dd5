package dev.ariadne.cli;

import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.search.Cancellation;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress a check reports through its token, and the line that shows it only when asked. */
class ProgressLineTest {
    @Test
    void aCheckReportsItsPhaseAndPartitionsThroughItsToken() throws Exception {
        var h = HistoryReader.read(Path.of("..", "examples", "histories", "cas-register.edn"), ReadOptions.DEFAULT);
        Cancellation token = new Cancellation();
        Ariadne.check(h, CheckRequest.of("linearizable").withCancellation(token));
        String line = token.progress().describe();
        assertThat(line).startsWith("shrinking a counterexample");
        assertThat(token.child().progress()).isSameAs(token.progress());
    }

    @Test
    void quietOrNotOnATerminalPrintsNothing() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(ProgressLine.start(new Cancellation().progress(), new PrintStream(err), "checking x", true)).isNull();
        // Under the test runner there is no console and the script's variable is not set.
        if (System.console() == null && System.getenv("ARIADNE_STDERR_TTY") == null) {
            assertThat(ProgressLine.start(new Cancellation().progress(), new PrintStream(err), "checking x", false)).isNull();
        }
        assertThat(err.size()).isZero();
    }
}
