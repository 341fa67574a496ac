package org.huren.api.language;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.huren.domain.recognition.Criterion;
import org.huren.domain.recognition.CriterionVerdict;
import org.huren.domain.recognition.query.ResultTag;
import org.huren.fhir.read.StoredResources;
import org.huren.fhir.server.CatalogCodeSystemProvider;
import org.huren.fhir.server.ConceptMapResourceProvider;
import org.huren.fhir.server.Problem;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Words what {@code /fhir} answers in the client's language ({@link ClientLanguage}), at the last moment, from the
 * codes the answer already carries: each OperationOutcome issue of HuRen's (its rejection-reason code and the values
 * its {@link Problem} kept), the displays of HuRen's tags, the reasons of the criteria {@code $recognition}
 * lists, and the titles of an alliance's catalog CodeSystem and of a lab's code map (ConceptMap). Resource
 * providers and the ingest stay monolingual.
 */
@Interceptor
@org.springframework.stereotype.Component
public class FhirLanguageInterceptor {

    private final ClientLanguage language;
    private final MessageTexts texts;

    public FhirLanguageInterceptor(ClientLanguage language, MessageTexts texts) {
        this.language = language;
        this.texts = texts;
    }

    @Hook(Pointcut.SERVER_OUTGOING_FAILURE_OPERATIONOUTCOME)
    public void failure(RequestDetails request, IBaseOperationOutcome outcome) {
        if (outcome instanceof OperationOutcome issues) {
            outcome(locale(request), issues);
        }
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean response(RequestDetails request, ResponseDetails response) {
        if (response.getResponseResource() instanceof Resource resource) {
            resource(locale(request), resource, request.getOperation() != null
                    && request.getOperation().replace("$", "").equals("recognition"));
        }
        return true;
    }

    private Locale locale(RequestDetails request) {
        return request instanceof ServletRequestDetails servlet ? language.of(servlet.getServletRequest())
                : Locale.ENGLISH;
    }

    private void resource(Locale locale, Resource resource, boolean recognition) {
        if (resource instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() != null) {
                    resource(locale, entry.getResource(), false);
                }
                if (entry.getResponse().getOutcome() instanceof OperationOutcome outcome) {
                    outcome(locale, outcome);
                }
            }
            return;
        }
        if (resource instanceof OperationOutcome outcome) {
            outcome(locale, outcome);
        }
        if (resource instanceof CodeSystem catalog
                && catalog.getUserData(CatalogCodeSystemProvider.TITLE_ALLIANCE) instanceof String alliance) {
            catalog.setTitle(texts.catalogTitle(locale, alliance));
        }
        if (resource instanceof ConceptMap codeMap
                && codeMap.getUserData(ConceptMapResourceProvider.TITLE_LAB) instanceof String lab) {
            codeMap.setTitle(texts.codeMapTitle(locale, lab));
        }
        if (recognition && resource instanceof Parameters parameters) {
            criterionReasons(locale, parameters);
        }
        for (Coding tag : resource.getMeta().getTag()) {
            ResultTag.of(tag.getSystem(), tag.getCode()).filter(known -> ResultTag.systems().contains(tag.getSystem()))
                    .ifPresent(known -> tag.setDisplay(texts.tag(locale, known,
                            (String) tag.getUserData(StoredResources.TAG_ALLIANCE))));
        }
    }

    private void outcome(Locale locale, OperationOutcome outcome) {
        for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
            Optional<String> reason = issue.getDetails().getCoding().stream()
                    .filter(coding -> Problem.REASON_SYSTEM.equals(coding.getSystem())).map(Coding::getCode)
                    .findFirst();
            if (reason.isEmpty()) {
                continue;
            }
            List<?> arguments = issue.getUserData(Problem.ARGUMENTS) instanceof List<?> values ? values : List.of();
            issue.setDiagnostics(texts.problem(locale, reason.get(), arguments, issue.getDiagnostics()));
            String rule = texts.rule(locale, reason.get(), arguments);
            if (rule != null) {
                issue.getDetails().setText(rule);
            }
        }
    }

    /** In a language other than English, a criterion's reason is what its verdict means (values stay in evidence). */
    private void criterionReasons(Locale locale, Parameters parameters) {
        if (MessageTexts.english(locale)) {
            return;
        }
        for (Parameters.ParametersParameterComponent decision : parameters.getParameter()) {
            for (Parameters.ParametersParameterComponent criterion : decision.getPart()) {
                if (!"criterion".equals(criterion.getName())) {
                    continue;
                }
                Optional<Criterion> code = part(criterion, "code").map(value -> Criterion.valueOf(value));
                Optional<CriterionVerdict> verdict = part(criterion, "verdict").map(CriterionVerdict::valueOf);
                if (code.isPresent() && verdict.isPresent()) {
                    criterion.getPart().stream().filter(part -> "reason".equals(part.getName())).forEach(part ->
                            part.setValue(new StringType(texts.criterion(locale, code.get(), verdict.get()))));
                }
            }
        }
    }

    private static Optional<String> part(Parameters.ParametersParameterComponent parent, String name) {
        return parent.getPart().stream().filter(part -> name.equals(part.getName()) && part.getValue() != null)
                .map(part -> part.getValue().primitiveValue()).findFirst();
    }
}
