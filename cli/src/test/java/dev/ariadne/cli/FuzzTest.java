package dev.ariadne.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * A seeded mutational fuzzer over every reader and check: the example histories and the regression
 * corpus ({@code src/test/resources/fuzz-corpus}, inputs that once misbehaved) are mutated (bytes
 * replaced, lines dropped, duplicated and swapped, brackets and numbers inserted) and checked through
 * the CLI. Properties: the exit code is 0, 1, 2, 3 or 64 (never 70, an internal error); an exit 3
 * names the file; the input file is never changed. In CI a few hundred mutants run; a longer run:
 * {@code ./mvnw -pl checker test -Dtest=FuzzTest -Dariadne.fuzz=20000 -Dariadne.fuzz.seed=7}.
 */
class FuzzTest {
    private static final int MUTANTS = Integer.getInteger("ariadne.fuzz", 300);
    private static final long SEED = Long.getLong("ariadne.fuzz.seed", 1);

    private static List<byte[]> corpus() throws IOException {
        List<byte[]> out = new ArrayList<>();
        List<Path> dirs = List.of(CliTest.example("x").getParent(), Path.of("src/test/resources/fuzz-corpus"));
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                for (Path p : s.sorted().toList()) if (Files.size(p) < 200_000) out.add(Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static byte[] mutate(byte[] in, SplittableRandom rnd) {
        String s = new String(in, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            switch (rnd.nextInt(8)) {
                case 0 -> { if (!lines.isEmpty()) lines.remove(rnd.nextInt(lines.size())); }
                case 1 -> { if (!lines.isEmpty()) lines.add(rnd.nextInt(lines.size() + 1), lines.get(rnd.nextInt(lines.size()))); }
                case 2 -> { if (lines.size() > 1) java.util.Collections.swap(lines, rnd.nextInt(lines.size()), rnd.nextInt(lines.size())); }
                default -> {
                    if (lines.isEmpty()) lines.add("");
                    int i = rnd.nextInt(lines.size());
                    String l = lines.get(i);
                    int at = l.isEmpty() ? 0 : rnd.nextInt(l.length() + 1);
                    String[] inserts = {"[", "]", "{", "}", "\"", ":", "nil", "-1", "1e400", "99999999999999999999", ",", " ", "\t", ":info", ":ok",
                            ":invoke", "\"type\"", "#{", "\\", "\u0000", "\u00e9"};
                    String ins = inserts[rnd.nextInt(inserts.length)];
                    int cut = rnd.nextInt(3) == 0 && at < l.length() ? Math.min(l.length(), at + 1 + rnd.nextInt(4)) : at;
                    lines.set(i, l.substring(0, at) + ins + l.substring(cut));
                }
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void noMutantCrashesOrChangesItsInput(@TempDir Path dir) throws IOException {
        List<byte[]> corpus = corpus();
        if (corpus.isEmpty()) fail("no corpus found");
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < MUTANTS; i++) {
            long seed = rnd.nextLong();
            SplittableRandom r = new SplittableRandom(seed);
            byte[] base = corpus.get(r.nextInt(corpus.size()));
            byte[] bytes = r.nextInt(10) == 0 ? base : mutate(base, r);
            String[] exts = {".jsonl", ".json", ".edn", ".log"};
            Path f = dir.resolve("m" + i + exts[r.nextInt(exts.length)]);
            Files.write(f, bytes);
            String[] args = r.nextBoolean() ? new String[]{"check", f.toString(), "--timeout", "5s"}
                    : r.nextBoolean() ? new String[]{"check", f.toString(), "-m", "all", "--timeout", "5s", "-o", "json"}
                    : new String[]{"validate", f.toString()};
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
            String why = null;
            if (code != 0 && code != 1 && code != 2 && code != 3 && code != 64) why = "exit " + code;
            else if (code == 3 && !err.toString().contains(f.toString()) && !err.toString().contains("m" + i)) why = "exit 3 without the file's name";
            else if (!Arrays.equals(bytes, Files.readAllBytes(f))) why = "the input file changed";
            if (why != null) {
                fail("fuzz seed " + SEED + ", mutant " + i + " (seed " + seed + "): " + why + "\nargs " + String.join(" ", args) + "\nstderr: " + err
                        + "\ninput:\n" + new String(bytes, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void reformattingNeverChangesAVerdict(@TempDir Path dir) throws IOException {
        try (Stream<Path> s = Files.list(CliTest.example("x").getParent())) {
            for (Path p : s.sorted().toList()) {
                int before = Main.run(new String[]{"check", p.toString(), "-m", "all", "--timeout", "20s"}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
                if (before == 3) continue;
                for (String to : new String[]{"json", "jsonl", "edn"}) {
                    Path out = dir.resolve(p.getFileName() + "." + to);
                    int c = Main.run(new String[]{"convert", p.toString(), out.toString(), "--to", to}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
                    if (c != 0) fail("convert " + p + " to " + to + ": exit " + c);
                    int after = Main.run(new String[]{"check", out.toString(), "-m", "all", "--timeout", "20s"}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
                    if (after != before) fail(p + " as " + to + ": exit " + after + ", as read first: " + before);
                }
            }
        }
    }
}
