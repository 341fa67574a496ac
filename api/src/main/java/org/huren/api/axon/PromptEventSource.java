package org.huren.api.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * The event store as the pooled event processors read it, woken promptly. Axon's pooled processor looks for new
 * events every 500 ms once it has caught up, unless its stream can call it back — and the embedded event store's
 * streams cannot: a read awaiting a write's position waited 250 ms on average for each read model, doing nothing.
 * These streams call their processor back as soon as a transaction on this node has committed events (and let the
 * next look wait a moment for the store to fetch them), and every 500 ms as before, for the events of other nodes.
 * Registered on the event bus, it learns of each commit from the events its unit of work publishes.
 */
public final class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>>,
        MessageDispatchInterceptor<EventMessage<?>>, AutoCloseable {

    /** How often the streams look anyway: what the pooled processor did by itself. */
    static final Duration LOOK_EVERY = Duration.ofMillis(500);
    /** How long a look after a local commit may wait for the store to fetch the new events. */
    static final int FETCH_WAIT_MILLIS = 50;
    private static final int FETCH_SLICE_MILLIS = 2;

    private static final String NOTIFIES = PromptEventSource.class.getName();

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final Set<PromptStream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "prompt-event-source");
        thread.setDaemon(true);
        return thread;
    });

    public PromptEventSource(StreamableMessageSource<TrackedEventMessage<?>> store) {
        this.store = store;
        timer.scheduleWithFixedDelay(() -> streams.forEach(stream -> stream.wake(false)), LOOK_EVERY.toMillis(),
                LOOK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        PromptStream stream = new PromptStream(store.openStream(trackingToken));
        streams.add(stream);
        return stream;
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    /** Events are being published: once their unit of work has committed, every stream looks for them. */
    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            if (root.resources().putIfAbsent(NOTIFIES, Boolean.TRUE) == null) {
                root.afterCommit(u -> streams.forEach(stream -> stream.wake(true)));
            }
        }
        return (index, message) -> message;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** A store stream that calls its processor back when woken. Read by the processor's coordinator thread only. */
    private final class PromptStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> events;
        private volatile Runnable callback;
        /** Until when (nanoTime) a look waits for the events of a commit on this node; 0: no commit pending. */
        private final AtomicLong expecting = new AtomicLong();

        PromptStream(BlockingStream<TrackedEventMessage<?>> events) {
            this.events = events;
        }

        void wake(boolean afterCommit) {
            if (afterCommit) {
                expecting.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FETCH_WAIT_MILLIS) | 1);
            }
            Runnable processor = callback;
            if (processor != null) {
                processor.run();
            }
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            return true;
        }

        /**
         * After a commit on this node, its events reach the store's cache one by one, a moment after the commit: a
         * look waits for them in short slices (the store's stream does not look again after a wait that missed its
         * signal) until the window ends; the events found meanwhile are processed at once.
         */
        @Override
        public boolean hasNextAvailable() {
            try {
                long window = expecting.get();
                if (window == 0) {
                    return events.hasNextAvailable(0, TimeUnit.NANOSECONDS);
                }
                while (!events.hasNextAvailable(FETCH_SLICE_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (System.nanoTime() - window >= 0) {
                        expecting.compareAndSet(window, 0);
                        return false;
                    }
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return events.hasNextAvailable(timeout, unit);
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return events.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return events.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            events.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            streams.remove(this);
            callback = null;
            events.close();
        }
    }
}
