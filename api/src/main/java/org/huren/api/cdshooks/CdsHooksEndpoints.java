package org.huren.api.cdshooks;

import ca.uhn.fhir.context.ConfigurationException;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.hapi.fhir.cdshooks.api.ICdsServiceRegistry;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceFeedbackJson;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.huren.api.alliance.CommandTransactions;
import org.huren.api.web.ApiProblems;
import org.huren.api.web.ReadsFrom;
import org.huren.fhir.read.ReadModel;
import org.huren.fhir.server.HurenHeaders;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The CDS Hooks endpoints (ADR 0016): discovery ({@code GET /cds-services}), a service call
 * ({@code POST /cds-services/{id}}) and its feedback ({@code POST /cds-services/{id}/feedback}), served by HAPI's
 * registry. Not HAPI's controller: its feedback endpoint takes one feedback object where CDS Hooks sends
 * {@code {"feedback": [...]}}, and its errors would not be answered as HuRen answers errors. A call answers the
 * event position of the lookups it recorded, feedback that of the outcomes ({@code X-HuRen-Event-Position}); all the
 * feedback items of one request are recorded in one transaction, or none is. Errors are problem+json.
 */
@RestController
@RequestMapping("/cds-services")
@Hidden
public class CdsHooksEndpoints {

    /** The body of a feedback request. */
    record FeedbackRequest(@JsonProperty("feedback") List<CdsServiceFeedbackJson> feedback) {
    }

    private final ICdsServiceRegistry registry;
    private final CdsHooksWiring.CdsHooksJson json;
    private final CommandTransactions transactions;

    public CdsHooksEndpoints(ICdsServiceRegistry registry, CdsHooksWiring.CdsHooksJson json,
                             CommandTransactions transactions) {
        this.registry = registry;
        this.json = json;
        this.transactions = transactions;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @ReadsFrom({})
    public ResponseEntity<String> discovery() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(write(registry.getCdsServicesJson()));
    }

    @PostMapping(path = "/{serviceId}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ReadsFrom({ReadModel.LAB_RECORDS, ReadModel.RECOGNITION, ReadModel.ALLIANCE})
    public ResponseEntity<String> call(@PathVariable String serviceId, @RequestBody String body,
                                       HttpServletRequest request) {
        known(serviceId);
        JsonNode call = read(body, JsonNode.class);
        String cards = write(unwrapped(() -> registry.callService(serviceId, call)));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_LANGUAGE, CardLanguage.of(request).toLanguageTag());
        if (request.getAttribute(ReusableResultHooks.POSITION) instanceof Long position && position >= 0) {
            answer.header(HurenHeaders.EVENT_POSITION, Long.toString(position));
        }
        return answer.body(cards);
    }

    @PostMapping(path = "/{serviceId}/feedback", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ReadsFrom(ReadModel.RECOGNITION)
    public ResponseEntity<Void> feedback(@PathVariable String serviceId, @RequestBody String body) {
        known(serviceId);
        FeedbackRequest request = read(body, FeedbackRequest.class);
        if (request.feedback() == null || request.feedback().isEmpty() || request.feedback().contains(null)) {
            throw new CdsHooksRefusal(400, "invalid-feedback", "feedback", "a feedback request is "
                    + "{\"feedback\": [...]}, one item per card the clinician acted on");
        }
        List<String> cards = request.feedback().stream().map(CdsServiceFeedbackJson::getCard)
                .filter(Objects::nonNull).toList();
        CommandTransactions.Outcome outcome = transactions.inOneTransaction(cards, () -> {
            for (CdsServiceFeedbackJson item : request.feedback()) {
                unwrapped(() -> registry.callFeedback(serviceId, item));
            }
            return List.of();
        });
        ResponseEntity.HeadersBuilder<?> answer = ResponseEntity.ok();
        if (outcome.position() >= 0) {
            answer.header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position()));
        }
        return answer.build();
    }

    /** 404 for a service this server does not have (HAPI's registry would answer it as a server error). */
    private void known(String serviceId) {
        if (registry.getCdsServicesJson().getServices().stream().noneMatch(s -> s.getId().equals(serviceId))) {
            throw new CdsHooksRefusal(404, "not-found", "serviceId", "no CDS service " + serviceId
                    + " here: GET /cds-services lists them");
        }
    }

    /**
     * What a service method threw, as it threw it: HAPI wraps all but its own server exceptions in a
     * ConfigurationException (a 500), which would hide a refusal, a business rule or a read model behind.
     */
    private static <T> T unwrapped(Supplier<T> call) {
        try {
            return call.get();
        } catch (ConfigurationException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof InvocationTargetException invoked
                        && invoked.getTargetException() instanceof RuntimeException thrown) {
                    throw thrown;
                }
            }
            throw e;
        }
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.mapper().readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new CdsHooksRefusal(400, "invalid-json", "body", "the body is not the JSON CDS Hooks expects: "
                    + e.getOriginalMessage());
        }
    }

    private String write(Object value) {
        try {
            return json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write CDS Hooks JSON", e);
        }
    }

    @ExceptionHandler(CdsHooksRefusal.class)
    ResponseEntity<ProblemDetail> refused(CdsHooksRefusal e) {
        return problem(e.status(), e.rule(), e.field(), e.getMessage());
    }

    /** HAPI's refusals of a request: no hook, hookInstance or context (400), a prefetch it could not use (412)… */
    @ExceptionHandler(BaseServerResponseException.class)
    ResponseEntity<ProblemDetail> refusedByHapi(BaseServerResponseException e) {
        return problem(e.getStatusCode(), switch (e.getStatusCode()) {
            case 400 -> "invalid-request";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 412 -> "precondition-failed";
            default -> "refused";
        }, null, e.getMessage());
    }

    /** A FHIR resource in the request (a draft order, the prefetched patient) that HuRen's strict parser refuses. */
    @ExceptionHandler(DataFormatException.class)
    ResponseEntity<ProblemDetail> invalidResource(DataFormatException e) {
        return problem(400, "invalid-resource", "context", "a FHIR resource in the request is not valid R4 JSON: "
                + e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(int status, String rule, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        problem.setType(ApiProblems.TYPE_BASE.resolve(rule));
        problem.setProperty("rule", rule);
        problem.setProperty("field", field);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
