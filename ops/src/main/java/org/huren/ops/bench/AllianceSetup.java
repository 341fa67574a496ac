package org.huren.ops.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A QC manager's set-up of the benchmark's alliance over {@code /api}, the steps the api module's
 * {@code AllianceSteps} takes: form the alliance, enrol the members, seed the default catalog, let
 * not-yet-known evidence (EQA, IQC, audits) pass, trust the national ID system, and accredit every result lab
 * for the catalog items of the generated analytes through an on-site assessment (all 11 dimensions PASS,
 * closed ACCREDITED for two years). Every step is idempotent on the server (the assessment through its
 * {@code requestId}, which names the alliance, lab and visit date), so a repeated set-up of the same run on the
 * same day changes nothing.
 *
 * <p>Reads carry {@code X-HuRen-Await-Position} with the newest position a write answered, so they see the
 * writes before them.
 */
final class AllianceSetup {

    /** The on-site assessment's dimensions ({@code org.huren.domain.assessment.Dimension}). */
    static final List<String> DIMENSIONS = List.of("PERSONNEL", "LAB_MANAGEMENT", "ITEM_ADMISSION", "QUALITY_SYSTEM",
            "REPORT_FORMAT", "INSTRUMENTS", "EQA", "IQC", "INFORMATION_SYSTEM", "REAGENTS", "OTHER");

    /** What the set-up left on the server. */
    record Result(Map<String, String> itemByLoinc, List<String> missingLoincs, Instant lastEnrolment,
                  long position) {
    }

    /** A step was refused or the server could not be reached. */
    static final class SetupException extends Exception {
        private static final long serialVersionUID = 1L;

        SetupException(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final String serverRoot;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong lastPosition = new AtomicLong(-1);

    AllianceSetup(HttpClient http, URI serverRoot) {
        this.http = http;
        this.serverRoot = serverRoot.toString();
    }

    /**
     * Sets up {@code allianceId} with the {@code resultLabs} (accredited) and the {@code clinicianLab} (member
     * only), all SECONDARY.
     *
     * @param loincs the LOINC codes the results will carry; their catalog items are accredited
     * @param today  the assessment's visit date: today in Asia/Shanghai
     */
    Result run(String allianceId, List<String> resultLabs, String clinicianLab, List<String> loincs, LocalDate today)
            throws SetupException, InterruptedException {
        String alliance = "/api/alliances/" + allianceId;
        send("POST", "/api/alliances", Map.of("allianceId", allianceId, "name", "HuRen 互认 benchmark " + allianceId,
                "kind", "CITY_GROUP", "integration", "TIGHT", "coreInstitution", "核心医院"), 201, 200);
        List<String> members = new ArrayList<>(resultLabs);
        members.add(clinicianLab);
        for (String lab : members) {
            send("POST", alliance + "/members", Map.of("labCode", lab, "institution", lab + " 检验科",
                    "level", "SECONDARY"), 201, 200);
        }
        send("POST", alliance + "/catalog/default", null, 200);
        send("PUT", alliance + "/recognition-policy", Map.of("notYetKnownBlocks", false, "iqcBracketHours", 24,
                "eqaMaxAgeDays", 365), 200);
        send("POST", alliance + "/trusted-identifier-systems", Map.of("system", PersonBundleGenerator.NATIONAL_ID,
                "name", "居民身份证号", "trusted", true), 200);

        // the catalog items of the generated LOINC codes (primary or alternative code)
        Map<String, String> itemByLoinc = new LinkedHashMap<>();
        for (JsonNode version : get(alliance + "/catalog")) {
            JsonNode item = version.path("item");
            String code = item.path("code").asText(null);
            List<String> codes = new ArrayList<>();
            codes.add(item.path("loinc").asText(""));
            item.path("alternatives").forEach(a -> codes.add(a.path("loinc").asText("")));
            for (String loinc : loincs) {
                if (code != null && codes.contains(loinc)) {
                    itemByLoinc.putIfAbsent(loinc, code);
                }
            }
        }
        List<String> missing = loincs.stream().filter(l -> !itemByLoinc.containsKey(l)).toList();
        if (itemByLoinc.isEmpty()) {
            throw new SetupException("the catalog of " + allianceId + " has none of the LOINC codes " + loincs);
        }
        List<String> items = itemByLoinc.values().stream().distinct().sorted().toList();

        for (String lab : resultLabs) {
            accredit(allianceId, lab, today, items);
        }

        // every member must be there; the newest enrolment bounds the results' effective time from below
        Instant lastEnrolment = Instant.EPOCH;
        List<String> found = new ArrayList<>();
        for (JsonNode member : get(alliance + "/members")) {
            String lab = member.path("labCode").asText();
            if (members.contains(lab)) {
                found.add(lab);
                String since = member.path("since").asText("");
                if (!since.isEmpty() && Instant.parse(since).isAfter(lastEnrolment)) {
                    lastEnrolment = Instant.parse(since);
                }
            }
        }
        if (found.size() != members.size()) {
            throw new SetupException("members of " + allianceId + " are " + found + ", expected " + members);
        }
        return new Result(itemByLoinc, missing, lastEnrolment, lastPosition.get());
    }

    /** Whether the alliance exists (for a run that skips the set-up). */
    boolean exists(String allianceId) throws SetupException, InterruptedException {
        HttpResponse<String> response = exchange(request("/api/alliances/" + allianceId).GET().build());
        if (response.statusCode() == 200) {
            return true;
        }
        if (response.statusCode() == 404) {
            return false;
        }
        throw refused("GET", "/api/alliances/" + allianceId, response);
    }

    /** An on-site assessment passing every dimension, closed ACCREDITED for the items for two years. */
    private void accredit(String allianceId, String lab, LocalDate visitDate, List<String> items)
            throws SetupException, InterruptedException {
        JsonNode opened = send("POST", "/api/assessments", Map.of("allianceId", allianceId, "labCode", lab,
                "assessors", List.of("李明"), "visitDate", visitDate.toString(),
                "requestId", allianceId + "/" + lab + "/" + visitDate), 201, 200);
        String assessment = opened.path("assessmentId").asText("");
        if (assessment.isEmpty()) {
            throw new SetupException("POST /api/assessments answered no assessmentId: " + opened);
        }
        for (String dimension : DIMENSIONS) {
            send("PUT", "/api/assessments/" + assessment + "/scores/" + dimension, Map.of("verdict", "PASS"), 200);
        }
        send("POST", "/api/assessments/" + assessment + "/closure", Map.of("outcome", "ACCREDITED",
                "itemCodes", items, "validUntil", visitDate.plusYears(2).toString(), "closedBy", "王强"), 200);
    }

    // ------------------------------------------------------------------------------------------ HTTP

    JsonNode send(String method, String path, Object body, int... expected)
            throws SetupException, InterruptedException {
        String text;
        try {
            text = body == null ? "" : json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<String> response = exchange(request(path)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(text))
                .build());
        for (int status : expected) {
            if (response.statusCode() == status) {
                return body(response);
            }
        }
        throw refused(method, path, response);
    }

    /** A read after the writes so far; the server answers 503 while its read models are behind, so ask again. */
    JsonNode get(String path) throws SetupException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = request(path).GET();
            if (lastPosition.get() >= 0) {
                request.header("X-HuRen-Await-Position", Long.toString(lastPosition.get()))
                        .header("X-HuRen-Await-Millis", "30000");
            }
            HttpResponse<String> response = exchange(request.build());
            if (response.statusCode() == 200) {
                return body(response);
            }
            if (response.statusCode() != 503 || attempt == 10) {
                throw refused("GET", path, response);
            }
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(serverRoot + path))
                .timeout(Duration.ofSeconds(90))
                .header("Accept", "application/json")
                .header("Authorization", AccessTokens.at(serverRoot).qc());
    }

    private HttpResponse<String> exchange(HttpRequest request) throws SetupException, InterruptedException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            response.headers().firstValue(IngestBenchmark.POSITION_HEADER).map(IngestBenchmark::parsePosition)
                    .ifPresent(p -> lastPosition.accumulateAndGet(p, Math::max));
            return response;
        } catch (IOException e) {
            throw new SetupException(request.method() + " " + request.uri() + " failed: " + e);
        }
    }

    private JsonNode body(HttpResponse<String> response) throws SetupException {
        try {
            return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new SetupException(response.request().method() + " " + response.request().uri()
                    + " answered no JSON: " + response.body());
        }
    }

    private static SetupException refused(String method, String path, HttpResponse<String> response) {
        return new SetupException(method + " " + path + " answered HTTP " + response.statusCode() + ": "
                + response.body());
    }
}
