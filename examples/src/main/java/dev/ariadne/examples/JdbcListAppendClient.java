package dev.ariadne.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ariadne.generators.Client;
import dev.ariadne.generators.SimObject;
import dev.ariadne.generators.TxnObject;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A list-append client over JDBC, as Jepsen's SQL tests do it: table {@code lists(k, v)} holds each
 * key's list as comma-separated text; {@code [append k v]} concatenates (or inserts the row), and
 * {@code [r k nil]} reads it back. Each call is one transaction at the given isolation level.
 * <p>
 * Outcomes follow Jepsen's meaning: an error before the commit rolls the transaction back, so it
 * certainly did not happen ({@link Client.DefiniteFailure}, recorded as {@code fail}); so does a
 * commit refused as a serialization failure (SQL state 40001). Any other error during the commit
 * leaves the outcome unknown and is thrown on ({@code info}).
 */
public final class JdbcListAppendClient implements Client, AutoCloseable {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final Connection connection;

    /**
     * @param url       a JDBC URL, e.g. {@code jdbc:h2:mem:test;DB_CLOSE_DELAY=-1}
     * @param isolation the SQL isolation level's name as the database takes it in {@code SET TRANSACTION ISOLATION LEVEL}
     */
    public JdbcListAppendClient(String url, String isolation) throws SQLException {
        this.connection = DriverManager.getConnection(url);
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + isolation);
        }
        connection.setAutoCommit(false);
    }

    /** Creates the table when it is absent. */
    public static void createTable(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS lists (k INT PRIMARY KEY, v VARCHAR(100000))");
        }
    }

    @Override
    public JsonNode invoke(SimObject.Call call) throws Exception {
        ArrayNode done = NODES.arrayNode();
        try {
            for (JsonNode m : call.value()) {
                String f = m.get(0).textValue();
                int k = m.get(1).intValue();
                if (f.equals("r")) {
                    done.add(TxnObject.micro("r", k, read(k)));
                } else {
                    append(k, m.get(2).intValue());
                    done.add(m);
                }
            }
        } catch (SQLException e) {
            rollback();
            throw new Client.DefiniteFailure(e.getMessage());
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            if ("40001".equals(e.getSQLState())) {
                rollback();
                throw new Client.DefiniteFailure(e.getMessage());
            }
            throw e;
        }
        return done;
    }

    private JsonNode read(int k) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT v FROM lists WHERE k = ?")) {
            p.setInt(1, k);
            ArrayNode list = NODES.arrayNode();
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next() && rs.getString(1) != null && !rs.getString(1).isEmpty()) {
                    for (String x : rs.getString(1).split(",")) list.add(Long.parseLong(x));
                }
            }
            return list;
        }
    }

    private void append(int k, int v) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("UPDATE lists SET v = CONCAT(v, ',', ?) WHERE k = ?")) {
            p.setString(1, String.valueOf(v));
            p.setInt(2, k);
            if (p.executeUpdate() > 0) return;
        }
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO lists (k, v) VALUES (?, ?)")) {
            p.setInt(1, k);
            p.setString(2, String.valueOf(v));
            p.executeUpdate();
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the transaction did not commit either way
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
