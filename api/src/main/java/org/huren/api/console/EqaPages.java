package org.huren.api.console;

import jakarta.servlet.http.HttpServletRequest;
import org.huren.api.alliance.AllianceController;
import org.huren.api.eqa.EqaController;
import org.huren.api.web.ApiProblems;
import org.huren.domain.eqa.query.EqaHistoryEntry;
import org.huren.domain.eqa.query.EqaRoundView;
import org.huren.domain.eqa.query.FlightInspectionDetail;
import org.huren.fhir.server.Caller;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;

/**
 * EQA (室间质评) in the console: the alliance's rounds and pass rates, a round's results table (assigned values only
 * once graded, as {@code /api/eqa/rounds/{id}} shows them), each lab's history and trend per item, and — for the
 * alliance's QC managers only, never the inspected lab — the flight inspections (飞行检查) with their blind detail.
 */
@Controller
public class EqaPages {

    private final EqaController eqa;
    private final AllianceController alliances;
    private final ConsoleAccess access;
    private final ConsoleNav nav;
    private final Charts charts;

    public EqaPages(EqaController eqa, AllianceController alliances, ConsoleAccess access, ConsoleNav nav,
                    Charts charts) {
        this.eqa = eqa;
        this.alliances = alliances;
        this.access = access;
        this.nav = nav;
        this.charts = charts;
    }

    @GetMapping("/console/alliances/{allianceId}/eqa")
    public String rounds(@PathVariable String allianceId, @RequestParam(required = false) String lab,
                         @RequestParam(required = false) String item, HttpServletRequest request, Model model) {
        Caller caller = ConsoleAccess.caller(request);
        access.require(caller, "GET", "/api/eqa/rounds", Map.of(), allianceId);
        nav.addTo(model, caller, allianceId);
        model.addAttribute("rounds", eqa.rounds(allianceId));
        var passRates = eqa.passRates(allianceId);
        model.addAttribute("passRates", passRates);
        model.addAttribute("passRateChart", charts.passRates(passRates));
        model.addAttribute("labs", alliances.members(allianceId));
        model.addAttribute("catalog", nav.catalog(allianceId).values());
        model.addAttribute("lab", lab);
        model.addAttribute("item", item);
        if (lab != null && !lab.isBlank()) {
            List<EqaHistoryEntry> history = eqa.history(allianceId, lab, item == null || item.isBlank() ? null
                    : item);
            model.addAttribute("history", history);
            model.addAttribute("historyChart", charts.eqaTrend(history));
        }
        return "console/eqa";
    }

    @GetMapping("/console/alliances/{allianceId}/eqa/rounds/{roundId}")
    public String round(@PathVariable String allianceId, @PathVariable String roundId, HttpServletRequest request,
                        Model model) {
        Caller caller = ConsoleAccess.caller(request);
        access.require(caller, "GET", "/api/eqa/rounds/{roundId}", Map.of("roundId", roundId), null);
        EqaRoundView round = eqa.round(roundId);
        requireOf(round.allianceId(), allianceId, roundId);
        nav.addTo(model, caller, allianceId);
        model.addAttribute("round", round);
        model.addAttribute("results", eqa.results(roundId));
        return "console/eqa-round";
    }

    @GetMapping("/console/alliances/{allianceId}/flight-inspections")
    public String flightInspections(@PathVariable String allianceId, HttpServletRequest request, Model model) {
        Caller caller = ConsoleAccess.caller(request);
        access.require(caller, "GET", "/api/eqa/flight-inspections", Map.of(), allianceId);
        nav.addTo(model, caller, allianceId);
        model.addAttribute("inspections", eqa.flightInspections(allianceId));
        return "console/flight-inspections";
    }

    @GetMapping("/console/alliances/{allianceId}/flight-inspections/{roundId}")
    public String flightInspection(@PathVariable String allianceId, @PathVariable String roundId,
                                   HttpServletRequest request, Model model) {
        Caller caller = ConsoleAccess.caller(request);
        access.require(caller, "GET", "/api/eqa/flight-inspections/{roundId}", Map.of("roundId", roundId), null);
        FlightInspectionDetail detail = eqa.flightInspectionDetail(roundId);
        requireOf(detail.allianceId(), allianceId, roundId);
        nav.addTo(model, caller, allianceId);
        model.addAttribute("inspection", detail);
        return "console/flight-inspection";
    }

    private static void requireOf(String roundAlliance, String allianceId, String roundId) {
        if (!roundAlliance.equals(allianceId)) {
            throw new ApiProblems.NotFound("roundId", "no round " + roundId + " in alliance " + allianceId);
        }
    }
}
