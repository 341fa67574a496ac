package org.huren.api.cdshooks;

import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestContextJson;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ServiceRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * The lab orders a hook asks about: the ServiceRequests of {@code context.draftOrders} — at {@code order-select}
 * only those {@code context.selections} names (all when it names none). Other draft orders (medications, devices…)
 * are not lab items. An order without an id cannot be named by a suggestion to delete it, and gets no card.
 */
final class DraftOrders {

    static final String DRAFT_ORDERS = "draftOrders";
    static final String SELECTIONS = "selections";

    private DraftOrders() {
    }

    static List<DraftOrder> of(CdsServiceRequestContextJson context, boolean selectedOnly) {
        if (!(context.containsKey(DRAFT_ORDERS) && context.get(DRAFT_ORDERS) instanceof Bundle bundle)) {
            throw new CdsHooksRefusal(400, "invalid-context", "context." + DRAFT_ORDERS, "context." + DRAFT_ORDERS
                    + " must be the Bundle of the draft orders (CDS Hooks order-select and order-sign)");
        }
        List<String> selections = new ArrayList<>();
        if (selectedOnly && context.containsKey(SELECTIONS)) {
            if (!(context.get(SELECTIONS) instanceof List<?> selected)) {
                throw new CdsHooksRefusal(400, "invalid-context", "context." + SELECTIONS, "context." + SELECTIONS
                        + " must be an array of the selected orders' references (ServiceRequest/<id>)");
            }
            selected.forEach(reference -> selections.add(String.valueOf(reference)));
        }
        List<DraftOrder> orders = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            IBaseResource resource = entry.getResource();
            if (!(resource instanceof ServiceRequest order) || !addressable(order)) {
                continue;
            }
            String reference = "ServiceRequest/" + order.getIdElement().getIdPart();
            if (!selections.isEmpty() && !selections.contains(reference)) {
                continue;
            }
            orders.add(new DraftOrder(reference, order.getCode().getCoding(), order.getCode().getText()));
        }
        return orders;
    }

    /** Whether the order has an id a suggestion can name (not a Bundle-local {@code urn:uuid:}). */
    private static boolean addressable(ServiceRequest order) {
        return order.getIdElement().hasIdPart() && !order.getIdElement().getValue().startsWith("urn:");
    }
}
