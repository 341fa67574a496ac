package org.huren.projections.support;

import org.huren.domain.query.SearchTotal;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search's {@code Bundle.total}, counted as the search asked ({@link SearchTotal}), after its page was read: a page
 * that holds the last match gives the total without a count; otherwise matches are counted, every one only for
 * {@code _total=accurate} (a wide search of a lab's day — hundreds of thousands of rows — would spend seconds
 * counting what the reader does not need, issue 15).
 */
public final class SearchTotals {

    private static final Pattern PLANNED_ROWS = Pattern.compile("rows=(\\d+)");

    private SearchTotals() {
    }

    /**
     * @param fromWhere {@code FROM table alias WHERE …} of the search, its arguments in {@code args}
     * @param offset    the page's offset; {@code count} its size asked ({@code _count}, 0 for the total alone)
     * @param onPage    the matches read on the page
     * @return the total, or null when not counted
     */
    public static Long of(JdbcTemplate jdbc, String fromWhere, Object[] args, SearchTotal mode, int offset, int count,
                          int onPage) {
        if (count > 0 && onPage < count && (onPage > 0 || offset == 0)) {
            return (long) offset + onPage;
        }
        if (mode == SearchTotal.NONE) {
            return null;
        }
        if (mode == SearchTotal.ACCURATE) {
            return jdbc.queryForObject("SELECT count(*) " + fromWhere, Long.class, args);
        }
        Long upTo = jdbc.queryForObject("SELECT count(*) FROM (SELECT 1 " + fromWhere + " LIMIT "
                + (SearchTotal.LIMIT + 1) + ") matches", Long.class, args);
        if (upTo != null && upTo <= SearchTotal.LIMIT) {
            return upTo;
        }
        return mode == SearchTotal.ESTIMATE ? Math.max(SearchTotal.LIMIT + 1L, planned(jdbc, fromWhere, args)) : null;
    }

    /** The planner's estimate of the rows matching (the top line of {@code EXPLAIN}: {@code rows=…}). */
    private static long planned(JdbcTemplate jdbc, String fromWhere, Object[] args) {
        List<String> plan = jdbc.queryForList("EXPLAIN SELECT 1 " + fromWhere, String.class, args);
        Matcher rows = PLANNED_ROWS.matcher(plan.isEmpty() ? "" : plan.get(0));
        return rows.find() ? Long.parseLong(rows.group(1)) : 0;
    }
}
