package org.huren.api.console;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.huren.api.alliance.AllianceController;
import org.huren.api.iqc.IqcController;
import org.huren.api.web.ApiProblems;
import org.huren.domain.alliance.query.CatalogItemView;
import org.huren.domain.alliance.query.MemberLabView;
import org.huren.domain.iqc.query.GetIqcItems;
import org.huren.domain.iqc.query.IqcMonth;
import org.huren.domain.iqc.query.IqcRunView;
import org.huren.domain.iqc.query.LeveyJenningsView;
import org.huren.domain.iqc.query.SigmaView;
import org.huren.fhir.read.ReadModel;
import org.huren.fhir.server.Caller;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IQC (室内质控) in the console: each visible lab's items under control, and per lab × item × level × lot the
 * Levey-Jennings chart (mean and ±1/2/3 SD, rejected and warning runs marked with the rules that fired, lot changes),
 * the runs, the monthly statistics, sigma with the suggested rule set, and the review of a rejected run.
 */
@Controller
public class IqcPages {

    private final IqcController iqc;
    private final AllianceController alliances;
    private final QueryGateway queries;
    private final ConsoleAccess access;
    private final ConsoleNav nav;
    private final Charts charts;
    private final ConsoleWrites writes;

    public IqcPages(IqcController iqc, AllianceController alliances, QueryGateway queries, ConsoleAccess access,
                    ConsoleNav nav, Charts charts, ConsoleWrites writes) {
        this.iqc = iqc;
        this.alliances = alliances;
        this.queries = queries;
        this.access = access;
        this.nav = nav;
        this.charts = charts;
        this.writes = writes;
    }

    /** One lab × item under control: its runs, rejected runs, rejected runs not yet reviewed, and the newest run. */
    public record SeriesSummary(String labCode, String itemCode, String itemName, int runs, long rejected,
                                long unreviewed, IqcRunView latest) {
    }

    @GetMapping("/console/alliances/{allianceId}/iqc")
    public String labs(@PathVariable String allianceId, HttpServletRequest request, Model model) {
        Caller caller = ConsoleAccess.caller(request);
        List<MemberLabView> labs = nav.iqcLabs(caller, allianceId);
        if (labs.isEmpty()) {
            throw new ConsoleAccess.Forbidden("the IQC of alliance " + allianceId + "'s labs is their staff's and "
                    + "the alliance's QC roles'");
        }
        nav.addTo(model, caller, allianceId);
        Map<String, CatalogItemView> catalog = nav.catalog(allianceId);
        List<SeriesSummary> series = new ArrayList<>();
        for (MemberLabView lab : labs) {
            for (String item : queries.query(new GetIqcItems(lab.labCode()),
                    ResponseTypes.multipleInstancesOf(String.class)).join()) {
                if (!catalog.containsKey(item)) {
                    continue; // an item of another alliance's catalog
                }
                List<IqcRunView> runs = iqc.runs(lab.labCode(), item);
                long rejected = runs.stream().filter(r -> "REJECTED".equals(r.status())).count();
                long unreviewed = runs.stream().filter(r -> "REJECTED".equals(r.status()) && r.review() == null)
                        .count();
                series.add(new SeriesSummary(lab.labCode(), item, ConsoleNav.itemName(catalog, item), runs.size(),
                        rejected, unreviewed, runs.isEmpty() ? null : runs.get(runs.size() - 1)));
            }
        }
        model.addAttribute("labs", labs);
        model.addAttribute("series", series);
        return "console/iqc";
    }

    /** A level and lot of the series, as the monthly statistics list them. */
    public record LevelLot(String level, String lot) {
    }

    @GetMapping("/console/alliances/{allianceId}/iqc/{labCode}/{itemCode}")
    public String series(@PathVariable String allianceId, @PathVariable String labCode, @PathVariable String itemCode,
                         @RequestParam(required = false) String level, @RequestParam(required = false) String lot,
                         HttpServletRequest request, Model model) {
        Caller caller = ConsoleAccess.caller(request);
        requireRead(caller, allianceId, labCode, itemCode);
        nav.addTo(model, caller, allianceId);
        List<IqcMonth> monthly = iqc.monthly(labCode, itemCode);
        Set<LevelLot> levelLots = new LinkedHashSet<>();
        monthly.stream().sorted(Comparator.comparing(IqcMonth::month))
                .forEach(m -> levelLots.add(new LevelLot(m.level(), m.lot())));
        List<String> levels = levelLots.stream().map(LevelLot::level).distinct().sorted().toList();
        String shownLevel = level != null ? level : levels.isEmpty() ? null : levels.get(0);
        model.addAttribute("labCode", labCode);
        model.addAttribute("itemCode", itemCode);
        model.addAttribute("itemName", ConsoleNav.itemName(nav.catalog(allianceId), itemCode));
        model.addAttribute("levels", levels);
        model.addAttribute("level", shownLevel);
        if (shownLevel != null) {
            LeveyJenningsView chart = iqc.leveyJennings(labCode, itemCode, shownLevel, lot);
            List<String> lotsOfLevel = levelLots.stream().filter(l -> l.level().equals(shownLevel))
                    .map(LevelLot::lot).toList();
            model.addAttribute("lj", chart);
            model.addAttribute("lots", lotsOfLevel);
            model.addAttribute("ljChart", charts.leveyJennings(chart));
            if (lotsOfLevel.size() > 1) {
                model.addAttribute("lotsChart", charts.zAcrossLots(lotsOfLevel.stream()
                        .map(l -> iqc.leveyJennings(labCode, itemCode, shownLevel, l)).toList()));
            }
        }
        List<IqcRunView> runs = new ArrayList<>(iqc.runs(labCode, itemCode));
        java.util.Collections.reverse(runs);
        model.addAttribute("runs", runs);
        model.addAttribute("mayReview", access.may(caller, "POST", "/api/iqc/{labCode}/{itemCode}/runs/{runId}/review",
                Map.of("labCode", labCode, "itemCode", itemCode, "runId", "-"), null));
        model.addAttribute("monthly", monthly);
        model.addAttribute("sigma", sigma(labCode, itemCode, allianceId));
        return "console/iqc-series";
    }

    @PostMapping("/console/alliances/{allianceId}/iqc/{labCode}/{itemCode}/runs/{runId}/review")
    public String review(@PathVariable String allianceId, @PathVariable String labCode, @PathVariable String itemCode,
                         @PathVariable String runId, @RequestParam String comment,
                         @RequestParam String correctiveAction, HttpServletRequest request,
                         RedirectAttributes redirect) {
        Caller caller = ConsoleAccess.caller(request);
        requireMember(allianceId, labCode);
        access.require(caller, "POST", "/api/iqc/{labCode}/{itemCode}/runs/{runId}/review",
                Map.of("labCode", labCode, "itemCode", itemCode, "runId", runId), null);
        writes.write(redirect, ReadModel.IQC, "iqc.reviewed", () -> iqc.review(labCode, itemCode, runId,
                new IqcController.ReviewRequest(comment, correctiveAction, caller.subject()), caller));
        return "redirect:/console/alliances/" + allianceId + "/iqc/" + labCode + "/" + itemCode + "#run-" + runId;
    }

    private SigmaView sigma(String labCode, String itemCode, String allianceId) {
        try {
            return iqc.sigma(labCode, itemCode, allianceId, null, null);
        } catch (ApiProblems.NotFound none) {
            return null;
        }
    }

    private void requireRead(Caller caller, String allianceId, String labCode, String itemCode) {
        requireMember(allianceId, labCode);
        access.require(caller, "GET", "/api/iqc/{labCode}/{itemCode}/runs",
                Map.of("labCode", labCode, "itemCode", itemCode), null);
    }

    /** The console shows a lab's IQC within an alliance it is a member of. */
    private void requireMember(String allianceId, String labCode) {
        if (alliances.members(allianceId).stream().noneMatch(m -> m.labCode().equals(labCode))) {
            throw new ApiProblems.NotFound("labCode", labCode + " is not a member of " + allianceId);
        }
    }
}
