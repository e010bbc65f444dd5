package dev.ariadne.checker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.NilRead;
import dev.ariadne.history.io.EdnParser;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real histories of ../shared/histories and their published verdicts (expected.tsv); skipped where absent. */
public final class SharedHistories {
    private SharedHistories() {}

    /** One row of expected.tsv. */
    public record Expected(Path file, String name, String datatype, String model, boolean valid, String options) {
        /** The datatype options the row names: initial=..., nil-read=.... */
        public DatatypeOptions datatypeOptions() {
            JsonNode initial = null;
            NilRead nilRead = NilRead.ABSENT;
            String opts = options.trim();
            int i = opts.indexOf("initial=");
            if (i >= 0) {
                int end = opts.indexOf(" nil-read=");
                String v = opts.substring(i + "initial=".length(), end < 0 ? opts.length() : end).trim();
                if (!v.equals("free")) initial = edn(v);
            }
            int j = opts.indexOf("nil-read=");
            if (j >= 0) nilRead = NilRead.parse(opts.substring(j + "nil-read=".length()).trim());
            return new DatatypeOptions(initial, nilRead);
        }
    }

    static JsonNode edn(String s) {
        try {
            return new EdnParser(new StringReader(s)).read();
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Path dir() {
        String root = System.getProperty("ariadne.root", ".");
        Path p = Path.of(root).toAbsolutePath().resolve("../shared/histories").normalize();
        assumeTrue(Files.isDirectory(p), "skipped: " + p + " is absent (the shared real histories live beside the repository)");
        return p;
    }

    public static List<Expected> expected(String model) throws IOException {
        Path dir = dir();
        List<Expected> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("expected.tsv"))) {
            if (line.startsWith("path\t") || line.isBlank()) continue;
            String[] c = line.split("\t");
            if (!c[2].equals(model)) continue;
            out.add(new Expected(dir.resolve(c[0]), c[0], c[1], c[2], c[3].equals("valid"), c.length > 4 ? c[4] : ""));
        }
        return out;
    }
}
