package org.huren.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.huren.fhir.read.ReadModelPositions;
import org.huren.fhir.server.HurenHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Duration;

/**
 * Read-your-writes on {@code /api} as on {@code /fhir}: a GET carrying {@code X-HuRen-Await-Position} waits
 * until the read models have processed that position (at most {@code X-HuRen-Await-Millis}, default 10 s),
 * or answers 503 as problem+json.
 */
@Component
public class ReadAfterWrite implements HandlerInterceptor {

    private final ReadModelPositions positions;

    public ReadAfterWrite(ReadModelPositions positions) {
        this.positions = positions;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        String position = request.getHeader(HurenHeaders.AWAIT_POSITION);
        if (position == null || !"GET".equals(request.getMethod())) {
            return true;
        }
        long target;
        long millis;
        try {
            target = Long.parseLong(position.trim());
            String wait = request.getHeader(HurenHeaders.AWAIT_MILLIS);
            millis = wait == null ? 10_000 : Math.min(60_000, Math.max(0, Long.parseLong(wait.trim())));
        } catch (NumberFormatException e) {
            write(response, HttpStatus.BAD_REQUEST, "the await headers must be whole numbers");
            return false;
        }
        if (positions.awaitPosition(target, Duration.ofMillis(millis))) {
            return true;
        }
        write(response, HttpStatus.SERVICE_UNAVAILABLE,
                "the read models have not reached position " + target + " within " + millis + " ms; retry");
        return false;
    }

    private static void write(HttpServletResponse response, HttpStatus status, String detail) throws Exception {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"https://huren.org/problems/read-model-behind\",\"title\":\""
                + status.getReasonPhrase() + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail
                + "\",\"rule\":\"read-model-behind\"}");
    }
}
