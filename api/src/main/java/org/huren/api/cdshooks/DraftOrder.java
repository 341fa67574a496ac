package org.huren.api.cdshooks;

import org.hl7.fhir.r4.model.Coding;

import java.util.List;

/**
 * A draft lab order of a CDS Hooks context (a ServiceRequest of {@code context.draftOrders}): the relative reference a
 * suggestion names to delete it ({@code ServiceRequest/<id>}), its codings and its text.
 */
public record DraftOrder(String reference, List<Coding> codes, String text) {

    public DraftOrder {
        codes = List.copyOf(codes);
    }
}
