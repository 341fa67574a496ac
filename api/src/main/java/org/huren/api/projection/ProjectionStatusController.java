package org.huren.api.projection;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.huren.api.web.ReadsFrom;
import org.huren.fhir.read.ReadModel;
import org.huren.api.axon.JdbcEventStoreIndex;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.http.ResponseEntity;
import org.huren.api.web.ApiProblems;
import org.huren.fhir.server.HurenHeaders;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Operators' view of the read models: how far each event processor is behind the event store. */
@RestController
@RequestMapping("/api/projections")
public class ProjectionStatusController {

    public record Processor(String name, long position, long lagEvents, int segments, int claimedHere,
                                  boolean running, boolean error, boolean replaying) {
    }

    public record ProjectionStatus(long headPosition, List<Processor> processors) {
    }

    private final ProcessorPositions positions;
    private final JdbcEventStoreIndex eventStore;
    private final org.axonframework.config.EventProcessingConfiguration processing;

    public ProjectionStatusController(ProcessorPositions positions, JdbcEventStoreIndex eventStore,
                                      org.axonframework.config.EventProcessingConfiguration processing) {
        this.positions = positions;
        this.eventStore = eventStore;
        this.processing = processing;
    }

    /**
     * Tries the processor's dead letters again, oldest sequence first (after the cause was mended: a bug fixed, a
     * constraint corrected): each sequence that now applies leaves the queue; one that still fails stays parked.
     * Answers how many sequences were applied and how many dead letters remain.
     */
    @PostMapping("/{name}/dead-letters/retry")
    public Map<String, Object> retryDeadLetters(@PathVariable String name) {
        if (!positions.processors().containsKey(name)) {
            throw new ApiProblems.NotFound("name", "no event processor " + name);
        }
        var processor = processing.sequencedDeadLetterProcessor(name)
                .orElseThrow(() -> new ApiProblems.NotFound("name", "event processor " + name
                        + " has no dead-letter queue"));
        long before = eventStore.deadLetters(name);
        int applied = 0;
        for (long tries = 0; tries < before && processor.processAny(); tries++) {
            applied++;
        }
        return Map.of("processor", name, "sequencesApplied", applied, "deadLettersLeft", eventStore.deadLetters(name));
    }

    /**
     * Rebuilds a read model from the event store: stops the processor, resets its tokens (its reset handlers
     * empty its tables) and starts it again; it then replays every event. Answers 202 with the head position to
     * wait for.
     */
    @PostMapping("/{name}/replay")
    public ResponseEntity<Map<String, Object>> replay(@PathVariable String name) {
        StreamingEventProcessor processor = positions.processors().get(name);
        if (processor == null) {
            throw new ApiProblems.NotFound("name", "no event processor " + name);
        }
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        long head = eventStore.headPosition();
        return ResponseEntity.accepted().header(HurenHeaders.EVENT_POSITION, Long.toString(head))
                .body(Map.of("processor", name, "replayingTo", head));
    }

    /** Awaiting a position here waits for every read model: the way to know that all have caught up. */
    @GetMapping("/status")
    @ReadsFrom({ReadModel.LAB_RECORDS, ReadModel.RECOGNITION, ReadModel.ALLIANCE, ReadModel.EQA, ReadModel.IQC,
            ReadModel.AUDIT})
    public ProjectionStatus status() {
        long head = eventStore.headPosition();
        List<Processor> processors = new ArrayList<>();
        for (Map.Entry<String, StreamingEventProcessor> entry : positions.processors().entrySet()) {
            StreamingEventProcessor processor = entry.getValue();
            Map<Integer, EventTrackerStatus> live = processor.processingStatus();
            long position = positions.position(entry.getKey(), processor);
            processors.add(new Processor(entry.getKey(), position, Math.max(0, head - position),
                    positions.segmentTokens(entry.getKey(), processor).size(), live.size(), processor.isRunning(),
                    processor.isError() || live.values().stream().anyMatch(EventTrackerStatus::isErrorState),
                    processor.isReplaying()));
        }
        return new ProjectionStatus(head, processors);
    }
}
