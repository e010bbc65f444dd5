package dev.ariadne.examples;

import dev.ariadne.checker.report.HierarchyResult;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Records a transactional history against a real PostgreSQL or MariaDB server (from Debian's
 * packages, started here on 127.0.0.1 for the run and deleted after) and checks it for the whole
 * isolation lattice, as Jepsen's SQL tests do:
 * <pre>
 * ./mvnw -q -pl examples exec:java -Dexec.mainClass=dev.ariadne.examples.SqlRecorder \
 *     -Dexec.args="mariadb rw-register SERIALIZABLE 8 300 4 out.jsonl"
 * </pre>
 * Arguments: server ({@code postgresql} or {@code mariadb}), datatype ({@code rw-register} or
 * {@code list-append}), isolation level, client threads, transactions per thread, hot keys, the
 * output file (JSON Lines), and optionally a mean interval in milliseconds between connection kills.
 */
public final class SqlRecorder {
    private SqlRecorder() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: SqlRecorder postgresql|mariadb rw-register|list-append LEVEL THREADS TXNS-PER-THREAD KEYS OUT.jsonl [KILL-EVERY-MS]");
            System.exit(3);
        }
        LocalDatabase.Kind kind = LocalDatabase.Kind.valueOf(args[0].toUpperCase(Locale.ROOT));
        String why = LocalDatabase.unavailable(kind);
        if (why != null) {
            System.err.println(why);
            System.exit(3);
        }
        long killEvery = args.length > 7 ? Long.parseLong(args[7]) : 0;
        try (LocalDatabase db = LocalDatabase.start(kind)) {
            JdbcIsolationExample.Workload w = new JdbcIsolationExample.Workload(args[1], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.MAX_VALUE, 1, killEvery > 0 ? db.connectionKiller(1) : null, killEvery);
            long t0 = System.nanoTime();
            JdbcIsolationExample.Outcome o = JdbcIsolationExample.run(db.url(), args[2].replace('-', ' ').toUpperCase(Locale.ROOT), w, Path.of(args[6]));
            System.out.printf("%s, %s at %s: %d events recorded and checked in %.1f s%n", db.version(), args[1], args[2], o.history().size(),
                    (System.nanoTime() - t0) / 1e9);
            for (HierarchyResult.ModelVerdict v : o.models().models()) System.out.printf("  %-34s %s%n", v.model(), v.verdict());
            System.out.println("  anomalies: " + o.anomalies());
        }
    }
}
