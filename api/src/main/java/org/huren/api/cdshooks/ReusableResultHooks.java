package org.huren.api.cdshooks;

import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestContextJson;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestJson;
import ca.uhn.hapi.fhir.cdshooks.api.CdsPrefetchFailureMode;
import ca.uhn.hapi.fhir.cdshooks.api.CdsResolutionStrategyEnum;
import ca.uhn.hapi.fhir.cdshooks.api.CdsService;
import ca.uhn.hapi.fhir.cdshooks.api.CdsServiceFeedback;
import ca.uhn.hapi.fhir.cdshooks.api.CdsServicePrefetch;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceFeedbackJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseJson;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Patient;
import org.huren.fhir.server.Caller;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;

/**
 * HuRen's CDS Hooks services for the doctor's workstation (ADR 0016), registered with HAPI's CDS Hooks registry by
 * their annotations: when a clinician selects lab orders ({@code order-select}) or signs them ({@code order-sign}),
 * a card for each ordered item that already has a recognized, still-valid result of the patient (互认提醒); and the
 * feedback that records whether the clinician reused it or re-tested, and why.
 * <p>
 * The caller is the CDS client's bearer token: a clinician's own, or a machine client's with role CLINICIAN acting
 * for the clinician {@code context.userId} names. Either names the lab that orders; the alliances are that lab's.
 */
@Component
public class ReusableResultHooks {

    static final String ON_SELECT = "huren-reusable-results-order-select";
    static final String ON_SIGN = "huren-reusable-results-order-sign";
    /** The prefetch key of the patient the orders are for. */
    static final String PATIENT = "patient";
    /** The request attribute holding the newest event position of the lookups a hook call recorded. */
    static final String POSITION = ReusableResultHooks.class.getName() + ".position";

    private static final String DESCRIPTION = "For each selected or signed lab order (ServiceRequest coded with "
            + "LOINC or an alliance's catalog) that the patient already has a recognized, still-valid result for in "
            + "an alliance of the ordering lab: a card with the result, its lab, date and HR mark, suggesting to "
            + "cancel the re-test.";

    private final ReuseReminders reminders;
    private final ReminderCards cards;
    private final ReminderOutcomes outcomes;

    public ReusableResultHooks(ReuseReminders reminders, ReminderCards cards, ReminderOutcomes outcomes) {
        this.reminders = reminders;
        this.cards = cards;
        this.outcomes = outcomes;
    }

    @CdsService(value = ON_SELECT, hook = "order-select", title = "互认结果提醒 · Reusable recognized results",
            description = DESCRIPTION, prefetch = @CdsServicePrefetch(value = PATIENT,
            query = "Patient/{{context.patientId}}", source = CdsResolutionStrategyEnum.SERVICE,
            failureMode = CdsPrefetchFailureMode.OMIT))
    public CdsServiceResponseJson onOrderSelect(CdsServiceRequestJson request) {
        return answer(request, true);
    }

    @CdsServiceFeedback(ON_SELECT)
    public CdsServiceFeedbackJson onOrderSelectFeedback(CdsServiceFeedbackJson feedback) {
        outcomes.record(feedback, Caller.of(currentRequest()));
        return feedback;
    }

    @CdsService(value = ON_SIGN, hook = "order-sign", title = "互认结果提醒 · Reusable recognized results",
            description = DESCRIPTION, prefetch = @CdsServicePrefetch(value = PATIENT,
            query = "Patient/{{context.patientId}}", source = CdsResolutionStrategyEnum.SERVICE,
            failureMode = CdsPrefetchFailureMode.OMIT))
    public CdsServiceResponseJson onOrderSign(CdsServiceRequestJson request) {
        return answer(request, false);
    }

    @CdsServiceFeedback(ON_SIGN)
    public CdsServiceFeedbackJson onOrderSignFeedback(CdsServiceFeedbackJson feedback) {
        outcomes.record(feedback, Caller.of(currentRequest()));
        return feedback;
    }

    private CdsServiceResponseJson answer(CdsServiceRequestJson request, boolean selectedOnly) {
        HttpServletRequest http = currentRequest();
        Caller caller = Caller.of(http);
        CdsServiceRequestContextJson context = request.getContext();
        List<DraftOrder> orders = DraftOrders.of(context, selectedOnly);
        ReuseReminders.Reminders found = new ReuseReminders.Reminders(List.of(), -1);
        if (!orders.isEmpty()) {
            String patientId = context.containsKey("patientId") ? context.getString("patientId") : null;
            List<String> identifiers = reminders.patientIdentifiers(
                    request.getPrefetch(PATIENT) instanceof Patient patient ? patient : null, patientId, caller);
            String patientKey = patientId != null ? patientId
                    : String.join(",", identifiers.stream().sorted().toList());
            String userId = context.containsKey("userId") ? context.getString("userId") : null;
            String clinician = ReminderOutcomes.actsForClinicians(caller) && userId != null ? userId
                    : caller.subject();
            found = reminders.remind(new ReuseReminders.Ordering(caller, clinician, identifiers, patientKey),
                    orders);
        }
        http.setAttribute(POSITION, found.position());
        return cards.of(found.reminders(), CardLanguage.of(http),
                ServletUriComponentsBuilder.fromContextPath(http).path("/fhir").toUriString());
    }

    private static HttpServletRequest currentRequest() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    }
}
