package org.huren.api.axon;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What axon-micrometer exports, cut to what an operator reads. With {@code axon.metrics.micrometer.dimensional}
 * Axon times every bus and processor once per message type ({@code payloadType}), each timer with six client-side
 * percentiles and, for the command bus, a histogram: with HuRen's ~100 event types over 8 processors that was 95 %
 * of a 2.8 MB, 29,000-series scrape. By default this filter folds the message types together — one
 * {@code commandBus.allTimer}, one {@code eventProcessor.successTimer} per processor, … (the per-type timers and
 * counters of a component become one, counting everything) —, drops the client-side percentiles (they cannot be
 * added up across nodes; the histograms can), and drops the per-type {@code capacity} gauges (a gauge cannot be
 * folded). {@code huren.metrics.axon-message-types=true} gives the per-message-type series back.
 *
 * <p>Folding afterwards still cost every message a tag list built, a meter looked up and its id mapped — a twelfth
 * of the CPU of an ingest (issue 15). So by default Axon's monitors are registered as axon-micrometer's dimensional
 * ones, with the same names, but tagged only by processor ({@link #axonMonitorsWithoutMessageTypes}): each message
 * finds its meters by one lookup of a ready id, and a processor keeps one capacity gauge. The filter still folds
 * what else tags the type (the query update emitter).
 */
@Configuration
public class AxonMetricsConfig {

    /** Meter name prefixes of axon-micrometer's monitors. */
    static final List<String> AXON_COMPONENTS =
            List.of("commandBus.", "eventStore.", "eventProcessor.", "queryBus.", "queryUpdateEmitter.");

    /**
     * Replaces axon-micrometer's dimensional module (Spring Boot's is {@code @ConditionalOnMissingBean}): the bus
     * and processor monitors without the {@code payloadType} tag.
     */
    @Bean
    @ConditionalOnProperty(name = "huren.metrics.axon-message-types", havingValue = "false", matchIfMissing = true)
    public MetricsConfigurerModule axonMonitorsWithoutMessageTypes(GlobalMetricRegistry metrics) {
        return new MetricsConfigurerModule(metrics, true) {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.configureMessageMonitor(configuration -> (type, name) -> monitor(metrics, type, name));
            }
        };
    }

    /** The monitor of an Axon component: as axon-micrometer's dimensional one, tagged at most by processor. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static MessageMonitor<Message<?>> monitor(GlobalMetricRegistry metrics, Class<?> type, String name) {
        Function<Message<?>, Iterable<Tag>> none = message -> Tags.empty();
        MessageMonitor monitor;
        if (EventProcessor.class.isAssignableFrom(type)) {
            Tags processor = Tags.of(TagsUtil.PROCESSOR_NAME_TAG, name);
            monitor = metrics.registerEventProcessor("eventProcessor", message -> processor, message -> processor);
        } else if (CommandBus.class.isAssignableFrom(type)) {
            monitor = metrics.registerCommandBus(name, none);
        } else if (EventBus.class.isAssignableFrom(type)) {
            monitor = metrics.registerEventBus(name, none);
        } else if (QueryBus.class.isAssignableFrom(type)) {
            monitor = metrics.registerQueryBus(name, none);
        } else {
            monitor = metrics.registerComponentWithDefaultTags(type, name);
        }
        return monitor;
    }

    @Bean
    @ConditionalOnProperty(name = "huren.metrics.axon-message-types", havingValue = "false", matchIfMissing = true)
    public MeterFilter axonMessageTypesFolded() {
        // Micrometer maps the id on every use of a folded meter (Axon looks its meters up per message), so each id's
        // mapping is remembered: there are as many as message types × components, a few hundred
        Map<Meter.Id, Meter.Id> folded = new ConcurrentHashMap<>();
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return isAxon(id) ? folded.computeIfAbsent(id, AxonMetricsConfig::withoutPayloadType) : id;
            }

            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return isAxon(id) && id.getName().endsWith(".capacity") && id.getTag(TagsUtil.PAYLOAD_TYPE_TAG) != null
                        ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }

            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return isAxon(id) ? DistributionStatisticConfig.builder().percentiles().build().merge(config) : config;
            }
        };
    }

    private static Meter.Id withoutPayloadType(Meter.Id id) {
        if (id.getName().endsWith(".capacity")) {
            return id; // kept whole, so that a per-type gauge is dropped (accept), not folded into one
        }
        List<Tag> kept = id.getTags().stream()
                .filter(tag -> !TagsUtil.PAYLOAD_TYPE_TAG.equals(tag.getKey())).toList();
        return kept.size() == id.getTags().size() ? id : id.replaceTags(kept);
    }

    static boolean isAxon(Meter.Id id) {
        for (String component : AXON_COMPONENTS) {
            if (id.getName().startsWith(component)) {
                return true;
            }
        }
        return false;
    }
}
