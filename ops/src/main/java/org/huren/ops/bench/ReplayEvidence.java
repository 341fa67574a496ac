package org.huren.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The QC evidence {@link ReplayBenchmark} records between its load phases, over {@code /api} as a network QC
 * manager, so that a replay of the {@code recognition} processor re-decides results as the live processor did, not
 * only decides new ones: after every phase one IQC control run per lab and item (each run re-decides the results
 * since the lab's last accepted run of the item; every sixth run of one series is rejected, and one series is noisy
 * enough that its monthly CV crosses the item's maximum); and at fixed phases an EQA round (one lab unsatisfactory
 * for K; twice, so its performance becomes unsuccessful), an audit with a major finding on GLU that is verified and
 * later reopened, a suspension and reinstatement of a lab, and an accreditation withdrawal — each of which
 * re-decides thousands of results.
 */
final class ReplayEvidence {

    /** The last phase after which a scheduled step (other than the IQC runs) happens. */
    static final int LAST_SCHEDULED_PHASE = 15;

    private static final String LEVEL = "L1";
    private static final BigDecimal MEAN = new BigDecimal("5.00");
    private static final BigDecimal SD = new BigDecimal("0.10");
    /** The noisy series' SD target: wide enough that its runs pass Westgard, while its CV exceeds the maximum. */
    private static final BigDecimal NOISY_SD = new BigDecimal("0.60");

    private final AllianceSetup api;
    private final String allianceId;
    private final List<String> labs;
    private final List<String> items;
    private final String runId;
    private String auditId;

    /**
     * @param items the catalog items the results are of (IQC series for each lab and item); must hold K, GLU and NA
     */
    ReplayEvidence(AllianceSetup api, String allianceId, List<String> labs, List<String> items, String runId) {
        this.api = api;
        this.allianceId = allianceId;
        this.labs = labs;
        this.items = items;
        this.runId = runId;
        for (String needed : List.of("K", "GLU", "NA")) {
            if (!items.contains(needed)) {
                throw new IllegalArgumentException("the evidence needs catalog item " + needed + ", items are " + items);
            }
        }
    }

    /** Registers the control lot of every lab and item: their IQC is known from now on. */
    void registerControlLots() throws AllianceSetup.SetupException, InterruptedException {
        for (String lab : labs) {
            for (String item : items) {
                api.send("PUT", iqc(lab, item) + "/levels/" + LEVEL + "/lots/" + lot(), Map.of("mean", MEAN,
                        "sd", noisy(lab, item) ? NOISY_SD : SD, "registeredBy", "bench"), 200, 201);
            }
        }
    }

    /** What happens after load phase {@code phase} (0-based); answers a short description for the log. */
    String afterPhase(int phase) throws AllianceSetup.SetupException, InterruptedException {
        controlRuns(phase);
        String a = labs.get(0);
        String b = labs.get(1);
        String c = labs.get(2);
        String finding = "/api/audits/" + auditId + "/findings/F1";
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        switch (phase) {
            case 3, 12 -> {
                eqaRound(phase, b);
                return "IQC runs; EQA round (K unsatisfactory at " + b + ")";
            }
            case 6 -> {
                auditId = api.send("POST", "/api/audits", Map.of("requestId", runId + "-audit", "allianceId", allianceId,
                        "labCode", a, "kind", "SCHEDULED", "auditors", List.of("刘"), "auditDate", today,
                        "openedBy", "bench"), 200, 201).path("auditId").asText();
                api.send("POST", "/api/audits/" + auditId + "/findings", Map.of("findingId", "F1", "dimension",
                        "REAGENTS", "severity", "MAJOR", "description", "reagent storage", "affectedItems", List.of("GLU"),
                        "recordedBy", "刘"), 200, 201);
                return "IQC runs; audit of " + a + " with a major finding on GLU";
            }
            case 8 -> {
                api.send("POST", finding + "/action", Map.of("owner", a, "dueDate", today, "assignedBy", "bench"),
                        200, 201);
                api.send("POST", finding + "/action/submission", Map.of("response", "fixed", "submittedBy", a),
                        200, 201);
                api.send("POST", finding + "/action/verification", Map.of("verifiedBy", "bench"), 200, 201);
                return "IQC runs; the finding's corrective action verified";
            }
            case 10 -> {
                api.send("POST", alliance() + "/members/" + c + "/suspension", Map.of("reason", "bench"), 200);
                return "IQC runs; " + c + " suspended";
            }
            case 11 -> {
                api.send("POST", alliance() + "/members/" + c + "/reinstatement", Map.of("reason", "bench"), 200);
                return "IQC runs; " + c + " reinstated";
            }
            case 13 -> {
                api.send("POST", alliance() + "/members/" + b + "/accreditations/NA/withdrawal", Map.of("reason",
                        "bench", "effectiveAt", Instant.now().toString()), 200);
                return "IQC runs; " + b + "'s accreditation for NA withdrawn";
            }
            case LAST_SCHEDULED_PHASE -> {
                api.send("POST", finding + "/reopening", Map.of("reason", "again", "reopenedBy", "bench"), 200);
                return "IQC runs; the finding reopened";
            }
            default -> {
                return "IQC runs";
            }
        }
    }

    private void controlRuns(int phase) throws AllianceSetup.SetupException, InterruptedException {
        Instant runAt = Instant.now();
        for (String lab : labs) {
            for (String item : items) {
                BigDecimal value;
                if (noisy(lab, item)) {
                    value = phase % 2 == 0 ? new BigDecimal("4.40") : new BigDecimal("5.60");
                } else if (lab.equals(labs.get(0)) && item.equals("K") && phase % 6 == 5) {
                    value = new BigDecimal("5.40"); // 4 SD: rejected (1-3s)
                } else {
                    value = MEAN.add(new BigDecimal("0.05").multiply(BigDecimal.valueOf(phase % 3 - 1)));
                }
                api.send("POST", iqc(lab, item) + "/runs", Map.of("runId", "p" + phase, "runAt", runAt.toString(),
                        "results", List.of(Map.of("level", LEVEL, "value", value))), 200, 201);
            }
        }
    }

    private void eqaRound(int phase, String unsatisfactoryLab) throws AllianceSetup.SetupException, InterruptedException {
        JsonNode opened = api.send("POST", "/api/eqa/rounds", Map.of("requestId", runId + "-eqa-" + phase,
                "allianceId", allianceId, "provider", "CITY_CENTRE",
                "items", List.of(Map.of("itemCode", "K"), Map.of("itemCode", "GLU")),
                "samples", List.of(Map.of("sampleCode", "S1", "itemCode", "K", "assigned", "4.00"),
                        Map.of("sampleCode", "S2", "itemCode", "GLU", "assigned", "5.50")),
                "participants", labs, "deadline", Instant.now().plusSeconds(3600).toString(),
                "ruleSet", "WS/T 403-2024", "openedBy", "bench"), 200, 201);
        String round = "/api/eqa/rounds/" + opened.path("roundId").asText();
        for (String lab : labs) {
            api.send("POST", round + "/results", Map.of("labCode", lab, "sampleCode", "S1", "itemCode", "K",
                    "value", lab.equals(unsatisfactoryLab) ? "5.00" : "4.05"), 200, 201);
            api.send("POST", round + "/results", Map.of("labCode", lab, "sampleCode", "S2", "itemCode", "GLU",
                    "value", "5.52"), 200, 201);
        }
        api.send("POST", round + "/closure", Map.of("closedBy", "bench"), 200);
    }

    /** One series whose values scatter (CV above every item's maximum) while its wide SD target accepts them. */
    private boolean noisy(String lab, String item) {
        return lab.equals(labs.get(2)) && item.equals("GLU");
    }

    private String lot() {
        return "LOT-" + runId;
    }

    private String iqc(String lab, String item) {
        return "/api/iqc/" + lab + "/" + item;
    }

    private String alliance() {
        return "/api/alliances/" + allianceId;
    }
}
