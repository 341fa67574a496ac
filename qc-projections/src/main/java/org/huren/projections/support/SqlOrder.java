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

    /** The columns of lab records: effective_start and last_updated. */
    public static String labRecordColumn(SortKey key) {
        return switch (key) {
            case EFFECTIVE -> "effective_start";
            case LAST_UPDATED -> "last_updated";
        };
    }
}
