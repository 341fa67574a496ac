package org.huren.api.alliance;

import org.springframework.security.access.prepost.PreAuthorize;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.huren.api.web.ApiProblems;
import org.huren.api.web.openapi.Creates;
import org.huren.api.web.ReadsFrom;
import org.huren.domain.alliance.query.AssessmentView;
import org.huren.domain.alliance.query.FindMemberLabs;
import org.huren.domain.alliance.query.GetAssessment;
import org.huren.domain.alliance.query.MemberLabView;
import org.huren.domain.assessment.AssessmentOutcome;
import org.huren.domain.assessment.ConcludeAssessment;
import org.huren.domain.assessment.Dimension;
import org.huren.domain.assessment.OpenAssessment;
import org.huren.domain.assessment.ScoreDimension;
import org.huren.domain.assessment.Verdict;
import org.huren.domain.common.Change;
import org.huren.domain.common.DomainRuleViolation;
import org.huren.fhir.read.ConfirmedReads;
import org.huren.fhir.read.ReadModel;
import org.huren.fhir.server.HurenHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * On-site assessments (现场评估): open, score the 11 dimensions, close — and on an ACCREDITED outcome the
 * lab's accreditation (项目准入) is written in the same transaction, or nothing is.
 */
@RestController
@RequestMapping("/api/assessments")
@Tag(name = "On-site assessments", description = "现场评估 over the 11 dimensions, closing with accreditation")
public class AssessmentController {

    private final CommandTransactions commands;
    private final QueryGateway queries;
    private final ConfirmedReads confirmed;

    public AssessmentController(CommandTransactions commands, QueryGateway queries,
                                ConfirmedReads confirmed) {
        this.commands = commands;
        this.queries = queries;
        this.confirmed = confirmed;
    }

    /** {@code requestId}: a client's id for this request; the same id again opens nothing new. */
    @Schema(example = """
            {"allianceId": "jiangcheng", "labCode": "JC-CHC1", "assessors": ["李明", "张华"],
            "visitDate": "2025-03-10", "requestId": "jc-chc1-visit-2025-03"}""")
    public record OpenRequest(@NotBlank String allianceId, @NotBlank String labCode,
                              @NotEmpty List<@NotBlank String> assessors, @NotNull LocalDate visitDate,
                              String requestId) {
    }

    @Schema(example = """
            {"verdict": "PASS", "findings": [], "notes": "室内质控记录完整"}""")
    public record ScoreRequest(@NotNull Verdict verdict, List<String> findings, String notes) {
    }

    @Schema(example = """
            {"outcome": "ACCREDITED", "itemCodes": ["GLU", "K"], "validUntil": "2027-03-31", "closedBy": "李明"}""")
    public record CloseRequest(@NotNull AssessmentOutcome outcome, Set<String> itemCodes, LocalDate validUntil,
                               @NotBlank String closedBy) {
    }

    public record Opened(String assessmentId) {
    }

    @PostMapping
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "Open an assessment of a member lab")
    @Creates(value = "The assessment is open", location = "/api/assessments/{assessmentId}")
    @PreAuthorize("@apiAccess.qualityIn('ASSESSOR', #request.allianceId()) or @apiAccess.qualityIn('QC_MANAGER', #request.allianceId())")
    public ResponseEntity<Opened> open(@Valid @RequestBody OpenRequest request) {
        String id = request.requestId() == null || request.requestId().isBlank() ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(("assessment\u0000" + request.requestId()).getBytes(StandardCharsets.UTF_8))
                .toString();
        // the same request again is answered by the assessment itself: unchanged, or refused when it differs; only a
        // new one needs a member lab (a lab enrolled a moment ago is one: a refusal is confirmed first)
        if (queries.query(new GetAssessment(id), ResponseTypes.optionalInstanceOf(AssessmentView.class)).join()
                .isEmpty()) {
            List<MemberLabView> membership = confirmed.read(ReadModel.ALLIANCE, () -> queries.query(
                            new FindMemberLabs(request.allianceId(), request.labCode(), null, null, null),
                            ResponseTypes.multipleInstancesOf(MemberLabView.class)).join(),
                    m -> !m.isEmpty() && !"WITHDRAWN".equals(m.get(0).status()));
            if (membership.isEmpty() || "WITHDRAWN".equals(membership.get(0).status())) {
                throw new DomainRuleViolation("not-a-member", "labCode",
                        "lab " + request.labCode() + " is not a member of alliance " + request.allianceId());
            }
        }
        CommandTransactions.Outcome outcome = commands.send(List.of(id), new OpenAssessment(id, request.allianceId(),
                request.labCode(), request.assessors(), request.visitDate()));
        ResponseEntity.BodyBuilder answer = outcome.results().get(0) == Change.CREATED
                ? ResponseEntity.created(URI.create("/api/assessments/" + id)) : ResponseEntity.ok();
        return answer.header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position())).body(new Opened(id));
    }

    @PutMapping("/{assessmentId}/scores/{dimension}")
    @Operation(summary = "Score one of the 11 dimensions (again, while open)")
    public ResponseEntity<Void> score(@PathVariable String assessmentId, @PathVariable Dimension dimension,
                                      @Valid @RequestBody ScoreRequest request) {
        CommandTransactions.Outcome outcome = commands.sendToExisting(assessmentId, () -> unknown(assessmentId),
                new ScoreDimension(assessmentId, dimension, request.verdict(), request.findings(), request.notes()));
        return ResponseEntity.ok().header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position())).build();
    }

    @PostMapping("/{assessmentId}/closure")
    @Operation(summary = "Close with the outcome; ACCREDITED accredits the lab for the items until validUntil")
    public ResponseEntity<Void> close(@PathVariable String assessmentId, @Valid @RequestBody CloseRequest request) {
        // the assessment closes and, when ACCREDITED, the lab is accredited: one command, one transaction
        CommandTransactions.Outcome outcome = commands.sendToExisting(assessmentId, () -> unknown(assessmentId),
                new ConcludeAssessment(assessmentId, request.outcome(), request.itemCodes(), request.validUntil(),
                        request.closedBy()));
        return ResponseEntity.ok().header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position())).build();
    }

    @GetMapping("/{assessmentId}")
    @ReadsFrom(ReadModel.ALLIANCE)
    public AssessmentView assessment(@PathVariable String assessmentId) {
        return queries.query(new GetAssessment(assessmentId), ResponseTypes.optionalInstanceOf(AssessmentView.class))
                .join().orElseThrow(() -> new ApiProblems.NotFound("assessmentId", "no assessment " + assessmentId));
    }

    private static ApiProblems.NotFound unknown(String assessmentId) {
        return new ApiProblems.NotFound("assessmentId", "no assessment " + assessmentId);
    }

}
