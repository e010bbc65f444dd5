package dev.ariadne.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.generators.Client;
import dev.ariadne.generators.Runner;
import dev.ariadne.generators.SimObject;
import dev.ariadne.history.History;
import dev.ariadne.history.Recorder;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Sequences as applications use them, checked with the {@code sequence} datatype: Java's
 * {@link AtomicLong} and an H2 database sequence ({@code NEXT VALUE FOR}) issue increasing numbers in
 * real time (linearizable); a sequence that hands each session a block of numbers to use up first
 * (what {@code CACHE n} does in PostgreSQL and Oracle) keeps each session's numbers unique and
 * increasing (sequential) but not real-time order: a later call can get a lower number.
 */
public final class SequenceExample {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SequenceExample() {}

    /** Each {@code next} through the supplied clients, from several threads, checked for the model. */
    public static CheckResult run(Supplier<Client> clients, int threads, int ops, String model) throws Exception {
        History h = History.of(new Runner(threads, ops, 1).run(clients, rnd -> new SimObject.Call("next", null, NODES.nullNode()), null));
        return Ariadne.check(h, CheckRequest.of(model).withDatatype("sequence"));
    }

    /** A client over a shared {@link AtomicLong}. */
    public static Supplier<Client> atomicLong() {
        AtomicLong counter = new AtomicLong();
        return () -> call -> NODES.numberNode(counter.incrementAndGet());
    }

    /** A client over an H2 sequence, one connection per client. */
    public static Supplier<Client> h2(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SEQUENCE IF NOT EXISTS ids");
        }
        return () -> {
            try {
                Connection c = DriverManager.getConnection(url);
                return call -> {
                    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT NEXT VALUE FOR ids")) {
                        r.next();
                        return (JsonNode) NODES.numberNode(r.getLong(1));
                    }
                };
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /**
     * Two sessions of a sequence with a cache of 10 (each session takes a block of numbers from the
     * shared counter and uses it up first), in one fixed order: session A gets 1, session B gets 11,
     * then A gets 2 after B's call returned.
     */
    public static History cachedSessions() throws Exception {
        AtomicLong shared = new AtomicLong();
        long[][] block = new long[2][2];
        Recorder rec = new Recorder();
        int[] order = {0, 1, 0, 1, 0};
        for (int session : order) {
            Recorder.Pending p = rec.invoke(session, "next", null);
            if (block[session][0] == block[session][1]) {
                long start = shared.getAndAdd(10);
                block[session][0] = start + 1;
                block[session][1] = start + 11;
            }
            p.ok(block[session][0]++);
        }
        return rec.history();
    }
}
