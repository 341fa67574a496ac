package org.huren.api.projection;

import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.huren.api.axon.JdbcEventStoreIndex;
import org.huren.fhir.read.ReadModel;
import org.huren.fhir.read.ReadModelPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Where each streaming event processor stands in the event stream, per segment: from this node's live
 * status for the segments it owns, from the shared token table for segments other nodes own. A position is
 * reached when every segment's token covers it (gaps included), so a read that waits on it sees the write.
 * <p>
 * Requests wait for the read models they read only. One watcher thread looks at the processors every 2 ms while
 * anyone waits — each read model's tokens once per look, however many requests wait — and releases each waiter
 * whose position is reached; a waiting request does not poll the token table itself.
 */
@Component
public class ProcessorPositions implements ReadModelPositions {

    private static final Logger log = LoggerFactory.getLogger(ProcessorPositions.class);
    private static final long POLL_NANOS = Duration.ofMillis(2).toNanos();
    /** The whole segment space, in units of the smallest segment Axon can split to. */
    private static final long ALL_SEGMENTS = 1L << 32;

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final JdbcEventStoreIndex eventStore;
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean watching = new AtomicBoolean();
    /** Set while the positions cannot be read (the database is away): warned once, not every 2 ms. */
    private volatile boolean failing;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-positions");
        thread.setDaemon(true);
        return thread;
    });

    /** A request waiting until {@code readModels} have processed {@code position}. */
    private record Waiter(long position, Set<ReadModel> readModels, CompletableFuture<Void> reached) {
    }

    public ProcessorPositions(EventProcessingConfiguration processing, TokenStore tokenStore, JdbcTemplate jdbc,
                              Serializer serializer, JdbcEventStoreIndex eventStore) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.eventStore = eventStore;
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

    /**
     * The token of every segment of {@code name}: live where this node owns it, else as stored. When this node
     * owns the whole segment space, the token store is not asked.
     */
    public Map<Integer, TrackingToken> segmentTokens(String name, StreamingEventProcessor processor) {
        Map<Integer, TrackingToken> tokens = new TreeMap<>();
        Map<Integer, EventTrackerStatus> live = processor.processingStatus();
        long covered = 0;
        for (EventTrackerStatus status : live.values()) {
            if (status.getTrackingToken() != null) {
                tokens.put(status.getSegment().getSegmentId(), status.getTrackingToken());
                covered += ALL_SEGMENTS / (status.getSegment().getMask() + 1L);
            }
        }
        if (covered == ALL_SEGMENTS) {
            return tokens;
        }
        int[] segments = tokenStore.fetchSegments(name);
        boolean needStored = false;
        for (int segment : segments) {
            if (!tokens.containsKey(segment)) {
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

    /** The segment tokens of the processor that feeds {@code readModel}. */
    private Map<Integer, TrackingToken> tokens(ReadModel readModel) {
        StreamingEventProcessor processor = processors().get(readModel.processingGroup());
        if (processor == null) {
            throw new IllegalStateException("no event processor " + readModel.processingGroup() + " feeds read model "
                    + readModel);
        }
        return segmentTokens(readModel.processingGroup(), processor);
    }

    /** Whether each of {@code readModels} has processed {@code position}. */
    public boolean reached(long position, Set<ReadModel> readModels) {
        for (ReadModel readModel : readModels) {
            if (!reached(position, tokens(readModel))) {
                return false;
            }
        }
        return true;
    }

    private static boolean reached(long position, Map<Integer, TrackingToken> segmentTokens) {
        if (segmentTokens.isEmpty()) {
            return false;
        }
        for (TrackingToken token : segmentTokens.values()) {
            if (!covers(token, position)) {
                return false;
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
    public boolean awaitPosition(long position, Set<ReadModel> readModels, Duration timeout) {
        CompletableFuture<Void> processed = whenProcessed(position, readModels);
        try {
            processed.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            processed.cancel(false);
        }
    }

    @Override
    public CompletableFuture<Void> whenProcessed(long position, Set<ReadModel> readModels) {
        if (position < 0 || readModels.isEmpty() || reached(position, readModels)) {
            return CompletableFuture.completedFuture(null);
        }
        Waiter waiter = new Waiter(position, Set.copyOf(readModels), new CompletableFuture<>());
        waiters.add(waiter);
        // reached, timed out or given up: forgotten either way
        waiter.reached().whenComplete((ignored, failure) -> waiters.remove(waiter));
        watch();
        return waiter.reached();
    }

    @Override
    public boolean awaitCommitted(Set<ReadModel> readModels, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long head = eventStore.headPosition();
        if (!awaitPosition(head, readModels, timeout)) {
            return false;
        }
        // a segment past the head may still lack an event below it that committed after the segment read past
        // its place (a gap, fetched on its next read): wait for those too
        while (committedGapUpTo(head, readModels)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    private boolean committedGapUpTo(long head, Set<ReadModel> readModels) {
        TreeSet<Long> gaps = new TreeSet<>();
        for (ReadModel readModel : readModels) {
            for (TrackingToken token : tokens(readModel).values()) {
                if (WrappedToken.unwrapLowerBound(token) instanceof GapAwareTrackingToken gapAware) {
                    gaps.addAll(gapAware.getGaps().headSet(head + 1));
                }
            }
        }
        return !gaps.isEmpty() && Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM domainevententry WHERE globalindex = ANY (?::bigint[]))", Boolean.class,
                (Object) gaps.toArray(Long[]::new)));
    }

    private void watch() {
        if (watching.compareAndSet(false, true)) {
            watcher.schedule(this::check, POLL_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    /** One look at the processors for every waiter: each read model's tokens are read once. */
    private void check() {
        try {
            Map<ReadModel, Map<Integer, TrackingToken>> tokens = new EnumMap<>(ReadModel.class);
            for (Waiter waiter : waiters) {
                boolean reached = true;
                for (ReadModel readModel : waiter.readModels()) {
                    if (!reached(waiter.position(), tokens.computeIfAbsent(readModel, this::tokens))) {
                        reached = false;
                        break;
                    }
                }
                if (reached) {
                    waiter.reached().complete(null);
                }
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("cannot read the event processors' positions; waiting requests keep waiting", e);
            }
            failing = true;
        } finally {
            watching.set(false);
            if (!waiters.isEmpty()) {
                watch();
            }
        }
    }

    @PreDestroy
    void stop() {
        watcher.shutdownNow();
    }
}
