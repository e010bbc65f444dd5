package dev.ariadne.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.ariadne.generators.TxnObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * An rw-register client over JDBC: table {@code regs(k, v)} holds one integer per key;
 * {@code [w k v]} updates the row (or inserts it), {@code [r k nil]} reads it ({@code nil} when the
 * row is absent, the register's initial state). Each call is one transaction at the given isolation
 * level, with the outcomes of {@link JdbcClient}.
 */
public final class JdbcRwRegisterClient extends JdbcClient {
    public JdbcRwRegisterClient(String url, String isolation) throws SQLException {
        super(url, isolation);
    }

    /** Creates the table, empty. */
    public static void createTable(String url) throws SQLException {
        recreate(url, "regs", "INT");
    }

    @Override
    protected JsonNode micro(Connection c, JsonNode m) throws SQLException {
        int k = m.get(1).intValue();
        if (m.get(0).textValue().equals("r")) {
            try (PreparedStatement p = c.prepareStatement("SELECT v FROM regs WHERE k = ?")) {
                p.setInt(1, k);
                try (ResultSet rs = p.executeQuery()) {
                    return TxnObject.micro("r", k, rs.next() ? NODES.numberNode(rs.getInt(1)) : NullNode.getInstance());
                }
            }
        }
        int v = m.get(2).intValue();
        try (PreparedStatement p = c.prepareStatement("UPDATE regs SET v = ? WHERE k = ?")) {
            p.setInt(1, v);
            p.setInt(2, k);
            if (p.executeUpdate() > 0) return m;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO regs (k, v) VALUES (?, ?)")) {
            p.setInt(1, k);
            p.setInt(2, v);
            p.executeUpdate();
        }
        return m;
    }
}
