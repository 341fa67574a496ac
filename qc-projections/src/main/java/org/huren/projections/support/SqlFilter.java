package org.huren.projections.support;

import java.util.ArrayList;
import java.util.List;

/** A WHERE clause built from optional criteria, with its positional arguments. */
public final class SqlFilter {

    private final List<String> clauses = new ArrayList<>();
    private final List<Object> args = new ArrayList<>();

    public SqlFilter and(String clause, Object... clauseArgs) {
        clauses.add(clause);
        args.addAll(List.of(clauseArgs));
        return this;
    }

    public String where() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    public Object[] args(Object... extra) {
        List<Object> all = new ArrayList<>(args);
        all.addAll(List.of(extra));
        return all.toArray();
    }

    /**
     * A condition that one of the identifier tokens matches {@code system|value} columns: a token with a
     * bar matches system and value (an empty system matches identifiers without one), a bare value any system.
     */
    public static String identifierMatch(List<String> tokens, String systemColumn, String valueColumn,
                                         List<Object> out) {
        List<String> ors = new ArrayList<>();
        for (String token : tokens) {
            int bar = token.indexOf('|');
            if (bar < 0) {
                ors.add(valueColumn + " = ?");
                out.add(token);
            } else {
                ors.add("(" + systemColumn + " = ? AND " + valueColumn + " = ?)");
                out.add(token.substring(0, bar));
                out.add(token.substring(bar + 1));
            }
        }
        return "(" + String.join(" OR ", ors) + ")";
    }

    /** A LIKE pattern (escape character backslash, PostgreSQL's default) matching text that starts with {@code prefix}. */
    public static String startingWith(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
