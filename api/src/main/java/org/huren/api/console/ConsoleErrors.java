package org.huren.api.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.CommandExecutionException;
import org.huren.api.web.ApiProblems;
import org.huren.domain.common.DomainRuleViolation;
import org.huren.fhir.read.ReadModelBehindException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import java.util.Optional;

/**
 * Errors of the console as pages (not problem+json, which {@link ApiProblems} answers for {@code /api}): a page or
 * form the user may not use (403, with the rule's reason), something that does not exist (404), a business rule a
 * form broke (422) — forms mostly show these beside themselves ({@link #ruleBroken}) —, a read model behind (503).
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsoleErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler({ConsoleAccess.Forbidden.class, AccessDeniedException.class})
    String forbidden(RuntimeException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(403, "error.forbidden", e.getMessage(), request, response, model);
    }

    @ExceptionHandler(ApiProblems.NotFound.class)
    String notFound(ApiProblems.NotFound e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(404, "error.notFound", e.getMessage(), request, response, model);
    }

    @ExceptionHandler({DomainRuleViolation.class, CommandExecutionException.class})
    String rule(RuntimeException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<String> broken = ruleBroken(e);
        if (broken.isEmpty()) {
            return unexpected(e, request, response, model);
        }
        return page(422, "error.rule", broken.get(), request, response, model);
    }

    @ExceptionHandler(ReadModelBehindException.class)
    String behind(ReadModelBehindException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setHeader("Retry-After", "1");
        return page(503, "error.behind", e.getMessage(), request, response, model);
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        LOG.error("console error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return page(500, "error.internal", String.valueOf(response.getHeader("X-Request-Id")), request, response,
                model);
    }

    /** The message of a business rule a write broke (directly, or inside a command's failure); empty for others. */
    public static Optional<String> ruleBroken(Throwable e) {
        if (e instanceof DomainRuleViolation violation) {
            return Optional.of(violation.getMessage());
        }
        if (e instanceof CommandExecutionException failed && failed.getCause() instanceof DomainRuleViolation v) {
            return Optional.of(v.getMessage());
        }
        if (e instanceof ApiProblems.NotFound notFound) {
            return Optional.of(notFound.getMessage());
        }
        return Optional.empty();
    }

    private String page(int status, String titleKey, String reason, HttpServletRequest request,
                        HttpServletResponse response, Model model) {
        response.setStatus(status);
        model.addAttribute("titleKey", titleKey);
        model.addAttribute("reason", reason);
        model.addAttribute("caller", org.huren.fhir.server.Caller.of(request));
        return "console/error";
    }
}
