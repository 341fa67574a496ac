package org.huren.api.web;

import ca.uhn.fhir.rest.server.ServletRequestTracing;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request one correlation id, in its log lines (MDC {@code correlationId}) and in its answer
 * ({@code X-Request-Id}, on {@code /fhir} also HAPI's request id): the client's {@code X-Request-Id} when sane,
 * otherwise the request's W3C trace id — the one of an incoming {@code traceparent}, or a new one — so an id taken
 * from an answer finds the request's lines and its trace. The answer also carries {@code traceresponse} (W3C Trace
 * Context level 2: version, trace id, the server's span id, flags), so the trace id is in it even when the client
 * chose its own request id.
 * <p>
 * Runs just after Spring's observation filter (which opens the request's span from {@code traceparent}) and before
 * everything else, so every later filter and handler logs under the id.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class CorrelationIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String TRACE_RESPONSE = "traceresponse";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final ObjectProvider<Tracer> tracer;

    public CorrelationIdFilter(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false; // a request resumed after waiting (AwaitingRequests) logs under its id too
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TraceContext trace = currentTrace();
        String id = response.getHeader(HEADER); // set already when the request is resumed
        if (id == null) {
            id = request.getHeader(HEADER);
        }
        if (id == null || !SANE.matcher(id).matches()) {
            id = trace != null ? trace.traceId() : UUID.randomUUID().toString();
        }
        MDC.put("correlationId", id);
        response.setHeader(HEADER, id);
        request.setAttribute(ServletRequestTracing.ATTRIBUTE_REQUEST_ID, id);
        if (trace != null) {
            response.setHeader(TRACE_RESPONSE, "00-" + trace.traceId() + "-" + trace.spanId()
                    + (Boolean.TRUE.equals(trace.sampled()) ? "-01" : "-00"));
        }
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("correlationId");
        }
    }

    /** The request's trace, when tracing is on ({@code management.tracing.enabled}, the default). */
    private TraceContext currentTrace() {
        Tracer current = tracer.getIfAvailable();
        Span span = current == null ? null : current.currentSpan();
        return span == null ? null : span.context();
    }
}
