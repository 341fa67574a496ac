package org.huren.api.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.huren.fhir.read.ReadModel;
import org.huren.fhir.read.ReadModelBehindException;
import org.huren.fhir.read.ReadModelPositions;
import org.huren.fhir.server.FhirReadModels;
import org.huren.fhir.server.HurenHeaders;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import java.io.IOException;
import java.security.Principal;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waiting for a read model without holding a request thread. A request carrying
 * {@code X-HuRen-Await-Position} that its read models have not reached yet is put aside (servlet async): the
 * shared position watcher ({@link ReadModelPositions#whenProcessed}) resumes it when they have, and it goes on to
 * its endpoint (whose own check, {@link ReadAfterWrite} or the FHIR read-after-write interceptor, then finds the
 * position reached); when its {@code X-HuRen-Await-Millis} are spent first, it is answered 503 in the form of its
 * endpoint. A client may have {@code huren.limits.awaits-per-client} requests waiting at once; more are
 * answered 429 with {@code Retry-After}.
 * <p>
 * Which read models a request waits for is told from the endpoint it maps to, as the endpoint's own check tells
 * it; a request whose endpoint cannot be told waits for all of them.
 */
@Component
@Order(-90) // after Spring Security's filters (-100): a request is waited for once its client is known
public class AwaitingRequests extends OncePerRequestFilter implements SmartLifecycle {

    private final ReadModelPositions positions;
    private final ObjectProvider<RequestMappingHandlerMapping> apiMappings;
    private final ErrorAnswers answers;
    private final int perClient;
    private final ConcurrentMap<String, AtomicInteger> waitingByClient = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    /** The waits of the requests put aside now: given up on a stop, so that the web server can drain. */
    private final Set<CompletableFuture<Void>> aside = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private final Counter refused;

    public AwaitingRequests(ReadModelPositions positions,
                            @Qualifier("requestMappingHandlerMapping")
                            ObjectProvider<RequestMappingHandlerMapping> apiMappings,
                            ErrorAnswers answers, RequestLimits limits, MeterRegistry meters) {
        this.positions = positions;
        this.apiMappings = apiMappings;
        this.answers = answers;
        this.perClient = limits.awaitsPerClient();
        Gauge.builder("huren.await.waiting", waiting, AtomicInteger::get)
                .description("requests put aside until the read models they read reach a position").register(meters);
        this.refused = Counter.builder("huren.await.refused")
                .description("requests refused because their client already had as many waiting as it may")
                .register(meters);
    }

    /** How many requests are put aside now. */
    public int waiting() {
        return waiting.get();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = pathOf(request);
        return !(path.equals("/fhir") || path.startsWith("/fhir/") || path.startsWith("/api/"));
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false; // the resumed request passes through, its wait over
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String positionHeader = request.getHeader(HurenHeaders.AWAIT_POSITION);
        if (request.getDispatcherType() == DispatcherType.ASYNC || positionHeader == null) {
            chain.doFilter(request, response);
            return;
        }
        long position;
        long millis;
        try {
            position = Long.parseLong(positionHeader.trim());
            millis = HurenHeaders.remainingAwaitMillis(null, request.getHeader(HurenHeaders.AWAIT_MILLIS));
        } catch (NumberFormatException e) {
            chain.doFilter(request, response); // the endpoint's own check answers it in its own form
            return;
        }
        request.setAttribute(HurenHeaders.AWAIT_DEADLINE_ATTRIBUTE,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
        Set<ReadModel> reads = readModels(request);
        CompletableFuture<Void> processed = positions.whenProcessed(position, reads);
        if (processed.isDone()) {
            chain.doFilter(request, response);
            return;
        }
        if (millis == 0) {
            processed.cancel(false);
            behind(request, response, position, reads, millis);
            return;
        }
        String client = clientOf(request);
        if (!enter(client)) {
            processed.cancel(false);
            refused.increment();
            response.setHeader("Retry-After", "1");
            answers.write(request, response, 429, "too-many-waiting", HurenHeaders.AWAIT_POSITION,
                    "this client already has " + perClient + " requests waiting for the read models "
                            + "(huren.limits.awaits-per-client); retry when one of them is answered");
            return;
        }
        putAside(request, response, processed, client, position, reads, millis);
    }

    /**
     * Resumes the request once its position is processed; answers it 503 when its time is spent first; a client
     * gone ends it.
     */
    private void putAside(HttpServletRequest request, HttpServletResponse response, CompletableFuture<Void> processed,
                          String client, long position, Set<ReadModel> reads, long millis) {
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(millis + 30_000); // the wait's own timeout comes first; this only guards against a lost one
        AtomicBoolean over = new AtomicBoolean();
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                end();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                if (end()) {
                    async.dispatch();
                }
            }

            @Override
            public void onError(AsyncEvent event) {
                if (end()) {
                    async.complete();
                }
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }

            private boolean end() {
                processed.cancel(false);
                if (over.compareAndSet(false, true)) {
                    leave(client);
                    return true;
                }
                return false;
            }
        });
        aside.add(processed);
        processed.orTimeout(millis, TimeUnit.MILLISECONDS).whenComplete((reached, timedOut) -> {
            aside.remove(processed);
            if (over.compareAndSet(false, true)) {
                leave(client);
                if (timedOut == null) {
                    async.dispatch();
                } else {
                    answerBehind(async, position, reads, millis);
                }
            }
        });
    }

    private void answerBehind(AsyncContext async, long position, Set<ReadModel> reads, long millis) {
        try {
            behind((HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse(), position,
                    reads, millis);
        } catch (IOException | RuntimeException e) {
            logger.debug("could not answer a request whose wait ran out; its client has gone", e);
        } finally {
            async.complete();
        }
    }

    /** 503 in the form of the endpoint asked: its read models have not reached the position in the time allowed. */
    private void behind(HttpServletRequest request, HttpServletResponse response, long position, Set<ReadModel> reads,
                        long millis) throws IOException {
        response.setHeader("Retry-After", "1");
        answers.write(request, response, 503, ReadModelBehindException.RULE, HurenHeaders.AWAIT_POSITION,
                ReadModelBehindException.position(position, reads, millis).getMessage());
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Before the web server drains on a graceful stop (a later phase), every request put aside is resumed: it
     * answers 503 at once rather than hold the stop for the rest of its wait.
     */
    @Override
    public void stop() {
        running = false;
        aside.forEach(wait -> wait.cancel(false));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE; // stopped first: the graceful web server stop is a lower phase
    }

    private boolean enter(String client) {
        AtomicInteger count = waitingByClient.computeIfAbsent(client, key -> new AtomicInteger());
        if (count.incrementAndGet() > perClient) {
            forget(client);
            return false;
        }
        waiting.incrementAndGet();
        return true;
    }

    private void leave(String client) {
        forget(client);
        waiting.decrementAndGet();
    }

    private void forget(String client) {
        waitingByClient.computeIfPresent(client, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** The authenticated user when there is one, else the address the request came from. */
    private static String clientOf(HttpServletRequest request) {
        Principal user = request.getUserPrincipal();
        return user != null ? "user " + user.getName() : "address " + request.getRemoteAddr();
    }

    private Set<ReadModel> readModels(HttpServletRequest request) {
        String path = pathOf(request);
        if (path.equals("/fhir") || path.startsWith("/fhir/")) {
            return FhirReadModels.ofPath(request.getMethod(), path.substring("/fhir".length()));
        }
        return apiReadModels(request);
    }

    /** The read models of the {@code /api} endpoint the request maps to, as {@link ReadAfterWrite} tells them. */
    private Set<ReadModel> apiReadModels(HttpServletRequest request) {
        RequestMappingHandlerMapping mappings = apiMappings.getIfAvailable();
        if (mappings == null) {
            return ReadModel.ALL;
        }
        boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
        try {
            if (!parsed) {
                ServletRequestPathUtils.parseAndCache(request);
            }
            HandlerExecutionChain handler = mappings.getHandler(request);
            return handler == null ? ReadModel.ALL : ReadAfterWrite.readModelsOf(handler.getHandler());
        } catch (Exception e) {
            return ReadModel.ALL; // the endpoint answers what is wrong with the request
        } finally {
            if (!parsed) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
