package org.huren.api.projection;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.huren.fhir.read.ReadModelPositions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Where each streaming event processor stands in the event stream, per segment: from this node's live
 * status for the segments it owns, from the shared token table for segments other nodes own. A position is
 * reached when every segment's token covers it (gaps included), so a read that waits on it sees the write.
 */
@Component
public class ProcessorPositions implements ReadModelPositions {

    private static final long POLL_NANOS = Duration.ofMillis(2).toNanos();

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public ProcessorPositions(EventProcessingConfiguration processing, TokenStore tokenStore, JdbcTemplate jdbc,
                              Serializer serializer) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The streaming processors HuRen runs, by name. */
    public Map<String, StreamingEventProcessor> processors() {
        Map<String, StreamingEventProcessor> result = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                result.put(name, streaming);
            }
        });
        return result;
    }

    /** The token of every segment of {@code name}: live where this node owns it, else as stored. */
    public Map<Integer, TrackingToken> segmentTokens(String name, StreamingEventProcessor processor) {
        Map<Integer, TrackingToken> tokens = new TreeMap<>();
        Map<Integer, EventTrackerStatus> live = processor.processingStatus();
        boolean needStored = false;
        int[] segments = tokenStore.fetchSegments(name);
        for (int segment : segments) {
            EventTrackerStatus status = live.get(segment);
            if (status != null && status.getTrackingToken() != null) {
                tokens.put(segment, status.getTrackingToken());
            } else {
                needStored = true;
            }
        }
        if (needStored) {
            for (Map.Entry<Integer, TrackingToken> stored : storedTokens(name).entrySet()) {
                tokens.putIfAbsent(stored.getKey(), stored.getValue());
            }
        }
        for (int segment : segments) {
            tokens.putIfAbsent(segment, null);
        }
        return tokens;
    }

    private Map<Integer, TrackingToken> storedTokens(String name) {
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        jdbc.query("SELECT segment, token, tokentype FROM tokenentry WHERE processorname = ?", rs -> {
            byte[] bytes = rs.getBytes("token");
            String type = rs.getString("tokentype");
            tokens.put(rs.getInt("segment"), bytes == null || type == null ? null
                    : serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null)));
        }, name);
        return tokens;
    }

    /** The lowest position all segments of the processor have passed; -1 before the first event. */
    public long position(String name, StreamingEventProcessor processor) {
        Map<Integer, TrackingToken> tokens = segmentTokens(name, processor);
        if (tokens.isEmpty()) {
            return -1;
        }
        long min = Long.MAX_VALUE;
        for (TrackingToken token : tokens.values()) {
            min = Math.min(min, token == null ? -1 : token.position().orElse(-1));
        }
        return min;
    }

    public boolean reached(long position) {
        if (position < 0) {
            return true;
        }
        for (Map.Entry<String, StreamingEventProcessor> processor : processors().entrySet()) {
            Map<Integer, TrackingToken> tokens = segmentTokens(processor.getKey(), processor.getValue());
            if (tokens.isEmpty()) {
                return false;
            }
            for (TrackingToken token : tokens.values()) {
                if (!covers(token, position)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether the segment holding {@code token} has processed the event at {@code position}: passed it and
     * not waiting for it as a gap. (Axon's {@code covers} also demands the same gaps below it, which a
     * rolled-back insert — a permanent gap in the sequence — would never satisfy.)
     */
    static boolean covers(TrackingToken token, long position) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return current != null && current.position().orElse(-1) >= position;
    }

    @Override
    public boolean awaitPosition(long position, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(position)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }
}
