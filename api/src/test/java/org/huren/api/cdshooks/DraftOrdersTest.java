package org.huren.api.cdshooks;

import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestContextJson;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DraftOrdersTest {

    static ServiceRequest order(String id, String loinc) {
        ServiceRequest order = new ServiceRequest();
        if (id != null) {
            order.setId(id);
        }
        order.getCode().addCoding().setSystem("http://loinc.org").setCode(loinc);
        return order;
    }

    static CdsServiceRequestContextJson context(List<String> selections) {
        Bundle drafts = new Bundle().setType(Bundle.BundleType.COLLECTION);
        drafts.addEntry().setResource(order("sr-k", "2823-3"));
        drafts.addEntry().setResource(order("sr-glu", "14749-6"));
        drafts.addEntry().setResource(order(null, "2951-2"));
        drafts.addEntry().setResource(order("urn:uuid:0b2c6f8e-3f43-4b6b-9d9e-5f3a8f9c1a11", "2000-8"));
        drafts.addEntry().setResource(new MedicationRequest().setIdElement(
                new org.hl7.fhir.r4.model.IdType("MedicationRequest", "mr-1")));
        CdsServiceRequestContextJson context = new CdsServiceRequestContextJson();
        context.put("draftOrders", drafts);
        if (selections != null) {
            context.put("selections", selections);
        }
        return context;
    }

    @Test
    void signAsksAboutEveryAddressableLabOrder() {
        assertThat(DraftOrders.of(context(List.of("ServiceRequest/sr-k")), false)).extracting(DraftOrder::reference)
                .as("no id, or a Bundle-local urn: no suggestion could delete it; a medication is no lab order")
                .containsExactly("ServiceRequest/sr-k", "ServiceRequest/sr-glu");
    }

    @Test
    void selectAsksAboutTheSelectedOrdersOnlyOrAllWhenNoneAreNamed() {
        assertThat(DraftOrders.of(context(List.of("ServiceRequest/sr-glu")), true)).extracting(DraftOrder::reference)
                .containsExactly("ServiceRequest/sr-glu");
        assertThat(DraftOrders.of(context(null), true)).hasSize(2);
    }

    @Test
    void withoutDraftOrdersTheRequestIsRefused() {
        assertThatThrownBy(() -> DraftOrders.of(new CdsServiceRequestContextJson(), false))
                .isInstanceOf(CdsHooksRefusal.class).extracting("field").isEqualTo("context.draftOrders");
        CdsServiceRequestContextJson selections = context(null);
        selections.put("selections", "ServiceRequest/sr-k");
        assertThatThrownBy(() -> DraftOrders.of(selections, true)).isInstanceOf(CdsHooksRefusal.class)
                .extracting("field").isEqualTo("context.selections");
    }
}
