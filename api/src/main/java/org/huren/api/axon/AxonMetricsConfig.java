package org.huren.api.axon;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.axonframework.micrometer.TagsUtil;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What axon-micrometer exports, cut to what an operator reads. With {@code axon.metrics.micrometer.dimensional}
 * Axon times every bus and processor once per message type ({@code payloadType}), each timer with six client-side
 * percentiles and, for the command bus, a histogram: with HuRen's ~100 event types over 8 processors that was 95 %
 * of a 2.8 MB, 29,000-series scrape. By default this filter folds the message types together — one
 * {@code commandBus.allTimer}, one {@code eventProcessor.successTimer} per processor, … (the per-type timers and
 * counters of a component become one, counting everything) —, drops the client-side percentiles (they cannot be
 * added up across nodes; the histograms can), and drops the per-type {@code capacity} gauges (a gauge cannot be
 * folded). {@code huren.metrics.axon-message-types=true} gives the per-message-type series back.
 */
@Configuration
public class AxonMetricsConfig {

    /** Meter name prefixes of axon-micrometer's monitors. */
    static final List<String> AXON_COMPONENTS =
            List.of("commandBus.", "eventStore.", "eventProcessor.", "queryBus.", "queryUpdateEmitter.");

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
                return isAxon(id) && id.getName().endsWith(".capacity") ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }

            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return isAxon(id) ? DistributionStatisticConfig.builder().percentiles().build().merge(config) : config;
            }
        };
    }

    private static Meter.Id withoutPayloadType(Meter.Id id) {
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
