package org.huren.api.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.huren.domain.alliance.Alliance;
import org.huren.domain.assessment.AssessmentConclusion;
import org.huren.domain.assessment.OnSiteAssessment;
import org.huren.domain.iqc.IqcSeries;
import org.huren.domain.labdoc.LabDocument;
import org.huren.domain.labresult.LabResult;
import org.huren.domain.patient.Patient;
import org.huren.fhir.ingest.RetriedUnitOfWork;
import org.huren.fhir.ingest.WrittenAggregates;
import org.huren.projections.eqa.BlindSampleRegistry;
import org.huren.projections.linking.PatientLinker;
import org.huren.projections.recognition.AllianceWideFanOut;
import org.huren.projections.recognition.RecognitionProjection;
import org.huren.projections.recognition.RecognitionSequencing;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Axon on PostgreSQL without Axon Server: the JDBC event store, token store, sagas and dead letters (tables
 * owned by Flyway), Jackson for every message, and HuRen's aggregates and processors.
 */
@org.springframework.context.annotation.Configuration
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

    /**
     * Jackson for events, messages, tokens and snapshots: readable JSON, ISO dates, exact decimals. A snapshotted
     * aggregate has no getters: its snapshot is the JSON of its fields, private ones included.
     */
    @Bean("defaultAxonObjectMapper")
    public ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .addMixIn(IqcSeries.class, SnapshotOfFields.class)
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

    /** Events per query when a processor or an aggregate reads the event store (Axon's default: 100). */
    static final int EVENT_STORE_FETCH_SIZE = 1000;

    /**
     * The JDBC event store as Axon's Boot auto-configuration builds it, reading {@value #EVENT_STORE_FETCH_SIZE} events
     * per query instead of 100: a replay reads the whole store, and a query per hundred events was a round trip per
     * hundred events on the processor's path (issue 15, ADR 0024). Axon's default table and column names (Flyway's
     * V1 creates them); Axon's own {@code EventSchema} bean backs off with its storage engine.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer, Configuration configuration,
            ConnectionProvider connectionProvider, TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .batchSize(EVENT_STORE_FETCH_SIZE)
                .build();
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

    /** Jackson sees an aggregate's fields, not its methods (a command handler is no getter). */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE,
            creatorVisibility = JsonAutoDetect.Visibility.NONE)
    interface SnapshotOfFields {
    }

    /**
     * HuRen's aggregates. Each is built only from events of its own type, so a command naming another aggregate's id
     * is refused as not found (404) instead of loading a stranger's history. The IQC series is snapshotted: its
     * history grows with every control run, and loading it reads the newest snapshot and the events after it (ADR
     * 0020; the snapshot is Jackson JSON of the aggregate's fields, in {@code snapshotevententry}).
     */
    @Bean
    public ConfigurerModule hurenAggregates(SnapshotProperties snapshots, TransactionManager transactions) {
        return configurer -> configurer
                .configureAggregate(ofItsType(LabResult.class))
                .configureAggregate(ofItsType(Patient.class))
                .configureAggregate(ofItsType(LabDocument.class))
                .configureAggregate(ofItsType(Alliance.class))
                .configureAggregate(ofItsType(OnSiteAssessment.class))
                .configureAggregate(ofItsType(org.huren.domain.reuse.ReuseOutcome.class))
                .configureAggregate(ofItsType(org.huren.domain.linking.PersonLink.class))
                .configureAggregate(ofItsType(org.huren.domain.eqa.EqaRound.class))
                .configureAggregate(ofItsType(org.huren.domain.eqa.EqaCorrectiveAction.class))
                .configureAggregate(ofItsType(IqcSeries.class).configureSnapshotTrigger(c ->
                        new EventCountSnapshotTriggerDefinition(snapshotter(c, transactions, IqcSeries.class),
                                snapshots.iqcSeriesThreshold())))
                .configureAggregate(ofItsType(org.huren.domain.audit.QcAudit.class))
                .configureAggregate(ofItsType(org.huren.domain.localcode.LocalCodeMap.class))
                // closing an assessment and accrediting its lab, in one unit of work (ADR 0020)
                .registerCommandHandler(c -> new AssessmentConclusion(c.commandGateway()));
    }

    /**
     * Takes a snapshot right after the commit that crossed the threshold, in a transaction of its own (Spring's
     * snapshotter knows only the aggregates declared as Spring beans, not those configured here).
     */
    private static Snapshotter snapshotter(org.axonframework.config.Configuration axon,
                                           TransactionManager transactions, Class<?> aggregateType) {
        return AggregateSnapshotter.builder()
                .eventStore(axon.eventStore())
                .aggregateFactories(new GenericAggregateFactory<>(aggregateType))
                .transactionManager(transactions)
                .build();
    }

    private static <A> AggregateConfigurer<A> ofItsType(Class<A> type) {
        return AggregateConfigurer.defaultConfiguration(type).configureFilterEventsByType(c -> true);
    }

    /** Several commands as one write, retried when it lost a race: every write path shares it (ADR 0020). */
    @Bean
    public RetriedUnitOfWork retriedUnitOfWork(TransactionManager transactions) {
        return new RetriedUnitOfWork(transactions);
    }

    /** Each event records who caused it, from the request's token (metadata actorSubject, actorClient, actorLab). */
    @Bean
    public org.huren.api.security.ActorMetadata actorMetadata(EventBus eventBus) {
        org.huren.api.security.ActorMetadata actor = new org.huren.api.security.ActorMetadata();
        eventBus.registerDispatchInterceptor(actor);
        return actor;
    }

    /**
     * Every event a unit of work appends is noted on it, so a write answers a position that covers what it caused
     * in its transaction (the patient linker's links, a blind result's grading).
     */
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
     * Recognition's segments are segments of labs (ADR 0019): its events go by lab, its alliance-wide facts to every
     * segment. Replaces Axon's own event-processing module (Boot backs off) only to hand the recognition processor its
     * handlers through {@link AllianceWideFanOut}; everything else is built as Axon builds it.
     */
    @Bean
    public EventProcessingModule eventProcessingModule() {
        return new EventProcessingModule() {
            @Override
            protected EventProcessor pooledStreamingEventProcessor(String name, EventHandlerInvoker invoker,
                    Configuration config, StreamableMessageSource<TrackedEventMessage<?>> source,
                    PooledStreamingProcessorConfiguration customization) {
                return super.pooledStreamingEventProcessor(name, RecognitionProjection.GROUP.equals(name)
                        ? new AllianceWideFanOut(invoker) : invoker, config, source, customization);
            }
        };
    }

    @Bean
    public ConfigurerModule recognitionByLab() {
        return configurer -> configurer.eventProcessing()
                .registerSequencingPolicy(RecognitionProjection.GROUP, c -> new RecognitionSequencing());
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
