package org.huren.api.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.huren.api.language.ClientLanguage;
import org.huren.api.language.MessageTexts;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The errors no handler answered with a body (a request the security firewall rejected, a {@code sendError} in a
 * filter) reach the servlet container's error page: there too the answer is problem+json, not Spring Boot's
 * {@code {timestamp, status, error, path}} — the rule is the status's name, the detail says only what happened.
 * Replaces Boot's {@code BasicErrorController}.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    private final ClientLanguage language;
    private final MessageTexts texts;

    public ProblemErrorController(ClientLanguage language, MessageTexts texts) {
        this.language = language;
        this.texts = texts;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number && number >= 400 ? number : 500;
        HttpStatus known = HttpStatus.resolve(status);
        String rule = known == null ? "http-" + status : known.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-');
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiProblems.json(status, rule, null, texts.problem(language.of(request), rule,
                        List.of(status), "the request could not be served (HTTP " + status + ")"),
                        uri == null ? null : uri.toString()));
    }
}
