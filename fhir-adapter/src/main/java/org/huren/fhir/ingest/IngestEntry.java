package org.huren.fhir.ingest;

import org.hl7.fhir.r4.model.Resource;

/**
 * One resource an LIS wants written: from a transaction Bundle entry, or a single create/update.
 * {@code url} is the request URL ({@code Observation}, {@code Observation/123},
 * {@code Observation?identifier=s|v}); {@code ifNoneExist} the conditional-create criteria; {@code ifMatch} the
 * version ETag an update was made against ({@code W/"2"}), or null.
 */
public record IngestEntry(int index, String fullUrl, Resource resource, String method, String url,
                          String ifNoneExist, String ifMatch) {
}
