package org.huren.api.axon;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
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
