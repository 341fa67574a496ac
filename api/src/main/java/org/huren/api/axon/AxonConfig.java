package org.huren.api.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.huren.domain.alliance.Alliance;
import org.huren.domain.assessment.OnSiteAssessment;
import org.huren.domain.labdoc.LabDocument;
import org.huren.domain.labresult.LabResult;
import org.huren.domain.patient.Patient;
import org.huren.fhir.ingest.WrittenAggregates;
import org.huren.projections.eqa.BlindSampleRegistry;
import org.huren.projections.linking.PatientLinker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Axon on PostgreSQL without Axon Server: the JDBC event store, token store, sagas and dead letters (tables
 * owned by Flyway), Jackson for every message, and HuRen's aggregates and processors.
 */
@Configuration
public class AxonConfig {

    /**
     * Spring MVC's own ObjectMapper, as Boot would build it (problem+json mixins included): declaring Axon's
     * mapper below as a bean would otherwise make Boot back off and MVC use Axon's.
     */
    @Bean
    @Primary
    public ObjectMapper jacksonObjectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.createXmlMapper(false).build();
    }

    /** Jackson for events, messages, tokens and snapshots: readable JSON, ISO dates, exact decimals. */
    @Bean("defaultAxonObjectMapper")
    public ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    /**
     * Axon's JDBC resolver does not know PostgreSQL's unique violation (SQLState 23505); recognising it turns
     * a concurrent append into a retryable ConcurrencyException instead of a generic store error.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Each node claims tokens under its own, explicit name (see {@link NodeProperties}). */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, NodeProperties node) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(new TokenSchema())
                .serializer(serializer)
                .nodeId(node.id())
                .claimTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Bean
    public ConfigurerModule hurenAggregates() {
        return configurer -> configurer
                .configureAggregate(LabResult.class)
                .configureAggregate(Patient.class)
                .configureAggregate(LabDocument.class)
                .configureAggregate(Alliance.class)
                .configureAggregate(OnSiteAssessment.class)
                .configureAggregate(org.huren.domain.reuse.ReuseOutcome.class)
                .configureAggregate(org.huren.domain.linking.PersonLink.class)
                .configureAggregate(org.huren.domain.eqa.EqaRound.class)
                .configureAggregate(org.huren.domain.eqa.EqaCorrectiveAction.class)
                .configureAggregate(org.huren.domain.iqc.IqcSeries.class)
                .configureAggregate(org.huren.domain.audit.QcAudit.class)
                .configureAggregate(org.huren.domain.localcode.LocalCodeMap.class);
    }

    /**
     * Every event a unit of work appends is noted on it, so a write answers a position that covers what it caused
     * in its transaction (the patient linker's links, a blind result's grading).
     */
    /** Each event records who caused it, from the request's token (metadata actorSubject, actorClient, actorLab). */
    @Bean
    public org.huren.api.security.ActorMetadata actorMetadata(EventBus eventBus) {
        org.huren.api.security.ActorMetadata actor = new org.huren.api.security.ActorMetadata();
        eventBus.registerDispatchInterceptor(actor);
        return actor;
    }

    @Bean
    public WrittenAggregates writtenAggregates(EventBus eventBus) {
        WrittenAggregates written = new WrittenAggregates();
        eventBus.registerDispatchInterceptor(written);
        return written;
    }

    /**
     * The subscribing processors are part of the write that feeds them: a handler that fails fails the write (Axon
     * would otherwise log the failure and commit the write without, say, its blind-sample rows or its links).
     */
    @Bean
    public ConfigurerModule subscribingProcessorsFailTheWrite() {
        return configurer -> {
            for (String group : List.of(BlindSampleRegistry.GROUP, PatientLinker.GROUP)) {
                configurer.eventProcessing().registerListenerInvocationErrorHandler(group,
                        c -> PropagatingErrorHandler.instance());
            }
        };
    }

    /**
     * The pooled processors read the event store through {@link PromptEventSource}: woken as soon as this node has
     * committed events, instead of looking every 500 ms (the wait a read-after-write paid).
     */
    @Bean
    public ConfigurerModule promptEventProcessors() {
        return configurer -> {
            PromptEventSource[] source = new PromptEventSource[1];
            configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration((config, builder) -> {
                synchronized (source) {
                    if (source[0] == null) {
                        source[0] = new PromptEventSource(config.eventStore());
                        config.eventBus().registerDispatchInterceptor(source[0]);
                        config.onShutdown(source[0]::close);
                    }
                    return builder.messageSource(source[0]);
                }
            });
        };
    }

}
