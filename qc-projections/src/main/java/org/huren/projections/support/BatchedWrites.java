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
    private final boolean groupBySql;

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

    public void add(String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Pending pending = root.getOrComputeResource(resourceKey, key -> {
            Pending created = new Pending(groupBySql);
            root.onPrepareCommit(u -> created.flush(jdbc));
            return created;
        });
        pending.add(sql, args);
    }

    /** Sends what is queued now, e.g. before a query in the same batch that must see it. */
    public void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            Pending pending = CurrentUnitOfWork.get().root().getResource(resourceKey);
            if (pending != null) {
                pending.flush(jdbc);
            }
        }
    }

    private static final class Pending {
        private final List<Group> groups = new ArrayList<>();
        private final boolean groupBySql;

        Pending(boolean groupBySql) {
            this.groupBySql = groupBySql;
        }

        void add(String sql, Object[] args) {
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
