package org.huren.fhir.read;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.huren.domain.query.ResourcePage;

import java.util.ArrayList;
import java.util.List;

/**
 * Stateless offset paging: the requested window ({@code _offset}, {@code _count}) clamped to the server's
 * limits, and a read-model page turned into the bundle from which HAPI builds next/previous links — any
 * node can serve any page. Negative values never get here ({@code SearchResultParameters} refuses them).
 */
public record SearchPage(int offset, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public static SearchPage of(Integer offset, Integer count) {
        return new SearchPage(offset == null ? 0 : Math.max(0, offset),
                count == null ? DEFAULT_SIZE : Math.max(0, Math.min(count, MAX_SIZE)));
    }

    public IBundleProvider bundle(ResourcePage page, StoredResources stored) {
        return bundle(page.items().stream().map(stored::toResource).toList(), List.of(), page.total());
    }

    /**
     * The page's matches ({@code search.mode} match) and what {@code _include}/{@code _revinclude} added to them
     * (include; an OperationOutcome among them: outcome); {@code total} counts the matches only.
     */
    public IBundleProvider bundle(List<Resource> matches, List<Resource> included, long total) {
        List<Resource> resources = new ArrayList<>(matches.size() + included.size());
        matches.forEach(resource -> resources.add(marked(resource, BundleEntrySearchModeEnum.MATCH)));
        included.forEach(resource -> resources.add(marked(resource, resource instanceof OperationOutcome
                ? BundleEntrySearchModeEnum.OUTCOME : BundleEntrySearchModeEnum.INCLUDE)));
        SimpleBundleProvider bundle = new SimpleBundleProvider(new ArrayList<>(resources));
        bundle.setCurrentPageOffset(offset);
        bundle.setCurrentPageSize(size);
        bundle.setSize((int) total);
        return bundle;
    }

    private static Resource marked(Resource resource, BundleEntrySearchModeEnum mode) {
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(resource, mode);
        return resource;
    }
}
