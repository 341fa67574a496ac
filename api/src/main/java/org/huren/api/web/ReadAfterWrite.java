package org.huren.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.huren.fhir.read.ReadModel;
import org.huren.fhir.read.ReadModelBehindException;
import org.huren.fhir.read.ReadModelPositions;
import org.huren.fhir.server.HurenHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Read-your-writes on {@code /api} as on {@code /fhir}: a request carrying {@code X-HuRen-Await-Position} waits
 * until the read models its endpoint reads ({@link ReadsFrom}; all when undeclared) have processed that position
 * (at most {@code X-HuRen-Await-Millis}, default 10 s), or answers 503 as problem+json. A write waits before
 * checking them.
 */
@Component
public class ReadAfterWrite implements HandlerInterceptor {

    private final ReadModelPositions positions;
    private final ObjectMapper json;

    public ReadAfterWrite(ReadModelPositions positions, ObjectMapper json) {
        this.positions = positions;
        this.json = json;
    }

    /** The read models {@code handler} reads, as its {@link ReadsFrom} declares; all of them when it does not. */
    public static Set<ReadModel> readModelsOf(Object handler) {
        ReadsFrom declared = handler instanceof HandlerMethod method ? method.getMethodAnnotation(ReadsFrom.class)
                : null;
        if (declared == null) {
            return ReadModel.ALL;
        }
        return declared.value().length == 0 ? ReadModel.NONE : EnumSet.copyOf(List.of(declared.value()));
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        String position = request.getHeader(HurenHeaders.AWAIT_POSITION);
        if (position == null) {
            return true;
        }
        long target;
        long millis;
        long asked;
        try {
            target = Long.parseLong(position.trim());
            millis = HurenHeaders.remainingAwaitMillis(request.getAttribute(HurenHeaders.AWAIT_DEADLINE_ATTRIBUTE),
                    request.getHeader(HurenHeaders.AWAIT_MILLIS));
            asked = HurenHeaders.remainingAwaitMillis(null, request.getHeader(HurenHeaders.AWAIT_MILLIS));
        } catch (NumberFormatException e) {
            write(response, HttpStatus.BAD_REQUEST, "invalid-header", "the await headers must be whole numbers");
            return false;
        }
        Set<ReadModel> reads = readModelsOf(handler);
        if (positions.awaitPosition(target, reads, Duration.ofMillis(millis))) {
            return true;
        }
        response.setHeader("Retry-After", "1");
        write(response, HttpStatus.SERVICE_UNAVAILABLE, ReadModelBehindException.RULE,
                ReadModelBehindException.position(target, reads, asked).getMessage());
        return false;
    }

    private void write(HttpServletResponse response, HttpStatus status, String rule, String detail) throws Exception {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ApiProblems.TYPE_BASE.resolve(rule));
        problem.setProperty("rule", rule);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getWriter(), problem);
    }
}
