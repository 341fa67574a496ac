package org.huren.api.alliance;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.huren.api.axon.JdbcEventStoreIndex;
import org.huren.api.web.ApiProblems;
import org.huren.api.web.ReadsFrom;
import org.huren.api.web.SpreadsheetUpload;
import org.huren.domain.alliance.AllianceTime;
import org.huren.domain.alliance.query.CatalogItemView;
import org.huren.domain.alliance.query.GetCatalog;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.catalog.DefaultCatalog;
import org.huren.domain.catalog.RegionalListMatching;
import org.huren.domain.catalog.SeedCatalog;
import org.huren.domain.common.DomainRuleViolation;
import org.huren.domain.common.Vocabulary;
import org.huren.fhir.read.ReadModel;
import org.huren.fhir.server.HurenHeaders;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The alliance catalog from a regional list of recognized items (互认项目目录) as a health commission publishes it
 * (ADR 0017): CSV or XLSX with the item's name, Chinese name, specimen, unit and LOINC where given. Each row is
 * matched to an item of HuRen's reference catalog ({@link RegionalListMatching}), whose limits the list does not
 * carry; the matched items not yet in the alliance's catalog are published from {@code effectiveFrom}, and the report
 * says row by row what happened — and why a row matched nothing. {@code dryRun=true} only reports.
 */
@RestController
@RequestMapping("/api/alliances")
@Tag(name = "Alliances")
public class CatalogImportController {

    static final int MAX_ROWS = 2000;
    /** The headers each column of a regional list is recognized by (regional-list-columns.properties). */
    private static final Vocabulary COLUMNS = Vocabulary.of(CatalogImportController.class,
            "regional-list-columns.properties");

    private final CommandTransactions commands;
    private final QueryGateway queries;
    private final JdbcEventStoreIndex eventStore;

    public CatalogImportController(CommandTransactions commands, QueryGateway queries,
                                   JdbcEventStoreIndex eventStore) {
        this.commands = commands;
        this.queries = queries;
        this.eventStore = eventStore;
    }

    /**
     * One row of the list and what became of it: PUBLISHED, IN_CATALOG (the alliance had the item already),
     * UNMATCHED (with the reason).
     */
    public record ImportedItem(int row, String name, String nameZh, String specimen, String unit, String loinc,
                               String itemCode, String matchedBy, String outcome, String reason) {
    }

    public record CatalogImportReport(String allianceId, boolean dryRun, LocalDate effectiveFrom, int rows,
                                      long published, long inCatalog, long unmatched, List<ImportedItem> items) {
    }

    @PostMapping(path = "/{allianceId}/catalog/imports", consumes = {SpreadsheetUpload.CSV, SpreadsheetUpload.XLSX})
    @ReadsFrom(ReadModel.ALLIANCE)
    @Operation(summary = "Import a regional list of recognized items (CSV or XLSX: name, name_zh/中文名称, "
            + "specimen/标本类型, unit/单位, loinc): matched items are published from effectiveFrom (default today), "
            + "with a report of the rows that matched nothing")
    public ResponseEntity<CatalogImportReport> importList(@PathVariable String allianceId,
                                                          @RequestParam(required = false)
                                                          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                                          LocalDate effectiveFrom,
                                                          @RequestParam(defaultValue = "false") boolean dryRun,
                                                          jakarta.servlet.http.HttpServletRequest request,
                                                          @RequestBody byte[] body) {
        if (!Objects.equals(eventStore.aggregateType(allianceId).orElse(null), "Alliance")) {
            throw new ApiProblems.NotFound("allianceId", "no alliance " + allianceId);
        }
        SpreadsheetUpload upload = SpreadsheetUpload.read(body, request.getContentType(), MAX_ROWS);
        Optional<String> name = upload.column(COLUMNS.words("name"));
        Optional<String> nameZh = upload.column(COLUMNS.words("name_zh"));
        if (name.isEmpty() && nameZh.isEmpty()) {
            String headers = String.join(", ", java.util.stream.Stream.concat(COLUMNS.words("name").stream(),
                    COLUMNS.words("name_zh").stream()).toList());
            throw new DomainRuleViolation("missing-column", "name", "the list has no item name column (name it one "
                    + "of " + headers + "); its header row is " + upload.header(), "name", headers);
        }
        Optional<String> specimen = upload.column(COLUMNS.words("specimen"));
        Optional<String> unit = upload.column(COLUMNS.words("unit"));
        Optional<String> loinc = upload.column(COLUMNS.words("loinc"));
        List<RegionalListMatching.Row> rows = upload.rows().stream().map(r -> new RegionalListMatching.Row(
                r.number(), name.map(r::get).orElse(null), nameZh.map(r::get).orElse(null),
                specimen.map(r::get).orElse(null), unit.map(r::get).orElse(null), loinc.map(r::get).orElse(null)))
                .toList();
        LocalDate from = effectiveFrom == null ? LocalDate.now(AllianceTime.ZONE) : effectiveFrom;
        List<RegionalListMatching.Match> matches = RegionalListMatching.match(rows, DefaultCatalog.load(from));
        Set<String> inCatalog = queries.query(new GetCatalog(allianceId, LocalDate.of(9999, 12, 31), true),
                        ResponseTypes.multipleInstancesOf(CatalogItemView.class)).join().stream()
                .map(v -> v.item().code()).collect(Collectors.toSet());
        List<CatalogItem> toPublish = new ArrayList<>();
        List<ImportedItem> items = new ArrayList<>();
        for (RegionalListMatching.Match match : matches) {
            RegionalListMatching.Row row = match.row();
            String outcome;
            if (!match.matched()) {
                outcome = "UNMATCHED";
            } else if (inCatalog.contains(match.item().code())) {
                outcome = "IN_CATALOG";
            } else {
                outcome = "PUBLISHED";
                toPublish.add(match.item());
            }
            items.add(new ImportedItem(row.number(), row.name(), row.nameZh(), row.specimen(), row.unit(),
                    row.loinc(), match.matched() ? match.item().code() : null, match.matchedBy(), outcome,
                    match.reason()));
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (!dryRun && !toPublish.isEmpty()) {
            CommandTransactions.Outcome outcome = commands.send(List.of(allianceId),
                    new SeedCatalog(allianceId, toPublish));
            answer.header(HurenHeaders.EVENT_POSITION, Long.toString(outcome.position()));
        }
        return answer.body(new CatalogImportReport(allianceId, dryRun, from, rows.size(), toPublish.size(),
                items.stream().filter(i -> i.outcome().equals("IN_CATALOG")).count(),
                items.stream().filter(i -> i.outcome().equals("UNMATCHED")).count(), items));
    }
}
