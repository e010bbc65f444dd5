package dev.ariadne.examples;

import dev.ariadne.generators.Nemesis;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL or MariaDB server from Debian's packages ({@code postgresql},
 * {@code mariadb-server}), in a temporary directory, listening on 127.0.0.1 at a free port, with
 * durability switched off (fsync, binlog) since nothing outlives the test. {@link #unavailable} says
 * why a server cannot be started here, so a test can skip with that message.
 * <p>
 * PostgreSQL refuses to run as root; when this JVM is root, its commands run as the {@code postgres}
 * user the package creates.
 */
public final class LocalDatabase implements AutoCloseable {
    /** The servers this can start. */
    public enum Kind {
        POSTGRESQL("postgresql"), MARIADB("mariadb-server");

        /** Debian's package that brings the server. */
        public final String debianPackage;

        Kind(String debianPackage) {
            this.debianPackage = debianPackage;
        }
    }

    private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    private static final Path MARIADB_INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Kind kind;
    private final Path dir;
    private final String url;
    private final Process server; // MariaDB's; PostgreSQL's is daemonized by pg_ctl
    private final Path pgBin;

    private LocalDatabase(Kind kind, Path dir, String url, Process server, Path pgBin) {
        this.kind = kind;
        this.dir = dir;
        this.url = url;
        this.server = server;
        this.pgBin = pgBin;
    }

    /** Why {@code kind} cannot be started on this machine, or null when it can. */
    public static String unavailable(Kind kind) {
        return switch (kind) {
            case POSTGRESQL -> postgresBin() == null ? "PostgreSQL is not installed (Debian's package " + kind.debianPackage + ")"
                    : ROOT && !Files.exists(Path.of("/usr/sbin/runuser")) ? "running as root without runuser, and PostgreSQL refuses root" : null;
            case MARIADB -> Files.isExecutable(MARIADBD) && Files.isExecutable(MARIADB_INSTALL_DB) ? null
                    : "MariaDB is not installed (Debian's package " + kind.debianPackage + ")";
        };
    }

    /** The newest {@code /usr/lib/postgresql/N/bin}, or null. */
    private static Path postgresBin() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) return null;
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString()))).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Starts a fresh server of {@code kind}; check {@link #unavailable} first. */
    public static LocalDatabase start(Kind kind) throws IOException, InterruptedException, SQLException {
        String why = unavailable(kind);
        if (why != null) throw new IllegalStateException(why);
        Path dir = Files.createTempDirectory("ariadne-" + kind.name().toLowerCase() + "-");
        int port = freePort();
        try {
            return kind == Kind.POSTGRESQL ? startPostgres(dir, port) : startMariaDb(dir, port);
        } catch (IOException | InterruptedException | SQLException | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    private static LocalDatabase startPostgres(Path dir, int port) throws IOException, InterruptedException, SQLException {
        Path bin = postgresBin();
        if (ROOT) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
        }
        Path data = dir.resolve("data");
        run(dir, asPostgres(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "ariadne", "--no-sync", "-E", "UTF8"));
        run(dir, asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-h 127.0.0.1 -p " + port + " -k " + dir + " -F -c max_connections=200", "start"));
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=ariadne";
        LocalDatabase db = new LocalDatabase(Kind.POSTGRESQL, dir, url, null, bin);
        db.awaitConnection();
        return db;
    }

    private static LocalDatabase startMariaDb(Path dir, int port) throws IOException, InterruptedException, SQLException {
        Path data = dir.resolve("data");
        run(dir, List.of(MARIADB_INSTALL_DB.toString(), "--no-defaults", "--datadir=" + data, "--user=" + System.getProperty("user.name"),
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        Process server = new ProcessBuilder(MARIADBD.toString(), "--no-defaults", "--datadir=" + data, "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("mariadb.sock"), "--pid-file=" + dir.resolve("mariadb.pid"), "--user=" + System.getProperty("user.name"),
                "--innodb-flush-log-at-trx-commit=0", "--skip-log-bin", "--max-connections=200", "--innodb-buffer-pool-size=64M")
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        LocalDatabase db = new LocalDatabase(Kind.MARIADB, dir, "jdbc:mariadb://127.0.0.1:" + port + "/ariadne?user=root", server, null);
        try {
            String admin = "jdbc:mariadb://127.0.0.1:" + port + "/?user=root";
            awaitConnection(admin, server, dir);
            try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE ariadne");
            }
            return db;
        } catch (IOException | SQLException | RuntimeException e) {
            server.destroyForcibly();
            throw e;
        }
    }

    private static List<String> asPostgres(String... command) {
        List<String> c = new ArrayList<>();
        if (ROOT) c.addAll(List.of("/usr/sbin/runuser", "-u", "postgres", "--"));
        c.addAll(List.of(command));
        return c;
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        File log = dir.resolve("setup.log").toFile();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish in 120 s");
        }
        if (p.exitValue() != 0) throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + tail(log.toPath()));
    }

    private void awaitConnection() throws IOException, InterruptedException, SQLException {
        awaitConnection(url, server, dir);
    }

    private static void awaitConnection(String url, Process server, Path dir) throws IOException, InterruptedException, SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = DriverManager.getConnection(url)) {
                return;
            } catch (SQLException e) {
                if (server != null && !server.isAlive()) throw new IOException("the server exited: " + tail(dir.resolve("server.log")));
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(200);
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public Kind kind() {
        return kind;
    }

    /** A JDBC URL of an empty database on this server. */
    public String url() {
        return url;
    }

    /** The server's product name and version, as its driver reports them. */
    public String version() throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        }
    }

    /**
     * A nemesis whose fault {@code kill} terminates one client connection, chosen at random, as an
     * operator's {@code pg_terminate_backend} or {@code KILL CONNECTION} would; its stop does nothing
     * (the client opens a new connection).
     */
    public Nemesis connectionKiller(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return new Nemesis() {
            @Override
            public void start(String fault) throws SQLException {
                try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                    List<Long> ids = new ArrayList<>();
                    String others = kind == Kind.POSTGRESQL
                            ? "SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
                            : "SELECT id FROM information_schema.processlist WHERE id <> CONNECTION_ID() AND command <> 'Daemon' AND user = 'root'";
                    try (ResultSet rs = s.executeQuery(others)) {
                        while (rs.next()) ids.add(rs.getLong(1));
                    }
                    if (ids.isEmpty()) return;
                    long victim = ids.get(rnd.nextInt(ids.size()));
                    s.execute(kind == Kind.POSTGRESQL ? "SELECT pg_terminate_backend(" + victim + ")" : "KILL CONNECTION " + victim);
                }
            }

            @Override
            public void stop(String fault) {
                // nothing to heal: the killed client reconnects by itself
            }
        };
    }

    /** Stops the server at once and deletes its files. */
    @Override
    public void close() throws IOException {
        try {
            if (kind == Kind.POSTGRESQL) {
                run(dir, asPostgres(pgBin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
            } else {
                server.destroy();
                if (!server.waitFor(30, TimeUnit.SECONDS)) server.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (server != null) server.destroyForcibly();
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
