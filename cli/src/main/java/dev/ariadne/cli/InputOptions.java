package dev.ariadne.cli;

import dev.ariadne.history.History;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.io.HistoryFormat;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How to read the input history (shared by the commands that read one). */
final class InputOptions {
    @Option(names = "--format", paramLabel = "FORMAT", description = "input format: json, jsonl, edn or log (default: detected from the content)")
    String format;

    @Option(names = "--independent", description = "values are Jepsen independent-key tuples [k v]: split them into key and value")
    boolean independent;

    ReadOptions readOptions() {
        return new ReadOptions(format == null ? null : UsageError.parsing(() -> HistoryFormat.parse(format)), independent);
    }

    /** Reads the file; {@code -} is standard input. */
    History read(Path file) throws HistoryException {
        if (file.toString().equals("-")) {
            try {
                return HistoryReader.read(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8), "<stdin>", readOptions());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return HistoryReader.read(file, readOptions());
    }
}
