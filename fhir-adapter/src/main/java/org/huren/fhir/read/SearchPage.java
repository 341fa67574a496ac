package org.huren.fhir.read;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.huren.domain.query.ResourcePage;
import org.huren.domain.query.SearchTotal;
import org.huren.fhir.server.SearchResultParameters;

import java.util.ArrayList;
import java.util.List;

/**
 * Stateless offset paging: the requested window ({@code _offset}, {@code _count}) clamped to the server's
 * limits, how its matches are counted ({@code _total}), and a read-model page turned into the bundle from which HAPI
 * builds next/previous links — any node can serve any page. Negative values and unknown {@code _total} modes never
 * get here ({@code SearchResultParameters} refuses them).
 */
public record SearchPage(int offset, int size, SearchTotal total) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public static SearchPage of(Integer offset, Integer count, RequestDetails request) {
        return new SearchPage(offset == null ? 0 : Math.max(0, offset),
                count == null ? DEFAULT_SIZE : Math.max(0, Math.min(count, MAX_SIZE)),
                SearchResultParameters.total(request));
    }

    public IBundleProvider bundle(ResourcePage page, StoredResources stored) {
        return bundle(page.items().stream().map(stored::toResource).toList(), List.of(), page.total());
    }

    /**
     * The page's matches ({@code search.mode} match) and what {@code _include}/{@code _revinclude} added to them
     * (include; an OperationOutcome among them: outcome); {@code total} counts the matches only (null: not counted,
     * {@code Bundle.total} left out and a {@code next} link given while the page is full).
     */
    public IBundleProvider bundle(List<Resource> matches, List<Resource> included, Long total) {
        List<Resource> resources = new ArrayList<>(matches.size() + included.size());
        matches.forEach(resource -> resources.add(marked(resource, BundleEntrySearchModeEnum.MATCH)));
        included.forEach(resource -> resources.add(marked(resource, resource instanceof OperationOutcome
                ? BundleEntrySearchModeEnum.OUTCOME : BundleEntrySearchModeEnum.INCLUDE)));
        SimpleBundleProvider bundle = new SimpleBundleProvider(new ArrayList<>(resources));
        bundle.setCurrentPageOffset(offset);
        bundle.setCurrentPageSize(size);
        bundle.setSize(total == null ? null : (int) Math.min(total, Integer.MAX_VALUE));
        return bundle;
    }

    private static Resource marked(Resource resource, BundleEntrySearchModeEnum mode) {
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(resource, mode);
        return resource;
    }
}
