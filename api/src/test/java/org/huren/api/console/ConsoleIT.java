package org.huren.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.Browser;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.huren.api.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in a real headless Chromium, signed in through the embedded authorization server's login form:
 * a QC manager sees the recognition matrix the API reports, the Levey-Jennings chart with a 2-2s rejection marked,
 * and signs off its review; a clinician finds a patient, reuses one result and re-tests another, and the KPI page
 * counts both; a QC manager of another alliance and the staff of a lab under flight inspection do not see what they
 * must not. Every page visited leaves a screenshot in {@code target/console-screenshots}.
 */
@HurenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleIT {

    /** The confirmation a form's answer swaps in; waited for by its text, as the previous one may still be shown. */
    private static final By FLASH_OK = By.cssSelector("[data-test=flash-ok]");


    static final String POTASSIUM = "2823-3";
    static final String GLUCOSE = "14749-6";

    @LocalServerPort
    int port;

    String alliance;
    String otherAlliance;
    String labA;
    String labB;
    String clinic;
    String nationalId;
    String flightRound;
    String eqaRound;
    String audit;
    Tokens.Identity qcManager;
    Tokens.Identity otherQcManager;
    ApiClient qc;

    /**
     * Alliance cw-…: core lab A and secondary lab B accredited for K and GLU (A also NA), clinic D; one patient with
     * K at A and GLU at B, both recognized; IQC of NA at A with a run rejected by 2-2s; a graded EQA round, a flight
     * inspection of B and an audit of B with a finding. A second alliance with its own QC manager.
     */
    @BeforeAll
    void anAllianceWithResultsIqcEqaAndAudits() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
        alliance = "cw-" + suffix.toLowerCase(Locale.ROOT);
        otherAlliance = "cw2-" + suffix.toLowerCase(Locale.ROOT);
        labA = "CA-" + suffix;
        labB = "CB-" + suffix;
        clinic = "CD-" + suffix;
        qcManager = Tokens.Identity.user("test-qc-" + alliance, List.of("QC_MANAGER", "ASSESSOR", "AUDITOR"), null,
                List.of(alliance));
        otherQcManager = Tokens.Identity.user("test-qc-" + otherAlliance, List.of("QC_MANAGER", "ASSESSOR",
                "AUDITOR"), null, List.of(otherAlliance));
        ApiClient network = new ApiClient(port);
        AllianceSteps steps = new AllianceSteps(network).form(alliance, "城西医联体", "CITY_GROUP", "TIGHT")
                .enrol(alliance, labA, "CORE").enrol(alliance, labB, "SECONDARY").enrol(alliance, clinic, "COMMUNITY")
                .seedCatalog(alliance).letNotYetKnownPass(alliance)
                .form(otherAlliance, "城东医联体", "CITY_GROUP", "TIGHT").enrol(otherAlliance, "CE-" + suffix, "CORE");
        assertThat(network.post("/api/alliances/" + alliance + "/trusted-identifier-systems", Map.of("system",
                LabData.NATIONAL_ID, "name", "居民身份证号", "trusted", true)).status()).isEqualTo(200);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        steps.accredit(alliance, labA, today, List.of("K", "GLU", "NA"));
        steps.accredit(alliance, labB, today, List.of("K", "GLU"));
        assertThat(network.put("/api/alliances/" + alliance + "/catalog/items/K/price", Map.of("price", "6.50",
                "effectiveFrom", LocalDate.parse(today).minusDays(1).toString())).status()).isEqualTo(200);

        nationalId = LabData.unique("4201");
        String base = "http://localhost:" + port + "/fhir";
        FhirTestClient lisA = new FhirTestClient(base, labA);
        FhirTestClient lisB = new FhirTestClient(base, labB);
        post(lisA, POTASSIUM, "4.1");
        post(lisB, GLUCOSE, "5.4");
        network.awaitPosition(Math.max(lisA.lastPosition(), lisB.lastPosition()));

        // IQC of NA at A: L1 140 ± 1, L2 120 ± 1; r3 warns (1-2s), r5 is rejected (2-2s across both levels)
        String iqc = "/api/iqc/" + labA + "/NA";
        assertThat(network.put(iqc + "/levels/L1/lots/NA-L1-A", Map.of("material", "Lyphochek L1", "mean", "140.0",
                "sd", "1.0")).status()).isEqualTo(200);
        assertThat(network.put(iqc + "/levels/L2/lots/NA-L2-A", Map.of("material", "Lyphochek L2", "mean", "120.0",
                "sd", "1.0")).status()).isEqualTo(200);
        String[][] runs = {{"140.2", "119.8"}, {"139.7", "120.4"}, {"142.5", "120.1"}, {"140.1", "119.9"},
                {"142.3", "122.4"}, {"140.0", "120.0"}};
        // within the last hour, and within this month (the monthly report's)
        Instant now = Instant.now();
        Instant monthStart = java.time.YearMonth.now(ZoneId.of("Asia/Shanghai")).atDay(1)
                .atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant();
        Instant first = now.minus(Duration.ofHours(1)).isAfter(monthStart) ? now.minus(Duration.ofHours(1))
                : monthStart;
        Duration step = Duration.between(first, now).dividedBy(runs.length + 1);
        for (int i = 0; i < runs.length; i++) {
            assertThat(network.post(iqc + "/runs", Map.of("runId", "r" + (i + 1), "runAt",
                    first.plus(step.multipliedBy(i + 1)).toString(), "results", List.of(Map.of("level", "L1", "value",
                            runs[i][0]), Map.of("level", "L2", "value", runs[i][1])))).status()).isEqualTo(200);
        }

        // a graded EQA round of K: A and B both satisfactory
        List<Map<String, Object>> samples = List.of(Map.of("sampleCode", "S1", "itemCode", "K", "assigned", "4.00"),
                Map.of("sampleCode", "S2", "itemCode", "K", "assigned", "5.50"));
        ApiClient.Answer round = network.post("/api/eqa/rounds", Map.of("requestId", "cw-eqa-1", "allianceId",
                alliance, "provider", "CITY_CENTRE", "title", "2026 第1次 常规化学", "items",
                List.of(Map.of("itemCode", "K")), "samples", samples, "participants", List.of(labA, labB),
                "deadline", Instant.now().plusSeconds(3600).toString(), "ruleSet", "WS/T 403-2024 TEa; 80 %",
                "openedBy", "质控科 刘"));
        assertThat(round.status()).as(round.body().toString()).isEqualTo(201);
        eqaRound = round.text("roundId");
        for (String lab : List.of(labA, labB)) {
            for (Map<String, Object> sample : samples) {
                assertThat(network.post("/api/eqa/rounds/" + eqaRound + "/results", Map.of("labCode", lab,
                        "sampleCode", sample.get("sampleCode"), "itemCode", "K", "value", sample.get("assigned")))
                        .status()).isEqualTo(201);
            }
        }
        assertThat(network.post("/api/eqa/rounds/" + eqaRound + "/closure", Map.of("closedBy", "质控科 刘"))
                .status()).isEqualTo(200);

        // a flight inspection of B, and an audit of B with a minor finding
        ApiClient.Answer flight = network.post("/api/eqa/flight-inspections", Map.of("requestId", "cw-fi-1",
                "allianceId", alliance, "labCode", labB, "title", "2026 飞行检查",
                "pseudoPatient", Map.of("system", LabData.MRN, "value", LabData.unique("FI")),
                "items", List.of(Map.of("itemCode", "K")),
                "samples", List.of(Map.of("accession", Map.of("system", "https://huren.example.org/sid/accession",
                        "value", LabData.unique("ACC")), "itemCode", "K", "assigned", "4.00")),
                "deadline", Instant.now().plusSeconds(86_400).toString(), "ruleSet", "WS/T 403-2024 TEa",
                "openedBy", "质控科 刘"));
        assertThat(flight.status()).as(flight.body().toString()).isEqualTo(201);
        flightRound = flight.text("roundId");
        ApiClient.Answer opened = network.post("/api/audits", Map.of("requestId", "cw-audit-1", "allianceId",
                alliance, "labCode", labB, "kind", "SCHEDULED", "auditors", List.of("刘", "王"), "auditDate", today,
                "openedBy", "质控科"));
        assertThat(opened.status()).isEqualTo(201);
        audit = opened.text("auditId");
        assertThat(network.post("/api/audits/" + audit + "/findings", Map.of("findingId", "F1", "dimension", "IQC",
                "severity", "MINOR", "description", "质控图未每日审核", "affectedItems", List.of("GLU"),
                "recordedBy", "王")).status()).isEqualTo(201);

        // the people: registered, then signing in through the browser like anyone
        for (Tokens.Identity person : List.of(qcManager, otherQcManager, Tokens.clinician(clinic),
                Tokens.labStaff(labB))) {
            Tokens.of(port, person);
        }
        qc = network.as(qcManager);
        // every read model has caught up with the writes above before a page is opened
        qc.get("/api/alliances/" + alliance + "/recognition-matrix");
        qc.get(iqc + "/runs");
        qc.get("/api/eqa/rounds?alliance=" + alliance);
        qc.get("/api/audits/findings?alliance=" + alliance);
    }

    @Test
    void aQcManagerSeesTheRecognitionMatrixTheApiReportsAndTheEvidenceOfACell() {
        JsonNode overview = qc.get("/api/alliances/" + alliance + "/overview").body();
        Map<String, String> recognition = new HashMap<>();
        qc.get("/api/alliances/" + alliance + "/recognition-matrix").body().forEach(cell -> recognition.put(
                cell.path("labCode").asText() + "/" + cell.path("itemCode").asText(), cell.path("latestTag").asText()));
        Map<String, String> accreditation = new HashMap<>();
        List<String> items = new ArrayList<>();
        overview.path("itemCodes").forEach(item -> items.add(item.asText()));
        overview.path("labs").forEach(lab -> {
            for (int i = 0; i < items.size(); i++) {
                accreditation.put(lab.path("member").path("labCode").asText() + "/" + items.get(i),
                        lab.path("items").get(i).path("status").asText());
            }
        });
        assertThat(recognition).containsEntry(labA + "/K", "RECOGNIZED").containsEntry(labB + "/GLU", "RECOGNIZED");

        try (Browser browser = Browser.open(port).signIn(qcManager.name(), Tokens.TEST_PASSWORD)) {
            assertThat(browser.url()).endsWith("/console/alliances/" + alliance);
            List<WebElement> cells = browser.all("#matrix td.cell");
            assertThat(cells).as("items accredited or with results × 3 labs").hasSize(3 * 3);
            for (WebElement cell : cells) {
                String key = cell.getAttribute("data-lab") + "/" + cell.getAttribute("data-item");
                assertThat(cell.getAttribute("data-accreditation")).as(key).isEqualTo(accreditation.get(key));
                assertThat(cell.getAttribute("data-recognition")).as(key)
                        .isEqualTo(recognition.getOrDefault(key, "NONE"));
            }
            assertThat(browser.find("#matrix td.cell[data-lab='" + labA + "'][data-item='K']").getText())
                    .contains("已准入", "互认", "已互认 1 / 1");
            browser.waitFor(d -> browser.find("#monthly-chart").getAttribute("data-chart-drawn") != null);
            browser.screenshot("01-overview");

            browser.find("#matrix td.cell[data-lab='" + labA + "'][data-item='K']").click();
            WebElement evidence = browser.find("[data-test=evidence][data-lab='" + labA + "']");
            assertThat(evidence.getText()).contains("LabAccredited", "满意");
            assertThat(browser.all("[data-test=evidence] [data-test=event-id]")).isNotEmpty();
            browser.screenshot("02-evidence");

            browser.get("/console/alliances/" + alliance + "?lang=en");
            assertThat(browser.find("h1").getText()).isEqualTo("Alliance overview");
            assertThat(browser.find("#matrix td.cell[data-lab='" + labA + "'][data-item='K']").getText())
                    .contains("Accredited", "Recognized");
            browser.screenshot("03-overview-en");
            browser.get("/console/alliances/" + alliance + "/labs/" + labB + "/scorecard");
            assertThat(browser.find("h1").getText()).contains(labB, "QC scorecard");
            browser.screenshot("04-scorecard-en");
            browser.get("/console/alliances/" + alliance + "?lang=zh_CN");
            assertThat(browser.find("h1").getText()).isEqualTo("医联体总览");
        }
    }

    @Test
    void theLeveyJenningsChartMarksTheRejectedRunAndItsReviewIsSignedOff() {
        JsonNode lj = qc.get("/api/iqc/" + labA + "/NA/levey-jennings?level=L1").body();
        assertThat(lj.path("points")).hasSize(6);
        try (Browser browser = Browser.open(port).signIn(qcManager.name(), Tokens.TEST_PASSWORD)) {
            browser.get("/console/alliances/" + alliance + "/iqc");
            assertThat(browser.find("#iqc-series").getText()).contains(labA, "NA");
            browser.screenshot("05-iqc");
            browser.get("/console/alliances/" + alliance + "/iqc/" + labA + "/NA?level=L1");
            WebElement chart = browser.find("#lj-chart");
            browser.waitFor(d -> chart.getAttribute("data-chart-drawn") != null);
            assertThat(chart.getAttribute("data-points")).isEqualTo("6");
            @SuppressWarnings("unchecked")
            Map<String, Object> drawn = (Map<String, Object>) browser.script("""
                    var option = echarts.getInstanceByDom(arguments[0]).getOption();
                    var series = option.series[0];
                    return {points: series.data.length,
                            marks: series.markPoint.data.map(function (m) { return m.name + ':' + m.value; }),
                            lines: series.markLine.data.map(function (l) { return l.name; }),
                            colour: series.data[4].itemStyle.color};
                    """, chart);
            assertThat(drawn.get("points")).isEqualTo(6L);
            assertThat((List<?>) drawn.get("marks")).map(String::valueOf).hasSize(2)
                    .anySatisfy(mark -> assertThat(mark).startsWith("r3:").contains("1-2s"))
                    .anySatisfy(mark -> assertThat(mark).startsWith("r5:").contains("2-2s"));
            assertThat((List<?>) drawn.get("lines")).map(String::valueOf).containsExactly("−3SD", "−2SD", "−1SD", "x̄", "+1SD", "+2SD",
                    "+3SD");
            assertThat(drawn.get("colour")).isEqualTo(Charts.REJECTED);
            assertThat(browser.find("#runs tr[data-run='r5']").getAttribute("data-status")).isEqualTo("REJECTED");
            assertThat(browser.find("#runs tr[data-run='r5']").getText()).contains("2-2s");
            browser.screenshot("06-levey-jennings");

            browser.find("#runs tr[data-run='r5'] summary").click();
            browser.find("#runs tr[data-run='r5'] textarea[name=comment]").sendKeys("两水平同向超 2SD：校准漂移");
            browser.find("#runs tr[data-run='r5'] textarea[name=correctiveAction]")
                    .sendKeys("重新校准，复测质控及上次在控后的患者标本");
            browser.find("#runs tr[data-run='r5'] button[type=submit]").click();
            assertThat(browser.waitFor(ExpectedConditions.textToBe(FLASH_OK, "失控处理已签发。"))).isTrue();
            assertThat(browser.find("#runs tr[data-run='r5'] [data-test=review]").getText())
                    .contains(qcManager.name(), "校准漂移");
            browser.screenshot("07-iqc-review");
        }
        JsonNode reviewed = qc.get("/api/iqc/" + labA + "/NA/runs").body().get(4);
        assertThat(reviewed.path("runId").asText()).isEqualTo("r5");
        assertThat(reviewed.path("review").path("reviewedBy").asText()).isEqualTo(qcManager.name());
    }

    @Test
    void aClinicianReusesOneResultAndReTestsAnotherAndTheKpiPageCountsBoth() {
        Tokens.Identity clinician = Tokens.clinician(clinic);
        try (Browser browser = Browser.open(port).signIn(clinician.name(), Tokens.TEST_PASSWORD)) {
            assertThat(browser.url()).endsWith("/console/alliances/" + alliance + "/patients");
            browser.find("#identifier").sendKeys(LabData.NATIONAL_ID + "|" + nationalId);
            browser.find("form.filters button[type=submit]").click();
            WebElement potassium = browser.find("#results tr[data-item='K']");
            assertThat(potassium.getAttribute("data-tag")).isEqualTo("RECOGNIZED");
            assertThat(potassium.findElement(By.cssSelector("[data-test=hr]")).getText()).isEqualTo("HR");
            assertThat(potassium.getText()).contains(labA, "4.1");
            assertThat(browser.find("#results tr[data-item='GLU']").getText()).contains(labB, "5.4");
            browser.screenshot("08-patient");

            browser.find("button[data-order='K']").click();
            WebElement reminder = browser.find("#reminder-K [data-test=reminder]");
            assertThat(reminder.getAttribute("data-reusable")).isEqualTo("true");
            assertThat(reminder.getText()).contains(labA, "互认有效期至");
            browser.screenshot("09-reminder");
            reminder.findElement(By.cssSelector("button[type=submit]")).click();
            assertThat(browser.waitFor(ExpectedConditions.textToBe(FLASH_OK, "已记录：采用互认结果。"))).isTrue();

            browser.find("button[data-order='GLU']").click();
            WebElement retest = browser.find("#reminder-GLU [data-test=reminder]");
            retest.findElement(By.cssSelector("input[value=RETESTED]")).click();
            new Select(retest.findElement(By.name("reason"))).selectByValue("CONDITION_CHANGED");
            retest.findElement(By.name("patientInformed")).click();
            retest.findElement(By.cssSelector("button[type=submit]")).click();
            assertThat(browser.waitFor(ExpectedConditions.textToBe(FLASH_OK, "已记录：复查及原因。"))).isTrue();
        }
        JsonNode kpi = qc.get("/api/alliances/" + alliance + "/reuse-kpis?by=ALLIANCE").body().get(0);
        assertThat(kpi.path("lookups").asLong()).isEqualTo(2);
        assertThat(kpi.path("reused").asLong()).isEqualTo(1);
        assertThat(kpi.path("retested").asLong()).isEqualTo(1);
        try (Browser browser = Browser.open(port).signIn(qcManager.name(), Tokens.TEST_PASSWORD)) {
            browser.get("/console/alliances/" + alliance + "/kpis");
            assertThat(browser.find("[data-test=lookups]").getText()).isEqualTo("2");
            assertThat(browser.find("[data-test=reused]").getText()).isEqualTo("1");
            assertThat(browser.find("[data-test=retested]").getText()).isEqualTo("1");
            assertThat(browser.find("[data-test=savings]").getText()).contains("6.50");
            assertThat(browser.find("#retest-reasons tr[data-reason=CONDITION_CHANGED]").getText()).endsWith("1");
            browser.waitFor(d -> browser.find("#rates-chart").getAttribute("data-chart-drawn") != null);
            browser.screenshot("10-kpis");
        }
    }

    @Test
    void aQcManagerWalksEqaFlightInspectionsAndAuditsAndAssignsACorrectiveAction() {
        try (Browser browser = Browser.open(port).signIn(qcManager.name(), Tokens.TEST_PASSWORD)) {
            browser.get("/console/alliances/" + alliance + "/eqa?lab=" + labA + "&item=K");
            assertThat(browser.find("#rounds").getText()).contains("2026 第1次 常规化学");
            assertThat(browser.find("#history").getText()).contains("满意");
            browser.screenshot("11-eqa");
            browser.get("/console/alliances/" + alliance + "/eqa/rounds/" + eqaRound);
            assertThat(browser.all("#samples [data-test=assigned]")).extracting(WebElement::getText)
                    .as("assigned values once graded").containsExactly("4", "5.5");
            browser.screenshot("12-eqa-round");
            browser.get("/console/alliances/" + alliance + "/flight-inspections");
            assertThat(browser.find("#inspections tr[data-round='" + flightRound + "']").getText()).contains(labB);
            browser.screenshot("13-flight-inspections");

            browser.get("/console/alliances/" + alliance + "/audits");
            assertThat(browser.find("#open-findings tr[data-finding=F1]").getText()).contains("质控图未每日审核");
            assertThat(browser.find("#heat-map td[data-dimension=IQC]").getText()).contains("1");
            browser.screenshot("14-audits");
            browser.get("/console/alliances/" + alliance + "/audits/" + audit);
            WebElement assign = browser.find("#finding-F1 form[data-step=ASSIGN]");
            assign.findElement(By.name("text")).sendKeys("检验科主任");
            String due = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30).toString();
            browser.script("arguments[0].value = arguments[1]", assign.findElement(By.name("dueDate")), due);
            assign.findElement(By.cssSelector("button[type=submit]")).click();
            assertThat(browser.waitFor(ExpectedConditions.textToBe(FLASH_OK, "整改已分派。"))).isTrue();
            assertThat(browser.find("#finding-F1").getAttribute("data-state")).isEqualTo("ASSIGNED");
            browser.screenshot("15-audit");
        }
    }

    @Test
    void aQcManagerOfAnotherAllianceAndTheInspectedLabsStaffDoNotSeeWhatTheyMustNot() {
        try (Browser browser = Browser.open(port).signIn(otherQcManager.name(), Tokens.TEST_PASSWORD)) {
            assertThat(browser.url()).endsWith("/console/alliances/" + otherAlliance);
            assertThat(browser.driver().getPageSource()).doesNotContain(alliance + "\"", labA, "城西医联体");
            for (String page : List.of("", "/kpis", "/iqc", "/iqc/" + labA + "/NA", "/evidence/" + labA + "/K",
                    "/eqa", "/eqa/rounds/" + eqaRound, "/flight-inspections", "/audits", "/audits/" + audit,
                    "/labs/" + labA + "/scorecard", "/patients")) {
                browser.get("/console/alliances/" + alliance + page);
                assertThat(browser.find("[data-test=error-title]").getText()).as(page).isIn("无权访问", "未找到");
                assertThat(browser.driver().getPageSource()).as(page).doesNotContain("4.1", "质控图未每日审核");
            }
            browser.screenshot("16-other-alliance-refused");
        }
        ApiClient otherOverApi = new ApiClient(port, otherQcManager);
        assertThat(otherOverApi.get("/api/eqa/flight-inspections?alliance=" + alliance).status())
                .as("the API refuses what the console refuses").isEqualTo(403);
        try (Browser browser = Browser.open(port).signIn(Tokens.labStaff(labB).name(), Tokens.TEST_PASSWORD)) {
            assertThat(browser.url()).endsWith("/console/alliances/" + alliance);
            assertThat(browser.all("[data-nav='nav.flightInspections']")).isEmpty();
            assertThat(browser.all("[data-nav='nav.eqa']")).isEmpty();
            for (String page : List.of("/flight-inspections", "/flight-inspections/" + flightRound,
                    "/eqa/rounds/" + flightRound, "/eqa", "/iqc/" + labA + "/NA")) {
                browser.get("/console/alliances/" + alliance + page);
                assertThat(browser.find("[data-test=error-title]").getText()).as(page).isEqualTo("无权访问");
                assertThat(browser.driver().getPageSource()).as(page).doesNotContain("2026 飞行检查");
            }
            browser.screenshot("17-inspected-lab-refused");
            browser.get("/console/alliances/" + alliance + "/audits");
            assertThat(browser.find("#open-findings tr[data-finding=F1]").getText()).contains(labB);
            assertThat(browser.all("#heat-map")).as("the alliance's heat map is its QC roles'").isEmpty();
        }
    }

    @Test
    void theMonthlyReportIsAPdfWithItsChineseTextAndTheTablesAreCsv() throws Exception {
        String month = java.time.YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        try (Browser browser = Browser.open(port).signIn(qcManager.name(), Tokens.TEST_PASSWORD)) {
            browser.get("/console/alliances/" + alliance + "/reports");
            assertThat(browser.find("#alliance-pdf").getAttribute("href")).endsWith("/reports/" + month + ".pdf");
            browser.screenshot("18-reports");
            java.net.http.HttpResponse<byte[]> pdf = browser.download("/console/alliances/" + alliance + "/reports/"
                    + month + ".pdf");
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            java.nio.file.Files.write(java.nio.file.Path.of("target", "console-screenshots", "19-monthly-report.pdf"),
                    pdf.body());
            try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
                String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
                assertThat(text).contains("城西医联体", "质控月报", labA, "NA", "质控图未每日审核");
                assertThat(document.getPage(0).getResources().getFontNames()).isNotEmpty();
                org.apache.pdfbox.pdmodel.font.PDFont font = document.getPage(0).getResources()
                        .getFont(document.getPage(0).getResources().getFontNames().iterator().next());
                assertThat(font.getName()).as("the CJK font, embedded as a subset").contains("+");
                assertThat(font.isEmbedded()).isTrue();
            }
            java.net.http.HttpResponse<byte[]> labPdf = browser.download("/console/alliances/" + alliance + "/labs/"
                    + labB + "/reports/" + month + ".pdf");
            assertThat(labPdf.statusCode()).isEqualTo(200);

            String matrix = new String(browser.download("/console/alliances/" + alliance + "/matrix.csv").body(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(matrix).startsWith("\uFEFFlab,item,accreditation,");
            assertThat(matrix.lines()).anySatisfy(line -> assertThat(line).startsWith(labA + ",K,ACCREDITED,")
                    .contains(",RECOGNIZED,"));
            String iqcCsv = new String(browser.download("/console/alliances/" + alliance + "/reports/" + month
                    + "/iqc.csv").body(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(iqcCsv.lines()).anySatisfy(line -> assertThat(line).startsWith(labA + ",NA,"));
        }
    }

    private void post(FhirTestClient lis, String loinc, String value) {
        org.hl7.fhir.r4.model.Patient patient = LabData.patient(nationalId);
        Observation result = LabData.potassium(LabData.unique("R"), null, value);
        if (GLUCOSE.equals(loinc)) {
            result.getCode().getCodingFirstRep().setCode(GLUCOSE).setDisplay("Glucose");
        }
        result.setEffective(new DateTimeType(Date.from(Instant.now()), ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI,
                TimeZone.getTimeZone("UTC")));
        lis.transaction(LabData.transaction(patient, result));
    }
}
