package org.huren.api.eqa;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.huren.api.alliance.CommandTransactions;
import org.huren.api.axon.JdbcEventStoreIndex;
import org.huren.api.web.ApiProblems;
import org.huren.api.web.ReadsFrom;
import org.huren.domain.alliance.query.CatalogItemView;
import org.huren.domain.alliance.query.FindMemberLabs;
import org.huren.domain.alliance.query.GetCatalog;
import org.huren.domain.alliance.query.MemberLabView;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.common.DomainRuleViolation;
import org.huren.domain.common.Identifier;
import org.huren.domain.common.ResourceKey;
import org.huren.domain.eqa.query.BlindSampleRef;
import org.huren.domain.eqa.query.FindBlindSample;
import org.huren.domain.eqa.CloseEqaRound;
import org.huren.domain.eqa.EqaChannel;
import org.huren.domain.eqa.EqaGrading;
import org.huren.domain.eqa.EqaProvider;
import org.huren.domain.eqa.EqaRound;
import org.huren.domain.eqa.EqaRoundKind;
import org.huren.domain.eqa.LimitSpec;
import org.huren.domain.eqa.OpenEqaRound;
import org.huren.domain.eqa.RoundItem;
import org.huren.domain.eqa.RoundSample;
import org.huren.domain.eqa.SubmitEqaResult;
import org.huren.domain.eqa.VerifyEqaCorrectiveAction;
import org.huren.domain.eqa.query.EqaHistoryEntry;
import org.huren.domain.eqa.query.EqaPassRate;
import org.huren.domain.eqa.query.EqaRoundResults;
import org.huren.domain.eqa.query.EqaRoundView;
import org.huren.domain.eqa.query.FlightInspectionOutcome;
import org.huren.domain.eqa.query.GetEqaHistory;
import org.huren.domain.eqa.query.GetEqaPassRates;
import org.huren.domain.eqa.query.GetEqaRound;
import org.huren.domain.eqa.query.GetEqaRoundResults;
import org.huren.domain.eqa.query.ListEqaRounds;
import org.huren.domain.eqa.query.ListFlightInspections;
import org.huren.fhir.read.ConfirmedReads;
import org.huren.fhir.read.ReadModel;
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

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * EQA (室间质评) for QC managers: open rounds and flight inspections with blind samples (飞行检查, 盲样), take
 * participants' results, close and grade, record verified corrective actions, and review results tables, each
 * lab's history per item, pass rates and flight inspection outcomes. Assigned values appear only once graded.
 */
@RestController
@RequestMapping("/api/eqa")
@Tag(name = "EQA", description = "室间质评 rounds and 飞行检查 blind samples: grading feeds EQA_SATISFACTORY")
public class EqaController {

    /** Items graded at 100 % whatever the alliance says (DOMAIN.md §3). */
    private static final Set<String> ALWAYS_FULL_SCORE = Set.of("ABO", "RH", "ABO_RH");

    private final CommandTransactions commands;
    private final QueryGateway queries;
    private final JdbcEventStoreIndex eventStore;
    private final ConfirmedReads confirmed;

    public EqaController(CommandTransactions commands, QueryGateway queries, JdbcEventStoreIndex eventStore,
                         ConfirmedReads confirmed) {
        this.commands = commands;
        this.queries = queries;
        this.eventStore = eventStore;
        this.confirmed = confirmed;
    }

    public record LimitRequest(LimitSpec.Kind kind, BigDecimal percent, BigDecimal absolute, BigDecimal k) {
    }

    public record ItemRequest(@NotBlank String itemCode, boolean qualitative, BigDecimal satisfactoryThresholdPercent) {
    }

    /** A sample for one item; no limit = the catalog item's allowable total error. */
    public record SampleRequest(String sampleCode, @NotBlank String itemCode, BigDecimal assigned, LimitRequest limit,
                                BigDecimal sdForProficiency, String intendedCategory, Identifier accession) {
    }

    public record RoundRequest(@NotBlank String requestId, @NotBlank String allianceId, @NotNull EqaProvider provider,
                               String title, @NotEmpty List<@Valid ItemRequest> items,
                               @NotEmpty List<@Valid SampleRequest> samples, @NotEmpty List<String> participants,
                               @NotNull Instant deadline, @NotBlank String ruleSet, @NotBlank String openedBy) {
    }

    @PostMapping("/rounds")
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "Open an EQA round: items, samples with assigned values and limits, participants, deadline")
    public ResponseEntity<Map<String, Object>> open(@Valid @RequestBody RoundRequest request) {
        String roundId = id("eqa-round", request.allianceId(), request.requestId());
        return openRound(roundId, request.allianceId(), EqaRoundKind.ROUND, request.provider(), request.title(),
                request.items(), request.samples(), request.participants(), request.deadline(), request.ruleSet(),
                request.openedBy(), null);
    }

    public record FlightInspectionRequest(@NotBlank String requestId, @NotBlank String allianceId,
                                          @NotBlank String labCode, String title, @NotNull Identifier pseudoPatient,
                                          @NotEmpty List<@Valid ItemRequest> items,
                                          @NotEmpty List<@Valid SampleRequest> samples, @NotNull Instant deadline,
                                          @NotBlank String ruleSet, @NotBlank String openedBy) {
    }

    @PostMapping("/flight-inspections")
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "Register blind samples for one lab (飞行检查): accession numbers, pseudo-patient, assigned "
            + "values; their LIS results are graded and never shown to clinicians")
    public ResponseEntity<Map<String, Object>> flightInspection(@Valid @RequestBody FlightInspectionRequest request) {
        String roundId = id("flight-inspection", request.allianceId(), request.requestId());
        if (eventStore.aggregateType(roundId).isEmpty()) {
            refuseUsedIdentities(request);
        }
        List<SampleRequest> samples = new ArrayList<>();
        for (SampleRequest sample : request.samples()) {
            String code = sample.sampleCode() != null ? sample.sampleCode()
                    : sample.accession() == null ? null : sample.accession().value();
            samples.add(new SampleRequest(code, sample.itemCode(), sample.assigned(), sample.limit(),
                    sample.sdForProficiency(), sample.intendedCategory(), sample.accession()));
        }
        return openRound(roundId, request.allianceId(), EqaRoundKind.FLIGHT_INSPECTION,
                EqaProvider.ALLIANCE_CORE_LAB, request.title(), request.items(), samples, List.of(request.labCode()),
                request.deadline(), request.ruleSet(), request.openedBy(), request.pseudoPatient());
    }

    /**
     * A blind sample must be new to the lab: an accession it already received (or another inspection's), or a
     * pseudo-patient identity of one of its real patients, would make HuRen hide or grade a real result.
     */
    private void refuseUsedIdentities(FlightInspectionRequest request) {
        List<String> specimens = new ArrayList<>();
        for (int i = 0; i < request.samples().size(); i++) {
            Identifier accession = request.samples().get(i).accession();
            if (accession == null || accession.value() == null || accession.value().isBlank()) {
                continue; // the aggregate says what is missing
            }
            String specimenId = new ResourceKey(accession.system(), accession.value())
                    .derivedId("Specimen", request.labCode());
            if (eventStore.aggregateType(specimenId).isPresent()) {
                throw new DomainRuleViolation("accession-in-use", "samples[" + i + "].accession",
                        "lab " + request.labCode() + " has already sent specimen " + accession.value()
                                + ": a blind sample needs an accession number the lab has not used");
            }
            specimens.add(specimenId);
        }
        if (!queries.query(new FindBlindSample(specimens), ResponseTypes.multipleInstancesOf(BlindSampleRef.class))
                .join().isEmpty()) {
            throw new DomainRuleViolation("accession-in-use", "samples",
                    "an accession number is already a blind sample of another flight inspection");
        }
        Identifier pseudo = request.pseudoPatient();
        if (pseudo.value() != null && eventStore.aggregateType(new ResourceKey(pseudo.system(), pseudo.value())
                .derivedId("Patient", request.labCode())).isPresent()) {
            throw new DomainRuleViolation("pseudo-patient-in-use", "pseudoPatient",
                    "lab " + request.labCode() + " already holds a patient " + pseudo.value()
                            + ": the pseudo-patient needs an identity of its own");
        }
    }

    private ResponseEntity<Map<String, Object>> openRound(String roundId, String allianceId, EqaRoundKind kind,
                                                          EqaProvider provider, String title,
                                                          List<ItemRequest> itemRequests,
                                                          List<SampleRequest> sampleRequests,
                                                          List<String> participants, Instant deadline,
                                                          String ruleSet, String openedBy, Identifier pseudoPatient) {
        if (eventStore.aggregateType(roundId).isPresent()) {
            return ResponseEntity.ok(Map.of("roundId", roundId));
        }
        // a lab enrolled or an item published a moment ago counts: a refusal is confirmed against the store first
        AllianceFacts facts = confirmed.read(ReadModel.ALLIANCE, () -> allianceFacts(allianceId),
                f -> !f.catalog().isEmpty() && f.active().containsAll(participants)
                        && itemRequests.stream().allMatch(r -> f.catalog().containsKey(r.itemCode())));
        Map<String, CatalogItem> catalog = facts.catalog();
        Set<String> active = facts.active();
        if (catalog.isEmpty()) {
            throw new ApiProblems.NotFound("allianceId", "alliance " + allianceId + " has no catalog");
        }
        for (int i = 0; i < participants.size(); i++) {
            String lab = participants.get(i);
            if (!active.contains(lab)) {
                throw new DomainRuleViolation("not-a-member", kind == EqaRoundKind.ROUND ? "participants[" + i + "]"
                        : "labCode", "lab " + lab + " is not an active member of alliance " + allianceId);
            }
        }
        List<RoundItem> items = new ArrayList<>();
        for (int i = 0; i < itemRequests.size(); i++) {
            ItemRequest request = itemRequests.get(i);
            CatalogItem item = catalog.get(request.itemCode());
            if (item == null) {
                throw new DomainRuleViolation("not-in-catalog", "items[" + i + "].itemCode",
                        "item " + request.itemCode() + " is not in the catalog of alliance " + allianceId);
            }
            BigDecimal threshold = ALWAYS_FULL_SCORE.contains(item.code())
                    ? EqaGrading.ABO_RH_SATISFACTORY_THRESHOLD_PERCENT : request.satisfactoryThresholdPercent();
            items.add(new RoundItem(item.code(), item.loincCodes(), item.ucumUnit(), request.qualitative(), threshold,
                    item));
        }
        Map<String, RoundItem> byCode = new LinkedHashMap<>();
        items.forEach(item -> byCode.put(item.itemCode(), item));
        List<RoundSample> samples = new ArrayList<>();
        for (SampleRequest request : sampleRequests) {
            RoundItem item = byCode.get(request.itemCode());
            LimitSpec limit = request.limit() != null
                    ? new LimitSpec(request.limit().kind(), request.limit().percent(), request.limit().absolute(),
                    request.limit().k())
                    : item == null || item.qualitative() || !catalog.containsKey(item.itemCode()) ? null
                    : LimitSpec.of(catalog.get(item.itemCode()).allowableError());
            samples.add(new RoundSample(request.sampleCode(), request.itemCode(), request.assigned(),
                    item != null && item.qualitative() ? null : limit, request.sdForProficiency(),
                    request.intendedCategory(), request.accession()));
        }
        CommandTransactions.Outcome outcome = commands.send(List.of(roundId), new OpenEqaRound(roundId, allianceId,
                kind, provider, title, items, samples, participants, deadline, ruleSet, openedBy, pseudoPatient));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position()))
                .body(Map.of("roundId", roundId));
    }

    /** What opening a round checks: the alliance's catalog in force today and its active members. */
    private record AllianceFacts(Map<String, CatalogItem> catalog, Set<String> active) {
    }

    private AllianceFacts allianceFacts(String allianceId) {
        Map<String, CatalogItem> catalog = new HashMap<>();
        for (CatalogItemView view : queries.query(new GetCatalog(allianceId, null, false),
                ResponseTypes.multipleInstancesOf(CatalogItemView.class)).join()) {
            catalog.put(view.item().code(), view.item());
        }
        Set<String> active = new java.util.HashSet<>();
        queries.query(new FindMemberLabs(allianceId, null, null, null, null),
                        ResponseTypes.multipleInstancesOf(MemberLabView.class)).join().stream()
                .filter(m -> "ACTIVE".equals(m.status())).forEach(m -> active.add(m.labCode()));
        return new AllianceFacts(catalog, active);
    }

    public record ResultRequest(@NotBlank String labCode, @NotBlank String sampleCode, @NotBlank String itemCode,
                                BigDecimal value, String unit, String category, String submittedBy) {
    }

    @PostMapping("/rounds/{roundId}/results")
    @Operation(summary = "Submit a participant's result for a sample and item; again before the deadline replaces it, "
            + "after it the result is refused (and logged)")
    public ResponseEntity<Object> submit(@PathVariable String roundId, @Valid @RequestBody ResultRequest request) {
        requireRound(roundId);
        CommandTransactions.Outcome outcome = commands.send(List.of(roundId), new SubmitEqaResult(roundId,
                request.labCode(), request.sampleCode(), request.itemCode(), request.value(), request.unit(),
                request.category(), request.submittedBy(), EqaChannel.API, null));
        EqaRound.Submission result = (EqaRound.Submission) outcome.results().get(0);
        if (result == EqaRound.Submission.REFUSED) {
            // refused, but the refusal is an event: the answer carries its position like any write
            return ResponseEntity.unprocessableEntity()
                    .header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position()))
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ApiProblems.rule(HttpStatus.UNPROCESSABLE_ENTITY, new DomainRuleViolation("late",
                            "submittedAt", "round " + roundId + " is past its deadline or already graded: the "
                            + "result was refused and logged")));
        }
        return ResponseEntity.status(result == EqaRound.Submission.ACCEPTED ? HttpStatus.CREATED : HttpStatus.OK)
                .header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position()))
                .body(Map.of("roundId", roundId, "outcome", result.name()));
    }

    public record CloseRequest(@NotBlank String closedBy) {
    }

    @PostMapping("/rounds/{roundId}/closure")
    @Operation(summary = "Close the round before its deadline and grade it now")
    public ResponseEntity<Void> close(@PathVariable String roundId, @Valid @RequestBody CloseRequest request) {
        requireRound(roundId);
        CommandTransactions.Outcome outcome = commands.send(List.of(roundId),
                new CloseEqaRound(roundId, request.closedBy()));
        return ResponseEntity.ok().header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position())).build();
    }

    public record CorrectiveActionRequest(@NotBlank String requestId, @NotBlank String allianceId,
                                          @NotBlank String labCode, @NotBlank String itemCode,
                                          @NotBlank String description, @NotBlank String verifiedBy) {
    }

    @PostMapping("/corrective-actions")
    @Operation(summary = "Record a verified corrective action for a lab's item (lifts an EQA suspension together "
            + "with a later satisfactory round)")
    public ResponseEntity<Void> correctiveAction(@Valid @RequestBody CorrectiveActionRequest request) {
        String actionId = id("eqa-corrective-action", request.allianceId(), request.requestId());
        if (eventStore.aggregateType(actionId).isPresent()) {
            return ResponseEntity.ok().build();
        }
        CommandTransactions.Outcome outcome = commands.send(List.of(actionId), new VerifyEqaCorrectiveAction(actionId,
                request.allianceId(), request.labCode(), request.itemCode(), request.description(),
                request.verifiedBy()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position())).build();
    }

    @GetMapping("/rounds")
    @ReadsFrom(ReadModel.EQA)
    @Operation(summary = "Rounds and flight inspections of an alliance, newest first")
    public List<EqaRoundView> rounds(@RequestParam String alliance) {
        return queries.query(new ListEqaRounds(alliance), ResponseTypes.multipleInstancesOf(EqaRoundView.class))
                .join();
    }

    @GetMapping("/rounds/{roundId}")
    @ReadsFrom(ReadModel.EQA)
    @Operation(summary = "A round: assigned values, limits and SDs only once graded")
    public EqaRoundView round(@PathVariable String roundId) {
        return queries.query(new GetEqaRound(roundId), ResponseTypes.optionalInstanceOf(EqaRoundView.class)).join()
                .orElseThrow(() -> new ApiProblems.NotFound("roundId", "no EQA round " + roundId));
    }

    @GetMapping("/rounds/{roundId}/results")
    @ReadsFrom(ReadModel.EQA)
    @Operation(summary = "The round's results table: lab × item × sample with acceptability and z once graded")
    public EqaRoundResults results(@PathVariable String roundId) {
        return queries.query(new GetEqaRoundResults(roundId), ResponseTypes.optionalInstanceOf(EqaRoundResults.class))
                .join().orElseThrow(() -> new ApiProblems.NotFound("roundId", "no EQA round " + roundId));
    }

    @GetMapping("/history")
    @ReadsFrom(ReadModel.EQA)
    @Operation(summary = "Each lab's EQA history per item, with the standing after each round and the trend")
    public List<EqaHistoryEntry> history(@RequestParam String alliance, @RequestParam(required = false) String lab,
                                         @RequestParam(required = false) String item) {
        return queries.query(new GetEqaHistory(alliance, lab, item),
                ResponseTypes.multipleInstancesOf(EqaHistoryEntry.class)).join();
    }

    @GetMapping("/pass-rates")
    @ReadsFrom(ReadModel.EQA)
    @Operation(summary = "The alliance's EQA pass rate per item")
    public List<EqaPassRate> passRates(@RequestParam String alliance) {
        return queries.query(new GetEqaPassRates(alliance), ResponseTypes.multipleInstancesOf(EqaPassRate.class))
                .join();
    }

    @GetMapping("/flight-inspections")
    @ReadsFrom(ReadModel.EQA)
    @Operation(summary = "Flight inspections with blind samples: results received and grades")
    public List<FlightInspectionOutcome> flightInspections(@RequestParam String alliance) {
        return queries.query(new ListFlightInspections(alliance),
                ResponseTypes.multipleInstancesOf(FlightInspectionOutcome.class)).join();
    }

    private void requireRound(String roundId) {
        if (!eventStore.aggregateType(roundId).map("EqaRound"::equals).orElse(false)) {
            throw new ApiProblems.NotFound("roundId", "no EQA round " + roundId);
        }
    }

    private static String id(String kind, String allianceId, String requestId) {
        return UUID.nameUUIDFromBytes((kind + "\u0000" + allianceId + "\u0000" + requestId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
