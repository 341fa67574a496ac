package org.huren.domain.assessment;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.huren.domain.common.Change;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.DomainRuleViolation;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An on-site assessment (现场评估) of one member lab: the 11-dimension checklist and its outcome. Closing it
 * with outcome ACCREDITED is what entitles the lab to be accredited for the items it names; the
 * accreditation itself is the alliance's (see {@code Alliance}), written in the same unit of work.
 */
public class OnSiteAssessment {

    @AggregateIdentifier
    private String assessmentId;
    private String allianceId;
    private String labCode;
    private List<String> assessors;
    private java.time.LocalDate visitDate;
    private final Map<Dimension, Verdict> scores = new EnumMap<>(Dimension.class);
    private final Map<Dimension, DimensionScored> scoreEvents = new EnumMap<>(Dimension.class);
    private AssessmentClosed closing;

    protected OnSiteAssessment() {
        // required by Axon
    }

    /** Opens the assessment; {@link Change#UNCHANGED} when it is already open with exactly these details. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Change handle(OpenAssessment command) {
        if (assessmentId != null) {
            if (!Objects.equals(command.allianceId(), allianceId) || !Objects.equals(command.labCode(), labCode)
                    || !command.assessors().equals(assessors) || !Objects.equals(command.visitDate(), visitDate)) {
                throw new ConflictingStateException("request-id-reused", "requestId", "assessment " + assessmentId
                        + " was opened under this request id with other details");
            }
            return Change.UNCHANGED;
        }
        if (command.allianceId() == null || command.allianceId().isBlank()) {
            throw new DomainRuleViolation("invalid-allianceId", "allianceId", "an assessment is made for an alliance");
        }
        if (command.labCode() == null || command.labCode().isBlank()) {
            throw new DomainRuleViolation("invalid-labCode", "labCode", "an assessment is of a member lab");
        }
        if (command.assessors().isEmpty()) {
            throw new DomainRuleViolation("invalid-assessors", "assessors", "an assessment needs its assessors");
        }
        if (command.visitDate() == null) {
            throw new DomainRuleViolation("invalid-visitDate", "visitDate", "an assessment needs its visit date");
        }
        apply(new AssessmentOpened(command.assessmentId(), command.allianceId(), command.labCode(),
                command.assessors(), command.visitDate()));
        return Change.CREATED;
    }

    @CommandHandler
    public void handle(ScoreDimension command) {
        requireOpen();
        if (command.dimension() == null) {
            throw new DomainRuleViolation("invalid-dimension", "dimension",
                    "the dimension must be one of " + EnumSet.allOf(Dimension.class));
        }
        if (command.verdict() == null) {
            throw new DomainRuleViolation("invalid-verdict", "verdict", "a score is PASS, CONDITIONAL or FAIL");
        }
        if (command.verdict() != Verdict.PASS && command.findings().isEmpty()) {
            throw new DomainRuleViolation("findings-required", "findings",
                    "a " + command.verdict().name().toLowerCase() + " score must state its findings");
        }
        DimensionScored scored = new DimensionScored(assessmentId, command.dimension(), command.verdict(),
                command.findings(), command.notes());
        if (scored.equals(scoreEvents.get(command.dimension()))) {
            return; // scored again identically: a retry
        }
        apply(scored);
    }

    /** @return the closing, from which the alliance's accreditation is written in the same unit of work */
    @CommandHandler
    public AssessmentClosing handle(CloseAssessment command) {
        if (closing != null && closing.outcome() == command.outcome()
                && (command.outcome() == AssessmentOutcome.NOT_ACCREDITED
                || closing.itemCodes().equals(command.itemCodes())
                && java.util.Objects.equals(closing.validUntil(), command.validUntil()))) {
            return new AssessmentClosing(closing, true); // a retried closing: answered as it was
        }
        requireOpen();
        if (command.closedBy() == null || command.closedBy().isBlank()) {
            throw new DomainRuleViolation("invalid-closedBy", "closedBy", "say who closes the assessment");
        }
        Set<Dimension> missing = EnumSet.allOf(Dimension.class);
        missing.removeAll(scores.keySet());
        if (!missing.isEmpty()) {
            throw new DomainRuleViolation("dimensions-unscored", "scores",
                    "every dimension must be scored before closing; missing: " + missing);
        }
        if (command.outcome() == null) {
            throw new DomainRuleViolation("invalid-outcome", "outcome", "the outcome is ACCREDITED or NOT_ACCREDITED");
        }
        if (command.outcome() == AssessmentOutcome.ACCREDITED) {
            if (scores.containsValue(Verdict.FAIL)) {
                throw new DomainRuleViolation("failed-dimension", "outcome",
                        "a lab that failed a dimension cannot be accredited");
            }
            if (command.itemCodes().isEmpty()) {
                throw new DomainRuleViolation("invalid-itemCodes", "itemCodes",
                        "an accreditation names at least one catalog item");
            }
            if (command.validUntil() == null || !command.validUntil().isAfter(visitDate)) {
                throw new DomainRuleViolation("invalid-validUntil", "validUntil",
                        "the accreditation must be valid until after the visit (" + visitDate + ")");
            }
        }
        boolean accredited = command.outcome() == AssessmentOutcome.ACCREDITED;
        AssessmentClosed closed = new AssessmentClosed(assessmentId, allianceId, labCode, command.outcome(),
                accredited ? command.itemCodes() : Set.of(), visitDate, accredited ? command.validUntil() : null,
                scores, assessors, command.closedBy());
        apply(closed);
        return new AssessmentClosing(closed, false);
    }

    private void requireOpen() {
        if (closing != null) {
            throw new ConflictingStateException("assessment-closed", "assessmentId",
                    "assessment " + assessmentId + " is closed");
        }
    }

    @EventSourcingHandler
    void on(AssessmentOpened event) {
        assessmentId = event.assessmentId();
        allianceId = event.allianceId();
        labCode = event.labCode();
        assessors = event.assessors();
        visitDate = event.visitDate();
    }

    @EventSourcingHandler
    void on(DimensionScored event) {
        scores.put(event.dimension(), event.verdict());
        scoreEvents.put(event.dimension(), event);
    }

    @EventSourcingHandler
    void on(AssessmentClosed event) {
        closing = event;
    }
}
