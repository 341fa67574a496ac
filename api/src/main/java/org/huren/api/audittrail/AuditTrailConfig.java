package org.huren.api.audittrail;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.huren.api.axon.NodeProperties;
import org.huren.fhir.audittrail.AuditLog;
import org.huren.fhir.audittrail.AuditStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail of access (ADR 0013): one {@link AuditLog} for both surfaces, stored in PostgreSQL. */
@Configuration
public class AuditTrailConfig {

    @Bean
    public AuditLog auditLog(FhirContext fhir, AuditStore store, NodeProperties node, MeterRegistry meters) {
        return new AuditLog(fhir, store, node.id(), meters);
    }
}
