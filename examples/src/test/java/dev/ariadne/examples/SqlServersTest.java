package dev.ariadne.examples;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real servers from Debian's packages, started on 127.0.0.1 by the test, driven with rw-register and
 * list-append transactions over JDBC while a nemesis kills client connections, and checked for the
 * whole lattice. Each assertion is only what the server documents for the level: PostgreSQL's READ
 * COMMITTED is read committed, its REPEATABLE READ is snapshot isolation, its SERIALIZABLE
 * serializable; MariaDB's SERIALIZABLE (InnoDB's locking reads) is serializable and its READ
 * COMMITTED read committed. Each must be decided VALID, not left UNKNOWN. Skipped, with the reason,
 * where the server is not installed.
 */
class SqlServersTest {
    private static final Map<String, String> POSTGRESQL = Map.of("READ COMMITTED", "read-committed", "REPEATABLE READ", "snapshot-isolation",
            "SERIALIZABLE", "serializable");
    private static final Map<String, String> MARIADB = Map.of("READ COMMITTED", "read-committed", "SERIALIZABLE", "serializable");

    @Test
    void postgresqlKeepsWhatEachLevelDocuments() throws Exception {
        check(LocalDatabase.Kind.POSTGRESQL, POSTGRESQL);
    }

    @Test
    void mariadbKeepsWhatEachLevelDocuments() throws Exception {
        check(LocalDatabase.Kind.MARIADB, MARIADB);
    }

    private static void check(LocalDatabase.Kind kind, Map<String, String> documented) throws Exception {
        String why = LocalDatabase.unavailable(kind);
        assumeTrue(why == null, "skipped: " + why);
        try (LocalDatabase db = LocalDatabase.start(kind)) {
            long seed = 11;
            for (String datatype : new String[]{"rw-register", "list-append"}) {
                for (var level : documented.entrySet()) {
                    JdbcIsolationExample.Workload w = new JdbcIsolationExample.Workload(datatype, 6, 60, 3, datatype.equals("rw-register") ? Integer.MAX_VALUE : 40,
                            seed++, db.connectionKiller(seed), 250);
                    JdbcIsolationExample.Outcome o = JdbcIsolationExample.run(db.url(), level.getKey(), w, null);
                    String as = db.version() + ", " + datatype + " at " + level.getKey() + " (seed " + w.seed() + "): " + o.anomalies();
                    System.out.println(as + "; strongest: " + o.models().strongestSatisfied());
                    assertThat(o.history().operations().stream().filter(x -> x.isOk()).count()).as(as + ": committed").isGreaterThan(60);
                    assertThat(o.verdict(level.getValue())).as(as).isEqualTo("VALID");
                }
            }
        }
    }
}
