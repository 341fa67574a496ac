package org.huren.projections.support;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects a projection's SQL writes for the whole event batch of a unit of work and sends them as JDBC
 * batches when it prepares to commit, in the order the handlers issued them (consecutive statements
 * with the same SQL go in one batch). One round trip per statement kind instead of one per event keeps
 * the read model up with ingest. Outside a unit of work a write runs at once.
 */
public final class BatchedWrites {

    private final JdbcTemplate jdbc;
    private final String resourceKey;

    public BatchedWrites(JdbcTemplate jdbc, String name) {
        this.jdbc = jdbc;
        this.resourceKey = BatchedWrites.class.getName() + '.' + name;
    }

    public void add(String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Pending pending = root.getOrComputeResource(resourceKey, key -> {
            Pending created = new Pending();
            root.onPrepareCommit(u -> created.flush(jdbc));
            return created;
        });
        pending.add(sql, args);
    }

    private static final class Pending {
        private final List<Group> groups = new ArrayList<>();

        void add(String sql, Object[] args) {
            Group last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last == null || !last.sql.equals(sql)) {
                last = new Group(sql);
                groups.add(last);
            }
            last.rows.add(args);
        }

        void flush(JdbcTemplate jdbc) {
            for (Group group : groups) {
                if (group.rows.size() == 1) {
                    jdbc.update(group.sql, group.rows.get(0));
                } else {
                    jdbc.batchUpdate(group.sql, group.rows);
                }
            }
            groups.clear();
        }
    }

    private record Group(String sql, List<Object[]> rows) {
        Group(String sql) {
            this(sql, new ArrayList<>());
        }
    }
}
