package dev.ariadne.cli;

import dev.ariadne.history.HistoryError;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.io.HistoryFormat;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.HistoryWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Converts a history between formats (the input is validated first and never modified).")
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT")
    Path out;

    @Option(names = "--to", required = true, paramLabel = "FORMAT", description = "json, jsonl or edn")
    String to;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() throws Exception {
        HistoryFormat format = UsageError.parsing(() -> HistoryFormat.parse(to));
        if (format == HistoryFormat.LOG) throw new UsageError("--to takes json, jsonl or edn (log lines are read only)");
        if (Files.exists(out) && Files.isSameFile(in, out)) throw new UsageError("OUT is the input file; Ariadne never modifies its input");
        if (Files.isDirectory(out)) throw new UsageError("OUT " + out + " is a directory; name a file");
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) throw new UsageError("OUT's folder " + dir + " does not exist");
        if (!Files.isWritable(dir)) throw new UsageError("OUT's folder " + dir + " is not writable");
        HistoryReader.Events ev;
        try (Reader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            ev = HistoryReader.readEvents(r, in.toString(), input.readOptions());
        } catch (NoSuchFileException e) {
            throw new HistoryException(new HistoryError(in.toString(), 0, 0, -1, "no such file"));
        }
        dev.ariadne.history.History.of(in.toString(), ev.events(), ev.lines());
        Path parent = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, ".ariadne-convert", ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                HistoryWriter.write(ev.events(), format, w);
            }
            // A temporary file is made private (0600); the converted history is an ordinary file (0644).
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: leave its default
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return Main.VALID;
    }
}
