package dev.ariadne.examples;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real transactions against embedded H2 at each isolation level, recorded and checked for the whole
 * lattice. The assertions are only what H2 documents for each level: from READ COMMITTED up no dirty
 * reads, so no G1 anomaly and read committed holds. (What else each level showed is in the README.)
 */
class JdbcIsolationTest {
    private static final Set<String> G1 = Set.of("G1a", "G1b", "G1c", "dirty-update");

    @Test
    void h2KeepsReadCommittedFromReadCommittedUp() throws Exception {
        for (String level : JdbcIsolationExample.H2_LEVELS) {
            String url = "jdbc:h2:mem:test-" + level.replace(' ', '-').toLowerCase() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=200";
            JdbcIsolationExample.Outcome o = JdbcIsolationExample.run(url, level, 4, 100, 7, null);
            assertThat(o.history().operations().stream().filter(x -> x.isOk()).count()).as(level + ": committed transactions").isGreaterThan(100);
            if (level.equals("READ UNCOMMITTED")) continue;
            assertThat(o.anomalies().keySet()).as(level).doesNotContainAnyElementsOf(G1);
            assertThat(o.verdict("read-committed")).as(level + ": " + o.anomalies()).isEqualTo("VALID");
        }
    }

    /** The same client against another database: set ARIADNE_JDBC_URL (and put its driver on the class path). */
    @Test
    void anotherDatabaseWhenConfigured() throws Exception {
        String url = System.getenv("ARIADNE_JDBC_URL");
        assumeTrue(url != null, "skipped: set ARIADNE_JDBC_URL (e.g. jdbc:postgresql://localhost/test?user=...) to record against another database");
        JdbcIsolationExample.Outcome o = JdbcIsolationExample.run(url, "SERIALIZABLE", 4, 100, 7, null);
        assertThat(o.verdict("serializable")).as(String.valueOf(o.anomalies())).isEqualTo("VALID");
    }
}
