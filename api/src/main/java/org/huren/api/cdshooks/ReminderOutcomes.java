package org.huren.api.cdshooks;

import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceAcceptedSuggestionJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceFeedbackJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCodingJson;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.huren.domain.reuse.RecordReuseOutcome;
import org.huren.domain.reuse.RetestReason;
import org.huren.domain.reuse.ReuseChoice;
import org.huren.domain.reuse.query.GetLookup;
import org.huren.domain.reuse.query.LookupView;
import org.huren.fhir.read.ConfirmedReads;
import org.huren.fhir.read.ReadModel;
import org.huren.fhir.server.Caller;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * What a clinician did with a reminder's card, recorded as the outcome of its lookup — the event
 * {@code POST /api/alliances/{id}/reuse-outcomes} records (ADR 0016): the suggestion accepted is a reuse of the
 * reminded result; the card overridden with one of its re-test reasons is a re-test for that reason (OTHER with the
 * clinician's comment as its text), the patient told why, as the card asks. A card overridden without a reason is
 * dismissed: nothing is recorded, and the reminder stays unanswered. The same feedback again records nothing new;
 * a different outcome for the same card is refused (409).
 */
@Component
public class ReminderOutcomes {

    /** The feedback items' array in the request, the path refusals name. */
    private static final String FIELD = "feedback";

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ConfirmedReads confirmed;

    public ReminderOutcomes(CommandGateway commands, QueryGateway queries, ConfirmedReads confirmed) {
        this.commands = commands;
        this.queries = queries;
        this.confirmed = confirmed;
    }

    /**
     * Whether the caller is a machine client (client credentials: its token's subject is the client itself) acting
     * for clinicians, rather than a clinician signed in.
     */
    static boolean actsForClinicians(Caller caller) {
        return caller.subject().equals(caller.clientId());
    }

    /** Records the outcome of one feedback item of {@code caller}, a clinician of the lab the card was answered to. */
    public void record(CdsServiceFeedbackJson feedback, Caller caller) {
        String card = feedback.getCard();
        if (card == null || card.isBlank()) {
            throw new CdsHooksRefusal(400, "invalid-feedback", FIELD + ".card", "name the card (its uuid)");
        }
        if (feedback.getOutcome() == null) {
            throw new CdsHooksRefusal(400, "invalid-feedback", FIELD + ".outcome", "the outcome is accepted or "
                    + "overridden");
        }
        // a card answered a moment ago is known: a lookup not found is looked for again once the read model is current
        LookupView lookup = confirmed.read(ReadModel.RECOGNITION, () -> queries.query(new GetLookup(card),
                        ResponseTypes.optionalInstanceOf(LookupView.class)).join(), Optional::isPresent)
                // another lab's card is not told apart from no card at all
                .filter(l -> l.reminded() && l.orderingLab().equals(caller.lab()))
                .orElseThrow(() -> new CdsHooksRefusal(422, "unknown-card", FIELD + ".card", "no card " + card
                        + " was answered to a clinician of lab " + caller.lab()));
        // a clinician's own token names them; a CDS client acting for clinicians records the one it asked for
        String clinician = actsForClinicians(caller) ? lookup.clinician() : caller.subject();
        switch (feedback.getOutcome()) {
            case accepted -> {
                String suggestion = ReminderCards.suggestionId(card);
                List<CdsServiceAcceptedSuggestionJson> accepted = feedback.getAcceptedSuggestions();
                if (accepted == null || accepted.stream().noneMatch(s -> suggestion.equals(s.getId()))) {
                    throw new CdsHooksRefusal(422, "unknown-suggestion", FIELD + ".acceptedSuggestions",
                            "card " + card + " suggests one thing, reusing its result: suggestion " + suggestion);
                }
                commands.sendAndWait(new RecordReuseOutcome(card, lookup.allianceId(), clinician, null, null, null,
                        null, lookup.resultId(), ReuseChoice.REUSED, null, null, false));
            }
            case overridden -> {
                CdsServiceResponseCodingJson chosen = feedback.getOverrideReason() == null ? null
                        : feedback.getOverrideReason().getReason();
                if (chosen == null) {
                    return;
                }
                RetestReason reason = RetestReasonCodes.of(chosen).orElseThrow(() -> new CdsHooksRefusal(422,
                        "unknown-reason", FIELD + ".overrideReason.reason", "a re-test reason is one of the card's "
                        + "overrideReasons (" + RetestReasonCodes.SYSTEM + ")"));
                commands.sendAndWait(new RecordReuseOutcome(card, lookup.allianceId(), clinician, null, null, null,
                        null, null, ReuseChoice.RETESTED, reason, feedback.getOverrideReason().getUserComment(),
                        true));
            }
        }
    }
}
