package org.huren.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class DatabaseAvailabilityTest {

    @Test
    void aCommitCutByADatabaseShutdownIsUnreachableThoughTheRollbackFailureHidesIt() {
        // as Spring throws it: the rollback on the connection HikariCP evicted after the commit's 57P01
        RuntimeException rollbackFailed = new RuntimeException("JDBC rollback failed",
                new SQLException("Connection is closed"));

        assertThat(DatabaseAvailability.isUnreachable(new RuntimeException("HAPI-0389", rollbackFailed))).isTrue();
    }

    @Test
    void brokenConnectionsAndShutdownsAreUnreachable() {
        assertThat(DatabaseAvailability.isUnreachable(new SQLException("refused", "08001"))).isTrue();
        assertThat(DatabaseAvailability.isUnreachable(new SQLException("admin shutdown", "57P01"))).isTrue();
        assertThat(DatabaseAvailability.isUnreachable(new RuntimeException(new ConnectException()))).isTrue();
    }

    @Test
    void otherSqlFailuresAreNot() {
        assertThat(DatabaseAvailability.isUnreachable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseAvailability.isUnreachable(new SQLException("Connection is closed", "23505"))).isFalse();
        assertThat(DatabaseAvailability.isUnreachable(new IllegalStateException("bug"))).isFalse();
    }
}
