package org.huren.api.alliance;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.huren.api.web.ReadsFrom;
import org.huren.fhir.read.ReadModel;
import org.huren.fhir.read.ConfirmedReads;
import org.huren.api.web.ApiProblems;
import org.huren.api.web.openapi.Creates;
import org.huren.domain.alliance.AllianceKind;
import org.huren.domain.alliance.EnrolLab;
import org.huren.domain.alliance.FormAlliance;
import org.huren.domain.alliance.Integration;
import org.huren.domain.alliance.LabLevel;
import org.huren.domain.alliance.ReinstateMember;
import org.huren.domain.alliance.SuspendMember;
import org.huren.domain.alliance.WithdrawAccreditation;
import org.huren.domain.alliance.WithdrawMember;
import org.huren.domain.alliance.query.AccreditationChange;
import org.huren.domain.alliance.query.AllianceOverview;
import org.huren.domain.alliance.query.AllianceView;
import org.huren.domain.alliance.query.CatalogItemView;
import org.huren.domain.alliance.query.FindMemberLabs;
import org.huren.domain.alliance.query.GetAccreditationHistory;
import org.huren.domain.alliance.query.GetAllianceOverview;
import org.huren.domain.alliance.query.GetCatalog;
import org.huren.domain.alliance.query.ListAlliances;
import org.huren.domain.alliance.query.MemberLabView;
import org.huren.domain.catalog.AllowableError;
import org.huren.domain.catalog.AlternativeCode;
import org.huren.domain.catalog.AmendCatalogItem;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.catalog.DefaultCatalog;
import org.huren.domain.catalog.PublishCatalogItem;
import org.huren.domain.catalog.RetireCatalogItem;
import org.huren.domain.catalog.SeedCatalog;
import org.huren.domain.catalog.UnitConversion;
import org.huren.domain.common.Identifier;
import org.huren.domain.query.FindResource;
import org.huren.domain.query.StoredResource;
import org.huren.fhir.read.ReadModelPositions;
import org.huren.fhir.server.HurenHeaders;
import org.springframework.format.annotation.DateTimeFormat;
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
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * QC managers' REST interface to alliances: membership, the recognition catalog, accreditation, and the
 * read models that review them. Writes are idempotent on their natural keys (alliance id, lab code, item
 * code): a retried request changes nothing. Every write answers {@code X-HuRen-Event-Position}.
 */
@RestController
@RequestMapping("/api/alliances")
@Tag(name = "Alliances", description = "医联体: members, recognition catalog (互认项目目录), accreditation (项目准入)")
public class AllianceController {

    static final String CODE = "[A-Za-z0-9.-]{1,64}";

    private final CommandTransactions commands;
    private final QueryGateway queries;
    private final ConfirmedReads confirmed;
    private final org.huren.api.security.ApiAccess access;

    public AllianceController(CommandTransactions commands, QueryGateway queries, ConfirmedReads confirmed,
                              org.huren.api.security.ApiAccess access) {
        this.access = access;
        this.commands = commands;
        this.queries = queries;
        this.confirmed = confirmed;
    }

    // ------------------------------------------------------------------ requests

    @Schema(example = """
            {"allianceId": "jiangcheng", "name": "江城县域医共体", "kind": "COUNTY_COMMUNITY", "integration": "TIGHT",
            "coreInstitution": "江城县人民医院"}""")
    public record FormAllianceRequest(@NotBlank @Pattern(regexp = CODE) String allianceId, @NotBlank String name,
                                      @NotNull AllianceKind kind, @NotNull Integration integration,
                                      @NotBlank String coreInstitution) {
    }

    public record IdentifierRequest(String system, @NotBlank String value) {
    }

    /** {@code effectiveFrom}: the day a membership of the past began (migrating an alliance's history); none: now. */
    @Schema(example = """
            {"labCode": "JC-CHC1", "institution": "城关镇社区卫生服务中心检验室", "level": "COMMUNITY",
            "identifiers": [{"system": "https://huren.example.org/sid/org-code", "value": "523456789"}]}""")
    public record EnrolLabRequest(@NotBlank @Pattern(regexp = CODE) String labCode, @NotBlank String institution,
                                  @NotNull LabLevel level, List<@Valid IdentifierRequest> identifiers,
                                  LocalDate effectiveFrom) {
    }

    @Schema(example = """
            {"reason": "室内质控连续失控, 暂停互认至整改完成"}""")
    public record ReasonRequest(@NotBlank String reason) {
    }

    public record AlternativeCodeRequest(@NotBlank String loinc, @NotBlank String ucumUnit,
                                         @NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal factor) {
    }

    @Schema(example = """
            {"code": "CRP", "nameZh": "C反应蛋白", "nameEn": "C-reactive protein", "category": "immunology",
            "loinc": "1988-5", "ucumUnit": "mg/L", "teaAbsolute": 1.0, "teaPercent": 20, "cvMaxPercent": 8,
            "biasMaxPercent": 10, "validityDays": 7, "validitySource": "Hubei list", "specimenType": "serum",
            "limitSet": "WS/T 403-2024", "effectiveFrom": "2025-01-01", "plausibleLow": 0, "plausibleHigh": 500}""")
    public record CatalogItemRequest(@NotBlank @Pattern(regexp = CODE) String code, String nameZh,
                                     @NotBlank String nameEn, String category, @NotBlank String loinc,
                                     @NotBlank String ucumUnit, List<@Valid AlternativeCodeRequest> alternatives,
                                     @DecimalMin("0") BigDecimal teaAbsolute, @DecimalMin("0") BigDecimal teaPercent,
                                     @DecimalMin("0") BigDecimal cvMaxPercent,
                                     @DecimalMin("0") BigDecimal biasMaxPercent, @Min(1) int validityDays,
                                     String validitySource, String specimenType, @NotBlank String limitSet,
                                     @NotNull LocalDate effectiveFrom, @DecimalMin("0") BigDecimal plausibleLow,
                                     @DecimalMin("0") BigDecimal plausibleHigh) {

        CatalogItem toItem() {
            if (teaAbsolute == null && teaPercent == null) {
                throw new org.huren.domain.common.DomainRuleViolation("invalid-allowableError", "teaPercent",
                        "an item needs an allowable error: teaAbsolute, teaPercent or both");
            }
            requireLoinc(loinc, "loinc");
            requireUcum(ucumUnit, "ucumUnit");
            if (alternatives != null) {
                for (int i = 0; i < alternatives.size(); i++) {
                    requireLoinc(alternatives.get(i).loinc(), "alternatives[" + i + "].loinc");
                    requireUcum(alternatives.get(i).ucumUnit(), "alternatives[" + i + "].ucumUnit");
                }
            }
            // the values a patient can plausibly have, in ucumUnit: outside, a value is held back (ADR 0017)
            if ((plausibleLow == null) != (plausibleHigh == null)
                    || plausibleLow != null && plausibleLow.compareTo(plausibleHigh) >= 0) {
                throw new org.huren.domain.common.DomainRuleViolation("invalid-plausibleRange", "plausibleHigh",
                        "a plausible range gives plausibleLow and plausibleHigh, low below high");
            }
            return new CatalogItem(code, nameZh, nameEn, category, loinc, ucumUnit,
                    alternatives == null ? List.of() : alternatives.stream()
                            .map(a -> new AlternativeCode(a.loinc(), a.ucumUnit(), a.factor())).toList(),
                    new AllowableError(teaAbsolute, teaPercent), cvMaxPercent, biasMaxPercent, validityDays,
                    validitySource, specimenType, limitSet, effectiveFrom, plausibleLow == null ? null
                    : new org.huren.domain.catalog.PlausibleRange(plausibleLow, plausibleHigh));
        }
    }

    private static final UnitConversion UNITS = new UnitConversion();

    private static void requireLoinc(String code, String field) {
        if (code == null || !code.matches("\\d{1,7}-\\d")) {
            throw new org.huren.domain.common.DomainRuleViolation("invalid-loinc", field,
                    "'" + code + "' is not a LOINC code (digits, a hyphen, a check digit)");
        }
    }

    private static void requireUcum(String unit, String field) {
        if (!UNITS.isValidUnit(unit)) {
            throw new org.huren.domain.common.DomainRuleViolation("invalid-ucum", field,
                    "'" + unit + "' is not a valid UCUM unit", unit);
        }
    }

    @Schema(example = """
            {"effectiveFrom": "2030-01-01", "reason": "replaced by hs-CRP"}""")
    public record RetireRequest(@NotNull LocalDate effectiveFrom, @NotBlank String reason) {
    }

    @Schema(example = """
            {"effectiveFrom": "2024-11-01"}""")
    public record SeedRequest(LocalDate effectiveFrom) {
    }

    @Schema(example = """
            {"reason": "飞行检查不合格", "effectiveAt": "2025-06-01T00:00:00Z"}""")
    public record WithdrawAccreditationRequest(@NotBlank String reason, @NotNull Instant effectiveAt) {
    }

    // ------------------------------------------------------------------ alliances

    @PostMapping
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "Form an alliance (idempotent on allianceId)")
    @Creates(value = "The alliance is formed", location = "/api/alliances/{allianceId}")
    public ResponseEntity<AllianceView> form(@Valid @RequestBody FormAllianceRequest request) {
        String id = request.allianceId();
        // the alliance answers a repeat itself: the same details change nothing, others are refused
        CommandTransactions.Outcome outcome = commands.send(List.of(id), new FormAlliance(id, request.name(),
                request.kind(), request.integration(), request.coreInstitution()));
        org.huren.domain.alliance.Alliance.Formation formation =
                (org.huren.domain.alliance.Alliance.Formation) outcome.results().get(0);
        ResponseEntity.BodyBuilder answer = formation.change() == org.huren.domain.common.Change.CREATED
                ? ResponseEntity.created(URI.create("/api/alliances/" + id)) : ResponseEntity.ok();
        // the alliance as formed: the same answer for a repeat
        return answer.header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position()))
                .body(new AllianceView(id, request.name(), request.kind().name(), request.integration().name(),
                        request.coreInstitution(), formation.formedAt(), new AllianceView.RecognitionPolicyView(true,
                        org.huren.domain.alliance.Alliance.DEFAULT_IQC_BRACKET_HOURS,
                        org.huren.domain.alliance.Alliance.DEFAULT_EQA_MAX_AGE_DAYS)));
    }

    @GetMapping
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "The alliances the caller acts in: a QC role's, its member lab's (all for an administrator)")
    public List<AllianceView> alliances(
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) org.huren.fhir.server.Caller caller) {
        return everyAlliance().stream().filter(a -> access.seesAlliance(caller, a.allianceId())).toList();
    }

    private List<AllianceView> everyAlliance() {
        return queries.query(new ListAlliances(), ResponseTypes.multipleInstancesOf(AllianceView.class)).join();
    }

    @GetMapping("/{allianceId}")
    @ReadsFrom(ReadModel.ALLIANCE)
    public AllianceView alliance(@PathVariable String allianceId) {
        return everyAlliance().stream().filter(a -> a.allianceId().equals(allianceId)).findFirst()
                .orElseThrow(() -> new ApiProblems.NotFound("allianceId", "no alliance " + allianceId));
    }

    @Schema(example = """
            {"notYetKnownBlocks": true, "iqcBracketHours": 24, "eqaMaxAgeDays": 365}""")
    public record RecognitionPolicyRequest(@NotNull Boolean notYetKnownBlocks,
                                           @NotNull @Min(1) Integer iqcBracketHours,
                                           @NotNull @Min(1) Integer eqaMaxAgeDays) {
    }

    @PutMapping("/{allianceId}/recognition-policy")
    @Operation(summary = "Set the recognition policy: whether not-yet-known evidence blocks, and tighter limits")
    public ResponseEntity<Void> recognitionPolicy(@PathVariable String allianceId,
                                                  @Valid @RequestBody RecognitionPolicyRequest request) {
        return written(HttpStatus.OK, allianceId, null, new org.huren.domain.alliance.SetRecognitionPolicy(
                allianceId, request.notYetKnownBlocks(), request.iqcBracketHours(), request.eqaMaxAgeDays()));
    }

    @Schema(example = """
            {"system": "https://huren.example.org/sid/resident-id", "name": "居民身份证号", "trusted": true}""")
    public record TrustRequest(@NotBlank String system, String name, @NotNull Boolean trusted) {
    }

    /** A QC manager's decision on whether patient record {@code patientId} is the person known by system|value. */
    @Schema(example = """
            {"system": "https://huren.example.org/sid/resident-id", "value": "420102199001011234",
            "patientId": "pat-001", "reason": "核对身份证与病历号一致"}""")
    public record PatientLinkRequest(@NotBlank String system, @NotBlank String value, @NotBlank String patientId,
                                     @NotBlank String reason) {
    }

    @PostMapping("/{allianceId}/trusted-identifier-systems")
    @Operation(summary = "Trust (or stop trusting) an identifier system: member records sharing one are linked")
    public ResponseEntity<Void> trust(@PathVariable String allianceId, @Valid @RequestBody TrustRequest request) {
        return written(HttpStatus.OK, allianceId, null, new org.huren.domain.alliance.TrustIdentifierSystem(
                allianceId, request.system(), request.name(), request.trusted()));
    }

    @PostMapping("/{allianceId}/patient-links/unlink")
    @Operation(summary = "Undo the link of a patient record to the person known by system|value: no match on that "
            + "identifier finds the record any more, until a new link decision")
    public ResponseEntity<Void> unlink(@PathVariable String allianceId,
                                       @Valid @RequestBody PatientLinkRequest request) {
        requireKnownAlliance(allianceId);
        String person = org.huren.domain.linking.PersonLink.personId(allianceId, request.system(), request.value());
        CommandTransactions.Outcome outcome = commands.sendToExisting(person, () -> new ApiProblems.NotFound("value",
                        "no person of alliance " + allianceId + " is known by " + request.system() + "|"
                                + request.value()),
                new org.huren.domain.linking.UnlinkPatientRecord(person, request.patientId(), request.reason()));
        return ResponseEntity.ok().header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position())).build();
    }

    @PostMapping("/{allianceId}/patient-links/link")
    @Operation(summary = "Decide that a member's patient record is the person known by system|value: links it, "
            + "even after an unlink, until the next unlink")
    public ResponseEntity<Void> link(@PathVariable String allianceId, @Valid @RequestBody PatientLinkRequest request) {
        requireKnownAlliance(allianceId);
        // a pseudo-patient of a flight inspection is nobody's record: not found, like one that does not exist
        StoredResource record = queries.query(new FindResource("Patient", request.patientId()),
                        ResponseTypes.optionalInstanceOf(StoredResource.class)).join()
                .filter(r -> r.visibleTo(null))
                .orElseThrow(() -> new ApiProblems.NotFound("patientId", "no patient record " + request.patientId()));
        boolean member = queries.query(new FindMemberLabs(allianceId, null, null, null, null),
                        ResponseTypes.multipleInstancesOf(MemberLabView.class)).join().stream()
                .anyMatch(m -> m.labCode().equals(record.labId()));
        if (!member) {
            throw new org.huren.domain.common.DomainRuleViolation("not-a-member", "patientId", "patient record "
                    + request.patientId() + " belongs to " + record.labId() + ", not a member of " + allianceId);
        }
        String person = org.huren.domain.linking.PersonLink.personId(allianceId, request.system(), request.value());
        CommandTransactions.Outcome outcome = commands.send(List.of(person),
                new org.huren.domain.linking.ConfirmPatientLink(person, allianceId, request.system(), request.value(),
                        request.patientId(), record.labId(), request.reason()));
        return ResponseEntity.ok().header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position())).build();
    }

    // ------------------------------------------------------------------ members

    @PostMapping("/{allianceId}/members")
    @Operation(summary = "Enrol a member lab (idempotent on labCode)")
    @Creates(value = "The lab is enrolled", location = "/api/alliances/{allianceId}/members/{labCode}")
    public ResponseEntity<Void> enrol(@PathVariable String allianceId, @Valid @RequestBody EnrolLabRequest request) {
        List<Identifier> identifiers = request.identifiers() == null ? List.of() : request.identifiers().stream()
                .map(i -> new Identifier(i.system(), i.value(), null)).toList();
        return written(HttpStatus.CREATED, allianceId, URI.create("/api/alliances/" + allianceId + "/members/"
                + request.labCode()), new EnrolLab(allianceId, request.labCode(), request.institution(),
                request.level(), identifiers, request.effectiveFrom()));
    }

    @GetMapping("/{allianceId}/members")
    @ReadsFrom(ReadModel.ALLIANCE)
    public List<MemberLabView> members(@PathVariable String allianceId) {
        requireKnownAlliance(allianceId);
        return queries.query(new FindMemberLabs(allianceId, null, null, null, null),
                ResponseTypes.multipleInstancesOf(MemberLabView.class)).join();
    }

    @GetMapping("/{allianceId}/members/{labCode}")
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "A member lab: level, status (and why), since when, identifiers")
    public MemberLabView member(@PathVariable String allianceId, @PathVariable String labCode) {
        return members(allianceId).stream().filter(m -> m.labCode().equals(labCode)).findFirst()
                .orElseThrow(() -> new ApiProblems.NotFound("labCode", labCode + " is not a member of "
                        + allianceId));
    }

    @PostMapping("/{allianceId}/members/{labCode}/suspension")
    @Operation(summary = "Suspend a member (its submissions are kept but marked)")
    public ResponseEntity<Void> suspend(@PathVariable String allianceId, @PathVariable String labCode,
                                        @Valid @RequestBody ReasonRequest request) {
        return written(HttpStatus.OK, allianceId, null, new SuspendMember(allianceId, labCode, request.reason()));
    }

    @PostMapping("/{allianceId}/members/{labCode}/reinstatement")
    public ResponseEntity<Void> reinstate(@PathVariable String allianceId, @PathVariable String labCode,
                                          @Valid @RequestBody ReasonRequest request) {
        return written(HttpStatus.OK, allianceId, null, new ReinstateMember(allianceId, labCode, request.reason()));
    }

    @PostMapping("/{allianceId}/members/{labCode}/withdrawal")
    public ResponseEntity<Void> withdraw(@PathVariable String allianceId, @PathVariable String labCode,
                                         @Valid @RequestBody ReasonRequest request) {
        return written(HttpStatus.OK, allianceId, null, new WithdrawMember(allianceId, labCode, request.reason()));
    }

    // ------------------------------------------------------------------ catalog

    @PostMapping("/{allianceId}/catalog/default")
    @Operation(summary = "Seed the catalog with HuRen's default catalog (items already present are kept)")
    public ResponseEntity<Void> seed(@PathVariable String allianceId, @RequestBody(required = false) SeedRequest request) {
        LocalDate from = request == null || request.effectiveFrom() == null ? LocalDate.of(2024, 11, 1)
                : request.effectiveFrom();
        return written(HttpStatus.OK, allianceId, null, new SeedCatalog(allianceId, DefaultCatalog.load(from)));
    }

    @PostMapping("/{allianceId}/catalog/items")
    @Operation(summary = "Publish a catalog item (idempotent on code)")
    @Creates(value = "The item is published", location = "/api/alliances/{allianceId}/catalog/items/{code}")
    public ResponseEntity<Void> publish(@PathVariable String allianceId,
                                        @Valid @RequestBody CatalogItemRequest request) {
        return written(HttpStatus.CREATED, allianceId, URI.create("/api/alliances/" + allianceId
                + "/catalog/items/" + request.code()), new PublishCatalogItem(allianceId, request.toItem()));
    }

    @PutMapping("/{allianceId}/catalog/items/{code}")
    @Operation(summary = "Amend an item: a new version effective from its effectiveFrom")
    public ResponseEntity<Void> amend(@PathVariable String allianceId, @PathVariable String code,
                                      @Valid @RequestBody CatalogItemRequest request) {
        if (!code.equals(request.code())) {
            throw new org.huren.domain.common.DomainRuleViolation("code-mismatch", "code",
                    "the body's code " + request.code() + " is not the URL's " + code);
        }
        return written(HttpStatus.OK, allianceId, null, new AmendCatalogItem(allianceId, request.toItem()));
    }

    @PostMapping("/{allianceId}/catalog/items/{code}/retirement")
    public ResponseEntity<Void> retire(@PathVariable String allianceId, @PathVariable String code,
                                       @Valid @RequestBody RetireRequest request) {
        return written(HttpStatus.OK, allianceId, null,
                new RetireCatalogItem(allianceId, code, request.effectiveFrom(), request.reason()));
    }

    @GetMapping("/{allianceId}/catalog")
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "The catalog as it stood on a date (default today): the version of each item then in force")
    public List<CatalogItemView> catalog(@PathVariable String allianceId,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                         LocalDate asOf,
                                         @RequestParam(defaultValue = "false") boolean includeRetired) {
        requireKnownAlliance(allianceId);
        return queries.query(new GetCatalog(allianceId, asOf, includeRetired),
                ResponseTypes.multipleInstancesOf(CatalogItemView.class)).join();
    }

    /** The last day the catalog read model can be asked about: every version published so far is in force. */
    private static final LocalDate END_OF_CATALOG = LocalDate.of(9999, 12, 31);

    @GetMapping("/{allianceId}/catalog/items/{code}")
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "An item as it stood on a date; without a date, the version in force today — or, for an "
            + "item not in force yet, its newest version (what a publication's Location names)")
    public CatalogItemView catalogItem(@PathVariable String allianceId, @PathVariable String code,
                                       @RequestParam(required = false)
                                       @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        Optional<CatalogItemView> item = catalog(allianceId, asOf, true).stream()
                .filter(v -> v.item().code().equals(code)).findFirst();
        if (item.isEmpty() && asOf == null) {
            item = catalog(allianceId, END_OF_CATALOG, true).stream().filter(v -> v.item().code().equals(code))
                    .findFirst();
        }
        return item.orElseThrow(() -> new ApiProblems.NotFound("code", "no item " + code + " in force"
                + (asOf == null ? "" : " on " + asOf)));
    }

    // ------------------------------------------------------------------ accreditation

    @PostMapping("/{allianceId}/members/{labCode}/accreditations/{itemCode}/withdrawal")
    @Operation(summary = "Withdraw an accreditation, effective at a time that may lie in the past")
    public ResponseEntity<Void> withdrawAccreditation(@PathVariable String allianceId, @PathVariable String labCode,
                                                      @PathVariable String itemCode,
                                                      @Valid @RequestBody WithdrawAccreditationRequest request) {
        return written(HttpStatus.OK, allianceId, null, new WithdrawAccreditation(allianceId, labCode, itemCode,
                request.reason(), request.effectiveAt()));
    }

    @GetMapping("/{allianceId}/overview")
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "Member labs × catalog items: accredited?, since, until, assessed by")
    public AllianceOverview overview(@PathVariable String allianceId) {
        Optional<AllianceOverview> overview = queries.query(new GetAllianceOverview(allianceId),
                ResponseTypes.optionalInstanceOf(AllianceOverview.class)).join();
        return overview.orElseThrow(() -> new ApiProblems.NotFound("allianceId", "no alliance " + allianceId));
    }

    @GetMapping("/{allianceId}/members/{labCode}/accreditation-history")
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "Every accreditation change of a lab, with the event behind it")
    public List<AccreditationChange> history(@PathVariable String allianceId, @PathVariable String labCode) {
        requireKnownAlliance(allianceId);
        return queries.query(new GetAccreditationHistory(allianceId, labCode),
                ResponseTypes.multipleInstancesOf(AccreditationChange.class)).join();
    }

    // ------------------------------------------------------------------ helpers

    /**
     * For what no alliance command refuses (reads, patient links): the alliance read model knows it, or — once it has
     * caught up with every committed event — there is none.
     */
    private void requireKnownAlliance(String allianceId) {
        if (!confirmed.read(ReadModel.ALLIANCE, () -> everyAlliance().stream()
                .anyMatch(a -> a.allianceId().equals(allianceId)), known -> known)) {
            throw unknown(allianceId);
        }
    }

    private static ApiProblems.NotFound unknown(String allianceId) {
        return new ApiProblems.NotFound("allianceId", "no alliance " + allianceId);
    }

    /** A command to the alliance, which refuses it when there is no such alliance (404); a repeat is 200. */
    private ResponseEntity<Void> written(HttpStatus status, String allianceId, URI location, Object command) {
        CommandTransactions.Outcome outcome = commands.sendToExisting(allianceId, () -> unknown(allianceId), command);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(outcome.changed() ? status : HttpStatus.OK)
                .header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position()));
        if (location != null) {
            answer.location(location);
        }
        return answer.build();
    }
}
