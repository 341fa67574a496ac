package org.huren.api.console;

import jakarta.servlet.http.HttpServletRequest;
import org.huren.api.audit.ScorecardController;
import org.huren.fhir.server.Caller;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.Map;

/** A member lab's QC scorecard (成员实验室质控评分卡), printable: the figures of {@code /members/{lab}/scorecard}. */
@Controller
public class ScorecardPages {

    private final ScorecardController scorecards;
    private final ConsoleAccess access;
    private final ConsoleNav nav;

    public ScorecardPages(ScorecardController scorecards, ConsoleAccess access, ConsoleNav nav) {
        this.scorecards = scorecards;
        this.access = access;
        this.nav = nav;
    }

    @GetMapping("/console/alliances/{allianceId}/labs/{labCode}/scorecard")
    public String scorecard(@PathVariable String allianceId, @PathVariable String labCode, HttpServletRequest request,
                            Model model) {
        Caller caller = ConsoleAccess.caller(request);
        access.require(caller, "GET", "/api/alliances/{allianceId}/members/{labCode}/scorecard",
                Map.of("allianceId", allianceId, "labCode", labCode), null);
        nav.addTo(model, caller, allianceId);
        model.addAttribute("card", scorecards.scorecard(allianceId, labCode, caller.lab()));
        model.addAttribute("catalog", nav.catalog(allianceId));
        model.addAttribute("printedAt", java.time.Instant.now());
        return "console/scorecard";
    }
}
