package org.huren.projections.recognition;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.huren.domain.labresult.LabResultReported;
import org.huren.domain.patient.PatientRegistered;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every event of the store is offered to every recognition segment during a replay: one of a type no handler takes is
 * passed over by its type, its payload never read.
 */
class AllianceWideFanOutTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final AllianceWideFanOut invoker = new AllianceWideFanOut(SimpleEventHandlerInvoker.builder()
            .eventHandlers(new RecognitionProjection(new JdbcTemplate())).sequencingPolicy(new RecognitionSequencing())
            .build());

    @Test
    void anEventOfATypeNoHandlerTakesIsPassedOverWithoutReadingItsPayload() {
        EventMessage<?> patient = unreadable(PatientRegistered.class);
        for (Segment segment : Segment.computeSegments(0, 1, 2, 3)) {
            assertThat(invoker.canHandle(patient, segment)).isFalse();
        }
    }

    @Test
    void anEventOfAHandledTypeIsReadToFindItsSegment() {
        EventMessage<?> result = unreadable(LabResultReported.class);
        assertThatThrownBy(() -> invoker.canHandle(result, Segment.ROOT_SEGMENT))
                .as("the lab that sequences it is in the payload").isNotNull();
    }

    /** A stored event of {@code type} whose payload cannot be deserialized. */
    private EventMessage<?> unreadable(Class<?> type) {
        SimpleSerializedObject<byte[]> payload = new SimpleSerializedObject<>(
                "{not json".getBytes(StandardCharsets.UTF_8), byte[].class, type.getName(), null);
        return new GenericEventMessage<>(new SerializedMessage<>(UUID.randomUUID().toString(), payload,
                serializer.serialize(MetaData.emptyInstance(), byte[].class), serializer), Instant::now);
    }
}
