package org.huren.api.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.huren.fhir.audittrail.AuditEventResourceProvider;
import org.huren.fhir.audittrail.AuditLog;
import org.huren.fhir.audittrail.AuditStore;
import org.huren.fhir.audittrail.FhirAccessAudit;
import org.huren.fhir.ingest.BlindSampleRouting;
import org.huren.fhir.ingest.EventStoreIndex;
import org.huren.fhir.ingest.RetriedUnitOfWork;
import org.huren.fhir.ingest.LabRecordIngest;
import org.huren.fhir.ingest.UcumUnits;
import org.huren.fhir.lab.LabDirectory;
import org.huren.fhir.read.ConfirmedReads;
import org.huren.fhir.read.LabRecordReads;
import org.huren.fhir.read.LabRecordVersions;
import org.huren.fhir.read.ReadModelPositions;
import org.huren.fhir.read.StoredResources;
import org.huren.fhir.server.CapabilityStatementCustomizer;
import org.huren.fhir.server.CatalogCodeSystemProvider;
import org.huren.fhir.server.DiagnosticReportResourceProvider;
import org.huren.fhir.server.FullValidation;
import org.huren.fhir.server.HurenFhirServer;
import org.huren.fhir.server.ObservationResourceProvider;
import org.huren.fhir.server.ReuseLookups;
import org.huren.fhir.server.EqaResults;
import org.huren.fhir.server.FhirRequestMetricsInterceptor;
import org.huren.fhir.server.IqcControlRuns;
import org.huren.fhir.server.OrganizationResourceProvider;
import org.huren.fhir.server.PatientResourceProvider;
import org.huren.fhir.server.ReadAfterWriteInterceptor;
import org.huren.fhir.server.RejectionMetricsInterceptor;
import org.huren.fhir.server.SearchResultParameters;
import org.huren.fhir.server.SpecimenResourceProvider;
import org.huren.fhir.server.TransactionProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** The FHIR R4 endpoint at {@code /fhir}: HAPI plain server, providers and interceptors. */
@Configuration
public class FhirServerConfig {

    /** One FhirContext per application (expensive, thread-safe); strict parsing refuses unknown elements. */
    @Bean
    public FhirContext fhirContext() {
        FhirContext fhir = FhirContext.forR4();
        fhir.setParserErrorHandler(new StrictErrorHandler());
        // HuRen stores references as HuRen ids and never contains resources: skip HAPI's search for them
        fhir.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        return fhir;
    }

    @Bean
    public FullValidation fullValidation(FhirContext fhir,
                                         @Value("${huren.fhir.validation:fast}") String mode) {
        return switch (mode) {
            case "full" -> FullValidation.on(fhir);
            case "fast" -> FullValidation.off();
            default -> throw new IllegalArgumentException("huren.fhir.validation must be fast or full, not " + mode);
        };
    }

    /** Whether PostgreSQL answered lately; {@code huren.database.unavailable-window} (2 s) of fast 503s after a failure. */
    @Bean
    public org.huren.fhir.server.DatabaseAvailability databaseAvailability(
            @org.springframework.beans.factory.annotation.Value("${huren.database.unavailable-window:2s}")
            java.time.Duration window) {
        return new org.huren.fhir.server.DatabaseAvailability(window, java.time.Clock.systemUTC());
    }

    /** Read-model checks of writes, confirmed before they refuse (see ADR 0008). */
    @Bean
    public ConfirmedReads confirmedReads(ReadModelPositions positions) {
        return new ConfirmedReads(positions);
    }

    @Bean
    public LabRecordIngest labRecordIngest(FhirContext fhir, LabDirectory labs, EventStoreIndex eventStore,
                                           CommandGateway commands, RetriedUnitOfWork unitsOfWork,
                                           MeterRegistry meters, QueryGateway queries) {
        return new LabRecordIngest(fhir, labs, eventStore, commands, unitsOfWork, new UcumUnits(), meters,
                new BlindSampleRouting(queries));
    }

    @Bean
    public ServletRegistrationBean<HurenFhirServer> fhirServlet(FhirContext fhir, LabRecordIngest ingest,
                                                                QueryGateway queries, LabDirectory labs,
                                                                FullValidation validation,
                                                                ReadModelPositions positions, MeterRegistry meters,
                                                                CommandGateway commands, EventStoreIndex eventStore,
                                                                RetriedUnitOfWork unitsOfWork,
                                                                org.huren.api.web.RequestLimits limits,
                                                                org.huren.fhir.server.DatabaseAvailability database,
                                                                ConfirmedReads confirmed,
                                                                org.huren.api.security.SmartConfiguration smart,
                                                                AuditLog auditLog, AuditStore auditStore,
                                                                org.huren.api.security.SecurityProperties security,
                                                                ObjectProvider<BuildProperties> build,
                                                                org.huren.api.language.FhirLanguageInterceptor language) {
        // earlier versions of a record come from its events (ADR 0014)
        LabRecordReads reads = new LabRecordReads(queries, new StoredResources(fhir), new LabRecordVersions(eventStore),
                confirmed);
        // a write's audit record is stored in the write's own transaction (ADR 0013)
        FhirAccessAudit writeAudit = new FhirAccessAudit(auditLog, database);
        ingest.auditWritesWith(writeAudit);
        org.huren.fhir.server.FhirAccess access = new org.huren.fhir.server.FhirAccess(labs);
        ReadAfterWriteInterceptor readAfterWrite = new ReadAfterWriteInterceptor(positions);
        List<Object> providers = List.of(
                new ObservationResourceProvider(ingest, reads, validation,
                        new ReuseLookups(commands, eventStore, labs), new EqaResults(commands, unitsOfWork, eventStore),
                        new IqcControlRuns(commands, queries, labs, eventStore, confirmed), access),
                new PatientResourceProvider(reads, access),
                new SpecimenResourceProvider(reads, access),
                new DiagnosticReportResourceProvider(reads, access),
                new OrganizationResourceProvider(labs),
                new CatalogCodeSystemProvider(queries),
                new org.huren.fhir.server.ConceptMapResourceProvider(queries, access),
                new TransactionProvider(ingest, validation, limits.bundleEntries(), access, readAfterWrite),
                // the audit trail of access (ADR 0013)
                new AuditEventResourceProvider(fhir, auditStore, labs));
        List<Object> interceptors = List.of(
                // first: its time covers the other interceptors' work too
                new FhirRequestMetricsInterceptor(meters),
                new org.huren.fhir.server.ServerFaultsInterceptor(database),
                // a token's SMART scopes narrow what its roles allow (ADR 0012)
                new org.huren.fhir.server.SmartScopeCheck(security.smartScopes()),
                // records every read of patient data and every write before it is answered (ADR 0013)
                writeAudit,
                readAfterWrite,
                new SearchResultParameters(),
                new RejectionMetricsInterceptor(meters),
                new org.huren.fhir.server.TransactionAnswers(),
                // words errors, tags and $recognition reasons in the client's language (README: languages)
                language,
                new CapabilityStatementCustomizer(validation.enabled(), base -> smart.endpoints(
                        base.endsWith("/fhir") ? base.substring(0, base.length() - "/fhir".length()) : base)));
        ServletRegistrationBean<HurenFhirServer> registration =
                new ServletRegistrationBean<>(new HurenFhirServer(fhir, providers, interceptors,
                        // META-INF/build-info.properties, written by the build (spring-boot-maven-plugin build-info)
                        build.stream().map(BuildProperties::getVersion).findFirst().orElse("unknown")),
                        "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
