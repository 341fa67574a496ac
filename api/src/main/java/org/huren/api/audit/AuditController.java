package org.huren.api.audit;

import org.springframework.http.MediaType;
import org.huren.api.web.csv.CsvExport;
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
import org.huren.api.web.ReadsFrom;
import org.huren.fhir.read.ReadModel;
import org.huren.api.alliance.CommandTransactions;
import org.huren.api.web.ApiProblems;
import org.huren.api.web.openapi.Creates;
import org.huren.domain.assessment.Dimension;
import org.huren.domain.common.Change;
import org.huren.domain.audit.AssignCorrectiveAction;
import org.huren.domain.audit.AuditKind;
import org.huren.domain.audit.CloseAudit;
import org.huren.domain.audit.OpenAudit;
import org.huren.domain.audit.RecordFinding;
import org.huren.domain.audit.RejectCorrectiveAction;
import org.huren.domain.audit.ReopenFinding;
import org.huren.domain.audit.Severity;
import org.huren.domain.audit.SubmitCorrectiveAction;
import org.huren.domain.audit.VerifyCorrectiveAction;
import org.huren.domain.audit.query.AuditTrail;
import org.huren.domain.audit.query.FindingView;
import org.huren.domain.audit.query.GetAuditTrail;
import org.huren.domain.audit.query.GetFindingHeatMap;
import org.huren.domain.audit.query.GetTimeToClose;
import org.huren.domain.audit.query.HeatCell;
import org.huren.domain.audit.query.ListFindings;
import org.huren.domain.audit.query.ListOverdueActions;
import org.huren.domain.audit.query.TimeToClose;
import org.huren.fhir.server.HurenHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * QC audits (质控督查): open scheduled or unannounced audits of member labs, record findings against the 11
 * dimensions, follow each corrective action (整改) — assigned, submitted, rejected or verified, reopened, flagged
 * overdue by itself — and review open findings, overdue actions, time to close, the heat map and each trail.
 */
@RestController
@RequestMapping("/api/audits")
@Tag(name = "Audits", description = "质控督查: findings and corrective actions; major findings suspend recognition")
public class AuditController {

    private final CommandTransactions commands;
    private final QueryGateway queries;

    public AuditController(CommandTransactions commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @Schema(example = """
            {"requestId": "jc-audit-2025-05", "allianceId": "jiangcheng", "labCode": "JC-CHC1",
            "kind": "UNANNOUNCED", "auditors": ["王芳"], "auditDate": "2025-05-20", "dimensions": ["IQC", "EQA"],
            "itemCodes": ["GLU"], "openedBy": "王芳"}""")
    public record AuditRequest(@NotBlank String requestId, @NotBlank String allianceId, @NotBlank String labCode,
                               @NotNull AuditKind kind, @NotEmpty List<String> auditors, @NotNull LocalDate auditDate,
                               List<Dimension> dimensions, List<String> itemCodes, @NotBlank String openedBy) {
    }

    @PostMapping
    @Operation(summary = "Open a scheduled or unannounced audit of a member lab (scope: dimensions, items)")
    @Creates(value = "The audit is open", location = "/api/audits/{auditId}")
    @PreAuthorize("@apiAccess.qualityIn('AUDITOR', #request.allianceId()) or @apiAccess.qualityIn('QC_MANAGER', #request.allianceId())")
    public ResponseEntity<Map<String, Object>> open(@Valid @RequestBody AuditRequest request) {
        String auditId = UUID.nameUUIDFromBytes(("audit\u0000" + request.allianceId() + "\u0000" + request.requestId())
                .getBytes(StandardCharsets.UTF_8)).toString();
        // the same request again is answered by the audit itself: unchanged, or refused when it differs
        CommandTransactions.Outcome outcome = commands.send(List.of(auditId), new OpenAudit(auditId,
                request.allianceId(), request.labCode(), request.kind(), request.auditors(), request.auditDate(),
                request.dimensions(), request.itemCodes(), request.openedBy()));
        ResponseEntity.BodyBuilder answer = outcome.results().get(0) == Change.CREATED
                ? ResponseEntity.created(URI.create("/api/audits/" + auditId)) : ResponseEntity.ok();
        return answer.header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position()))
                .body(Map.of("auditId", auditId));
    }

    @Schema(example = """
            {"findingId": "F1", "dimension": "IQC", "severity": "MINOR", "description": "失控后未记录纠正措施",
            "evidence": ["IQC log 2025-05"], "affectedItems": ["GLU"], "recordedBy": "王芳"}""")
    public record FindingRequest(@NotBlank String findingId, @NotNull Dimension dimension, @NotNull Severity severity,
                                 @NotBlank String description, List<String> evidence, List<String> affectedItems,
                                 @NotBlank String recordedBy) {
    }

    @PostMapping("/{auditId}/findings")
    @Operation(summary = "Record a finding: dimension, severity, description, evidence, affected items (none: the "
            + "whole lab). A MAJOR finding suspends recognition of what it affects until its action is verified")
    @Creates(value = "The finding is recorded", location = "/api/audits/{auditId}/findings/{findingId}")
    public ResponseEntity<Void> finding(@PathVariable String auditId, @Valid @RequestBody FindingRequest request) {
        return written(auditId, HttpStatus.CREATED, URI.create("/api/audits/" + auditId + "/findings/"
                + request.findingId()), new RecordFinding(auditId, request.findingId(),
                request.dimension(), request.severity(), request.description(), request.evidence(),
                request.affectedItems(), request.recordedBy()));
    }

    @Schema(example = """
            {"owner": "城关镇社区卫生服务中心检验室 质控员", "dueDate": "2025-06-30", "assignedBy": "王芳"}""")
    public record AssignRequest(@NotBlank String owner, @NotNull LocalDate dueDate, String assignedBy) {
    }

    @PostMapping("/{auditId}/findings/{findingId}/action")
    @Operation(summary = "Assign the corrective action: owner and due date (flagged overdue at its end if not verified)")
    public ResponseEntity<Void> assign(@PathVariable String auditId, @PathVariable String findingId,
                                       @Valid @RequestBody AssignRequest request) {
        return written(auditId, HttpStatus.OK, null, new AssignCorrectiveAction(auditId, findingId, request.owner(),
                request.dueDate(), request.assignedBy()));
    }

    @Schema(example = """
            {"response": "补记失控处理记录, 培训全体检验人员", "evidence": ["培训签到表 2025-06-10"], "submittedBy": "赵敏"}""")
    public record SubmitRequest(@NotBlank String response, List<String> evidence, @NotBlank String submittedBy) {
    }

    @PostMapping("/{auditId}/findings/{findingId}/action/submission")
    @Operation(summary = "The lab submits its corrective action with evidence")
    public ResponseEntity<Void> submit(@PathVariable String auditId, @PathVariable String findingId,
                                       @Valid @RequestBody SubmitRequest request) {
        return written(auditId, HttpStatus.OK, null, new SubmitCorrectiveAction(auditId, findingId, request.response(),
                request.evidence(), request.submittedBy()));
    }

    @Schema(example = """
            {"reason": "缺少失控原因分析", "rejectedBy": "王芳"}""")
    public record RejectRequest(@NotBlank String reason, @NotBlank String rejectedBy) {
    }

    @PostMapping("/{auditId}/findings/{findingId}/action/rejection")
    @Operation(summary = "A QC manager rejects the submitted action, saying why")
    public ResponseEntity<Void> reject(@PathVariable String auditId, @PathVariable String findingId,
                                       @Valid @RequestBody RejectRequest request) {
        return written(auditId, HttpStatus.OK, null, new RejectCorrectiveAction(auditId, findingId, request.reason(),
                request.rejectedBy()));
    }

    @Schema(example = """
            {"note": "整改到位", "verifiedBy": "王芳"}""")
    public record VerifyRequest(String note, @NotBlank String verifiedBy) {
    }

    @PostMapping("/{auditId}/findings/{findingId}/action/verification")
    @Operation(summary = "A QC manager verifies the submitted action: the finding is closed")
    public ResponseEntity<Void> verify(@PathVariable String auditId, @PathVariable String findingId,
                                       @Valid @RequestBody VerifyRequest request) {
        return written(auditId, HttpStatus.OK, null, new VerifyCorrectiveAction(auditId, findingId, request.note(),
                request.verifiedBy()));
    }

    @Schema(example = """
            {"reason": "复查再次发现同类问题", "reopenedBy": "王芳"}""")
    public record ReopenRequest(@NotBlank String reason, @NotBlank String reopenedBy) {
    }

    @PostMapping("/{auditId}/findings/{findingId}/reopening")
    @Operation(summary = "Reopen a closed finding: a new corrective action is needed")
    public ResponseEntity<Void> reopen(@PathVariable String auditId, @PathVariable String findingId,
                                       @Valid @RequestBody ReopenRequest request) {
        return written(auditId, HttpStatus.OK, null, new ReopenFinding(auditId, findingId, request.reason(),
                request.reopenedBy()));
    }

    @Schema(example = """
            {"summary": "现场督查结束, 1项一般问题待整改", "closedBy": "王芳"}""")
    public record CloseRequest(String summary, @NotBlank String closedBy) {
    }

    @PostMapping("/{auditId}/closure")
    @Operation(summary = "Close the audit visit (its findings' actions go on)")
    public ResponseEntity<Void> close(@PathVariable String auditId, @Valid @RequestBody CloseRequest request) {
        return written(auditId, HttpStatus.OK, null, new CloseAudit(auditId, request.summary(), request.closedBy()));
    }

    @GetMapping("/{auditId}")
    @ReadsFrom(ReadModel.AUDIT)
    @Operation(summary = "An audit with its findings and full trail (every step, who, when, the event behind it)")
    public AuditTrail trail(@PathVariable String auditId) {
        return queries.query(new GetAuditTrail(auditId), ResponseTypes.optionalInstanceOf(AuditTrail.class)).join()
                .orElseThrow(() -> new ApiProblems.NotFound("auditId", "no audit " + auditId));
    }

    @GetMapping("/{auditId}/findings/{findingId}")
    @ReadsFrom(ReadModel.AUDIT)
    @Operation(summary = "A finding of an audit and where its corrective action stands")
    public FindingView finding(@PathVariable String auditId, @PathVariable String findingId) {
        return trail(auditId).findings().stream().filter(f -> f.findingId().equals(findingId)).findFirst()
                .orElseThrow(() -> new ApiProblems.NotFound("findingId", "no finding " + findingId + " in audit "
                        + auditId));
    }

    @GetMapping(value = "/findings", produces = {MediaType.APPLICATION_JSON_VALUE, CsvExport.TEXT_CSV})
    @CsvExport("audit-findings-{alliance}")
    @ReadsFrom(ReadModel.AUDIT)
    @Operation(summary = "Findings of an alliance by lab, dimension and severity; open only by default")
    public List<FindingView> findings(@RequestParam String alliance, @RequestParam(required = false) String lab,
                                      @RequestParam(required = false) Dimension dimension,
                                      @RequestParam(required = false) Severity severity,
                                      @RequestParam(defaultValue = "true") boolean openOnly) {
        return queries.query(new ListFindings(alliance, lab, dimension == null ? null : dimension.name(),
                        severity == null ? null : severity.name(), openOnly),
                ResponseTypes.multipleInstancesOf(FindingView.class)).join();
    }

    @GetMapping(value = "/overdue-actions", produces = {MediaType.APPLICATION_JSON_VALUE, CsvExport.TEXT_CSV})
    @CsvExport("audit-overdue-actions-{alliance}")
    @ReadsFrom(ReadModel.AUDIT)
    @Operation(summary = "Corrective actions flagged overdue and not yet verified")
    public List<FindingView> overdue(@RequestParam String alliance) {
        return queries.query(new ListOverdueActions(alliance), ResponseTypes.multipleInstancesOf(FindingView.class))
                .join();
    }

    @GetMapping(value = "/time-to-close", produces = {MediaType.APPLICATION_JSON_VALUE, CsvExport.TEXT_CSV})
    @CsvExport("audit-time-to-close-{alliance}")
    @ReadsFrom(ReadModel.AUDIT)
    @Operation(summary = "Days from finding to verified action, per severity (mean, median, max)")
    public List<TimeToClose> timeToClose(@RequestParam String alliance) {
        return queries.query(new GetTimeToClose(alliance), ResponseTypes.multipleInstancesOf(TimeToClose.class))
                .join();
    }

    @GetMapping(value = "/heat-map", produces = {MediaType.APPLICATION_JSON_VALUE, CsvExport.TEXT_CSV})
    @CsvExport("audit-heat-map-{alliance}")
    @ReadsFrom(ReadModel.AUDIT)
    @Operation(summary = "Findings per lab × dimension × month")
    public List<HeatCell> heatMap(@RequestParam String alliance) {
        return queries.query(new GetFindingHeatMap(alliance), ResponseTypes.multipleInstancesOf(HeatCell.class))
                .join();
    }

    private ResponseEntity<Void> written(String auditId, HttpStatus status, URI location, Object command) {
        // no such audit: its aggregate refuses the command
        CommandTransactions.Outcome outcome = commands.sendToExisting(auditId,
                () -> new ApiProblems.NotFound("auditId", "no audit " + auditId), command);
        // the same finding again records nothing: 200, as for every repeated create
        boolean changed = outcome.changed();
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(changed ? status : HttpStatus.OK)
                .header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position()));
        if (location != null && changed) {
            answer.location(location);
        }
        return answer.build();
    }
}
