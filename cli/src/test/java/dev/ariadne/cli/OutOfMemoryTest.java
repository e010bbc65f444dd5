package dev.ariadne.cli;

import dev.ariadne.generators.Objects;
import dev.ariadne.generators.Simulation;
import dev.ariadne.history.io.HistoryFormat;
import dev.ariadne.history.io.HistoryWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A history too big for the heap ends as exit 2 with the reason, not a crash read as a violation (exit 1). */
class OutOfMemoryTest {
    @Test
    void runningOutOfHeapIsExitTwoWithTheReason(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("big.jsonl");
        try (Writer w = Files.newBufferedWriter(f)) {
            HistoryWriter.write(new Simulation(150_000, 10, 0.0, 1).events(Objects.of("cas-register", 5, 0)), HistoryFormat.JSONL, w);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx24m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "check", f.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains("out of memory").contains("ARIADNE_JAVA_OPTS=-Xmx8g").doesNotContain("Exception in thread");
        // With --output json, standard output holds the error object, flushed before the JVM exits.
        Process j = new ProcessBuilder(java.toString(), "-Xmx24m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "check", f.toString(),
                "--output", "json").start();
        String json = new String(j.getInputStream().readAllBytes());
        assertThat(j.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(j.exitValue()).isEqualTo(2);
        assertThat(json).contains("\"report\":\"error\"").contains("\"exitCode\":2").contains("out of memory");
        Files.delete(f);
    }

    /** The advice names a larger heap than the one that ran out: at 8 GiB it is not "-Xmx8g" again. */
    @Test
    void theAdviceIsALargerHeap() {
        assertThat(Main.moreHeap(24)).isEqualTo("-Xmx8g");
        assertThat(Main.moreHeap(4096)).isEqualTo("-Xmx8g");
        assertThat(Main.moreHeap(8192)).isEqualTo("-Xmx16g");
        assertThat(Main.moreHeap(12_000)).isEqualTo("-Xmx24g");
    }
}
