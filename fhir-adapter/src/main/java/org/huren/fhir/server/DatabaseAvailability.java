package org.huren.fhir.server;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether PostgreSQL can be reached, as the last failures tell: a request that failed because the database was
 * unreachable trips it for a short window, during which requests are answered 503 at once instead of each
 * waiting for the connection pool's timeout. After the window the next request tries again (and succeeds, or
 * trips it anew): recovery needs no restart.
 */
public final class DatabaseAvailability {

    /** HikariCP's message for any call on a connection it evicted as broken. */
    static final String POOL_CLOSED_CONNECTION = "Connection is closed";

    private final Duration window;
    private final Clock clock;
    private final AtomicReference<Instant> unavailableUntil = new AtomicReference<>(Instant.MIN);

    public DatabaseAvailability(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    /** Seconds a client should wait before retrying (the {@code Retry-After} header). */
    public long retryAfterSeconds() {
        return Math.max(1, window.toSeconds());
    }

    /** Whether a recent failure says not to try the database now. */
    public boolean recentlyUnavailable() {
        return clock.instant().isBefore(unavailableUntil.get());
    }

    /** Records that the database was unreachable just now. */
    public void tripped() {
        unavailableUntil.set(clock.instant().plus(window));
    }

    /**
     * Whether {@code failure} (or one of its causes) says the database could not be reached: no connection from
     * the pool in time, a refused or broken connection (SQLState class 08), a server shutting down or starting
     * (57P01–57P03), too many connections (53300), or a connection the pool closed under the transaction.
     *
     * <p>The last one is what a commit cut by a database shutdown ends as: the commit fails with 57P01, HikariCP
     * evicts the connection (its proxy then answers every call with {@value #POOL_CLOSED_CONNECTION}, without a
     * SQLState), Spring rolls back on that proxy, and the rollback's failure replaces the commit's in the exception
     * thrown (the fault suite's db-restart scenario met it as a 500).
     */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() == null
                    && POOL_CLOSED_CONNECTION.equals(sql.getMessage())) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")) {
                    return true;
                }
            }
        }
        return false;
    }
}
