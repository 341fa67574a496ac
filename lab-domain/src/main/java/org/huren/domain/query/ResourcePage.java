package org.huren.domain.query;

import java.util.List;

/** One page of a search: the resources on it and how many match in all. */
public record ResourcePage(List<StoredResource> items, long total) {

    public ResourcePage {
        items = List.copyOf(items);
    }
}
