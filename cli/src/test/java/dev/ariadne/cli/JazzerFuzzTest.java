package dev.ariadne.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of every reader and of check (Jazzer). In an ordinary build the inputs in
 * {@code src/test/resources/dev/ariadne/checker/cli/JazzerFuzzTestInputs/checkNeverCrashes} run as
 * regression tests; {@code JAZZER_FUZZ=1 ./mvnw -pl checker test -Dtest=JazzerFuzzTest} fuzzes for
 * the test's maximum duration and adds what it finds there. Properties: the exit code is 0, 1, 2, 3 or
 * 64; an exit 3 names the file; the input file is never changed.
 */
class JazzerFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void checkNeverCrashes(byte[] input) throws IOException {
        Path f = Files.createTempFile("jazzer", input.length > 0 && input[0] == '{' ? ".jsonl" : ".edn");
        try {
            Files.write(f, input);
            StringWriter err = new StringWriter();
            int code = Main.run(new String[]{"check", f.toString(), "-m", "all", "--timeout", "5s"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
            assertThat(code).as(err.toString()).isIn(0, 1, 2, 3, 64);
            if (code == 3) assertThat(err.toString()).contains(f.toString());
            assertThat(Arrays.equals(input, Files.readAllBytes(f))).as("the input file changed").isTrue();
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
