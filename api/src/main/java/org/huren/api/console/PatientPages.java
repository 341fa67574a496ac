package org.huren.api.console;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.r4.model.Observation;
import org.huren.api.alliance.ReuseController;
import org.huren.domain.alliance.query.CatalogItemView;
import org.huren.domain.query.ResourcePage;
import org.huren.domain.query.SearchObservations;
import org.huren.domain.query.SearchTotal;
import org.huren.domain.query.StoredResource;
import org.huren.domain.recognition.query.FindReusable;
import org.huren.domain.recognition.query.RecognitionMark;
import org.huren.domain.recognition.query.ResultTag;
import org.huren.domain.recognition.query.ReusableAnswer;
import org.huren.domain.reuse.RetestReason;
import org.huren.domain.reuse.ReuseChoice;
import org.huren.fhir.ingest.EventStoreIndex;
import org.huren.fhir.lab.LabDirectory;
import org.huren.fhir.read.ReadModel;
import org.huren.fhir.server.Caller;
import org.huren.fhir.server.FhirAccess;
import org.huren.fhir.server.ReuseLookups;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The clinician's lookup (调阅): find a patient by a trusted identifier, see their results in the alliance per item with
 * the HR mark (互认), the lab and date, and — ordering an item — whether a recognized result may be reused until when;
 * then reuse it or re-test with a DOMAIN.md §1 reason. The lookup and the outcome are recorded as the same events as
 * {@code POST Observation/$reusable} and {@code POST /api/alliances/{id}/reuse-outcomes}, as the clinician.
 */
@Controller
public class PatientPages {

    /** Most results of one patient shown at once. */
    static final int MAX_RESULTS = 500;

    private final QueryGateway queries;
    private final ReuseController reuse;
    private final ReuseLookups lookups;
    private final FhirAccess records;
    private final FhirContext fhir;
    private final ConsoleNav nav;
    private final ConsoleWrites writes;

    public PatientPages(QueryGateway queries, ReuseController reuse, CommandGateway commands,
                        EventStoreIndex eventStore, LabDirectory labs, FhirContext fhir, ConsoleNav nav,
                        ConsoleWrites writes) {
        this.queries = queries;
        this.reuse = reuse;
        this.lookups = new ReuseLookups(commands, eventStore, labs);
        this.records = new FhirAccess(labs);
        this.fhir = fhir;
        this.nav = nav;
        this.writes = writes;
    }

    /** One result of the patient as the clinician sees it: the item, value, when, which lab, its recognition here. */
    public record ResultRow(String resultId, String itemCode, String itemName, String loinc, String display,
                            BigDecimal value, String unit, String valueText, Instant effectiveAt, String labCode,
                            ResultTag tag) {

        /** Carries the mark HR (互认) on the report. */
        public boolean hr() {
            return tag == ResultTag.RECOGNIZED;
        }
    }

    @GetMapping("/console/alliances/{allianceId}/patients")
    public String patients(@PathVariable String allianceId, @RequestParam(required = false) String identifier,
                           HttpServletRequest request, Model model) {
        Caller caller = requireClinician(request, allianceId);
        nav.addTo(model, caller, allianceId);
        model.addAttribute("identifier", identifier);
        model.addAttribute("reasons", RetestReason.values());
        if (identifier == null || identifier.isBlank()) {
            return "console/patients";
        }
        FhirAccess.View view = view(caller);
        Map<String, CatalogItemView> catalog = nav.catalog(allianceId);
        Map<String, String> itemOfLoinc = new LinkedHashMap<>();
        catalog.values().forEach(v -> v.item().loincCodes().forEach(code -> itemOfLoinc.putIfAbsent(code, v.item()
                .code())));
        ResourcePage page = queries.query(new SearchObservations(List.of(), List.of(), List.of(),
                        List.of(identifier.trim()), List.of(), List.of(), view.narrow(List.of()), List.of(), null,
                        List.of(), List.of(), 0, MAX_RESULTS, SearchTotal.ACCURATE, view.blindLab()),
                ResponseTypes.instanceOf(ResourcePage.class)).join();
        List<ResultRow> rows = new ArrayList<>();
        for (StoredResource stored : page.items()) {
            Observation observation = fhir.newJsonParser().parseResource(Observation.class, stored.resource());
            String loinc = observation.getCode().getCoding().stream()
                    .filter(c -> "http://loinc.org".equals(c.getSystem())).map(c -> c.getCode()).findFirst()
                    .orElse(null);
            String item = loinc == null ? null : itemOfLoinc.get(loinc);
            ResultTag tag = stored.recognition().stream().filter(m -> m.allianceId().equals(allianceId))
                    .map(RecognitionMark::tag).findFirst().orElse(null);
            BigDecimal value = observation.hasValueQuantity() ? observation.getValueQuantity().getValue() : null;
            rows.add(new ResultRow(stored.id(), item, item == null ? null : ConsoleNav.itemName(catalog, item), loinc,
                    observation.getCode().getCodingFirstRep().getDisplay(), value,
                    observation.hasValueQuantity() ? observation.getValueQuantity().getUnit() : null,
                    value == null && observation.hasValue() ? observation.getValue().primitiveValue() : null,
                    observation.hasEffectiveDateTimeType() ? observation.getEffectiveDateTimeType().getValue()
                            .toInstant() : null, stored.labId(), tag));
        }
        rows.sort(Comparator.comparing((ResultRow r) -> r.itemCode() == null ? "~" : r.itemCode())
                .thenComparing(ResultRow::effectiveAt, Comparator.nullsLast(Comparator.reverseOrder())));
        model.addAttribute("results", rows);
        model.addAttribute("total", page.total());
        model.addAttribute("orderable", rows.stream().map(ResultRow::itemCode).filter(java.util.Objects::nonNull)
                .distinct().map(code -> catalog.get(code)).toList());
        return "console/patients";
    }

    /**
     * Ordering an item (开单): asks whether a recognized result may be reused and records the lookup — and, when one is
     * found, the reminder (互认提醒) — as {@code POST Observation/$reusable} does; answers the reminder with the
     * outcome form (drawn into the page by htmx).
     */
    @PostMapping("/console/alliances/{allianceId}/patients/lookups")
    public String lookup(@PathVariable String allianceId, @RequestParam String identifier,
                         @RequestParam String itemCode, @RequestParam(required = false) String department,
                         HttpServletRequest request, Model model) {
        Caller caller = requireClinician(request, allianceId);
        CatalogItemView item = Optional.ofNullable(nav.catalog(allianceId).get(itemCode)).orElseThrow(() ->
                new org.huren.api.web.ApiProblems.NotFound("itemCode", "no item " + itemCode + " in the catalog"));
        FhirAccess.View view = view(caller);
        ReusableAnswer answer = queries.query(new FindReusable(allianceId, List.of(identifier.trim()),
                        item.item().loinc(), Instant.now(), view.blindLab()),
                ResponseTypes.instanceOf(ReusableAnswer.class)).join();
        ReuseLookups.Recorded recorded;
        try {
            recorded = lookups.record(allianceId, caller.lab(), caller.subject(), blankToNull(department),
                    List.of(identifier.trim()), item.item().loinc(), answer);
        } catch (BaseServerResponseException refused) {
            throw new ConsoleAccess.Forbidden(refused.getMessage());
        }
        model.addAttribute("allianceId", allianceId);
        model.addAttribute("identifier", identifier.trim());
        model.addAttribute("itemCode", itemCode);
        model.addAttribute("itemName", ConsoleNav.itemName(nav.catalog(allianceId), itemCode));
        model.addAttribute("answer", answer);
        model.addAttribute("lookupId", recorded.lookupId());
        model.addAttribute("reasons", RetestReason.values());
        return "console/reminder :: reminder";
    }

    /** The clinician's decision on a lookup: reuse, or re-test with a reason — the same event as the API records. */
    @PostMapping("/console/alliances/{allianceId}/patients/outcomes")
    public String outcome(@PathVariable String allianceId, @RequestParam String lookupId,
                          @RequestParam String identifier, @RequestParam ReuseChoice choice,
                          @RequestParam(required = false) RetestReason reason,
                          @RequestParam(required = false) String reasonText,
                          @RequestParam(defaultValue = "false") boolean patientInformed,
                          HttpServletRequest request, RedirectAttributes redirect) {
        Caller caller = requireClinician(request, allianceId);
        writes.write(redirect, ReadModel.RECOGNITION, choice == ReuseChoice.REUSED ? "patients.reused"
                : "patients.retested", () -> reuse.record(allianceId, new ReuseController.OutcomeRequest(lookupId,
                null, caller.subject(), null, null, null, null, null, choice,
                choice == ReuseChoice.RETESTED ? reason : null, blankToNull(reasonText), patientInformed), caller));
        return "redirect:" + UriComponentsBuilder.fromPath("/console/alliances/{a}/patients")
                .queryParam("identifier", identifier).buildAndExpand(allianceId).encode().toUriString();
    }

    private Caller requireClinician(HttpServletRequest request, String allianceId) {
        Caller caller = ConsoleAccess.caller(request);
        if (!nav.clinicianIn(caller, allianceId)) {
            throw new ConsoleAccess.Forbidden("the patient lookup is for clinicians of the member labs of "
                    + allianceId);
        }
        return caller;
    }

    private FhirAccess.View view(Caller caller) {
        try {
            return records.view(caller);
        } catch (BaseServerResponseException refused) {
            throw new ConsoleAccess.Forbidden(refused.getMessage());
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
