package org.huren.api.console;

import jakarta.servlet.http.HttpServletRequest;
import org.huren.api.alliance.ReuseController;
import org.huren.domain.recognition.query.GetRecognitionRates;
import org.huren.domain.reuse.query.GetReuseKpis;
import org.huren.domain.reuse.query.ReuseKpi;
import org.huren.fhir.server.Caller;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Map;

/**
 * The recognition KPIs (互认指标) of an alliance: 调阅互认率, 同期互认率, reuses, re-tests by reason and estimated savings
 * by month, lab, department or item, and the recognition rate of results — the figures of {@code /reuse-kpis},
 * {@code /reuse-summary} and {@code /recognition-rates}.
 */
@Controller
public class KpiPages {

    private final ReuseController reuse;
    private final ConsoleAccess access;
    private final ConsoleNav nav;
    private final Charts charts;

    public KpiPages(ReuseController reuse, ConsoleAccess access, ConsoleNav nav, Charts charts) {
        this.reuse = reuse;
        this.access = access;
        this.nav = nav;
        this.charts = charts;
    }

    @GetMapping("/console/alliances/{allianceId}/kpis")
    public String kpis(@PathVariable String allianceId,
                       @RequestParam(defaultValue = "MONTH") GetReuseKpis.Grouping by,
                       HttpServletRequest request, Model model) {
        Caller caller = ConsoleAccess.caller(request);
        access.require(caller, "GET", "/api/alliances/{allianceId}/reuse-kpis", Map.of("allianceId", allianceId),
                null);
        nav.addTo(model, caller, allianceId);
        model.addAttribute("by", by);
        model.addAttribute("groupings", GetReuseKpis.Grouping.values());
        model.addAttribute("kpis", reuse.kpis(allianceId, by, caller.lab()));
        ReuseKpi total = reuse.kpis(allianceId, GetReuseKpis.Grouping.ALLIANCE, caller.lab()).stream().findFirst()
                .orElse(null);
        model.addAttribute("total", total);
        model.addAttribute("summary", reuse.summary(allianceId, caller.lab()));
        GetRecognitionRates.Grouping rateGrouping = switch (by) {
            case LAB -> GetRecognitionRates.Grouping.LAB;
            case ITEM -> GetRecognitionRates.Grouping.ITEM;
            case ALLIANCE -> GetRecognitionRates.Grouping.ALLIANCE;
            default -> GetRecognitionRates.Grouping.MONTH;
        };
        model.addAttribute("rateGrouping", rateGrouping);
        model.addAttribute("rates", reuse.rates(allianceId, rateGrouping, caller.lab()));
        var monthly = reuse.kpis(allianceId, GetReuseKpis.Grouping.MONTH, caller.lab());
        model.addAttribute("ratesChart", charts.monthlyRates(reuse.rates(allianceId,
                GetRecognitionRates.Grouping.MONTH, caller.lab()), monthly));
        model.addAttribute("savingsChart", charts.monthlySavings(monthly));
        return "console/kpis";
    }
}
