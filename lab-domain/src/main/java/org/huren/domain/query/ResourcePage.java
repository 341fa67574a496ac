package org.huren.domain.query;

import java.util.List;

/**
 * One page of a search: the resources on it and how many match in all — null when they were not counted (see
 * {@link SearchTotal}).
 */
public record ResourcePage(List<StoredResource> items, Long total) {

    public ResourcePage {
        items = List.copyOf(items);
    }
}
