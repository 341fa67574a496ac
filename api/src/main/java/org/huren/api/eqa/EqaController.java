package org.huren.api.eqa;

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
import org.huren.api.alliance.CommandTransactions;
import org.huren.api.axon.JdbcEventStoreIndex;
import org.huren.api.web.ApiProblems;
import org.huren.api.web.openapi.Creates;
import org.huren.api.web.ReadsFrom;
import org.huren.domain.alliance.query.CatalogItemView;
import org.huren.domain.alliance.query.FindMemberLabs;
import org.huren.domain.alliance.query.GetCatalog;
import org.huren.domain.alliance.query.MemberLabView;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.common.Change;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.DomainRuleViolation;
import org.huren.domain.common.Identifier;
import org.huren.domain.common.ResourceKey;
import org.huren.domain.eqa.query.BlindSampleRef;
import org.huren.domain.eqa.query.FindBlindSample;
import org.huren.domain.eqa.BlindSampleCodes;
import org.huren.domain.eqa.CloseEqaRound;
import org.huren.domain.eqa.EqaChannel;
import org.huren.domain.eqa.EqaProvider;
import org.huren.domain.eqa.EqaRound;
import org.huren.domain.eqa.EqaRoundKind;
import org.huren.domain.eqa.LimitSpec;
import org.huren.domain.eqa.OpenEqaRound;
import org.huren.domain.eqa.RoundGrades;
import org.huren.domain.eqa.RoundItem;
import org.huren.domain.eqa.RoundSample;
import org.huren.domain.eqa.SampleGrade;
import org.huren.domain.eqa.SubmitEqaResult;
import org.huren.domain.eqa.VerifyEqaCorrectiveAction;
import org.huren.domain.eqa.query.EqaCorrectiveActionView;
import org.huren.domain.eqa.query.EqaHistoryEntry;
import org.huren.domain.eqa.query.EqaPassRate;
import org.huren.domain.eqa.query.EqaRoundResults;
import org.huren.domain.eqa.query.EqaRoundView;
import org.huren.domain.eqa.query.FlightInspectionDetail;
import org.huren.domain.eqa.query.FlightInspectionOutcome;
import org.huren.domain.eqa.query.GetFlightInspection;
import org.huren.domain.eqa.query.GetEqaCorrectiveAction;
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
import java.net.URI;
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

    /**
     * A sample for one item; no limit = the catalog item's allowable total error. {@code assignedUncertainty}: the
     * standard uncertainty u(X) (k = 1) of the assigned value, for z′ (with σ<sub>pt</sub>) and ζ.
     */
    public record SampleRequest(String sampleCode, @NotBlank String itemCode, BigDecimal assigned, LimitRequest limit,
                                BigDecimal sdForProficiency, String intendedCategory, Identifier accession,
                                BigDecimal assignedUncertainty) {
    }

    @Schema(example = """
            {"requestId": "jc-eqa-2025-1", "allianceId": "jiangcheng", "provider": "ALLIANCE_CORE_LAB",
            "title": "2025年第1次 血糖室间质评", "items": [{"itemCode": "GLU", "qualitative": false,
            "satisfactoryThresholdPercent": 80}], "samples": [{"sampleCode": "202511", "itemCode": "GLU",
            "assigned": 5.6}, {"sampleCode": "202512", "itemCode": "GLU", "assigned": 11.2}],
            "participants": ["JC-CHC1"], "deadline": "2030-04-30T16:00:00Z", "ruleSet": "NCCL 2025",
            "openedBy": "李明"}""")
    public record RoundRequest(@NotBlank String requestId, @NotBlank String allianceId, @NotNull EqaProvider provider,
                               String title, @NotEmpty List<@Valid ItemRequest> items,
                               @NotEmpty List<@Valid SampleRequest> samples, @NotEmpty List<String> participants,
                               @NotNull Instant deadline, @NotBlank String ruleSet, @NotBlank String openedBy) {
    }

    @PostMapping("/rounds")
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "Open an EQA round: items, samples with assigned values and limits, participants, deadline")
    @Creates(value = "The round is open", location = "/api/eqa/rounds/{roundId}")
    @PreAuthorize("@apiAccess.qualityIn('QC_MANAGER', #request.allianceId())")
    public ResponseEntity<Map<String, Object>> open(@Valid @RequestBody RoundRequest request) {
        String roundId = id("eqa-round", request.allianceId(), request.requestId());
        return openRound(roundId, request.allianceId(), EqaRoundKind.ROUND, request.provider(), request.title(),
                request.items(), request.samples(), request.participants(), request.deadline(), request.ruleSet(),
                request.openedBy(), null);
    }

    @Schema(example = """
            {"requestId": "jc-flight-2025-1", "allianceId": "jiangcheng", "labCode": "JC-CHC1",
            "title": "2025年飞行检查 血糖", "pseudoPatient": {"system": "https://huren.example.org/sid/mrn",
            "value": "FI-2025-0001"}, "items": [{"itemCode": "GLU", "qualitative": false}],
            "samples": [{"itemCode": "GLU", "assigned": 6.1,
            "accession": {"system": "https://huren.example.org/sid/accession", "value": "FI-25-000173"}}],
            "deadline": "2030-05-31T16:00:00Z", "ruleSet": "NCCL 2025", "openedBy": "李明"}""")
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
    @Creates(value = "The flight inspection is registered", location = "/api/eqa/flight-inspections/{roundId}")
    @PreAuthorize("@apiAccess.qualityIn('QC_MANAGER', #request.allianceId())")
    public ResponseEntity<Map<String, Object>> flightInspection(@Valid @RequestBody FlightInspectionRequest request) {
        String roundId = id("flight-inspection", request.allianceId(), request.requestId());
        if (eventStore.aggregateType(roundId).isEmpty()) {
            refuseUsedIdentities(request);
        }
        // a sample without a code gets a neutral one, never its accession number: reads show codes
        List<String> codes = BlindSampleCodes.assign(request.samples().stream().map(SampleRequest::sampleCode).toList(),
                request.samples().stream().map(s -> s.accession() == null ? null
                        : s.accession().system() + "|" + s.accession().value()).toList());
        List<SampleRequest> samples = new ArrayList<>();
        for (int i = 0; i < request.samples().size(); i++) {
            SampleRequest sample = request.samples().get(i);
            if (sample.accession() == null || sample.accession().value() == null
                    || sample.accession().value().isBlank()) {
                throw new DomainRuleViolation("invalid-samples-accession", "samples[" + i + "].accession",
                        "a blind sample needs the accession number the lab receives it under");
            }
            samples.add(new SampleRequest(codes.get(i), sample.itemCode(), sample.assigned(), sample.limit(),
                    sample.sdForProficiency(), sample.intendedCategory(), sample.accession(),
                    sample.assignedUncertainty()));
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
        List<BlindSampleRef> held = queries.query(new FindBlindSample(specimens),
                ResponseTypes.multipleInstancesOf(BlindSampleRef.class)).join();
        if (!held.isEmpty()) {
            int index = specimens.indexOf(held.get(0).specimenId());
            throw new DomainRuleViolation("accession-in-use", index < 0 ? "samples" : "samples[" + index
                    + "].accession", "an accession number is already a blind sample of another flight inspection");
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
        // the same request again is answered by the round itself: unchanged, or refused when it differs
        boolean opened = eventStore.aggregateType(roundId).isPresent();
        // a lab enrolled or an item published a moment ago counts: a refusal is confirmed against the store first
        AllianceFacts facts = opened ? allianceFacts(allianceId) : confirmed.read(ReadModel.ALLIANCE,
                () -> allianceFacts(allianceId), f -> !f.catalog().isEmpty() && f.active().containsAll(participants)
                        && itemRequests.stream().allMatch(r -> f.catalog().containsKey(r.itemCode())));
        Map<String, CatalogItem> catalog = facts.catalog();
        Set<String> active = facts.active();
        if (catalog.isEmpty()) {
            throw new ApiProblems.NotFound("allianceId", "alliance " + allianceId + " has no catalog");
        }
        for (int i = 0; i < participants.size() && !opened; i++) {
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
            // ABO/Rh items are graded at 100 % whatever is asked (RoundItem)
            items.add(new RoundItem(item.code(), item.loincCodes(), item.ucumUnit(), request.qualitative(),
                    request.satisfactoryThresholdPercent(), item));
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
                    request.intendedCategory(), request.accession(), request.assignedUncertainty()));
        }
        CommandTransactions.Outcome outcome;
        try {
            outcome = commands.send(List.of(roundId), new OpenEqaRound(roundId, allianceId, kind, provider, title,
                    items, samples, participants, deadline, ruleSet, openedBy, pseudoPatient));
        } catch (DomainRuleViolation e) {
            throw kind == EqaRoundKind.FLIGHT_INSPECTION ? asFlightInspection(e) : e;
        }
        ResponseEntity.BodyBuilder answer = outcome.results().get(0) == Change.CREATED
                ? ResponseEntity.created(URI.create((kind == EqaRoundKind.ROUND ? "/api/eqa/rounds/"
                : "/api/eqa/flight-inspections/") + roundId)) : ResponseEntity.ok();
        return answer.header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position()))
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

    /** A flight inspection's one participant is its request's {@code labCode}. */
    private static DomainRuleViolation asFlightInspection(DomainRuleViolation e) {
        if (e.field() == null || !e.field().startsWith("participants")) {
            return e;
        }
        return e instanceof ConflictingStateException ? new ConflictingStateException(e.rule(), "labCode",
                e.getMessage(), e.arguments().toArray())
                : new DomainRuleViolation(e.rule(), "labCode", e.getMessage(), e.arguments().toArray());
    }

    /** {@code uncertainty}: the standard uncertainty u(x) (k = 1, in {@code unit}) of the value, for ζ. */
    @Schema(example = """
            {"labCode": "JC-CHC1", "sampleCode": "202511", "itemCode": "GLU", "value": 5.7, "unit": "mmol/L",
            "submittedBy": "赵敏"}""")
    public record ResultRequest(@NotBlank String labCode, @NotBlank String sampleCode, @NotBlank String itemCode,
                                BigDecimal value, String unit, String category, String submittedBy,
                                BigDecimal uncertainty) {
    }

    @PostMapping("/rounds/{roundId}/results")
    @Operation(summary = "Submit a participant's result for a sample and item; again before the deadline replaces it, "
            + "after it the result is refused (and logged)")
    @Creates(value = "The result is taken (the round's results table holds it)",
            location = "/api/eqa/rounds/{roundId}/results", repeat = "The result replaces the participant's earlier "
            + "one for the sample, or repeats it")
    public ResponseEntity<Object> submit(@PathVariable String roundId, @Valid @RequestBody ResultRequest request) {
        CommandTransactions.Outcome outcome = commands.sendToExisting(roundId, () -> unknownRound(roundId),
                new SubmitEqaResult(roundId,
                request.labCode(), request.sampleCode(), request.itemCode(), request.value(), request.unit(),
                request.category(), request.submittedBy(), EqaChannel.API, null, request.uncertainty()));
        EqaRound.Submission result = (EqaRound.Submission) outcome.results().get(0);
        if (result == EqaRound.Submission.REFUSED) {
            // refused, but the refusal is an event: the answer carries its position like any write
            return ResponseEntity.unprocessableEntity()
                    .header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position()))
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ApiProblems.rule(HttpStatus.UNPROCESSABLE_ENTITY, new DomainRuleViolation("late",
                            null, "round " + roundId + " is past its deadline or already graded: the "
                            + "result was refused and logged")));
        }
        ResponseEntity.BodyBuilder answer = result == EqaRound.Submission.ACCEPTED
                ? ResponseEntity.created(URI.create("/api/eqa/rounds/" + roundId + "/results")) : ResponseEntity.ok();
        return answer.header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position()))
                .body(Map.of("roundId", roundId, "outcome", result.name()));
    }

    @Schema(example = """
            {"closedBy": "李明"}""")
    public record CloseRequest(@NotBlank String closedBy) {
    }

    /** A participant's grade for an item: score, satisfactory, and each sample's grade (difference, z, z′, ζ). */
    public record GradeAnswer(String labCode, String itemCode, BigDecimal scorePercent, boolean satisfactory,
                              long acceptable, int samples, String ruleSet, List<SampleGrade> sampleGrades) {
    }

    /** The grading a closure made: when, how, by whom, and every grade. */
    public record ClosureAnswer(String roundId, Instant gradedAt, String trigger, String gradedBy,
                                List<GradeAnswer> grades) {
    }

    @PostMapping("/rounds/{roundId}/closure")
    @Operation(summary = "Close the round before its deadline and grade it now; answers the grades (the same closure "
            + "again answers them again)")
    public ResponseEntity<ClosureAnswer> close(@PathVariable String roundId, @Valid @RequestBody CloseRequest request) {
        CommandTransactions.Outcome outcome = commands.sendToExisting(roundId, () -> unknownRound(roundId),
                new CloseEqaRound(roundId, request.closedBy()));
        RoundGrades graded = (RoundGrades) outcome.results().get(0);
        return ResponseEntity.ok().header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position()))
                .body(new ClosureAnswer(graded.roundId(), graded.gradedAt(), graded.trigger(), graded.gradedBy(),
                        graded.grades().stream().map(g -> new GradeAnswer(g.labCode(), g.itemCode(),
                                g.grade().scorePercent(), g.grade().satisfactory(), g.grade().acceptableCount(),
                                g.grade().samples().size(), g.grade().ruleSet(), g.grade().samples())).toList()));
    }

    @Schema(example = """
            {"requestId": "jc-ca-2025-glu", "allianceId": "jiangcheng", "labCode": "JC-CHC1", "itemCode": "GLU",
            "description": "更换校准品批号并重新校准, 复测合格", "verifiedBy": "李明"}""")
    public record CorrectiveActionRequest(@NotBlank String requestId, @NotBlank String allianceId,
                                          @NotBlank String labCode, @NotBlank String itemCode,
                                          @NotBlank String description, @NotBlank String verifiedBy) {
    }

    @PostMapping("/corrective-actions")
    @Operation(summary = "Record a verified corrective action for a lab's item (lifts an EQA suspension together "
            + "with a later satisfactory round)")
    @Creates(value = "The corrective action is recorded",
            location = "/api/eqa/corrective-actions/{actionId}")
    public ResponseEntity<Void> correctiveAction(@Valid @RequestBody CorrectiveActionRequest request) {
        String actionId = id("eqa-corrective-action", request.allianceId(), request.requestId());
        CommandTransactions.Outcome outcome = commands.send(List.of(actionId), new VerifyEqaCorrectiveAction(actionId,
                request.allianceId(), request.labCode(), request.itemCode(), request.description(),
                request.verifiedBy()));
        ResponseEntity.BodyBuilder answer = outcome.results().get(0) == Change.CREATED
                ? ResponseEntity.created(URI.create("/api/eqa/corrective-actions/" + actionId)) : ResponseEntity.ok();
        return answer.header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position())).build();
    }

    @GetMapping("/corrective-actions/{actionId}")
    @ReadsFrom(ReadModel.EQA)
    @Operation(summary = "A verified corrective action: lab, item, what was done, who verified it, when")
    public EqaCorrectiveActionView correctiveAction(@PathVariable String actionId) {
        return queries.query(new GetEqaCorrectiveAction(actionId),
                        ResponseTypes.optionalInstanceOf(EqaCorrectiveActionView.class)).join()
                .orElseThrow(() -> new ApiProblems.NotFound("actionId", "no corrective action " + actionId));
    }

    @GetMapping("/rounds")
    @ReadsFrom(ReadModel.EQA)
    @Operation(summary = "Rounds and flight inspections of an alliance, newest first (an open flight inspection "
            + "without its blind detail)")
    public List<EqaRoundView> rounds(@RequestParam String alliance) {
        return queries.query(new ListEqaRounds(alliance), ResponseTypes.multipleInstancesOf(EqaRoundView.class))
                .join();
    }

    @GetMapping("/rounds/{roundId}")
    @ReadsFrom(ReadModel.EQA)
    @Operation(summary = "A round: assigned values, limits and SDs only once graded; an open flight inspection shows "
            + "neutral sample codes and no accession numbers, pseudo-patient or counts of what arrived")
    public EqaRoundView round(@PathVariable String roundId) {
        return queries.query(new GetEqaRound(roundId), ResponseTypes.optionalInstanceOf(EqaRoundView.class)).join()
                .orElseThrow(() -> new ApiProblems.NotFound("roundId", "no EQA round " + roundId));
    }

    @GetMapping(value = "/rounds/{roundId}/results", produces = {MediaType.APPLICATION_JSON_VALUE, CsvExport.TEXT_CSV})
    @CsvExport(value = "eqa-results-{roundId}", rows = "rows")
    @ReadsFrom(ReadModel.EQA)
    @Operation(summary = "The round's results table: lab × item × sample with acceptability and z once graded (an "
            + "open flight inspection's rows and refusals: null)")
    public EqaRoundResults results(@PathVariable String roundId) {
        return queries.query(new GetEqaRoundResults(roundId), ResponseTypes.optionalInstanceOf(EqaRoundResults.class))
                .join().orElseThrow(() -> new ApiProblems.NotFound("roundId", "no EQA round " + roundId));
    }

    @GetMapping(value = "/history", produces = {MediaType.APPLICATION_JSON_VALUE, CsvExport.TEXT_CSV})
    @CsvExport("eqa-history-{alliance}")
    @ReadsFrom(ReadModel.EQA)
    @Operation(summary = "Each lab's EQA history per item, with the standing after each round and the trend")
    public List<EqaHistoryEntry> history(@RequestParam String alliance, @RequestParam(required = false) String lab,
                                         @RequestParam(required = false) String item) {
        return queries.query(new GetEqaHistory(alliance, lab, item),
                ResponseTypes.multipleInstancesOf(EqaHistoryEntry.class)).join();
    }

    @GetMapping(value = "/pass-rates", produces = {MediaType.APPLICATION_JSON_VALUE, CsvExport.TEXT_CSV})
    @CsvExport("eqa-pass-rates-{alliance}")
    @ReadsFrom(ReadModel.EQA)
    @Operation(summary = "The alliance's EQA pass rate per item")
    public List<EqaPassRate> passRates(@RequestParam String alliance) {
        return queries.query(new GetEqaPassRates(alliance), ResponseTypes.multipleInstancesOf(EqaPassRate.class))
                .join();
    }

    /**
     * The flight-inspection views are the only reads with blind detail before grading (ADR 0005): the identity issue
     * restricts them to the alliance's QC managers — never the inspected lab.
     */
    @GetMapping("/flight-inspections")
    @ReadsFrom(ReadModel.EQA)
    @Operation(summary = "Flight inspections with blind samples: results received and grades (QC managers only)")
    public List<FlightInspectionOutcome> flightInspections(@RequestParam String alliance) {
        return queries.query(new ListFlightInspections(alliance),
                ResponseTypes.multipleInstancesOf(FlightInspectionOutcome.class)).join();
    }

    @GetMapping("/flight-inspections/{roundId}")
    @ReadsFrom(ReadModel.EQA)
    @Operation(summary = "One flight inspection's blind detail: pseudo-patient, accession numbers, assigned values, "
            + "which samples arrived and what could not be placed (QC managers only)")
    public FlightInspectionDetail flightInspectionDetail(@PathVariable String roundId) {
        return queries.query(new GetFlightInspection(roundId),
                        ResponseTypes.optionalInstanceOf(FlightInspectionDetail.class)).join()
                .orElseThrow(() -> new ApiProblems.NotFound("roundId", "no flight inspection " + roundId));
    }

    private static ApiProblems.NotFound unknownRound(String roundId) {
        return new ApiProblems.NotFound("roundId", "no EQA round " + roundId);
    }

    private static String id(String kind, String allianceId, String requestId) {
        return UUID.nameUUIDFromBytes((kind + "\u0000" + allianceId + "\u0000" + requestId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
