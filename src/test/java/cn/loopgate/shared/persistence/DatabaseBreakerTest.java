package cn.loopgate.shared.persistence;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The breaker opens when the server is away, and not when the pool is only busy or a statement is wrong. */
class DatabaseBreakerTest {

    @AfterEach
    void close() {
        DatabaseBreaker.reset();
    }

    @Test
    void aRefusedConnectionOpensIt() {
        assertFalse(DatabaseBreaker.isOpen());
        DatabaseBreaker.failed(new RuntimeException("Error in allocating a connection",
                new SQLException("Connection to 127.0.0.1:5432 refused.", "08001", new ConnectException("Connection refused"))));
        assertTrue(DatabaseBreaker.isOpen());
    }

    @Test
    void aLostConnectionOpensIt() {
        DatabaseBreaker.failed(new IllegalStateException(new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertTrue(DatabaseBreaker.isOpen());
    }

    @Test
    void aBusyPoolOrABadStatementDoesNot() {
        DatabaseBreaker.failed(new RuntimeException(new SQLException(
                "Error in allocating a connection. Cause: In-use connections equal max-pool-size and expired max-wait-time.")));
        DatabaseBreaker.failed(new RuntimeException(new SQLException("duplicate key value violates unique constraint", "23505")));
        DatabaseBreaker.failed(new SQLTransientConnectionException("timed out waiting for a connection"));
        DatabaseBreaker.failed(null);
        assertFalse(DatabaseBreaker.isOpen());
    }
}
