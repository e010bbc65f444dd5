package dev.ariadne.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Every JSON report the CLI prints, of every shape, against the published schema (docs/report.schema.json). */
class ReportSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyOutputMeetsThePublishedSchema(@TempDir Path dir) throws Exception {
        Path root = Path.of(System.getProperty("ariadne.root", ".."));
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(MAPPER.readTree(root.resolve("docs/report.schema.json").toFile()));
        List<String[]> runs = new ArrayList<>();
        try (Stream<Path> s = Files.list(root.resolve("examples/histories"))) {
            for (Path p : s.sorted().toList()) {
                runs.add(new String[]{"check", p.toString(), "-o", "json", "--timeout", "20s"});
                runs.add(new String[]{"check", p.toString(), "-o", "json", "-m", "all", "--timeout", "20s"});
            }
        }
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        runs.add(new String[]{"check", empty.toString(), "-o", "json"});
        runs.add(new String[]{"check", root.resolve("examples/histories/register-ok.jsonl").toString(), "-o", "json", "--timeout", "-1s"});
        runs.add(new String[]{"check", root.resolve("examples/histories/list-append-ok.jsonl").toString(), "-o", "json", "-m", "serializable"});
        runs.add(new String[]{"check", root.resolve("examples/histories/register-ok.jsonl").toString(), root.resolve("examples/histories/register-stale-read.jsonl").toString(),
                root.resolve("examples/histories/malformed.jsonl").toString(), root.resolve("examples/histories/list-append-read-skew.edn").toString(), "-o", "json"});
        int shapes = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String[] args : runs) {
            CliTest.Run r = CliTest.run(args);
            JsonNode out = MAPPER.readTree(r.out());
            Set<ValidationMessage> errors = schema.validate(out);
            if (!errors.isEmpty()) fail(String.join(" ", args) + ": " + errors + "\n" + r.out());
            assertThat(out.get("exitCode").asInt()).isEqualTo(r.code());
            seen.add(out.get("report").asText());
            shapes++;
        }
        assertThat(seen).containsExactlyInAnyOrder("check", "all", "error", "files");
        // And the schema refuses what is not a report.
        assertThat(schema.validate(MAPPER.readTree("{\"schema\":1,\"report\":\"check\",\"verdict\":\"MAYBE\",\"exitCode\":5}"))).isNotEmpty();
        assertThat(schema.validate(MAPPER.readTree("{\"schema\":1,\"report\":\"error\",\"verdict\":\"ERROR\",\"valid\":false,\"exitCode\":0,\"error\":\"x\"}"))).isNotEmpty();
        assertThat(shapes).isGreaterThan(20);
    }
}
