package org.huren.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.huren.fhir.server.DatabaseAvailability;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * While a request has just found PostgreSQL unreachable, answer the next ones 503 with {@code Retry-After} at once
 * rather than let each hold a thread for the connection pool's timeout ({@link DatabaseAvailability}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class DatabaseGate extends OncePerRequestFilter {

    private final DatabaseAvailability database;
    private final ErrorAnswers answers;

    public DatabaseGate(DatabaseAvailability database, ErrorAnswers answers) {
        this.database = database;
        this.answers = answers;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/fhir") || path.startsWith("/fhir/") || path.startsWith("/api/")
                || path.equals("/cds-services") || path.startsWith("/cds-services/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (database.recentlyUnavailable()) {
            response.setHeader("Retry-After", Long.toString(database.retryAfterSeconds()));
            answers.write(request, response, 503, "database-unavailable", null,
                    "the database cannot be reached just now; retry the request after "
                            + database.retryAfterSeconds() + " s (HuRen's writes are idempotent)");
            return;
        }
        chain.doFilter(request, response);
    }
}
