package org.huren.projections.support;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects a projection's SQL writes for the whole event batch of a unit of work and sends them as JDBC
 * batches when it prepares to commit, in the order the handlers issued them (consecutive statements
 * with the same SQL go in one batch). One round trip per statement kind instead of one per event keeps
 * the read model up with ingest. Outside a unit of work a write runs at once.
 *
 * <p>A batch that the database refuses (a value it cannot hold, a constraint) would otherwise be retried for ever and
 * stall the whole segment. So when a flush fails for a reason that will not pass by itself, the batch's rows are
 * tried one by one in a separate transaction that is rolled back, to find the events whose rows fail; those events
 * are marked poisoned and the batch fails once more. When the batch is retried, a poisoned event's first write
 * throws {@link PoisonedEventException} from its handler, so the processor's dead-letter queue parks that event (and
 * its sequence) and the rest of the batch goes on.
 */
public final class BatchedWrites {

    private static final Logger LOG = LoggerFactory.getLogger(BatchedWrites.class);

    private final JdbcTemplate jdbc;
    private final String resourceKey;
    private final boolean groupBySql;
    private final Set<String> poisoned = ConcurrentHashMap.newKeySet();

    public BatchedWrites(JdbcTemplate jdbc, String name) {
        this(jdbc, name, false);
    }

    /**
     * @param groupBySql when the statements commute (no statement depends on another of a different SQL that
     *                   comes later), gather each SQL's rows into one batch, sent in order of first appearance
     */
    public BatchedWrites(JdbcTemplate jdbc, String name, boolean groupBySql) {
        this.jdbc = jdbc;
        this.resourceKey = BatchedWrites.class.getName() + '.' + name;
        this.groupBySql = groupBySql;
    }

    /** Thrown by a write of an event whose rows the database refused: the dead-letter queue parks the event. */
    public static final class PoisonedEventException extends RuntimeException {
        public PoisonedEventException(String message) {
            super(message);
        }
    }

    public void add(String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> uow = CurrentUnitOfWork.get();
        Message<?> message = uow.getMessage();
        String cause = message == null ? null : message.getIdentifier();
        if (cause != null && poisoned.remove(cause)) {
            throw new PoisonedEventException("the read model cannot hold what event " + cause
                    + " says (the database refused its row): parked as a dead letter");
        }
        UnitOfWork<?> root = uow.root();
        Pending pending = root.getOrComputeResource(resourceKey, key -> {
            Pending created = new Pending(groupBySql);
            root.onPrepareCommit(u -> created.flush(jdbc, poisoned));
            return created;
        });
        pending.add(sql, args, cause);
    }

    /** Sends what is queued now, e.g. before a query in the same batch that must see it. */
    public void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            Pending pending = CurrentUnitOfWork.get().root().getResource(resourceKey);
            if (pending != null) {
                pending.flush(jdbc, poisoned);
            }
        }
    }

    private static final class Pending {
        private final List<Group> groups = new ArrayList<>();
        private final boolean groupBySql;

        Pending(boolean groupBySql) {
            this.groupBySql = groupBySql;
        }

        void add(String sql, Object[] args, String cause) {
            Group target = null;
            if (groupBySql) {
                target = groups.stream().filter(g -> g.sql.equals(sql)).findFirst().orElse(null);
            } else if (!groups.isEmpty() && groups.get(groups.size() - 1).sql.equals(sql)) {
                target = groups.get(groups.size() - 1);
            }
            if (target == null) {
                target = new Group(sql);
                groups.add(target);
            }
            target.rows.add(args);
            target.causes.add(cause);
        }

        void flush(JdbcTemplate jdbc, Set<String> poisoned) {
            try {
                for (Group group : groups) {
                    if (group.rows.size() == 1) {
                        jdbc.update(group.sql, group.rows.get(0));
                    } else {
                        jdbc.batchUpdate(group.sql, group.rows);
                    }
                }
            } catch (NonTransientDataAccessException e) {
                Set<String> culprits = culprits(jdbc.getDataSource());
                if (!culprits.isEmpty()) {
                    LOG.warn("the read model refused the rows of events {}: {}; they will be dead-lettered when the "
                            + "batch is retried", culprits, e.getMostSpecificCause().getMessage());
                    poisoned.addAll(culprits);
                }
                throw e;
            } finally {
                groups.clear();
            }
        }

        /**
         * The events whose rows the database refuses, found by trying every row in order, each under a savepoint, in a
         * transaction of its own that is rolled back: nothing is written.
         */
        private Set<String> culprits(DataSource dataSource) {
            Set<String> culprits = new LinkedHashSet<>();
            if (dataSource == null) {
                return culprits;
            }
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    for (Group group : groups) {
                        for (int i = 0; i < group.rows.size(); i++) {
                            Savepoint savepoint = connection.setSavepoint();
                            try (PreparedStatement statement = connection.prepareStatement(group.sql)) {
                                Object[] row = group.rows.get(i);
                                for (int p = 0; p < row.length; p++) {
                                    org.springframework.jdbc.core.StatementCreatorUtils.setParameterValue(statement,
                                            p + 1, org.springframework.jdbc.core.SqlTypeValue.TYPE_UNKNOWN, row[p]);
                                }
                                statement.executeUpdate();
                                connection.releaseSavepoint(savepoint);
                            } catch (SQLException refused) {
                                connection.rollback(savepoint);
                                if (group.causes.get(i) != null) {
                                    culprits.add(group.causes.get(i));
                                }
                            }
                        }
                    }
                } finally {
                    connection.rollback();
                }
            } catch (SQLException | DataAccessException e) {
                LOG.debug("could not find the rows the read model refused", e);
            }
            return culprits;
        }
    }

    private record Group(String sql, List<Object[]> rows, List<String> causes) {
        Group(String sql) {
            this(sql, new ArrayList<>(), new ArrayList<>());
        }
    }
}
