package org.huren.api.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestJson;
import ca.uhn.hapi.fhir.cdshooks.api.CDSHooksVersion;
import ca.uhn.hapi.fhir.cdshooks.api.CdsResolutionStrategyEnum;
import ca.uhn.hapi.fhir.cdshooks.api.ICdsServiceMethod;
import ca.uhn.hapi.fhir.cdshooks.api.ICdsServiceRegistry;
import ca.uhn.hapi.fhir.cdshooks.module.CdsHooksObjectMapperFactory;
import ca.uhn.hapi.fhir.cdshooks.serializer.CdsServiceRequestJsonDeserializer;
import ca.uhn.hapi.fhir.cdshooks.svc.CdsHooksContextBooter;
import ca.uhn.hapi.fhir.cdshooks.svc.CdsServiceRegistryImpl;
import ca.uhn.hapi.fhir.cdshooks.svc.prefetch.CdsPrefetchDaoSvc;
import ca.uhn.hapi.fhir.cdshooks.svc.prefetch.CdsPrefetchFhirClientSvc;
import ca.uhn.hapi.fhir.cdshooks.svc.prefetch.CdsPrefetchSvc;
import ca.uhn.hapi.fhir.cdshooks.svc.prefetch.CdsResolutionStrategySvc;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * HAPI's CDS Hooks registry in HuRen (ADR 0016): the services are {@link ReusableResultHooks}, a bean of this
 * application, found by their {@code @CdsService} and {@code @CdsServiceFeedback} annotations; requests are read with
 * HAPI's CDS Hooks JSON (FHIR resources in {@code context} and {@code prefetch}); CDS Hooks 2.0 rules apply. Not
 * HAPI's {@code CdsHooksConfig}: it needs a JPA server's DAOs to fetch a missing prefetch, and would boot the
 * services in a second application context.
 */
@Configuration
public class CdsHooksWiring {

    /** HAPI's CDS Hooks JSON mapper, held here rather than as an ObjectMapper bean: Boot's stays the application's. */
    public record CdsHooksJson(ObjectMapper mapper) {
    }

    @Bean
    CdsHooksJson cdsHooksJson(FhirContext fhir) {
        return new CdsHooksJson(new CdsHooksObjectMapperFactory(fhir).newMapper());
    }

    @Bean
    ICdsServiceRegistry cdsServiceRegistry(FhirContext fhir, CdsHooksJson json, ReusableResultHooks hooks) {
        // every missing prefetch is the services' to resolve: the DAO and FHIR client fetchers are never asked
        CdsPrefetchSvc prefetch = new CdsPrefetchSvc(new ResolvedByTheServices(),
                new CdsPrefetchDaoSvc(null, null, fhir), new CdsPrefetchFhirClientSvc(fhir),
                resource -> {
                    throw new IllegalStateException("HuRen fetches no prefetch through a DAO");
                }, null);
        return new CdsServiceRegistryImpl(new ServicesOf(hooks), prefetch, json.mapper(),
                new CdsServiceRequestJsonDeserializer(fhir, json.mapper()), CDSHooksVersion.V_2_0);
    }

    /**
     * HuRen is the FHIR server the CDS client reads: a prefetch the client did not send (or could not, and sent an
     * OperationOutcome for), the service resolves from HuRen's own records — whether or not the request names a
     * {@code fhirServer}, which HAPI's strategy requires before it lets a service resolve anything itself.
     */
    static final class ResolvedByTheServices extends CdsResolutionStrategySvc {

        ResolvedByTheServices() {
            super(null);
        }

        @Override
        public Set<CdsResolutionStrategyEnum> determineResolutionStrategy(ICdsServiceMethod method,
                                                                          CdsServiceRequestJson request) {
            return EnumSet.of(CdsResolutionStrategyEnum.SERVICE);
        }
    }

    /**
     * The services, beans of this application context, handed to HAPI's registry as they are (HAPI's booter would
     * start a second application context from a definitions class).
     */
    static final class ServicesOf extends CdsHooksContextBooter {

        ServicesOf(Object... services) {
            myCdsServiceBeans = List.of(services);
        }
    }
}
