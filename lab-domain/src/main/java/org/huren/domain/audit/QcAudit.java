package org.huren.domain.audit;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.huren.domain.alliance.AllianceTime;
import org.huren.domain.common.Change;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.DomainRuleViolation;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A QC audit (质控督查) of one member lab: its findings and each finding's corrective action (整改) from assignment
 * through the lab's submission to a QC manager's verification or rejection, reopening, and the overdue flag the
 * deadline manager raises. Every step is an event with who; nothing is edited in place; a step out of order is
 * refused with the state it met.
 */
public class QcAudit {

    public static final String DUE = "corrective-action-due";

    /** Where a finding's corrective action stands. */
    public enum ActionState {
        NONE, ASSIGNED, SUBMITTED, REJECTED, VERIFIED
    }

    @AggregateIdentifier
    private String auditId;
    /** How it was opened, to tell a repeated opening from another audit under the same id. */
    private AuditOpened opened;
    private String allianceId;
    private String labCode;
    private List<org.huren.domain.assessment.Dimension> dimensions = List.of();
    private boolean closed;
    private final Map<String, ActionState> findings = new HashMap<>();
    private final Map<String, LocalDate> dueDates = new HashMap<>();
    /** How many times each finding's action was assigned: a deadline belongs to one assignment. */
    private final Map<String, Integer> assignments = new HashMap<>();

    protected QcAudit() {
        // required by Axon
    }

    /** Opens the audit; {@link Change#UNCHANGED} when it is already open with exactly these details. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Change handle(OpenAudit command) {
        AuditOpened wanted = new AuditOpened(command.auditId(), command.allianceId(), command.labCode(),
                command.kind(), command.auditors(), command.auditDate(), command.dimensions(), command.itemCodes(),
                command.openedBy());
        if (opened != null) {
            if (!opened.equals(wanted)) {
                throw new ConflictingStateException("request-id-reused", "requestId", "audit " + auditId
                        + " was opened under this request id with other details");
            }
            return Change.UNCHANGED;
        }
        require(notBlank(command.allianceId()), "allianceId", "an audit is made within an alliance");
        require(notBlank(command.labCode()), "labCode", "say which lab is audited");
        require(command.kind() != null, "kind", "SCHEDULED or UNANNOUNCED");
        require(!command.auditors().isEmpty(), "auditors", "name the auditors");
        require(command.auditDate() != null, "auditDate", "say when the audit takes place");
        require(notBlank(command.openedBy()), "openedBy", "say who opens the audit");
        apply(wanted);
        return Change.CREATED;
    }

    @CommandHandler
    public void handle(RecordFinding command) {
        if (closed) {
            throw new ConflictingStateException("audit-closed", "auditId", "audit " + auditId + " is closed: "
                    + "record the finding in a new audit");
        }
        require(notBlank(command.findingId()), "findingId", "a finding needs an id");
        require(command.dimension() != null, "dimension", "say which of the 11 dimensions it concerns");
        require(dimensions.isEmpty() || dimensions.contains(command.dimension()), "dimension",
                "dimension " + command.dimension() + " is outside this audit's scope " + dimensions);
        require(command.severity() != null, "severity", "MAJOR, MINOR or OBSERVATION");
        require(notBlank(command.description()), "description", "describe the finding");
        require(notBlank(command.recordedBy()), "recordedBy", "say who recorded it");
        if (findings.containsKey(command.findingId())) {
            throw new ConflictingStateException("finding-recorded", "findingId", "finding " + command.findingId()
                    + " is already recorded: findings are not edited");
        }
        apply(new FindingRecorded(auditId, allianceId, labCode, command.findingId(), command.dimension(),
                command.severity(), command.description(), command.evidence(), command.affectedItems(),
                command.recordedBy()));
    }

    @CommandHandler
    public void handle(AssignCorrectiveAction command, DeadlineManager deadlines) {
        ActionState state = finding(command.findingId());
        refuseIf(state == ActionState.VERIFIED || state == ActionState.SUBMITTED, command.findingId(), state,
                "(re)assigned: verify or reject the submitted action, or reopen the closed finding, first");
        require(notBlank(command.owner()), "owner", "say who owns the corrective action");
        require(command.dueDate() != null, "dueDate", "give the action a due date");
        require(notBlank(command.assignedBy()), "assignedBy", "say who assigns the action");
        apply(new CorrectiveActionAssigned(auditId, allianceId, labCode, command.findingId(), command.owner(),
                command.dueDate(), command.assignedBy()));
        // only the latest assignment's deadline counts: an earlier one finds a later assignment number
        deadlines.schedule(AllianceTime.endOf(command.dueDate()), DUE,
                new CorrectiveActionDue(command.findingId(), command.dueDate(), assignments.get(command.findingId())));
    }

    @CommandHandler
    public void handle(SubmitCorrectiveAction command) {
        ActionState state = finding(command.findingId());
        refuseIf(state != ActionState.ASSIGNED && state != ActionState.REJECTED, command.findingId(), state,
                "submitted (only an assigned or rejected action is)");
        require(notBlank(command.response()), "response", "say what the lab did");
        require(notBlank(command.submittedBy()), "submittedBy", "say who submits");
        apply(new CorrectiveActionSubmitted(auditId, allianceId, labCode, command.findingId(), command.response(),
                command.evidence(), command.submittedBy()));
    }

    @CommandHandler
    public void handle(RejectCorrectiveAction command) {
        ActionState state = finding(command.findingId());
        refuseIf(state != ActionState.SUBMITTED, command.findingId(), state, "rejected (only a submitted action is)");
        require(notBlank(command.reason()), "reason", "say why the action is rejected");
        require(notBlank(command.rejectedBy()), "rejectedBy", "say which QC manager rejects");
        apply(new CorrectiveActionRejected(auditId, allianceId, labCode, command.findingId(), command.reason(),
                command.rejectedBy()));
    }

    @CommandHandler
    public void handle(VerifyCorrectiveAction command) {
        ActionState state = finding(command.findingId());
        refuseIf(state != ActionState.SUBMITTED, command.findingId(), state, "verified (only a submitted action is)");
        require(notBlank(command.verifiedBy()), "verifiedBy", "say which QC manager verifies");
        apply(new CorrectiveActionVerified(auditId, allianceId, labCode, command.findingId(), command.note(),
                command.verifiedBy()));
    }

    @CommandHandler
    public void handle(ReopenFinding command) {
        ActionState state = finding(command.findingId());
        refuseIf(state != ActionState.VERIFIED, command.findingId(), state, "reopened (only a closed finding is)");
        require(notBlank(command.reason()), "reason", "say why the finding is reopened");
        require(notBlank(command.reopenedBy()), "reopenedBy", "say who reopens the finding");
        apply(new FindingReopened(auditId, allianceId, labCode, command.findingId(), command.reason(),
                command.reopenedBy()));
    }

    @CommandHandler
    public void handle(CloseAudit command) {
        if (closed) {
            throw new ConflictingStateException("audit-closed", "auditId", "audit " + auditId + " is already closed");
        }
        require(notBlank(command.closedBy()), "closedBy", "say who closes the audit");
        apply(new AuditClosed(auditId, allianceId, labCode, command.summary(), command.closedBy()));
    }

    @DeadlineHandler(deadlineName = DUE)
    public void on(CorrectiveActionDue due) {
        ActionState state = findings.get(due.findingId());
        // a later assignment (or a reopening) has its own deadline: this one is void
        if (state != null && state != ActionState.VERIFIED && state != ActionState.NONE
                && due.assignment() == assignments.getOrDefault(due.findingId(), 0)) {
            apply(new CorrectiveActionOverdue(auditId, allianceId, labCode, due.findingId(), due.dueDate()));
        }
    }

    private ActionState finding(String findingId) {
        ActionState state = findings.get(findingId);
        if (state == null) {
            throw new DomainRuleViolation("unknown-finding", "findingId", "audit " + auditId + " has no finding "
                    + findingId);
        }
        return state;
    }

    private static void refuseIf(boolean condition, String findingId, ActionState state, String what) {
        if (condition) {
            throw new ConflictingStateException("illegal-transition", "findingId", "the corrective action of "
                    + "finding " + findingId + " is " + state + ": it cannot be " + what);
        }
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    private static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new DomainRuleViolation("invalid-" + field, field, message);
        }
    }

    @EventSourcingHandler
    void on(AuditOpened event) {
        opened = event;
        auditId = event.auditId();
        allianceId = event.allianceId();
        labCode = event.labCode();
        dimensions = event.dimensions();
    }

    @EventSourcingHandler
    void on(FindingRecorded event) {
        findings.put(event.findingId(), ActionState.NONE);
    }

    @EventSourcingHandler
    void on(CorrectiveActionAssigned event) {
        findings.put(event.findingId(), ActionState.ASSIGNED);
        dueDates.put(event.findingId(), event.dueDate());
        assignments.merge(event.findingId(), 1, Integer::sum);
    }

    @EventSourcingHandler
    void on(CorrectiveActionSubmitted event) {
        findings.put(event.findingId(), ActionState.SUBMITTED);
    }

    @EventSourcingHandler
    void on(CorrectiveActionRejected event) {
        findings.put(event.findingId(), ActionState.REJECTED);
    }

    @EventSourcingHandler
    void on(CorrectiveActionVerified event) {
        findings.put(event.findingId(), ActionState.VERIFIED);
    }

    @EventSourcingHandler
    void on(FindingReopened event) {
        findings.put(event.findingId(), ActionState.NONE);
        dueDates.remove(event.findingId());
    }

    @EventSourcingHandler
    void on(AuditClosed event) {
        closed = true;
    }
}
