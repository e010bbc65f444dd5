package dev.ariadne.cli;

import dev.ariadne.generators.Anomaly;
import dev.ariadne.generators.Faulty;
import dev.ariadne.generators.Objects;
import dev.ariadne.generators.ReadMix;
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
        description = "Writes a synthetic history that is linearizable (for transactions, strictly serializable) by construction: a correct object behind concurrent clients, with crashes, streamed as JSON Lines; --anomaly injects a named anomaly.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-d", "--datatype"}, defaultValue = "cas-register", description = "register, cas-register, kv, counter, set, queue, mutex, unique-ids, list-append or rw-register (default: ${DEFAULT-VALUE})")
    String datatype;

    @Option(names = "--ops", defaultValue = "1000", description = "operations (default: ${DEFAULT-VALUE})")
    int ops;

    @Option(names = "--processes", defaultValue = "5", description = "concurrent processes (default: ${DEFAULT-VALUE})")
    int processes;

    @Option(names = "--keys", defaultValue = "1", description = "keys (registers and kv), or keys in use at once (list-append and rw-register, which retire a key after --writes-per-key writes); default: ${DEFAULT-VALUE}")
    int keys;

    @Option(names = "--values", defaultValue = "5", description = "distinct values written; 0 writes every value once, as causal and session checks need (default: ${DEFAULT-VALUE})")
    int values;

    @Option(names = "--info-rate", defaultValue = "0.02", description = "probability that an operation crashes with info (default: ${DEFAULT-VALUE})")
    double infoRate;

    @Option(names = "--read-ratio", description = "share of reads (read, get, dequeue) among the calls of a single-object workload, 0 to 1 (default: the object's own mix)")
    Double readRatio;

    @Option(names = "--txn-size", defaultValue = "4", description = "list-append and rw-register: micro-ops per transaction, at most (default: ${DEFAULT-VALUE})")
    int txnSize;

    @Option(names = "--writes-per-key", defaultValue = "32", description = "list-append and rw-register: writes a key takes before it is retired for a fresh one (default: ${DEFAULT-VALUE})")
    int writesPerKey;

    @Option(names = "--stale-rate", defaultValue = "0", description = "list-append and rw-register: probability that a read answers from a stale version (the same as --anomaly stale-read --anomaly-rate P)")
    double staleRate;

    @Option(names = "--anomaly", paramLabel = "KIND", description = "inject an anomaly: stale-read, lost-update (registers, kv, counter, set), read-your-writes-violation, monotonic-reads-violation (registers, kv), double-grant (mutex), duplicate-id (unique-ids), lost-element, duplicate-element (queue), aborted-read, stale-snapshot (list-append, rw-register), lost-message, duplicate-message, skipped-poll, reordered-poll (log), duplicate-value (sequence), split-decision (consensus), reordered-delivery, duplicate-delivery (broadcast)")
    String anomaly;

    @Option(names = "--anomaly-rate", defaultValue = "0.05", description = "probability per call that the anomaly strikes (default: ${DEFAULT-VALUE})")
    double anomalyRate;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-o", "--out"}, description = "output file (default: standard output)")
    Path out;

    @Override
    public Integer call() throws IOException {
        // The generators refuse what cannot be simulated (an unknown datatype or anomaly, one that does not apply): usage errors.
        boolean txn = datatype.equals("list-append") || datatype.equals("rw-register");
        Anomaly kind = anomaly != null ? UsageError.parsing(() -> Anomaly.byName(anomaly)) : staleRate > 0 ? Anomaly.STALE_READ : null;
        double rate = anomaly != null ? anomalyRate : staleRate;
        boolean log = datatype.equals("log");
        SimObject base = UsageError.parsing(() -> txn ? new TxnObject(datatype, txnSize, Math.max(keys, 1), writesPerKey, kind, rate, seed)
                : log ? new dev.ariadne.generators.LogObject(keys, kind, rate, seed)
                : datatype.equals("sequence") ? dev.ariadne.generators.MessageObjects.sequence(kind, rate, seed)
                : datatype.equals("consensus") ? dev.ariadne.generators.MessageObjects.consensus(kind, rate, seed)
                : datatype.equals("broadcast") ? dev.ariadne.generators.MessageObjects.broadcast(kind, rate, seed)
                : kind == null ? Objects.of(datatype, values, keys) : new Faulty(Objects.of(datatype, values, keys), kind, rate, seed));
        boolean own = log || datatype.equals("sequence") || datatype.equals("consensus") || datatype.equals("broadcast");
        SimObject object = readRatio != null && !txn && !own ? UsageError.parsing(() -> new ReadMix(base, readRatio)) : base;
        Simulation sim = UsageError.parsing(() -> new Simulation(ops, processes, infoRate, seed));
        Writer w = out == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        try {
            sim.writeJsonLines(object, w);
        } finally {
            if (out == null) w.flush();
            else w.close();
        }
        return Main.VALID;
    }

}
