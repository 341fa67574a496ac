package org.huren.api.axon;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.micrometer.TagsUtil;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Axon's own monitors, registered as axon-micrometer does, through the folding filter. */
class AxonMetricsConfigTest {

    record ReportLabResult(String id) {
    }

    record RegisterPatient(String id) {
    }

    @Test
    void timersOfEveryMessageTypeAreFoldedIntoOnePerComponentWithoutClientSidePercentiles() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        meters.config().meterFilter(new AxonMetricsConfig().axonMessageTypesFolded());
        MessageTimerMonitor monitor = MessageTimerMonitor.buildMonitor("commandBus", meters,
                TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION);
        monitor.onMessageIngested(GenericCommandMessage.asCommandMessage(new ReportLabResult("1"))).reportSuccess();
        monitor.onMessageIngested(GenericCommandMessage.asCommandMessage(new RegisterPatient("2")))
                .reportFailure(new IllegalStateException());

        assertThat(meters.find("commandBus.allTimer").timers()).singleElement().satisfies(all -> {
            assertThat(all.getId().getTags()).isEmpty();
            assertThat(all.count()).as("both message types").isEqualTo(2);
            assertThat(all.takeSnapshot().percentileValues()).isEmpty();
        });
        assertThat(meters.get("commandBus.failureTimer").timer().count()).isEqualTo(1);
    }

    /**
     * HuRen's registration of Axon's monitors: the names and processor tags of axon-micrometer's dimensional
     * monitors, no message type — so no per-message folding — and one capacity gauge per processor.
     */
    @Test
    void theMonitorsHuRenRegistersAreTaggedAtMostByProcessor() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        meters.config().meterFilter(new AxonMetricsConfig().axonMessageTypesFolded());
        GlobalMetricRegistry metrics = new GlobalMetricRegistry(meters);
        MessageMonitor<Message<?>> processor = AxonMetricsConfig.monitor(metrics, EventProcessor.class, "lab-records");
        processor.onMessageIngested(GenericEventMessage.asEventMessage(new ReportLabResult("1"))).reportSuccess();
        processor.onMessageIngested(GenericEventMessage.asEventMessage(new RegisterPatient("2"))).reportIgnored();
        MessageMonitor<Message<?>> commands = AxonMetricsConfig.monitor(metrics, CommandBus.class, "commandBus");
        commands.onMessageIngested(GenericCommandMessage.asCommandMessage(new ReportLabResult("1"))).reportSuccess();

        assertThat(meters.find("eventProcessor.allTimer").timers()).singleElement().satisfies(all -> {
            assertThat(all.getId().getTags()).containsExactly(Tag.of(TagsUtil.PROCESSOR_NAME_TAG, "lab-records"));
            assertThat(all.count()).isEqualTo(2);
        });
        assertThat(meters.get("eventProcessor.capacity").tag(TagsUtil.PROCESSOR_NAME_TAG, "lab-records").gauge())
                .isNotNull();
        assertThat(meters.get("eventProcessor.latency").tag(TagsUtil.PROCESSOR_NAME_TAG, "lab-records").gauge())
                .isNotNull();
        assertThat(meters.get("commandBus.allTimer").timer().getId().getTags()).isEmpty();
        assertThat(meters.getMeters()).noneMatch(meter -> meter.getId().getTag(TagsUtil.PAYLOAD_TYPE_TAG) != null);
    }

    @Test
    void aProcessorKeepsItsNameAndPerMessageTypeCapacityGaugesAreDropped() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        meters.config().meterFilter(new AxonMetricsConfig().axonMessageTypesFolded());
        MessageTimerMonitor.buildMonitor("eventProcessor", meters, message -> io.micrometer.core.instrument.Tags.of(
                TagsUtil.PAYLOAD_TYPE_TAG, message.getPayloadType().getSimpleName(),
                TagsUtil.PROCESSOR_NAME_TAG, "lab-records"))
                .onMessageIngested(GenericCommandMessage.asCommandMessage(new ReportLabResult("1"))).reportIgnored();
        CapacityMonitor.buildMonitor("eventProcessor", meters, TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION)
                .onMessageIngested(GenericCommandMessage.asCommandMessage(new ReportLabResult("1"))).reportSuccess();

        Timer ignored = meters.get("eventProcessor.ignoredTimer").timer();
        assertThat(ignored.getId().getTag(TagsUtil.PROCESSOR_NAME_TAG)).isEqualTo("lab-records");
        assertThat(ignored.getId().getTag(TagsUtil.PAYLOAD_TYPE_TAG)).isNull();
        assertThat(meters.find("eventProcessor.capacity").meters()).isEmpty();
    }
}
