package org.huren.api.alliance;

import org.springframework.http.MediaType;
import org.huren.api.web.csv.CsvExport;
import org.huren.api.web.openapi.Creates;
import org.huren.api.security.CallerLab;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.huren.api.web.ApiProblems;
import org.huren.api.web.ReadsFrom;
import org.huren.fhir.read.ReadModel;
import org.huren.api.axon.JdbcEventStoreIndex;
import org.huren.domain.catalog.SetItemPrice;
import org.huren.domain.common.DomainRuleViolation;
import org.huren.domain.recognition.query.GetRecognitionMatrix;
import org.huren.domain.recognition.query.GetRecognitionRates;
import org.huren.domain.recognition.query.RecognitionCell;
import org.huren.domain.recognition.query.RecognitionRate;
import org.huren.domain.reuse.RecordReuseOutcome;
import org.huren.domain.reuse.RetestReason;
import org.huren.domain.reuse.ReuseChoice;
import org.huren.domain.reuse.query.GetReuseKpis;
import org.huren.domain.reuse.query.GetReuseOutcome;
import org.huren.domain.reuse.query.ReuseOutcomeView;
import org.huren.domain.reuse.query.GetReuseSummary;
import org.huren.domain.reuse.query.ReuseKpi;
import org.huren.domain.reuse.query.ReuseSummary;
import org.huren.fhir.server.HurenHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Clinicians record what they did after asking for a reusable result: reused it, or re-tested with a reason
 * (DOMAIN.md §1) — the events the recognition KPIs count.
 */
@RestController
@Tag(name = "Reuse", description = "互认: reused results and re-tests with their reasons")
public class ReuseController {

    private final CommandTransactions commands;
    private final QueryGateway queries;
    private final JdbcEventStoreIndex eventStore;

    public ReuseController(CommandTransactions commands, QueryGateway queries, JdbcEventStoreIndex eventStore) {
        this.commands = commands;
        this.queries = queries;
        this.eventStore = eventStore;
    }

    /**
     * {@code lookupId}: the lookup (POST {@code Observation/$reusable}) this outcome answers — its context
     * (ordering lab, department, patient, item, the reminded result) is taken from it; or {@code requestId}: the
     * client's id for an outcome recorded without a lookup. Sending the same outcome again records nothing new.
     */
    @Schema(example = """
            {"requestId": "jc-reuse-2025-0001", "clinician": "陈医生", "department": "心内科",
            "orderingLab": "JC-CHC1", "itemCode": "GLU", "choice": "RETESTED", "reason": "CONDITION_CHANGED",
            "patientInformed": true}""")
    public record OutcomeRequest(String lookupId, String requestId, String clinician, String department,
                                 String orderingLab, String patientIdentifier, String itemCode,
                                 String resultId, @NotNull ReuseChoice choice, RetestReason reason,
                                 String reasonText, boolean patientInformed) {
    }

    @PostMapping("/api/alliances/{allianceId}/reuse-outcomes")
    @Operation(summary = "Record a reuse, or a re-test with its reason (OTHER needs reasonText), for a lookup or on its own")
    @Creates(value = "The outcome is recorded; the KPIs (reuse-kpis, reuse-summary) count it",
            location = "/api/alliances/{allianceId}/reuse-outcomes/{outcomeId}")
    public ResponseEntity<Void> record(@PathVariable String allianceId, @Valid @RequestBody OutcomeRequest request,
                                       @io.swagger.v3.oas.annotations.Parameter(hidden = true)
                                       org.huren.fhir.server.Caller caller) {
        // a clinician records as themselves: the token's subject, whatever the body says
        String clinician = caller != null && caller.hasRole("CLINICIAN") ? caller.subject() : request.clinician();
        if (clinician == null || clinician.isBlank()) {
            throw new DomainRuleViolation("invalid-clinician", "clinician",
                    "name the clinician who decided (a clinician's own token names them)");
        }
        String id;
        if (request.lookupId() != null && !request.lookupId().isBlank()) {
            id = request.lookupId();
            if (!eventStore.aggregateType(id).map("ReuseOutcome"::equals).orElse(false)) {
                throw new DomainRuleViolation("unknown-lookup", "lookupId", "no lookup " + id + " was recorded");
            }
        } else if (request.requestId() != null && !request.requestId().isBlank()) {
            id = UUID.nameUUIDFromBytes(("reuse\u0000" + allianceId + "\u0000" + request.requestId())
                    .getBytes(StandardCharsets.UTF_8)).toString();
        } else {
            throw new DomainRuleViolation("invalid-lookupId", "lookupId",
                    "name the lookup this outcome answers (lookupId) or give the outcome a requestId");
        }
        CommandTransactions.Outcome outcome = commands.send(List.of(id), new RecordReuseOutcome(id, allianceId,
                clinician, request.department(), request.orderingLab(), request.patientIdentifier(),
                request.itemCode(), request.resultId(), request.choice(), request.reason(), request.reasonText(),
                request.patientInformed()));
        ResponseEntity.BodyBuilder answer = outcome.changed() ? ResponseEntity.created(URI.create("/api/alliances/"
                + allianceId + "/reuse-outcomes/" + id)) : ResponseEntity.ok();
        return answer.header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position())).build();
    }

    /**
     * A recorded outcome (it names a patient: the read is audited). The alliance's QC roles see every one; a member
     * lab's people (the lab their token acts for) those their lab ordered — another lab's is not found.
     */
    @GetMapping("/api/alliances/{allianceId}/reuse-outcomes/{outcomeId}")
    @ReadsFrom(ReadModel.RECOGNITION)
    @Operation(summary = "A recorded reuse outcome: the clinician's choice, the re-test reason, the lookup it answered")
    public ReuseOutcomeView outcome(@PathVariable String allianceId, @PathVariable String outcomeId,
                                    @CallerLab String lab) {
        return queries.query(new GetReuseOutcome(allianceId, outcomeId),
                        ResponseTypes.optionalInstanceOf(ReuseOutcomeView.class)).join()
                .filter(view -> lab == null || lab.equals(view.orderingLab()))
                .orElseThrow(() -> new ApiProblems.NotFound("outcomeId", "no reuse outcome " + outcomeId + " in "
                        + allianceId));
    }

    @Schema(example = """
            {"price": 12.5, "currency": "CNY", "effectiveFrom": "2025-01-01"}""")
    public record PriceRequest(@NotNull @PositiveOrZero BigDecimal price, String currency,
                               @NotNull LocalDate effectiveFrom) {
    }

    @PutMapping("/api/alliances/{allianceId}/catalog/items/{itemCode}/price")
    @Operation(summary = "Set the price of a catalog item from a date (what a reuse saves; currency default CNY)")
    public ResponseEntity<Void> price(@PathVariable String allianceId, @PathVariable String itemCode,
                                      @Valid @RequestBody PriceRequest request) {
        CommandTransactions.Outcome outcome = commands.send(List.of(allianceId), new SetItemPrice(allianceId,
                itemCode, request.price(), request.currency() == null ? "CNY" : request.currency(),
                request.effectiveFrom()));
        return ResponseEntity.ok().header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position())).build();
    }

    @GetMapping(value = "/api/alliances/{allianceId}/recognition-rates", produces = {MediaType.APPLICATION_JSON_VALUE, CsvExport.TEXT_CSV})
    @CsvExport("recognition-rates-{allianceId}-{by}")
    @ReadsFrom(ReadModel.RECOGNITION)
    @Operation(summary = "Recognition rate of the alliance's results by ALLIANCE, LAB, ITEM or MONTH (taken); a lab "
            + "asking (the lab its token acts for) sees its own blind-sample results counted like any other, nobody else does")
    public List<RecognitionRate> rates(@PathVariable String allianceId,
                                       @org.springframework.web.bind.annotation.RequestParam(defaultValue = "LAB")
                                       GetRecognitionRates.Grouping by,
                                       @CallerLab String lab) {
        return queries.query(new GetRecognitionRates(allianceId, by, lab),
                ResponseTypes.multipleInstancesOf(RecognitionRate.class)).join();
    }

    @GetMapping("/api/alliances/{allianceId}/recognition-matrix")
    @ReadsFrom(ReadModel.RECOGNITION)
    @Operation(summary = "Member labs × items with results: results by current recognition, and the newest result's "
            + "status (RECOGNIZED, WITHDRAWN, NOT_RECOGNIZED, PENDING) since when — the item's recognition at the lab")
    public List<RecognitionCell> matrix(@PathVariable String allianceId, @CallerLab String lab) {
        return queries.query(new GetRecognitionMatrix(allianceId, lab),
                ResponseTypes.multipleInstancesOf(RecognitionCell.class)).join();
    }

    @GetMapping(value = "/api/alliances/{allianceId}/reuse-kpis", produces = {MediaType.APPLICATION_JSON_VALUE, CsvExport.TEXT_CSV})
    @CsvExport("reuse-kpis-{allianceId}-{by}")
    @ReadsFrom(ReadModel.RECOGNITION)
    @Operation(summary = "调阅互认率, 同期互认率, re-tests and estimated savings by ALLIANCE, LAB, DEPARTMENT, ITEM or MONTH")
    public List<ReuseKpi> kpis(@PathVariable String allianceId,
                               @org.springframework.web.bind.annotation.RequestParam(defaultValue = "MONTH")
                               GetReuseKpis.Grouping by,
                               @CallerLab String lab) {
        return queries.query(new GetReuseKpis(allianceId, by, lab),
                ResponseTypes.multipleInstancesOf(ReuseKpi.class)).join();
    }

    @GetMapping("/api/alliances/{allianceId}/reuse-summary")
    @ReadsFrom(ReadModel.RECOGNITION)
    @Operation(summary = "Reuses and re-tests of the alliance, re-tests by reason")
    public ReuseSummary summary(@PathVariable String allianceId,
                                @CallerLab String lab) {
        return queries.query(new GetReuseSummary(allianceId, lab), ResponseTypes.instanceOf(ReuseSummary.class))
                .join();
    }
}
