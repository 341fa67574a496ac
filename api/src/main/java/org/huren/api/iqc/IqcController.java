package org.huren.api.iqc;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.MediaType;
import org.huren.api.web.csv.CsvExport;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.huren.api.web.ReadsFrom;
import org.huren.fhir.read.ReadModel;
import org.huren.api.alliance.CommandTransactions;
import org.huren.api.web.ApiProblems;
import org.huren.domain.alliance.query.CatalogItemView;
import org.huren.domain.alliance.query.GetCatalog;
import org.huren.domain.common.DomainRuleViolation;
import org.huren.domain.iqc.ConfirmControlTargets;
import org.huren.domain.iqc.ControlResult;
import org.huren.domain.iqc.ControlRunEvaluated;
import org.huren.domain.iqc.IqcSeries;
import org.huren.domain.iqc.ProposeControlTargets;
import org.huren.domain.iqc.RecordControlRun;
import org.huren.domain.iqc.RegisterControlLot;
import org.huren.domain.iqc.ReviewRejectedRun;
import org.huren.domain.iqc.SetIqcRuleSet;
import org.huren.domain.iqc.query.GetIqcMonthly;
import org.huren.domain.iqc.query.GetIqcRuns;
import org.huren.domain.iqc.query.GetLeveyJennings;
import org.huren.domain.iqc.query.GetSigma;
import org.huren.domain.iqc.query.IqcMonth;
import org.huren.domain.iqc.query.IqcRunView;
import org.huren.domain.iqc.query.LeveyJenningsView;
import org.huren.domain.iqc.query.SigmaView;
import org.huren.fhir.lab.LabDirectory;
import org.huren.fhir.lab.MemberLab;
import org.huren.fhir.read.ReadModelPositions;
import org.huren.fhir.server.HurenHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * IQC (室内质控) per lab × item: control lots and their targets (entered, or established from ≥ 20 runs and
 * confirmed), the Westgard rule set, control runs evaluated on arrival (the answer is the evaluation), and the views
 * QC managers review — runs, Levey-Jennings series, monthly statistics and sigma metrics. Every write is for a member
 * lab and an item of the catalog of one of its alliances.
 */
@RestController
@RequestMapping("/api/iqc/{labCode}/{itemCode}")
@Tag(name = "IQC", description = "室内质控: control lots, Westgard rules, runs, Levey-Jennings, sigma")
public class IqcController {

    private final CommandTransactions commands;
    private final QueryGateway queries;
    private final LabDirectory labs;
    private final ReadModelPositions positions;

    public IqcController(CommandTransactions commands, QueryGateway queries,
                         LabDirectory labs, ReadModelPositions positions,
                         org.huren.fhir.read.ConfirmedReads confirmed) {
        this.commands = commands;
        this.queries = queries;
        this.labs = labs;
        this.positions = positions;
        this.confirmed = confirmed;
    }

    private final org.huren.fhir.read.ConfirmedReads confirmed;

    @Schema(example = """
            {"material": "Bio-Rad Lyphochek Assayed Chemistry Control Level 1", "expiry": "2026-12-31",
            "mean": 5.5, "sd": 0.15, "registeredBy": "赵敏"}""")
    public record LotRequest(String material, LocalDate expiry, BigDecimal mean, BigDecimal sd, String registeredBy) {
    }

    @PutMapping("/levels/{level}/lots/{lot}")
    @Operation(summary = "Register a control lot of a level with its target mean and SD (or none, to establish them)")
    public ResponseEntity<Void> lot(@PathVariable String labCode, @PathVariable String itemCode,
                                    @PathVariable String level, @PathVariable String lot,
                                    @RequestBody LotRequest request) {
        requireMemberItem(labCode, itemCode);
        String id = IqcSeries.idOf(labCode, itemCode);
        return written(id, new RegisterControlLot(id, labCode, itemCode, level, request.material(), lot,
                request.expiry(), request.mean(), request.sd(), request.registeredBy()));
    }

    @Schema(example = """
            {"rules": "1-2s/1-3s/2-2s/R-4s/4-1s/10-x", "setBy": "赵敏"}""")
    public record RuleSetRequest(@NotBlank String rules, String setBy) {
    }

    @PutMapping("/rule-set")
    @Operation(summary = "Set the Westgard rule set (codes joined by '/'; default 1-2s/1-3s/2-2s/R-4s/4-1s/10-x)")
    public ResponseEntity<Void> ruleSet(@PathVariable String labCode, @PathVariable String itemCode,
                                        @Valid @RequestBody RuleSetRequest request) {
        requireMemberItem(labCode, itemCode);
        String id = IqcSeries.idOf(labCode, itemCode);
        return written(id, new SetIqcRuleSet(id, labCode, itemCode, request.rules(), request.setBy()));
    }

    /** A level's control value; {@code lot}: the lot it was measured on (default: the level's current lot). */
    public record LevelValue(@NotBlank String level, @NotNull BigDecimal value, String lot) {
    }

    @Schema(example = """
            {"runId": "2025-05-20-AM", "runAt": "2025-05-20T00:30:00Z", "results": [{"level": "1",
            "value": 5.52}]}""")
    public record RunRequest(@NotBlank String runId, @NotNull Instant runAt, @NotEmpty List<@Valid LevelValue> results) {
    }

    @PostMapping("/runs")
    @Operation(summary = "Record a control run (one or more levels); it is evaluated at once, later runs again if it "
            + "arrives late. Answers the run's evaluation: status, rules, and the points behind each rule")
    public ResponseEntity<IqcRunView> run(@PathVariable String labCode, @PathVariable String itemCode,
                                          @Valid @RequestBody RunRequest request) {
        String id = requireSeries(labCode, itemCode);
        CommandTransactions.Outcome outcome = commands.sendToExisting(id, () -> noControlLot(labCode, itemCode),
                new RecordControlRun(id, labCode, itemCode,
                request.runId(), request.runAt(),
                request.results().stream().map(r -> new ControlResult(r.level(), r.value())).toList(),
                request.results().stream().filter(r -> r.lot() != null)
                        .collect(java.util.stream.Collectors.toMap(LevelValue::level, LevelValue::lot, (a, b) -> a)),
                "API"));
        ControlRunEvaluated evaluation = (ControlRunEvaluated) outcome.results().get(0);
        // the run as /runs shows it: not evaluated (no status) while its levels have no targets
        IqcRunView run = evaluation == null ? IqcRunView.of(request.runId(), request.runAt(), null, null, List.of())
                : IqcRunView.of(evaluation.runId(), evaluation.runAt(), evaluation.status().name(),
                evaluation.ruleSet(), evaluation.violations());
        return ResponseEntity.ok().header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position())).body(run);
    }

    @PostMapping("/levels/{level}/lots/{lot}/target-proposal")
    @Operation(summary = "Propose the lot's target mean and SD from its runs (at least 20)")
    public ResponseEntity<Void> propose(@PathVariable String labCode, @PathVariable String itemCode,
                                        @PathVariable String level, @PathVariable String lot) {
        String id = requireSeries(labCode, itemCode);
        return writtenToSeries(id, labCode, itemCode, new ProposeControlTargets(id, level, lot));
    }

    @Schema(example = """
            {"confirmedBy": "赵敏"}""")
    public record ConfirmRequest(@NotBlank String confirmedBy) {
    }

    @PostMapping("/levels/{level}/lots/{lot}/target-confirmation")
    @Operation(summary = "Confirm the proposed targets: runs on the lot are evaluated against them from now on")
    public ResponseEntity<Void> confirm(@PathVariable String labCode, @PathVariable String itemCode,
                                        @PathVariable String level, @PathVariable String lot,
                                        @Valid @RequestBody ConfirmRequest request) {
        String id = requireSeries(labCode, itemCode);
        return writtenToSeries(id, labCode, itemCode, new ConfirmControlTargets(id, level, lot, request.confirmedBy()));
    }

    /** {@code reviewedBy}: who signs off; a person's own token names them, whatever the body says. */
    @Schema(example = """
            {"comment": "2-2s on level 1: calibration drift after the reagent lot change", "correctiveAction":
            "recalibrated, controls repeated in range, patient results since the last good run re-checked",
            "reviewedBy": "赵敏"}""")
    public record ReviewRequest(@NotBlank String comment, @NotBlank String correctiveAction, String reviewedBy) {
    }

    @PostMapping("/runs/{runId}/review")
    @Operation(summary = "Review a rejected run and sign it off: what was found and the corrective action (once per "
            + "run; the same review again changes nothing, another is 409)")
    public ResponseEntity<Void> review(@PathVariable String labCode, @PathVariable String itemCode,
                                       @PathVariable String runId, @Valid @RequestBody ReviewRequest request,
                                       @io.swagger.v3.oas.annotations.Parameter(hidden = true)
                                       org.huren.fhir.server.Caller caller) {
        String id = requireSeries(labCode, itemCode);
        String reviewer = caller != null && caller.clientId() != null && !caller.subject().equals(caller.clientId())
                ? caller.subject() : request.reviewedBy();
        return writtenToSeries(id, labCode, itemCode, new ReviewRejectedRun(id, runId, request.comment(),
                request.correctiveAction(), reviewer));
    }

    @GetMapping(value = "/runs", produces = {MediaType.APPLICATION_JSON_VALUE, CsvExport.TEXT_CSV})
    @CsvExport("iqc-runs-{labCode}-{itemCode}")
    @ReadsFrom(ReadModel.IQC)
    @Operation(summary = "The runs in run-time order with status and the rules that fired")
    public List<IqcRunView> runs(@PathVariable String labCode, @PathVariable String itemCode) {
        return queries.query(new GetIqcRuns(labCode, itemCode), ResponseTypes.multipleInstancesOf(IqcRunView.class))
                .join();
    }

    @GetMapping("/levey-jennings")
    @ReadsFrom(ReadModel.IQC)
    @Operation(summary = "Levey-Jennings series of a level (and lot; default the current one): value, z, rules per point")
    public LeveyJenningsView leveyJennings(@PathVariable String labCode, @PathVariable String itemCode,
                                           @RequestParam String level, @RequestParam(required = false) String lot) {
        return queries.query(new GetLeveyJennings(labCode, itemCode, level, lot),
                        ResponseTypes.optionalInstanceOf(LeveyJenningsView.class)).join()
                .orElseThrow(() -> new ApiProblems.NotFound("level", "no control lot of level " + level + " for "
                        + itemCode + " at " + labCode));
    }

    @GetMapping(value = "/monthly", produces = {MediaType.APPLICATION_JSON_VALUE, CsvExport.TEXT_CSV})
    @CsvExport("iqc-monthly-{labCode}-{itemCode}")
    @ReadsFrom(ReadModel.IQC)
    @Operation(summary = "Monthly mean, SD and CV per level and lot, and the rejection rate")
    public List<IqcMonth> monthly(@PathVariable String labCode, @PathVariable String itemCode) {
        return queries.query(new GetIqcMonthly(labCode, itemCode), ResponseTypes.multipleInstancesOf(IqcMonth.class))
                .join();
    }

    @GetMapping("/sigma")
    @ReadsFrom({ReadModel.IQC, ReadModel.ALLIANCE, ReadModel.EQA})
    @Operation(summary = "Sigma metric per level with its inputs (CV, bias from targets, TEa of the alliance's "
            + "catalog) and the suggested rule set")
    public SigmaView sigma(@PathVariable String labCode, @PathVariable String itemCode, @RequestParam String alliance,
                           @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        return queries.query(new GetSigma(labCode, itemCode, alliance, from, to),
                        ResponseTypes.optionalInstanceOf(SigmaView.class)).join()
                .orElseThrow(() -> new ApiProblems.NotFound("itemCode", "no IQC for " + itemCode + " at " + labCode));
    }

    /** The series of a member lab's catalog item; whether it exists, its aggregate says when a command reaches it. */
    private String requireSeries(String labCode, String itemCode) {
        requireMemberItem(labCode, itemCode);
        return IqcSeries.idOf(labCode, itemCode);
    }

    /** A series begins with its first control lot: before that, there is nothing to record on. */
    private static DomainRuleViolation noControlLot(String labCode, String itemCode) {
        return new DomainRuleViolation("no-control-lot", "itemCode", "register a control lot of " + itemCode
                + " at " + labCode + " first");
    }

    /**
     * IQC is kept for a member lab (active or suspended in some alliance) and an item of the current catalog of an
     * alliance it is a member of. The membership read model may lag a moment behind an enrolment: a refusal is only
     * given once it has caught up.
     */
    private void requireMemberItem(String labCode, String itemCode) {
        DomainRuleViolation refusal = confirmed.read(org.huren.fhir.read.ReadModel.ALLIANCE,
                () -> refusal(labCode, itemCode), r -> r == null);
        if (refusal != null) {
            throw refusal;
        }
    }

    private DomainRuleViolation refusal(String labCode, String itemCode) {
        MemberLab lab = labs.byCode(labCode).filter(MemberLab::maySubmit).orElse(null);
        if (lab == null) {
            return new DomainRuleViolation("not-a-member", "labCode", "lab " + labCode
                    + " is not a member of any alliance: IQC is kept for member labs");
        }
        for (String alliance : lab.alliances()) {
            boolean inCatalog = queries.query(new GetCatalog(alliance, null, false),
                            ResponseTypes.multipleInstancesOf(CatalogItemView.class)).join().stream()
                    .anyMatch(view -> view.item().code().equals(itemCode));
            if (inCatalog) {
                return null;
            }
        }
        return new DomainRuleViolation("not-in-catalog", "itemCode", "item " + itemCode
                + " is not in the catalog of any alliance lab " + labCode + " is a member of");
    }

    /** A command to a series that must exist (see {@link #noControlLot}). */
    private ResponseEntity<Void> writtenToSeries(String id, String labCode, String itemCode, Object command) {
        CommandTransactions.Outcome outcome = commands.sendToExisting(id, () -> noControlLot(labCode, itemCode),
                command);
        return ResponseEntity.status(HttpStatus.OK)
                .header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position())).build();
    }

    private ResponseEntity<Void> written(String id, Object command) {
        CommandTransactions.Outcome outcome = commands.send(List.of(id), command);
        return ResponseEntity.status(HttpStatus.OK)
                .header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position())).build();
    }
}
