package org.huren.projections.support;

import org.huren.domain.query.SortKey;
import org.huren.domain.query.SortOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A search's ORDER BY: the keys asked for ({@code _sort}), then first-seen order ({@code seq}), so that ties and
 * pages are stable. Without a key the order is first-seen order alone — what every search did before sorting.
 */
public final class SqlOrder {

    private SqlOrder() {
    }

    /** @param column the column (or expression) of a key in the searched table */
    public static String orderBy(List<SortOrder> sort, Function<SortKey, String> column) {
        List<String> terms = new ArrayList<>();
        for (SortOrder order : sort) {
            terms.add(column.apply(order.key()) + (order.descending() ? " DESC" : ""));
        }
        terms.add("seq");
        return " ORDER BY " + String.join(", ", terms);
    }

    /**
     * A page of a search: {@code SELECT columns FROM table alias where order LIMIT ? OFFSET ?}. When the criteria
     * name a few rows ({@code few}: by id, identifier or patient), the matching rows are selected first and only they
     * are sorted (a materialized CTE named {@code alias}, as the table is in {@code where} and {@code columns}):
     * otherwise the planner may read the table in the order asked for ({@code seq}, a date) and filter every row
     * until the page is full, expecting matches to be spread evenly, which for one patient's results means reading
     * all of them (issue 15, ADR 0021).
     */
    public static String page(String columns, String table, String alias, String where, String orderBy,
                              boolean few) {
        if (!few) {
            return "SELECT " + columns + " FROM " + table + " " + alias + where + orderBy + " LIMIT ? OFFSET ?";
        }
        return "WITH " + alias + " AS MATERIALIZED (SELECT * FROM " + table + " " + alias + where + ") SELECT "
                + columns + " FROM " + alias + orderBy + " LIMIT ? OFFSET ?";
    }

    /** The columns of lab records: effective_start and last_updated. */
    public static String labRecordColumn(SortKey key) {
        return switch (key) {
            case EFFECTIVE -> "effective_start";
            case LAST_UPDATED -> "last_updated";
        };
    }
}
