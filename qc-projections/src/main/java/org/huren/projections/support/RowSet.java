package org.huren.projections.support;

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
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rows for one SQL statement that takes each column as an array ({@code unnest(?::text[], …)}), written as one
 * statement per {@value #CHUNK} rows: one round trip and one execution for a whole set, where a JDBC batch costs
 * PostgreSQL an execution per row. Every value travels as text (null stays null) and the SQL casts each array to its
 * column's type.
 *
 * <p>Each row names the event it is written for. When the database refuses the set for a reason that will not pass
 * by itself, the rows are tried one by one in a transaction of their own that is rolled back (nothing is written),
 * and the events of the refused rows are added to {@code poisoned}, as {@link BatchedWrites} does: when the batch is
 * retried, the handler of such an event throws {@link BatchedWrites.PoisonedEventException} before it writes anything,
 * so the dead-letter queue parks it and the rest of the batch goes on.
 */
public final class RowSet {

    private static final Logger LOG = LoggerFactory.getLogger(RowSet.class);
    /** Rows per statement: large enough to amortize the round trip, small enough to keep the parameters small. */
    static final int CHUNK = 1000;

    private final String sql;
    private final int columns;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> causes = new ArrayList<>();

    /** @param sql the statement, with one array parameter per column, in the order of {@link #add}'s values */
    public RowSet(String sql, int columns) {
        this.sql = sql;
        this.columns = columns;
    }

    /** A row for event {@code cause}: its values in column order, sent as text. */
    public void add(String cause, Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " values, got " + Arrays.toString(values));
        }
        String[] row = new String[columns];
        for (int i = 0; i < columns; i++) {
            row[i] = text(values[i]);
        }
        rows.add(row);
        causes.add(cause);
    }

    public int size() {
        return rows.size();
    }

    /** Writes every row, then forgets them. */
    public void write(JdbcTemplate jdbc, Set<String> poisoned) {
        try {
            for (int from = 0; from < rows.size(); from += CHUNK) {
                jdbc.update(sql, (Object[]) arrays(rows.subList(from, Math.min(rows.size(), from + CHUNK))));
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
            rows.clear();
            causes.clear();
        }
    }

    private String[][] arrays(List<String[]> chunk) {
        String[][] arrays = new String[columns][chunk.size()];
        for (int r = 0; r < chunk.size(); r++) {
            for (int c = 0; c < columns; c++) {
                arrays[c][r] = chunk.get(r)[c];
            }
        }
        return arrays;
    }

    /** The events whose rows the database refuses, each row tried alone under a savepoint; nothing is written. */
    private Set<String> culprits(DataSource dataSource) {
        Set<String> culprits = new LinkedHashSet<>();
        if (dataSource == null) {
            return culprits;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < rows.size(); i++) {
                    Savepoint savepoint = connection.setSavepoint();
                    try {
                        String[][] arrays = arrays(List.<String[]>of(rows.get(i)));
                        for (int c = 0; c < columns; c++) {
                            statement.setArray(c + 1, connection.createArrayOf("text", arrays[c]));
                        }
                        statement.executeUpdate();
                        connection.releaseSavepoint(savepoint);
                    } catch (SQLException refused) {
                        connection.rollback(savepoint);
                        if (causes.get(i) != null) {
                            culprits.add(causes.get(i));
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

    /** A value as the text PostgreSQL reads back: instants in ISO-8601, numbers in Java's form. */
    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
