package dev.ariadne.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ariadne.generators.TxnObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A list-append client over JDBC, as Jepsen's SQL tests do it: table {@code lists(k, v)} holds each
 * key's list as comma-separated text; {@code [append k v]} concatenates (or inserts the row), and
 * {@code [r k nil]} reads it back. Each call is one transaction at the given isolation level, with
 * the outcomes of {@link JdbcClient}.
 */
public final class JdbcListAppendClient extends JdbcClient {
    /**
     * @param url       a JDBC URL, e.g. {@code jdbc:h2:mem:test;DB_CLOSE_DELAY=-1}
     * @param isolation the SQL isolation level's name
     */
    public JdbcListAppendClient(String url, String isolation) throws SQLException {
        super(url, isolation);
    }

    /** Creates the table, empty. */
    public static void createTable(String url) throws SQLException {
        recreate(url, "lists", textType(url));
    }

    @Override
    protected JsonNode micro(Connection c, JsonNode m) throws SQLException {
        int k = m.get(1).intValue();
        if (m.get(0).textValue().equals("r")) return TxnObject.micro("r", k, read(c, k));
        append(c, k, m.get(2).intValue());
        return m;
    }

    private static JsonNode read(Connection c, int k) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT v FROM lists WHERE k = ?")) {
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

    private static void append(Connection c, int k, int v) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE lists SET v = CONCAT(v, ',', ?) WHERE k = ?")) {
            p.setString(1, String.valueOf(v));
            p.setInt(2, k);
            if (p.executeUpdate() > 0) return;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO lists (k, v) VALUES (?, ?)")) {
            p.setInt(1, k);
            p.setString(2, String.valueOf(v));
            p.executeUpdate();
        }
    }
}
