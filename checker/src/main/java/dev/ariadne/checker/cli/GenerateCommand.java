package dev.ariadne.checker.cli;

import dev.ariadne.generators.Objects;
import dev.ariadne.generators.SimObject;
import dev.ariadne.generators.TxnObject;
import dev.ariadne.generators.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes a synthetic history that is linearizable (for transactions, strictly serializable) by construction: a correct object behind concurrent clients, with crashes, streamed as JSON Lines; --stale-rate injects stale reads into transactional stores.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-d", "--datatype"}, defaultValue = "cas-register", description = "register, cas-register, kv, counter, set, queue, mutex, unique-ids, list-append or rw-register (default: ${DEFAULT-VALUE})")
    String datatype;

    @Option(names = "--ops", defaultValue = "1000", description = "operations (default: ${DEFAULT-VALUE})")
    int ops;

    @Option(names = "--processes", defaultValue = "5", description = "concurrent processes (default: ${DEFAULT-VALUE})")
    int processes;

    @Option(names = "--keys", defaultValue = "1", description = "keys (registers and kv), or keys in use at once (list-append and rw-register, which retire a key after 32 writes); default: ${DEFAULT-VALUE}")
    int keys;

    @Option(names = "--values", defaultValue = "5", description = "distinct values written; 0 writes every value once, as causal and session checks need (default: ${DEFAULT-VALUE})")
    int values;

    @Option(names = "--info-rate", defaultValue = "0.02", description = "probability that an operation crashes with info (default: ${DEFAULT-VALUE})")
    double infoRate;

    @Option(names = "--stale-rate", defaultValue = "0", description = "list-append and rw-register: probability that a read answers from a stale version, injecting anomalies (default: ${DEFAULT-VALUE}, a correct store)")
    double staleRate;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-o", "--out"}, description = "output file (default: standard output)")
    Path out;

    @Override
    public Integer call() throws IOException {
        Simulation sim = new Simulation(ops, processes, infoRate, seed);
        Writer w = out == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        try {
            SimObject object = staleRate > 0 && (datatype.equals("list-append") || datatype.equals("rw-register"))
                    ? new TxnObject(datatype, 4, Math.max(keys, 1), 32, staleRate, seed)
                    : Objects.of(datatype, values, keys);
            sim.writeJsonLines(object, w);
        } finally {
            if (out == null) w.flush();
            else w.close();
        }
        return Main.VALID;
    }

}
