package org.huren.api.localcode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.huren.api.alliance.CommandTransactions;
import org.huren.api.language.ProblemLanguageAdvice;
import org.huren.api.web.ApiProblems;
import org.huren.api.web.ReadsFrom;
import org.huren.api.web.SpreadsheetUpload;
import org.huren.api.web.openapi.Creates;
import org.huren.domain.alliance.AllianceTime;
import org.huren.domain.alliance.query.CatalogItemView;
import org.huren.domain.alliance.query.GetCatalog;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.catalog.UnitConversion;
import org.huren.domain.common.DomainRuleViolation;
import org.huren.domain.localcode.LocalCodeMap;
import org.huren.domain.localcode.LocalCodeMappingCheck;
import org.huren.domain.localcode.LocalCodeProposal;
import org.huren.domain.localcode.MapLocalCodes;
import org.huren.domain.localcode.MappingMode;
import org.huren.domain.localcode.MappingOutcome;
import org.huren.domain.localcode.RetireLocalCode;
import org.huren.domain.localcode.query.CodeMapView;
import org.huren.domain.localcode.query.FlaggedValue;
import org.huren.domain.localcode.query.GetCodeMaps;
import org.huren.domain.localcode.query.GetFlaggedValues;
import org.huren.domain.localcode.query.GetUnmappedCodes;
import org.huren.domain.localcode.query.MappedCodeView;
import org.huren.domain.localcode.query.UnmappedCode;
import org.huren.fhir.lab.LabDirectory;
import org.huren.fhir.lab.MemberLab;
import org.huren.fhir.read.ConfirmedReads;
import org.huren.fhir.read.ReadModel;
import org.huren.fhir.server.HurenHeaders;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A member lab's code map of its local item codes (本院项目代码对照, ADR 0017): map a code, amend a mapping from a
 * later day, retire a code, import the lab's list as CSV or XLSX — each change an event of the lab's
 * {@link LocalCodeMap}; and what its QC manager reviews: the codes that map to nothing, and the results held back
 * for an implausible value. The lab's staff (its QC manager) and the QC managers of its alliances change it; its LIS
 * and its alliances' QC roles read it ({@code ApiAccess}). A mapping names a catalog item by code (or LOINC) in the
 * catalog of one of the lab's alliances ({@code allianceId}, default: the first whose catalog has it).
 */
@RestController
@RequestMapping("/api/labs/{labCode}")
@Tag(name = "Local codes", description = "本院项目代码对照: a lab's own item codes mapped to the recognition catalog")
public class LocalCodeController {

    /** Most rows of one imported list: a lab's whole item list, with room. */
    static final int MAX_ROWS = 5000;

    private final CommandTransactions commands;
    private final QueryGateway queries;
    private final LabDirectory labs;
    private final ConfirmedReads confirmed;

    public LocalCodeController(CommandTransactions commands, QueryGateway queries, LabDirectory labs,
                               ConfirmedReads confirmed) {
        this.commands = commands;
        this.queries = queries;
        this.labs = labs;
        this.confirmed = confirmed;
    }

    // ------------------------------------------------------------------ requests and answers

    /** {@code effectiveFrom}: the first day (China Standard Time) it covers, default today. */
    @Schema(example = """
            {"system": "http://lis.jc-chc1.example.cn/item-codes", "code": "CRP", "display": "C反应蛋白",
            "unit": "mg/L", "itemCode": "CRP", "effectiveFrom": "2026-12-01", "retroactive": false}""")
    public record MappingRequest(@NotBlank String system, @NotBlank String code, String display, String unit,
                                 String itemCode, String loinc, String allianceId, LocalDate effectiveFrom,
                                 Boolean retroactive) {
    }

    @Schema(example = """
            {"display": "C反应蛋白(超敏)", "unit": "mg/dL", "itemCode": "CRP", "effectiveFrom": "2027-01-01"}""")
    public record AmendmentRequest(String display, String unit, String itemCode, String loinc, String allianceId,
                                   @NotNull LocalDate effectiveFrom, Boolean retroactive) {
    }

    @Schema(example = """
            {"effectiveFrom": "2027-06-01", "reason": "本院停用此代码, 改用 hsCRP"}""")
    public record RetirementRequest(@NotNull LocalDate effectiveFrom, @NotBlank String reason) {
    }

    /** What a write did: the map, the code, MAPPED / AMENDED / RETIRED / UNCHANGED, and the map's version. */
    public record MappingAnswer(String codeMapId, String system, String code, String change, int version,
                                String conceptMap) {
    }

    /** A map of the lab: its code system, version, how many codes are mapped and retired, and its ConceptMap. */
    public record CodeMapSummary(String codeMapId, String system, int version, Instant updatedAt, long mapped,
                                 long retired, String conceptMap) {
    }

    /** One row of an imported list and what it did (SKIPPED: it names no catalog item). */
    public record ImportedRow(int row, String code, String itemCode, String loinc, String change) {
    }

    public record ImportReport(String codeMapId, String system, int version, int rows, long mapped, long amended,
                               long unchanged, long skipped, List<ImportedRow> changes) {
    }

    /** Every rule an imported list breaks, each naming its row ({@code rows[5].unit}): nothing of it is stored. */
    static final class ImportRefused extends RuntimeException {
        final List<DomainRuleViolation> problems;

        ImportRefused(List<DomainRuleViolation> problems) {
            super(problems.size() + " row(s) of the list break a rule; nothing was imported");
            this.problems = List.copyOf(problems);
        }
    }

    @ExceptionHandler(ImportRefused.class)
    ResponseEntity<ProblemDetail> refused(ImportRefused e, WebRequest request) {
        // in another language than English the detail is the first broken rule's text, worded with its values
        request.setAttribute(ProblemLanguageAdvice.ARGUMENTS, e.problems.get(0).arguments(),
                WebRequest.SCOPE_REQUEST);
        ProblemDetail problem = ApiProblems.rule(HttpStatus.UNPROCESSABLE_ENTITY, e.problems.get(0));
        problem.setDetail(e.getMessage() + ": " + e.problems.get(0).getMessage()
                + (e.problems.size() > 1 ? " (and " + (e.problems.size() - 1) + " more, in errors)" : ""));
        problem.setProperty("errors", e.problems.stream().map(p -> Map.of("field", p.field(), "rule", p.rule(),
                "message", p.getMessage())).toList());
        return ResponseEntity.unprocessableEntity().body(problem);
    }

    // ------------------------------------------------------------------ reads

    @GetMapping("/code-maps")
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "The lab's code maps: one per code system, with its version and FHIR ConceptMap")
    public List<CodeMapSummary> maps(@PathVariable String labCode) {
        return codeMaps(labCode, null).stream().map(map -> new CodeMapSummary(map.codeMapId(), map.system(),
                map.version(), map.updatedAt(), map.codes().stream().filter(c -> "MAPPED".equals(c.status())).count(),
                map.codes().stream().filter(c -> "RETIRED".equals(c.status())).count(),
                "ConceptMap/" + map.codeMapId())).toList();
    }

    @GetMapping("/code-maps/{codeMapId}")
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "A code map: every code with its newest mapping and every change before it")
    public CodeMapView map(@PathVariable String labCode, @PathVariable String codeMapId) {
        return codeMaps(labCode, codeMapId).stream().findFirst().orElseThrow(() -> new ApiProblems.NotFound(
                "codeMapId", "lab " + labCode + " has no code map " + codeMapId));
    }

    @GetMapping("/code-maps/{codeMapId}/mappings/{code}")
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "One code of a map: its newest mapping and its history")
    public MappedCodeView mapping(@PathVariable String labCode, @PathVariable String codeMapId,
                                  @PathVariable String code) {
        return map(labCode, codeMapId).codes().stream().filter(c -> c.code().equals(code)).findFirst()
                .orElseThrow(() -> new ApiProblems.NotFound("code", "code " + code + " is not in code map "
                        + codeMapId));
    }

    @GetMapping("/unmapped-codes")
    @ReadsFrom(ReadModel.RECOGNITION)
    @Operation(summary = "The local codes of the lab's results that map to no catalog item: results, first and last "
            + "taken, examples — stored, tagged unmapped, never recognized until mapped")
    public List<UnmappedCode> unmapped(@PathVariable String labCode) {
        requireLab(labCode);
        return queries.query(new GetUnmappedCodes(labCode), ResponseTypes.multipleInstancesOf(UnmappedCode.class))
                .join();
    }

    @GetMapping("/flagged-values")
    @ReadsFrom(ReadModel.RECOGNITION)
    @Operation(summary = "The lab's results held back for a value outside the item's plausible range (a value in "
            + "another unit than labelled), per alliance")
    public List<FlaggedValue> flagged(@PathVariable String labCode) {
        requireLab(labCode);
        return queries.query(new GetFlaggedValues(labCode), ResponseTypes.multipleInstancesOf(FlaggedValue.class))
                .join();
    }

    // ------------------------------------------------------------------ writes

    @PostMapping("/code-maps/mappings")
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "Map a local code to a catalog item (idempotent; a code mapped otherwise: 409, amend it)")
    @Creates(value = "The code is mapped", location = "/api/labs/{labCode}/code-maps/{codeMapId}/mappings/{code}")
    public ResponseEntity<MappingAnswer> create(@PathVariable String labCode,
                                                @Valid @RequestBody MappingRequest request) {
        MemberLab lab = requireLab(labCode);
        LocalDate from = request.effectiveFrom() == null ? today() : request.effectiveFrom();
        Line line = new Line("", request.code(), request.display(), request.unit(), request.itemCode(),
                request.loinc(), request.allianceId(), from, Boolean.TRUE.equals(request.retroactive()));
        String mapId = LocalCodeMap.idOf(labCode, request.system());
        Written written = write(lab, request.system(), List.of(line), MappingMode.CREATE);
        MappingOutcome.Change change = written.outcome().changes().get(0);
        MappingAnswer answer = new MappingAnswer(mapId, request.system(), request.code(), change.name(),
                written.outcome().mapVersion(), "ConceptMap/" + mapId);
        ResponseEntity.BodyBuilder builder = change == MappingOutcome.Change.MAPPED
                ? ResponseEntity.created(URI.create("/api/labs/" + labCode + "/code-maps/" + mapId + "/mappings/"
                + URLEncoder.encode(request.code(), StandardCharsets.UTF_8).replace("+", "%20")))
                : ResponseEntity.ok();
        return builder.header(HurenHeaders.EVENT_POSITION, Long.toString(written.position())).body(answer);
    }

    @PutMapping("/code-maps/{codeMapId}/mappings/{code}")
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "Amend a mapping from a later day (results before keep the mapping they had)")
    public ResponseEntity<MappingAnswer> amend(@PathVariable String labCode, @PathVariable String codeMapId,
                                               @PathVariable String code,
                                               @Valid @RequestBody AmendmentRequest request) {
        MemberLab lab = requireLab(labCode);
        CodeMapView map = confirmedMapping(labCode, codeMapId, code);
        MappedCodeView current = map.codes().stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
        Line line = new Line("", code, request.display() == null ? current.display() : request.display(),
                request.unit() == null ? current.unit() : request.unit(),
                request.itemCode() == null && request.loinc() == null ? current.itemCode() : request.itemCode(),
                request.loinc(), request.allianceId(), request.effectiveFrom(),
                request.retroactive() == null ? current.retroactive() : request.retroactive());
        Written written = write(lab, map.system(), List.of(line), MappingMode.AMEND);
        MappingOutcome.Change change = written.outcome().changes().get(0);
        return ResponseEntity.ok().header(HurenHeaders.EVENT_POSITION, Long.toString(written.position()))
                .body(new MappingAnswer(codeMapId, map.system(), code, change.name(), written.outcome().mapVersion(),
                        "ConceptMap/" + codeMapId));
    }

    @PostMapping("/code-maps/{codeMapId}/mappings/{code}/retirement")
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "Retire a local code: from its day it maps to nothing (results since are unmapped again)")
    public ResponseEntity<MappingAnswer> retire(@PathVariable String labCode, @PathVariable String codeMapId,
                                                @PathVariable String code,
                                                @Valid @RequestBody RetirementRequest request) {
        requireLab(labCode);
        CodeMapView map = confirmedMapping(labCode, codeMapId, code);
        CommandTransactions.Outcome outcome = commands.send(List.of(codeMapId), new RetireLocalCode(codeMapId, code,
                request.effectiveFrom(), request.reason()));
        MappingOutcome retirement = (MappingOutcome) outcome.results().get(0);
        return ResponseEntity.ok().header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position()))
                .body(new MappingAnswer(codeMapId, map.system(), code, retirement.changes().get(0).name(),
                        retirement.mapVersion(), "ConceptMap/" + codeMapId));
    }

    @PostMapping(path = "/code-maps/imports", consumes = {SpreadsheetUpload.CSV, SpreadsheetUpload.XLSX})
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "Import the lab's code list as CSV or XLSX (columns code/项目代码, display/项目名称, "
            + "unit/单位, item_code/互认项目 or loinc, optional effective_from/生效日期 and retroactive/追溯): new codes "
            + "are mapped, changed ones amended, the rest left alone; any broken rule refuses the whole list, each "
            + "named by its row")
    public ResponseEntity<ImportReport> importList(@PathVariable String labCode, @RequestParam String system,
                                                   @RequestParam(required = false)
                                                   @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                                   LocalDate effectiveFrom,
                                                   @RequestParam(defaultValue = "false") boolean retroactive,
                                                   @RequestParam(required = false) String allianceId,
                                                   jakarta.servlet.http.HttpServletRequest request,
                                                   @RequestBody byte[] body) {
        MemberLab lab = requireLab(labCode);
        SpreadsheetUpload upload = SpreadsheetUpload.read(body, request.getContentType(), MAX_ROWS);
        List<DomainRuleViolation> problems = new ArrayList<>();
        CodeMapRows rows = CodeMapRows.of(upload, problems);
        if (!problems.isEmpty()) {
            throw new ImportRefused(problems);
        }
        if (rows.lines().isEmpty()) {
            throw new DomainRuleViolation("nothing-to-import", "body", "no row of the list names a catalog item "
                    + "(column " + String.join(", ", CodeMapRows.ITEM) + " or " + String.join(", ", CodeMapRows.LOINC)
                    + ")");
        }
        LocalDate from = effectiveFrom == null ? today() : effectiveFrom;
        List<Line> lines = rows.lines().stream().map(r -> new Line(r.source(), r.code(), r.display(), r.unit(),
                r.itemCode(), r.loinc(), allianceId, r.effectiveFrom() == null ? from : r.effectiveFrom(),
                r.retroactive() == null ? retroactive : r.retroactive())).toList();
        Written written = write(lab, system, lines, MappingMode.IMPORT);
        List<ImportedRow> changes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            CodeMapRows.Line row = rows.lines().get(i);
            LocalCodeProposal proposal = written.proposals().get(i);
            changes.add(new ImportedRow(row.row(), row.code(), proposal.item().code(),
                    LocalCodeMappingCheck.loincFor(proposal.item(), row.unit()).orElse(null),
                    written.outcome().changes().get(i).name()));
        }
        rows.skipped().forEach(row -> changes.add(new ImportedRow(row, upload.rows().stream()
                .filter(r -> r.number() == row).findFirst().map(r -> r.get(upload.column(CodeMapRows.CODE)
                        .orElse(null))).orElse(null), null, null, "SKIPPED")));
        changes.sort(java.util.Comparator.comparingInt(ImportedRow::row));
        MappingOutcome outcome = written.outcome();
        return ResponseEntity.ok().header(HurenHeaders.EVENT_POSITION, Long.toString(written.position()))
                .body(new ImportReport(LocalCodeMap.idOf(labCode, system), system, outcome.mapVersion(),
                        upload.rows().size(), outcome.count(MappingOutcome.Change.MAPPED),
                        outcome.count(MappingOutcome.Change.AMENDED), outcome.count(MappingOutcome.Change.UNCHANGED),
                        rows.skipped().size(), changes));
    }

    // ------------------------------------------------------------------ mapping

    /** A mapping asked for, before its catalog item is looked up. */
    private record Line(String source, String code, String display, String unit, String itemCode, String loinc,
                        String allianceId, LocalDate effectiveFrom, boolean retroactive) {
    }

    private record Written(List<LocalCodeProposal> proposals, MappingOutcome outcome, long position) {
    }

    /**
     * Looks up the catalog items the lines name (a refusal confirmed against everything committed first), refuses
     * the request listing every broken rule, or maps the codes in one command.
     */
    private Written write(MemberLab lab, String system, List<Line> lines, MappingMode mode) {
        List<LocalCodeProposal> proposals = confirmed.read(ReadModel.ALLIANCE, () -> proposals(lab, lines),
                list -> list.stream().allMatch(p -> p.item() != null));
        List<DomainRuleViolation> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            problems.addAll(LocalCodeMappingCheck.problems(proposals.get(i)));
            Line line = lines.get(i);
            LocalCodeProposal proposal = proposals.get(i);
            if (proposal.item() != null && line.itemCode() != null && line.loinc() != null
                    && !proposal.item().loincCodes().contains(line.loinc())) {
                problems.add(new DomainRuleViolation("item-loinc-mismatch", proposal.field("loinc"), "LOINC "
                        + line.loinc() + " is not a code of item " + proposal.item().code() + " ("
                        + String.join(", ", proposal.item().loincCodes()) + ")", line.loinc(),
                        proposal.item().code(), String.join(", ", proposal.item().loincCodes())));
            }
        }
        if (!problems.isEmpty()) {
            if (mode == MappingMode.IMPORT) {
                throw new ImportRefused(problems);
            }
            throw problems.get(0);
        }
        String mapId = LocalCodeMap.idOf(lab.code(), system);
        CommandTransactions.Outcome outcome = commands.send(List.of(mapId), new MapLocalCodes(mapId, lab.code(),
                system, proposals, mode));
        return new Written(proposals, (MappingOutcome) outcome.results().get(0), outcome.position());
    }

    private List<LocalCodeProposal> proposals(MemberLab lab, List<Line> lines) {
        Map<String, List<CatalogItem>> catalogs = new HashMap<>();
        List<LocalCodeProposal> proposals = new ArrayList<>();
        for (Line line : lines) {
            List<String> alliances;
            if (line.allianceId() != null) {
                if (!lab.alliances().contains(line.allianceId())) {
                    throw new DomainRuleViolation("not-a-member", "allianceId", "lab " + lab.code()
                            + " is not a member of alliance " + line.allianceId());
                }
                alliances = List.of(line.allianceId());
            } else {
                alliances = lab.alliances().stream().sorted().toList();
            }
            CatalogItem item = null;
            String alliance = alliances.isEmpty() ? null : alliances.get(0);
            for (String candidate : alliances) {
                List<CatalogItem> catalog = catalogs.computeIfAbsent(candidate + "@" + line.effectiveFrom(),
                        key -> catalog(candidate, line.effectiveFrom()));
                Optional<CatalogItem> found = line.itemCode() != null
                        ? catalog.stream().filter(i -> i.code().equals(line.itemCode())).findFirst()
                        : UnitConversion.itemFor(catalog, line.loinc());
                if (found.isPresent()) {
                    item = found.get();
                    alliance = candidate;
                    break;
                }
            }
            proposals.add(new LocalCodeProposal(line.source(), line.code(), line.display(), line.unit(),
                    line.itemCode() != null ? line.itemCode() : line.loinc() == null ? null : "LOINC " + line.loinc(),
                    item, alliance, line.effectiveFrom(), line.retroactive()));
        }
        return proposals;
    }

    private List<CatalogItem> catalog(String alliance, LocalDate on) {
        return queries.query(new GetCatalog(alliance, on, false), ResponseTypes.multipleInstancesOf(
                CatalogItemView.class)).join().stream().map(CatalogItemView::item).toList();
    }

    /** The lab, a member of at least one alliance (a withdrawn or unknown lab has no catalog to map to). */
    private MemberLab requireLab(String labCode) {
        MemberLab lab = labs.byCode(labCode).orElseThrow(() -> new ApiProblems.NotFound("labCode",
                "no member lab " + labCode));
        if (lab.alliances().isEmpty()) {
            throw new DomainRuleViolation("not-a-member", "labCode", "lab " + labCode + " is a member of no "
                    + "alliance: it has no catalog to map its codes to");
        }
        return lab;
    }

    /**
     * The map holding {@code code}, for a write that changes it: a map or code the read model does not hold is
     * looked for again once it has caught up with every committed write (a mapping made a moment ago is found).
     */
    private CodeMapView confirmedMapping(String labCode, String codeMapId, String code) {
        CodeMapView map = confirmed.read(ReadModel.ALLIANCE, () -> codeMaps(labCode, codeMapId), maps -> maps
                        .stream().anyMatch(m -> m.codes().stream().anyMatch(c -> c.code().equals(code))))
                .stream().findFirst().orElseThrow(() -> new ApiProblems.NotFound("codeMapId", "lab " + labCode
                        + " has no code map " + codeMapId));
        if (map.codes().stream().noneMatch(c -> c.code().equals(code))) {
            throw new ApiProblems.NotFound("code", "code " + code + " is not in code map " + codeMapId);
        }
        return map;
    }

    private List<CodeMapView> codeMaps(String labCode, String codeMapId) {
        requireLab(labCode);
        return queries.query(new GetCodeMaps(List.of(labCode), codeMapId),
                ResponseTypes.multipleInstancesOf(CodeMapView.class)).join();
    }

    private static LocalDate today() {
        return LocalDate.now(AllianceTime.ZONE);
    }
}
