package org.huren.api.console;

import jakarta.servlet.http.HttpServletRequest;
import org.huren.api.alliance.AllianceController;
import org.huren.api.alliance.ReuseController;
import org.huren.api.audit.AuditController;
import org.huren.api.eqa.EqaController;
import org.huren.api.iqc.IqcController;
import org.huren.domain.alliance.query.AccreditationChange;
import org.huren.domain.alliance.query.AllianceOverview;
import org.huren.domain.alliance.query.AllianceView;
import org.huren.domain.alliance.query.CatalogItemView;
import org.huren.domain.audit.query.FindingView;
import org.huren.domain.eqa.query.EqaHistoryEntry;
import org.huren.domain.iqc.query.IqcRunView;
import org.huren.domain.recognition.query.GetRecognitionRates;
import org.huren.domain.recognition.query.RecognitionCell;
import org.huren.domain.recognition.query.RecognitionRate;
import org.huren.domain.reuse.query.GetReuseKpis;
import org.huren.domain.reuse.query.ReuseKpi;
import org.huren.fhir.server.Caller;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The alliance overview (医联体总览): the recognition matrix — items × member labs, each cell the lab's accreditation
 * for the item and the item's current recognition there, since when — with the evidence behind a cell one click away,
 * and the recognition KPIs by month. Everything comes from the {@code /api} endpoints' own methods.
 */
@Controller
public class OverviewPages {

    private final AllianceController alliances;
    private final ReuseController reuse;
    private final EqaController eqa;
    private final IqcController iqc;
    private final AuditController audits;
    private final ConsoleAccess access;
    private final ConsoleNav nav;
    private final Charts charts;

    public OverviewPages(AllianceController alliances, ReuseController reuse, EqaController eqa, IqcController iqc,
                         AuditController audits, ConsoleAccess access, ConsoleNav nav, Charts charts) {
        this.alliances = alliances;
        this.reuse = reuse;
        this.eqa = eqa;
        this.iqc = iqc;
        this.audits = audits;
        this.access = access;
        this.nav = nav;
        this.charts = charts;
    }

    /** The first page: the user's only alliance straight away (a clinician's patient lookup), else the list. */
    @GetMapping({"/console", "/console/"})
    public String index(HttpServletRequest request, Model model) {
        Caller caller = ConsoleAccess.caller(request);
        List<AllianceView> mine = alliances.alliances(caller);
        if (mine.size() == 1) {
            String alliance = mine.get(0).allianceId();
            return "redirect:/console/alliances/" + alliance + (nav.clinicianIn(caller, alliance) ? "/patients" : "");
        }
        model.addAttribute("caller", caller);
        model.addAttribute("alliances", mine);
        return "console/index";
    }

    @GetMapping("/console/signed-out")
    public String signedOut() {
        return "console/signed-out";
    }

    @GetMapping("/console/sign-in-failed")
    public String signInFailed() {
        return "console/sign-in-failed";
    }

    /** One row of the matrix: an item and its cell at each lab, in the order of the labs. */
    public record MatrixRow(String itemCode, String itemName, List<MatrixCell> cells) {
    }

    /**
     * A cell: the accreditation (ACCREDITED, EXPIRED, WITHDRAWN, NONE; since, until) and the recognition of the
     * lab's results of the item (the newest result's tag since when, and the counts), or null without results.
     */
    public record MatrixCell(String labCode, AllianceOverview.Cell accreditation, RecognitionCell recognition) {

        public String recognitionStatus() {
            return recognition == null ? "NONE" : recognition.latestTag().name();
        }
    }

    @GetMapping("/console/alliances/{allianceId}")
    public String overview(@PathVariable String allianceId, @RequestParam(defaultValue = "false") boolean allItems,
                           HttpServletRequest request, Model model) {
        Caller caller = ConsoleAccess.caller(request);
        access.require(caller, "GET", "/api/alliances/{allianceId}/overview", Map.of("allianceId", allianceId), null);
        nav.addTo(model, caller, allianceId);
        AllianceOverview overview = alliances.overview(allianceId);
        Map<String, CatalogItemView> catalog = nav.catalog(allianceId);
        Map<String, RecognitionCell> recognition = reuse.matrix(allianceId, caller.lab()).stream()
                .collect(Collectors.toMap(c -> c.labCode() + "\u0000" + c.itemCode(), Function.identity()));
        List<MatrixRow> rows = new ArrayList<>();
        for (int i = 0; i < overview.itemCodes().size(); i++) {
            String item = overview.itemCodes().get(i);
            List<MatrixCell> cells = new ArrayList<>();
            for (AllianceOverview.LabRow lab : overview.labs()) {
                cells.add(new MatrixCell(lab.member().labCode(), lab.items().get(i),
                        recognition.get(lab.member().labCode() + "\u0000" + item)));
            }
            boolean shown = allItems || cells.stream().anyMatch(c -> c.recognition() != null
                    || !"NONE".equals(c.accreditation().status()));
            if (shown) {
                rows.add(new MatrixRow(item, ConsoleNav.itemName(catalog, item), cells));
            }
        }
        model.addAttribute("overview", overview);
        model.addAttribute("rows", rows);
        model.addAttribute("allItems", allItems);
        model.addAttribute("hiddenItems", overview.itemCodes().size() - rows.size());
        List<RecognitionRate> byMonth = reuse.rates(allianceId, GetRecognitionRates.Grouping.MONTH, caller.lab());
        List<ReuseKpi> kpisByMonth = reuse.kpis(allianceId, GetReuseKpis.Grouping.MONTH, caller.lab());
        model.addAttribute("rate", reuse.rates(allianceId, GetRecognitionRates.Grouping.ALLIANCE, caller.lab())
                .stream().findFirst().orElse(null));
        model.addAttribute("kpi", reuse.kpis(allianceId, GetReuseKpis.Grouping.ALLIANCE, caller.lab()).stream()
                .findFirst().orElse(null));
        model.addAttribute("monthlyChart", charts.monthlyRates(byMonth, kpisByMonth));
        return "console/overview";
    }

    /** The evidence behind one cell, drawn into the overview when the cell is clicked (htmx). */
    @GetMapping("/console/alliances/{allianceId}/evidence/{labCode}/{itemCode}")
    public String evidence(@PathVariable String allianceId, @PathVariable String labCode,
                           @PathVariable String itemCode, HttpServletRequest request, Model model) {
        Caller caller = ConsoleAccess.caller(request);
        access.require(caller, "GET", "/api/alliances/{allianceId}/members/{labCode}/accreditation-history",
                Map.of("allianceId", allianceId, "labCode", labCode), null);
        AllianceOverview overview = alliances.overview(allianceId);
        int column = overview.itemCodes().indexOf(itemCode);
        Optional<AllianceOverview.Cell> cell = overview.labs().stream()
                .filter(l -> l.member().labCode().equals(labCode)).findFirst()
                .filter(l -> column >= 0).map(l -> l.items().get(column));
        model.addAttribute("allianceId", allianceId);
        model.addAttribute("labCode", labCode);
        model.addAttribute("itemCode", itemCode);
        model.addAttribute("itemName", ConsoleNav.itemName(nav.catalog(allianceId), itemCode));
        model.addAttribute("cell", cell.orElse(null));
        model.addAttribute("recognition", reuse.matrix(allianceId, caller.lab()).stream()
                .filter(c -> c.labCode().equals(labCode) && c.itemCode().equals(itemCode)).findFirst().orElse(null));
        List<AccreditationChange> changes = alliances.history(allianceId, labCode).stream()
                .filter(c -> c.itemCode().equals(itemCode)).toList();
        model.addAttribute("accreditationChanges", changes);
        Map<String, String> eqaParams = Map.of("allianceId", allianceId);
        if (access.may(caller, "GET", "/api/eqa/history", eqaParams, allianceId)) {
            List<EqaHistoryEntry> history = eqa.history(allianceId, labCode, itemCode);
            model.addAttribute("eqaHistory", history);
        }
        if (access.may(caller, "GET", "/api/iqc/{labCode}/{itemCode}/runs",
                Map.of("labCode", labCode, "itemCode", itemCode), null)) {
            List<IqcRunView> runs = iqc.runs(labCode, itemCode);
            model.addAttribute("iqcRuns", runs.size());
            model.addAttribute("iqcRejected", runs.stream().filter(r -> "REJECTED".equals(r.status())).count());
            model.addAttribute("iqcLatest", runs.isEmpty() ? null : runs.get(runs.size() - 1));
        }
        if (access.may(caller, "GET", "/api/audits/findings", eqaParams, allianceId)) {
            List<FindingView> open = audits.findings(allianceId, labCode, null, null, true).stream()
                    .filter(f -> f.affectedItems().isEmpty() || f.affectedItems().contains(itemCode)).toList();
            model.addAttribute("openFindings", open);
        }
        return "console/evidence :: evidence";
    }
}
