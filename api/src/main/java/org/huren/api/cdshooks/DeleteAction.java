package org.huren.api.cdshooks;

import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseSuggestionActionJson;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A suggestion's action that deletes a draft order. CDS Hooks 2.0 names the resource to delete by {@code resourceId}
 * (a relative reference); HAPI 8.6.1's action JSON has no such field, so it is added here.
 */
final class DeleteAction extends CdsServiceResponseSuggestionActionJson {

    @JsonProperty("resourceId")
    private final String resourceId;

    DeleteAction(String resourceId, String description) {
        this.resourceId = resourceId;
        setType("delete");
        setDescription(description);
    }
}
