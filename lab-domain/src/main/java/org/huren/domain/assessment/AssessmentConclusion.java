package org.huren.domain.assessment;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.huren.domain.alliance.AccreditLab;

/**
 * Coordinates the two aggregates an assessment's closing touches: the {@link OnSiteAssessment} closes, and an
 * ACCREDITED outcome accredits the lab in its alliance. A command handler, not a saga: a saga would accredit in a
 * later transaction, after the closing was answered, and a reader of the closing's position could miss the
 * accreditation. Its commands join the unit of work of {@link ConcludeAssessment}, so both are written or neither,
 * and a retry of the whole write sends both again.
 */
public class AssessmentConclusion {

    private final CommandGateway commands;

    public AssessmentConclusion(CommandGateway commands) {
        this.commands = commands;
    }

    /** @return the closing event (as the assessment answered it, also for a repeated request) */
    @CommandHandler
    public AssessmentClosed handle(ConcludeAssessment command) {
        AssessmentClosing closing = commands.sendAndWait(new CloseAssessment(command.assessmentId(),
                command.outcome(), command.itemCodes(), command.validUntil(), command.closedBy()));
        AssessmentClosed closed = closing.closed();
        // a repeated closing must not accredit again: a withdrawal since then would be undone
        if (!closing.alreadyClosed() && closed.outcome() == AssessmentOutcome.ACCREDITED) {
            commands.sendAndWait(new AccreditLab(closed.allianceId(), closed.labCode(), closed.itemCodes(),
                    closed.validFrom(), closed.validUntil(), closed.assessmentId(), closed.assessors()));
        }
        return closed;
    }
}
