package org.huren.api.console;

import jakarta.servlet.http.HttpServletRequest;
import org.huren.api.audit.AuditController;
import org.huren.api.web.ApiProblems;
import org.huren.domain.assessment.Dimension;
import org.huren.domain.audit.query.AuditTrail;
import org.huren.domain.audit.query.FindingView;
import org.huren.domain.audit.query.HeatCell;
import org.huren.fhir.read.ReadModel;
import org.huren.fhir.server.Caller;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * QC audits (质控督查) in the console: open findings, the lab × dimension heat map by month, overdue corrective
 * actions and time to close; an audit with its findings and trail, and the corrective-action workflow as forms —
 * assign, submit, reject, verify, reopen — each the {@code /api} step of the same name, signed as the user.
 */
@Controller
public class AuditPages {

    /** The workflow's steps and the {@code /api} path each is. */
    enum Step {
        ASSIGN("/action"), SUBMIT("/action/submission"), REJECT("/action/rejection"),
        VERIFY("/action/verification"), REOPEN("/reopening");

        final String path;

        Step(String path) {
            this.path = path;
        }
    }

    private final AuditController audits;
    private final ConsoleAccess access;
    private final ConsoleNav nav;
    private final ConsoleWrites writes;

    public AuditPages(AuditController audits, ConsoleAccess access, ConsoleNav nav, ConsoleWrites writes) {
        this.audits = audits;
        this.access = access;
        this.nav = nav;
        this.writes = writes;
    }

    /** The heat map as a table: for each lab, the findings per dimension (of one month, or all). */
    public record HeatRow(String labCode, List<Long> findings, List<Long> major) {
    }

    @GetMapping("/console/alliances/{allianceId}/audits")
    public String audits(@PathVariable String allianceId, @RequestParam(required = false) String month,
                         HttpServletRequest request, Model model) {
        Caller caller = ConsoleAccess.caller(request);
        access.require(caller, "GET", "/api/audits/findings", Map.of(), allianceId);
        nav.addTo(model, caller, allianceId);
        boolean quality = access.may(caller, "GET", "/api/audits/heat-map", Map.of(), allianceId);
        // a lab's staff see their own lab's findings
        String lab = quality ? null : caller.lab();
        model.addAttribute("findings", audits.findings(allianceId, lab, null, null, true));
        model.addAttribute("quality", quality);
        if (quality) {
            model.addAttribute("overdue", audits.overdue(allianceId));
            model.addAttribute("timeToClose", audits.timeToClose(allianceId));
            List<HeatCell> cells = audits.heatMap(allianceId);
            TreeSet<String> months = new TreeSet<>();
            cells.forEach(c -> months.add(c.month()));
            model.addAttribute("months", months.descendingSet());
            model.addAttribute("month", month);
            model.addAttribute("dimensions", Dimension.values());
            model.addAttribute("heat", heat(cells, month));
        }
        return "console/audits";
    }

    static List<HeatRow> heat(List<HeatCell> cells, String month) {
        Map<String, long[][]> byLab = new LinkedHashMap<>();
        Dimension[] dimensions = Dimension.values();
        cells.stream().filter(c -> month == null || month.isBlank() || c.month().equals(month))
                .sorted(java.util.Comparator.comparing(HeatCell::labCode)).forEach(c -> {
                    long[][] counts = byLab.computeIfAbsent(c.labCode(), k -> new long[2][dimensions.length]);
                    int d = Dimension.valueOf(c.dimension()).ordinal();
                    counts[0][d] += c.findings();
                    counts[1][d] += c.major();
                });
        return byLab.entrySet().stream().map(e -> new HeatRow(e.getKey(),
                java.util.Arrays.stream(e.getValue()[0]).boxed().toList(),
                java.util.Arrays.stream(e.getValue()[1]).boxed().toList())).toList();
    }

    @GetMapping("/console/alliances/{allianceId}/audits/{auditId}")
    public String audit(@PathVariable String allianceId, @PathVariable String auditId, HttpServletRequest request,
                        Model model) {
        Caller caller = ConsoleAccess.caller(request);
        access.require(caller, "GET", "/api/audits/{auditId}", Map.of("auditId", auditId), null);
        AuditTrail trail = audits.trail(auditId);
        if (!trail.allianceId().equals(allianceId)) {
            throw new ApiProblems.NotFound("auditId", "no audit " + auditId + " in alliance " + allianceId);
        }
        nav.addTo(model, caller, allianceId);
        model.addAttribute("audit", trail);
        Map<String, Map<String, Boolean>> allowed = new LinkedHashMap<>();
        for (FindingView finding : trail.findings()) {
            Map<String, Boolean> steps = new LinkedHashMap<>();
            for (Step step : Step.values()) {
                steps.put(step.name(), access.may(caller, "POST", "/api/audits/{auditId}/findings/{findingId}"
                        + step.path, Map.of("auditId", auditId, "findingId", finding.findingId()), null));
            }
            allowed.put(finding.findingId(), steps);
        }
        model.addAttribute("allowed", allowed);
        model.addAttribute("today", LocalDate.now(org.huren.domain.alliance.AllianceTime.ZONE));
        return "console/audit";
    }

    @PostMapping("/console/alliances/{allianceId}/audits/{auditId}/findings/{findingId}/{step}")
    public String step(@PathVariable String allianceId, @PathVariable String auditId, @PathVariable String findingId,
                       @PathVariable Step step, @RequestParam(required = false) String text,
                       @RequestParam(required = false) String evidence,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueDate,
                       HttpServletRequest request, RedirectAttributes redirect) {
        Caller caller = ConsoleAccess.caller(request);
        access.require(caller, "POST", "/api/audits/{auditId}/findings/{findingId}" + step.path,
                Map.of("auditId", auditId, "findingId", findingId), null);
        if (!audits.trail(auditId).allianceId().equals(allianceId)) {
            throw new ApiProblems.NotFound("auditId", "no audit " + auditId + " in alliance " + allianceId);
        }
        String redirectTo = "redirect:/console/alliances/" + allianceId + "/audits/" + auditId + "#finding-" + findingId;
        if (step != Step.VERIFY && (text == null || text.isBlank()) || step == Step.ASSIGN && dueDate == null) {
            redirect.addFlashAttribute("flashErrorKey", "audit.missing." + step.name());
            return redirectTo;
        }
        String who = caller.subject();
        Supplier<ResponseEntity<?>> write = switch (step) {
            case ASSIGN -> () -> audits.assign(auditId, findingId, new AuditController.AssignRequest(text, dueDate,
                    who));
            case SUBMIT -> () -> audits.submit(auditId, findingId, new AuditController.SubmitRequest(text,
                    evidence == null || evidence.isBlank() ? List.of() : List.of(evidence.trim().split("\\s*\\n\\s*")),
                    who));
            case REJECT -> () -> audits.reject(auditId, findingId, new AuditController.RejectRequest(text, who));
            case VERIFY -> () -> audits.verify(auditId, findingId, new AuditController.VerifyRequest(text, who));
            case REOPEN -> () -> audits.reopen(auditId, findingId, new AuditController.ReopenRequest(text, who));
        };
        writes.write(redirect, ReadModel.AUDIT, "audit.done." + step.name(), write);
        return redirectTo;
    }
}
