package org.huren.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.huren.api.web.ErrorAnswers;
import org.huren.fhir.lab.LabDirectory;
import org.huren.fhir.lab.MemberLab;
import org.huren.fhir.server.Caller;
import org.huren.fhir.server.FhirAccess;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call which {@code /api} endpoint, in one place (ADR 0012), told from the path the request maps to:
 * <ul>
 *   <li>an alliance's endpoints ({@code {allianceId}}): its QC managers, assessors and auditors; to read, also the
 *       people and systems of its member labs; to write, its QC managers — a clinician of a member lab records reuse
 *       outcomes; a lab's own staff read its scorecard;</li>
 *   <li>a lab's IQC ({@code /api/iqc/{labCode}}): the lab's staff and LIS, and the QC roles of its alliances;</li>
 *   <li>a lab's code map ({@code /api/labs/{labCode}}): changed by its staff and its alliances' QC managers, read
 *       also by its LIS and its alliances' QC roles;</li>
 *   <li>EQA rounds: the QC roles of the round's alliance; a flight inspection only its QC managers — never the
 *       inspected lab; EQA history and pass rates: QC roles;</li>
 *   <li>assessments: assessors and QC managers; audits: auditors and QC managers, and a lab's staff for submitting
 *       corrective actions;</li>
 *   <li>forming an alliance: administrators and network QC managers ({@code *}).</li>
 * </ul>
 * The bodies of writes that name their alliance are checked by {@link #qualityIn} ({@code @PreAuthorize}). Operator
 * and admin paths are in {@link AccessRules}.
 */
@Component
public class ApiAccess implements HandlerInterceptor {

    static final Set<String> QC_ROLES = Set.of("QC_MANAGER", "ASSESSOR", "AUDITOR");

    private final LabDirectory labs;
    private final FhirAccess records;
    private final JdbcTemplate jdbc;
    private final ErrorAnswers answers;

    public ApiAccess(LabDirectory labs, JdbcTemplate jdbc, ErrorAnswers answers) {
        this.labs = labs;
        this.records = new FhirAccess(labs);
        this.jdbc = jdbc;
        this.answers = answers;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        Caller caller = Caller.of(request);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (caller == null || path.startsWith("/api/projections") || path.startsWith("/api/admin")) {
            return true; // AccessRules decided
        }
        Map<String, String> vars = variables(request);
        if (path.startsWith("/api/results/") && !seesResult(caller, vars.get("resultId"))) {
            // as on FHIR: a result the caller may not see is not found, its existence not told
            throw org.huren.api.alliance.RecognitionAuditController.noHistory(vars.get("resultId"));
        }
        String refusal = refusal(caller, request.getMethod(), path, vars, request.getParameter("alliance"));
        if (refusal == null) {
            return true;
        }
        answers.write(request, response, 403, "forbidden", null, refusal);
        return false;
    }

    /**
     * Why the caller may not make this request, or null when it may — also asked by the web console for the
     * {@code /api} request each of its pages and forms stands for, so that both follow one set of rules.
     */
    public String refusal(Caller caller, String method, String path, Map<String, String> vars, String allianceParam) {
        boolean read = method.equals("GET");
        String alliance = vars.get("allianceId");
        String lab = vars.get("labCode");
        if (path.startsWith("/api/alliances")) {
            if (alliance == null) {
                return read || caller.hasRole("ADMIN") || qc(caller, "QC_MANAGER", Caller.ALL_ALLIANCES) ? null
                        : "forming an alliance needs role ADMIN or a network QC manager (alliances *)";
            }
            if (path.endsWith("/reuse-outcomes") && !read) {
                return qc(caller, null, alliance) || memberOf(caller, alliance) ? null
                        : "recording a reuse outcome needs a clinician of a member lab of " + alliance;
            }
            if (lab != null && path.endsWith("/scorecard") && lab.equals(caller.lab())) {
                return null;
            }
            if (read) {
                return qc(caller, null, alliance) || memberOf(caller, alliance) ? null
                        : "reading alliance " + alliance + " needs a QC role in it or a member lab's token";
            }
            return qc(caller, "QC_MANAGER", alliance) ? null
                    : "changing alliance " + alliance + " needs role QC_MANAGER in it";
        }
        if (path.startsWith("/api/labs/")) {
            // a lab's code map of its local codes (ADR 0017): its staff (its QC manager) and its alliances' QC
            // managers change it; its LIS and its alliances' QC roles read it too
            boolean own = lab != null && lab.equals(caller.lab());
            if (own && (caller.hasRole("LAB_STAFF") || read && caller.hasRole("LIS"))) {
                return null;
            }
            String role = read ? null : "QC_MANAGER";
            return lab != null && (qc(caller, role, Caller.ALL_ALLIANCES)
                    || alliancesOf(lab).stream().anyMatch(a -> qc(caller, role, a))) ? null
                    : read ? "the code map of lab " + lab + " is its staff's, its LIS's and its alliances' QC roles'"
                    : "changing the code map of lab " + lab + " needs its staff or a QC manager of its alliances";
        }
        if (path.startsWith("/api/iqc/")) {
            if (lab != null && lab.equals(caller.lab()) && (caller.hasRole("LAB_STAFF") || caller.hasRole("LIS"))) {
                return null;
            }
            return lab != null && (qc(caller, null, Caller.ALL_ALLIANCES)
                    || alliancesOf(lab).stream().anyMatch(a -> qc(caller, null, a))) ? null
                    : "the IQC of lab " + lab + " is its staff's and its alliances' QC roles'";
        }
        if (path.startsWith("/api/eqa/flight-inspections")) {
            String round = vars.get("roundId");
            if (!anyQc(caller, "QC_MANAGER")) {
                return "flight inspections are QC managers' (never the inspected lab's)";
            }
            if (round == null) {
                // the list names its alliance: that alliance's QC managers only
                return allianceParam == null || qc(caller, "QC_MANAGER", allianceParam) ? null
                        : "the flight inspections of alliance " + allianceParam + " are its QC managers'";
            }
            // an unknown round: the endpoint answers 404
            return roundAlliance(round).map(a -> qc(caller, "QC_MANAGER", a)).orElse(true) ? null
                    : "flight inspection " + round + " is its alliance's QC managers'";
        }
        if (path.startsWith("/api/eqa/rounds/")) {
            String round = vars.get("roundId");
            Optional<String[]> facts = round == null ? Optional.empty() : roundFacts(round);
            if (facts.isPresent() && "FLIGHT_INSPECTION".equals(facts.get()[1])) {
                return qc(caller, "QC_MANAGER", facts.get()[0]) ? null
                        : "flight inspection " + round + " is its alliance's QC managers'";
            }
            return facts.isEmpty() || qc(caller, null, facts.get()[0]) ? null
                    : "EQA round " + round + " is its alliance's QC roles'";
        }
        if (path.startsWith("/api/eqa/")) {
            if (path.startsWith("/api/eqa/corrective-actions")
                    && (caller.hasRole("LAB_STAFF") || anyQc(caller, null))) {
                return null;
            }
            if (allianceParam != null) {
                return qc(caller, null, allianceParam) ? null : "EQA of alliance " + allianceParam
                        + " is its QC roles'";
            }
            return anyQc(caller, null) ? null : "EQA needs a QC role";
        }
        if (path.startsWith("/api/assessments")) {
            String assessment = vars.get("assessmentId");
            Optional<String> assessed = assessment == null ? Optional.empty()
                    : allianceOf("SELECT alliance_id FROM readmodel.assessment WHERE id = ?", assessment);
            if (assessed.isPresent()) {
                return qc(caller, "ASSESSOR", assessed.get()) || qc(caller, "QC_MANAGER", assessed.get()) ? null
                        : "assessment " + assessment + " is its alliance's assessors' and QC managers'";
            }
            return anyQc(caller, "ASSESSOR") || anyQc(caller, "QC_MANAGER") ? null
                    : "assessments need role ASSESSOR or QC_MANAGER";
        }
        if (path.startsWith("/api/audits")) {
            String audit = vars.get("auditId");
            Optional<String> auditAlliance = audit == null ? Optional.ofNullable(allianceParam)
                    : allianceOf("SELECT alliance_id FROM readmodel.audit WHERE audit_id = ?", audit);
            boolean submits = path.endsWith("/action") || path.endsWith("/action/submission");
            boolean staffsOwn = caller.hasRole("LAB_STAFF") && caller.lab() != null
                    && auditAlliance.map(a -> alliancesOf(caller.lab()).contains(a)).orElse(true);
            if (staffsOwn && (submits || read && path.equals("/api/audits/findings"))) {
                return null;
            }
            if (auditAlliance.isPresent()) {
                return qc(caller, "AUDITOR", auditAlliance.get()) || qc(caller, "QC_MANAGER", auditAlliance.get())
                        ? null : "the audits of alliance " + auditAlliance.get() + " are its auditors' and QC "
                        + "managers' (a lab's staff submit corrective actions)";
            }
            return anyQc(caller, "AUDITOR") || anyQc(caller, "QC_MANAGER") ? null
                    : "audits need role AUDITOR or QC_MANAGER (a lab's staff submit corrective actions)";
        }
        return null;
    }

    /**
     * Whether the caller may see that {@code alliance} exists (the list of alliances shows only these): a QC role in
     * it, a token of one of its member labs, or an administrator, who forms alliances.
     */
    public boolean seesAlliance(Caller caller, String alliance) {
        return caller != null && (caller.hasRole("ADMIN") || qc(caller, null, alliance) || memberOf(caller, alliance));
    }

    /** For {@code @PreAuthorize} on writes whose body names the alliance: a QC role {@code role} in it. */
    public boolean qualityIn(String role, String alliance) {
        Caller caller = CallerFilter.current();
        return caller != null && qc(caller, role, alliance);
    }

    /** Holds QC role {@code role} (any QC role when null) in {@code alliance} ({@code *}: in every alliance). */
    private static boolean qc(Caller caller, String role, String alliance) {
        boolean hasRole = role == null ? caller.roles().stream().anyMatch(QC_ROLES::contains) : caller.hasRole(role);
        return hasRole && (caller.alliances().contains(Caller.ALL_ALLIANCES)
                || alliance != null && caller.alliances().contains(alliance));
    }

    private static boolean anyQc(Caller caller, String role) {
        boolean hasRole = role == null ? caller.roles().stream().anyMatch(QC_ROLES::contains) : caller.hasRole(role);
        return hasRole && !caller.alliances().isEmpty();
    }

    /** Whether the caller sees the result (an unknown one: the endpoint answers 404). */
    private boolean seesResult(Caller caller, String result) {
        Optional<String> owner = result == null ? Optional.empty() : jdbc.query(
                "SELECT lab_id FROM readmodel.observation WHERE id = ?", (rs, row) -> rs.getString(1), result)
                .stream().findFirst();
        return owner.map(lab -> records.sees(caller, lab)).orElse(true);
    }

    private boolean memberOf(Caller caller, String alliance) {
        return caller.lab() != null && alliancesOf(caller.lab()).contains(alliance);
    }

    private List<String> alliancesOf(String lab) {
        return labs.byCode(lab).map(MemberLab::alliances).orElse(List.of());
    }

    private Optional<String> allianceOf(String sql, String id) {
        return jdbc.query(sql, (rs, row) -> rs.getString(1), id).stream().findFirst();
    }

    private Optional<String> roundAlliance(String round) {
        return roundFacts(round).map(facts -> facts[0]);
    }

    /** The round's alliance and kind. */
    private Optional<String[]> roundFacts(String round) {
        return jdbc.query("SELECT alliance_id, kind FROM readmodel.eqa_round WHERE round_id = ?",
                (rs, row) -> new String[]{rs.getString(1), rs.getString(2)}, round).stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> variables(HttpServletRequest request) {
        Object vars = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return vars instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    }
}
