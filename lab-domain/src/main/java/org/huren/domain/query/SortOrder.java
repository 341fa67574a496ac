package org.huren.domain.query;

/** One key of a search's order: records without a value sort as the greatest (last ascending, first descending). */
public record SortOrder(SortKey key, boolean descending) {
}
