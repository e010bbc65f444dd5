package dev.ariadne.history;

import dev.ariadne.history.io.HistoryFormat;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.HistoryWriter;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every real history in ../shared/histories parses, validates, and survives a round trip through each writer. */
class SharedHistoriesTest {

    static Path sharedHistories() {
        String root = System.getProperty("ariadne.root", ".");
        Path p = Path.of(root).toAbsolutePath().resolve("../shared/histories").normalize();
        assumeTrue(Files.isDirectory(p), "skipped: " + p + " is absent (the shared real histories live beside the repository)");
        return p;
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".edn") || f.toString().endsWith(".log"))
                    .sorted().toList();
        }
    }

    @Test
    void everySharedHistoryParsesAndRoundTrips() throws Exception {
        Path dir = sharedHistories();
        List<Path> files = files(dir);
        assertThat(files).hasSize(227);
        int operations = 0;
        for (Path f : files) {
            History h = HistoryReader.read(f);
            operations += h.size();
            for (HistoryFormat to : List.of(HistoryFormat.JSON, HistoryFormat.JSONL, HistoryFormat.EDN)) {
                StringWriter w = new StringWriter();
                HistoryWriter.write(h.events(), to, w);
                HistoryReader.Events back = HistoryReader.readEvents(new StringReader(w.toString()), f + " as " + to, ReadOptions.DEFAULT);
                if (!h.events().isEmpty()) assertThat(back.format()).as("detected format of %s written as %s", f, to).isEqualTo(to);
                assertThat(back.events()).as("%s round trip through %s", f, to).isEqualTo(h.events());
            }
        }
        assertThat(operations).isGreaterThan(10_000);
    }

    @Test
    void etcdLogsReadAsJepsenLogLines() throws Exception {
        Path f = sharedHistories().resolve("etcd/etcd_000.log");
        History h = HistoryReader.read(f);
        assertThat(h.events().get(0).process()).isEqualTo(Values.of(0));
        assertThat(h.events().get(0).f()).isEqualTo("read");
        assertThat(h.functions()).contains("read", "write", "cas");
        Path empty = sharedHistories().resolve("etcd/etcd_095.log");
        assertThat(HistoryReader.read(empty).size()).isZero();
    }

    @Test
    void elleHistoriesWithoutProcessesPairByOrder() throws Exception {
        History h = HistoryReader.read(sharedHistories().resolve("elle/paper-example.edn"));
        assertThat(h.size()).isEqualTo(4);
        for (Operation o : h.operations()) {
            assertThat(o.outcome()).isEqualTo(OpType.OK);
            assertThat(o.completePosition()).isEqualTo(o.invokePosition() + 1);
        }
        assertThat(h.operation(1).txn().get(1).value()).isEqualTo(Values.of(List.of(1, 3, 4)));
    }
}
