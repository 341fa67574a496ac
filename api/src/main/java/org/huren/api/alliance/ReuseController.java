package org.huren.api.alliance;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.huren.api.axon.JdbcEventStoreIndex;
import org.huren.domain.reuse.RecordReuseOutcome;
import org.huren.domain.reuse.RetestReason;
import org.huren.domain.reuse.ReuseChoice;
import org.huren.domain.reuse.query.GetReuseKpis;
import org.huren.domain.reuse.query.GetReuseSummary;
import org.huren.domain.reuse.query.ReuseKpi;
import org.huren.domain.reuse.query.ReuseSummary;
import org.huren.fhir.server.HurenHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
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

    /** {@code requestId}: the client's id for this outcome; sending it again records nothing new. */
    public record OutcomeRequest(@NotBlank String requestId, @NotBlank String clinician, String department,
                                 String orderingLab, String patientIdentifier, @NotBlank String itemCode,
                                 String resultId, @NotNull ReuseChoice choice, RetestReason reason,
                                 String reasonText, boolean patientInformed) {
    }

    @PostMapping("/api/alliances/{allianceId}/reuse-outcomes")
    @Operation(summary = "Record a reuse, or a re-test with its reason (OTHER needs reasonText)")
    public ResponseEntity<Void> record(@PathVariable String allianceId, @Valid @RequestBody OutcomeRequest request) {
        String id = UUID.nameUUIDFromBytes(("reuse\u0000" + allianceId + "\u0000" + request.requestId())
                .getBytes(StandardCharsets.UTF_8)).toString();
        if (eventStore.aggregateType(id).isPresent()) {
            return ResponseEntity.ok().build();
        }
        CommandTransactions.Outcome outcome = commands.send(List.of(id), new RecordReuseOutcome(id, allianceId,
                request.clinician(), request.department(), request.orderingLab(), request.patientIdentifier(),
                request.itemCode(), request.resultId(), request.choice(), request.reason(), request.reasonText(),
                request.patientInformed()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position())).build();
    }

    @GetMapping("/api/alliances/{allianceId}/reuse-kpis")
    @Operation(summary = "同期互认率 (reused ÷ reminders) by LAB, DEPARTMENT, ITEM or MONTH")
    public List<ReuseKpi> kpis(@PathVariable String allianceId,
                               @org.springframework.web.bind.annotation.RequestParam(defaultValue = "MONTH")
                               GetReuseKpis.Grouping by) {
        return queries.query(new GetReuseKpis(allianceId, by), ResponseTypes.multipleInstancesOf(ReuseKpi.class))
                .join();
    }

    @GetMapping("/api/alliances/{allianceId}/reuse-summary")
    @Operation(summary = "Reuses and re-tests of the alliance, re-tests by reason")
    public ReuseSummary summary(@PathVariable String allianceId) {
        return queries.query(new GetReuseSummary(allianceId), ResponseTypes.instanceOf(ReuseSummary.class)).join();
    }
}
