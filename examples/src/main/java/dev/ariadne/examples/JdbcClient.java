package dev.ariadne.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ariadne.generators.Client;
import dev.ariadne.generators.SimObject;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * One transaction per call over JDBC, with the outcomes Jepsen's SQL clients record: an error before
 * {@code COMMIT} rolls the transaction back, so it certainly did not happen ({@link
 * Client.DefiniteFailure}, recorded as {@code fail}); so does a commit the database refuses as a
 * serialization failure or deadlock (SQL states 40001, 40P01). Any other error during the commit
 * leaves the outcome unknown and is thrown on ({@code info}). A connection that was lost (killed by
 * a nemesis, say) is opened again before the next call.
 * <p>
 * Subclasses say how one micro-op runs ({@link #micro}).
 */
public abstract class JdbcClient implements Client, AutoCloseable {
    protected static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The JDBC levels by their SQL names; another name (H2's SNAPSHOT) is set with a SET statement. */
    private static final Map<String, Integer> LEVELS = Map.of("READ UNCOMMITTED", Connection.TRANSACTION_READ_UNCOMMITTED,
            "READ COMMITTED", Connection.TRANSACTION_READ_COMMITTED, "REPEATABLE READ", Connection.TRANSACTION_REPEATABLE_READ,
            "SERIALIZABLE", Connection.TRANSACTION_SERIALIZABLE);
    private final String url;
    private final String isolation;
    private Connection connection;

    /**
     * @param url       a JDBC URL
     * @param isolation the isolation level's SQL name, e.g. {@code SERIALIZABLE}
     */
    protected JdbcClient(String url, String isolation) throws SQLException {
        this.url = url;
        this.isolation = isolation;
        this.connection = open();
    }

    private Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        Integer level = LEVELS.get(isolation);
        if (level != null) {
            c.setTransactionIsolation(level);
        } else {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + isolation);
            }
        }
        c.setAutoCommit(false);
        return c;
    }

    /** Runs one micro-op {@code [f k v]} inside the open transaction and returns it as completed. */
    protected abstract JsonNode micro(Connection c, JsonNode m) throws SQLException;

    @Override
    public final JsonNode invoke(SimObject.Call call) throws Exception {
        if (connection == null) {
            try {
                connection = open();
            } catch (SQLException e) {
                throw new Client.DefiniteFailure("cannot connect: " + e.getMessage()); // nothing was sent
            }
        }
        ArrayNode done = NODES.arrayNode();
        try {
            for (JsonNode m : call.value()) done.add(micro(connection, m));
        } catch (SQLException e) {
            abandon();
            throw new Client.DefiniteFailure(e.getMessage());
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            String state = String.valueOf(e.getSQLState());
            abandon();
            if (state.equals("40001") || state.equals("40P01")) throw new Client.DefiniteFailure(e.getMessage());
            throw e;
        }
        return done;
    }

    /** Rolls back, and drops the connection if it no longer answers (it is opened again on the next call). */
    private void abandon() {
        try {
            connection.rollback();
            if (connection.isValid(2)) return;
        } catch (SQLException ignored) {
            // the connection is broken; the transaction did not commit either way
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already gone
        }
        connection = null;
    }

    /** Drops and creates {@code table(k INT PRIMARY KEY, v valueType)}, empty. */
    protected static void recreate(String url, String table, String valueType) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (k INT PRIMARY KEY, v " + valueType + ")");
        }
    }

    /** The DDL type of a long text column: MariaDB's VARCHAR stops at 64 KiB. */
    protected static String textType(String url) {
        return url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:") ? "LONGTEXT" : "VARCHAR(100000)";
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) connection.close();
    }
}
