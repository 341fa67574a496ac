package org.huren.api.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.DomainRuleViolation;
import org.huren.api.language.ProblemLanguageAdvice;
import org.huren.fhir.read.ReadModelBehindException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.beans.TypeMismatchException;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every error Spring MVC answers as {@code application/problem+json}: a title, a detail, the stable rule code
 * and the offending {@code field} (or a list of {@code errors} with fields, for bean validation). Not limited to
 * HuRen's controllers: an unknown path, a method a path does not allow, an {@code Accept} or {@code Content-Type}
 * it cannot serve are refused before any controller is chosen, and answer in the same form
 * ({@link #handleExceptionInternal}). {@code /fhir} is HAPI's servlet and answers OperationOutcomes itself.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    public static final URI TYPE_BASE = URI.create("https://huren.org/problems/");

    /** A resource named by the URL does not exist. */
    public static class NotFound extends RuntimeException {
        private final String field;

        public NotFound(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiProblems.class);

    private final org.huren.fhir.server.DatabaseAvailability database;
    private final org.huren.api.language.MessageTexts texts;

    public ApiProblems(org.huren.fhir.server.DatabaseAvailability database,
                       org.huren.api.language.MessageTexts texts) {
        this.database = database;
        this.texts = texts;
    }

    /**
     * What no other handler answers: the database unreachable → 503 with {@code Retry-After}; anything else → 500
     * saying only that it happened (the cause, SQL included, goes to the log, never to the client).
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, WebRequest request) {
        if (org.huren.fhir.server.DatabaseAvailability.isUnreachable(e)) {
            database.tripped();
            LOG.warn("database unreachable during {}: {}", request.getDescription(false), e.toString());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "the database cannot be reached just now; retry the request after "
                            + database.retryAfterSeconds() + " s (HuRen's writes are idempotent)");
            problem.setType(TYPE_BASE.resolve("database-unavailable"));
            problem.setTitle("Service unavailable");
            problem.setProperty("rule", "database-unavailable");
            problem.setProperty("field", null);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(database.retryAfterSeconds())).body(problem);
        }
        LOG.error("internal error during {}", request.getDescription(false), e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal error; the server log has its details under this request's X-Request-Id");
        problem.setType(TYPE_BASE.resolve("internal-error"));
        problem.setTitle("Internal error");
        problem.setProperty("rule", "internal-error");
        problem.setProperty("field", null);
        return ResponseEntity.internalServerError().body(problem);
    }

    /** A write whose body names an alliance the caller has no QC role in ({@code @PreAuthorize}, ApiAccess). */
    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ResponseEntity<String> denied(org.springframework.security.access.AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(json(403, "forbidden", "allianceId", texts.problem(
                        org.springframework.context.i18n.LocaleContextHolder.getLocale(), "forbidden", List.of(),
                        "the token has no QC role in the alliance this request names")));
    }

    @ExceptionHandler(ConflictingStateException.class)
    ProblemDetail conflict(ConflictingStateException e, WebRequest request) {
        request.setAttribute(ProblemLanguageAdvice.ARGUMENTS, e.arguments(), WebRequest.SCOPE_REQUEST);
        return rule(HttpStatus.CONFLICT, e);
    }

    @ExceptionHandler(DomainRuleViolation.class)
    ProblemDetail violation(DomainRuleViolation e, WebRequest request) {
        request.setAttribute(ProblemLanguageAdvice.ARGUMENTS, e.arguments(), WebRequest.SCOPE_REQUEST);
        return rule(HttpStatus.UNPROCESSABLE_ENTITY, e);
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e, WebRequest request) {
        if (e.getCause() instanceof DomainRuleViolation violation) {
            ProblemDetail problem = violation instanceof ConflictingStateException conflict
                    ? conflict(conflict, request) : violation(violation, request);
            return ResponseEntity.status(problem.getStatus()).body(problem);
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(TYPE_BASE.resolve("not-found"));
        problem.setProperty("rule", "not-found");
        problem.setProperty("field", e.field);
        return problem;
    }

    /** A check could not wait long enough for its read model: never a refusal on a stale read, but a retry. */
    @ExceptionHandler(ReadModelBehindException.class)
    ResponseEntity<ProblemDetail> readModelBehind(ReadModelBehindException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setType(TYPE_BASE.resolve(ReadModelBehindException.RULE));
        problem.setProperty("rule", ReadModelBehindException.RULE);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "'" + e.getValue() + "' is not a valid " + e.getName()
                        + (e.getRequiredType() != null && e.getRequiredType().isEnum()
                        ? "; one of " + List.of(e.getRequiredType().getEnumConstants()) : ""));
        problem.setType(TYPE_BASE.resolve("invalid-parameter"));
        problem.setProperty("rule", "invalid-parameter");
        problem.setProperty("field", e.getName());
        return problem;
    }

    /** Writes a {@link ProblemDetail} as Spring MVC does (its properties beside the standard members). */
    private static final com.fasterxml.jackson.databind.ObjectMapper PROBLEM_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper().addMixIn(ProblemDetail.class,
                    org.springframework.http.converter.json.ProblemDetailJacksonMixin.class);

    /** A problem+json body for answers written outside Spring MVC (servlet filters), shaped like every other. */
    public static String json(int status, String rule, String field, String detail) {
        return json(status, rule, field, detail, null);
    }

    /** The same, naming the request's path as the problem's {@code instance} (none when null). */
    public static String json(int status, String rule, String field, String detail, String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setType(TYPE_BASE.resolve(rule));
        HttpStatus known = HttpStatus.resolve(status);
        problem.setTitle(known == null ? "HTTP " + status : known.getReasonPhrase());
        if (instance != null) {
            problem.setInstance(path(instance));
        }
        problem.setProperty("rule", rule);
        problem.setProperty("field", field);
        try {
            return PROBLEM_JSON.writeValueAsString(problem);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request path as a URI reference: characters a URI may not hold (the reason of some refusals) are quoted. */
    private static URI path(String path) {
        try {
            return new URI(null, null, path, null);
        } catch (java.net.URISyntaxException e) {
            return URI.create("/");
        }
    }

    /** The problem+json body of a broken rule (422) or a conflict (409). */
    public static ProblemDetail rule(HttpStatus status, DomainRuleViolation e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(TYPE_BASE.resolve(e.rule()));
        problem.setTitle(status == HttpStatus.CONFLICT ? "Conflicts with the current state" : "Business rule broken");
        problem.setProperty("rule", e.rule());
        problem.setProperty("field", e.field());
        return problem;
    }

    /**
     * The refusals Spring MVC words itself (unknown path, method, media types, a missing or invalid parameter): the
     * same problem, with HuRen's {@code type}, {@code rule} and {@code field} — the header or parameter at fault.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> answer = super.handleExceptionInternal(e, body, headers, status, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("rule"))) {
            Refusal refusal = Refusal.of(e, status);
            problem.setType(TYPE_BASE.resolve(refusal.rule()));
            problem.setProperty("rule", refusal.rule());
            problem.setProperty("field", refusal.field());
            if (refusal.detail() != null) {
                problem.setDetail(refusal.detail());
            }
        }
        return answer;
    }

    /** The rule and field of a refusal Spring MVC made, and a detail where Spring's own would mislead. */
    record Refusal(String rule, String field, String detail) {

        static Refusal of(Exception e, HttpStatusCode status) {
            if (e instanceof NoResourceFoundException missing) {
                // Spring words it as a missing static resource: HuRen serves none
                return new Refusal("unknown-path", null, "no resource at " + missing.getHttpMethod() + " /"
                        + missing.getResourcePath());
            }
            if (e instanceof NoHandlerFoundException missing) {
                // worded as the refusal of a path that once reached the static resources (/console/assets only now)
                return new Refusal("unknown-path", null, "no resource at " + missing.getHttpMethod() + " "
                        + missing.getRequestURL());
            }
            if (e instanceof HttpRequestMethodNotSupportedException) {
                return new Refusal("method-not-allowed", null, null);
            }
            if (e instanceof HttpMediaTypeNotAcceptableException) {
                return new Refusal("not-acceptable", "Accept", null);
            }
            if (e instanceof HttpMediaTypeNotSupportedException) {
                return new Refusal("unsupported-media-type", "Content-Type", null);
            }
            if (e instanceof MissingServletRequestParameterException parameter) {
                return new Refusal("missing-parameter", parameter.getParameterName(), null);
            }
            if (e instanceof MissingRequestHeaderException header) {
                return new Refusal("missing-parameter", header.getHeaderName(), null);
            }
            if (e instanceof HandlerMethodValidationException invalid) {
                return new Refusal("invalid-parameter", invalid.getParameterValidationResults().stream()
                        .map(result -> result.getMethodParameter().getParameterName()).findFirst().orElse(null),
                        null);
            }
            if (e instanceof TypeMismatchException mismatch) {
                return new Refusal("invalid-parameter", mismatch.getPropertyName(), null);
            }
            HttpStatus known = HttpStatus.resolve(status.value());
            return new Refusal(known == null ? "http-" + status.value()
                    : known.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), null, null);
        }
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, Object>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.<String, Object>of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e.getBindingResult().getFieldErrors().stream()
                        .map(error -> error.getField() + " " + error.getDefaultMessage())
                        .collect(Collectors.joining("; ")));
        problem.setType(TYPE_BASE.resolve("invalid-request"));
        problem.setTitle("Invalid request");
        problem.setProperty("rule", "invalid-request");
        FieldError first = e.getBindingResult().getFieldError();
        problem.setProperty("field", first == null ? null : first.getField());
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String field = null;
        String detail = "the request body is not valid JSON for this operation";
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            detail = mapping instanceof InvalidFormatException invalid
                    ? "'" + invalid.getValue() + "' is not a valid value for " + field
                    + (invalid.getTargetType().isEnum()
                    ? "; one of " + List.of(invalid.getTargetType().getEnumConstants()) : "")
                    : "cannot read " + field + ": " + mapping.getOriginalMessage();
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(TYPE_BASE.resolve("unreadable-request"));
        problem.setTitle("Unreadable request");
        problem.setProperty("rule", "unreadable-request");
        problem.setProperty("field", field);
        return ResponseEntity.badRequest().body(problem);
    }
}
