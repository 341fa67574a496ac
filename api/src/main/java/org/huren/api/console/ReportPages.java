package org.huren.api.console;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.huren.api.alliance.AllianceController;
import org.huren.api.alliance.ReuseController;
import org.huren.api.eqa.EqaController;
import org.huren.domain.alliance.AllianceTime;
import org.huren.domain.alliance.query.AllianceOverview;
import org.huren.domain.eqa.query.EqaRoundResults;
import org.huren.domain.recognition.query.RecognitionCell;
import org.huren.domain.reuse.query.GetReuseKpis;
import org.huren.domain.reuse.query.ReuseKpi;
import org.huren.fhir.server.Caller;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Monthly QC reports (月度质控报告) per alliance and per lab as PDF, and the console's tables as CSV (UTF-8 with a byte
 * order mark, which spreadsheet programs need to read Chinese).
 */
@Controller
public class ReportPages {

    private final MonthlyReports reports;
    private final PdfReports pdf;
    private final ReuseController reuse;
    private final AllianceController alliances;
    private final EqaController eqa;
    private final ConsoleAccess access;
    private final ConsoleNav nav;

    public ReportPages(MonthlyReports reports, PdfReports pdf, ReuseController reuse, AllianceController alliances,
                       EqaController eqa, ConsoleAccess access, ConsoleNav nav) {
        this.reports = reports;
        this.pdf = pdf;
        this.reuse = reuse;
        this.alliances = alliances;
        this.eqa = eqa;
        this.access = access;
        this.nav = nav;
    }

    @GetMapping("/console/alliances/{allianceId}/reports")
    public String reports(@PathVariable String allianceId, @RequestParam(required = false) YearMonth month,
                          HttpServletRequest request, Model model) {
        Caller caller = ConsoleAccess.caller(request);
        access.require(caller, "GET", "/api/alliances/{allianceId}/overview", Map.of("allianceId", allianceId), null);
        nav.addTo(model, caller, allianceId);
        YearMonth shown = month != null ? month : YearMonth.now(AllianceTime.ZONE);
        model.addAttribute("month", shown.toString());
        model.addAttribute("months", java.util.stream.IntStream.range(0, 12).mapToObj(i -> shown.minusMonths(i)
                .toString()).toList());
        model.addAttribute("labs", alliances.members(allianceId).stream().filter(m -> access.may(caller, "GET",
                "/api/alliances/{allianceId}/members/{labCode}/scorecard", Map.of("allianceId", allianceId,
                        "labCode", m.labCode()), null)).toList());
        model.addAttribute("font", pdf.font().map(Object::toString).orElse(null));
        return "console/reports";
    }

    @GetMapping("/console/alliances/{allianceId}/reports/{month}.pdf")
    public ResponseEntity<byte[]> alliancePdf(@PathVariable String allianceId, @PathVariable YearMonth month,
                                              HttpServletRequest request) {
        MonthlyReports.Report report = reports.of(ConsoleAccess.caller(request), allianceId, null, month);
        return file(pdf.render("monthly", Map.of("r", report)), MediaType.APPLICATION_PDF,
                "huren-" + allianceId + "-" + month + ".pdf");
    }

    @GetMapping("/console/alliances/{allianceId}/labs/{labCode}/reports/{month}.pdf")
    public ResponseEntity<byte[]> labPdf(@PathVariable String allianceId, @PathVariable String labCode,
                                         @PathVariable YearMonth month, HttpServletRequest request) {
        MonthlyReports.Report report = reports.of(ConsoleAccess.caller(request), allianceId, labCode, month);
        return file(pdf.render("monthly", Map.of("r", report)), MediaType.APPLICATION_PDF,
                "huren-" + allianceId + "-" + labCode + "-" + month + ".pdf");
    }

    /** Without a font for Chinese the PDF is refused, saying what to install, rather than printed as boxes. */
    @ExceptionHandler(PdfReports.NoFont.class)
    ResponseEntity<String> noFont(PdfReports.NoFont e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.TEXT_PLAIN)
                .body(e.getMessage());
    }

    @GetMapping("/console/alliances/{allianceId}/reports/{month}/iqc.csv")
    public ResponseEntity<byte[]> iqcCsv(@PathVariable String allianceId, @PathVariable YearMonth month,
                                         HttpServletRequest request) {
        MonthlyReports.Report report = reports.of(ConsoleAccess.caller(request), allianceId, null, month);
        return csv("huren-" + allianceId + "-" + month + "-iqc.csv", List.of("lab", "item", "month", "level", "lot",
                "n", "mean", "sd", "cv_percent", "cv_max_percent", "n_all_runs", "cv_all_runs_percent", "runs",
                "rejected_runs", "rejection_rate_percent"), report.iqc().stream().map(l -> List.<Object>of(
                l.labCode(), l.itemCode(), l.month().month(), l.month().level(), l.month().lot(), l.month().n(),
                orEmpty(l.month().mean()), orEmpty(l.month().sd()), orEmpty(l.month().cvPercent()),
                orEmpty(l.cvMaxPercent()), l.month().nAllRuns(), orEmpty(l.month().cvAllRunsPercent()),
                l.month().runs(), l.month().rejectedRuns(), orEmpty(l.month().rejectionRatePercent()))).toList());
    }

    @GetMapping("/console/alliances/{allianceId}/reports/{month}/findings.csv")
    public ResponseEntity<byte[]> findingsCsv(@PathVariable String allianceId, @PathVariable YearMonth month,
                                              HttpServletRequest request) {
        MonthlyReports.Report report = reports.of(ConsoleAccess.caller(request), allianceId, null, month);
        if (report.findings() == null) {
            throw new ConsoleAccess.Forbidden("the audits of alliance " + allianceId + " are its auditors' and QC "
                    + "managers'");
        }
        return csv("huren-" + allianceId + "-" + month + "-findings.csv", List.of("audit", "finding", "lab",
                "dimension", "severity", "description", "affected_items", "recorded_at", "state", "owner", "due_date",
                "overdue", "event"), report.findings().stream().map(f -> List.<Object>of(f.auditId(), f.findingId(),
                f.labCode(), f.dimension(), f.severity(), f.description(), String.join(" ", f.affectedItems()),
                f.recordedAt(), f.state(), orEmpty(f.owner()), orEmpty(f.dueDate()), f.overdue(), f.eventId()))
                .toList());
    }

    @GetMapping("/console/alliances/{allianceId}/kpis.csv")
    public ResponseEntity<byte[]> kpisCsv(@PathVariable String allianceId,
                                          @RequestParam(defaultValue = "MONTH") GetReuseKpis.Grouping by,
                                          HttpServletRequest request) {
        Caller caller = ConsoleAccess.caller(request);
        access.require(caller, "GET", "/api/alliances/{allianceId}/reuse-kpis", Map.of("allianceId", allianceId),
                null);
        List<ReuseKpi> kpis = reuse.kpis(allianceId, by, caller.lab());
        return csv("huren-" + allianceId + "-kpis-" + by.name().toLowerCase() + ".csv", List.of(by.name()
                        .toLowerCase(), "lookups", "recognitions", "lookup_recognition_rate_percent", "reminders",
                "reused", "retested", "reuse_rate_percent", "estimated_savings", "currency", "unpriced_reuses"),
                kpis.stream().map(k -> List.<Object>of(k.group(), k.lookups(), k.recognitions(),
                        orEmpty(k.lookupRecognitionRatePercent()), k.reminders(), k.reused(), k.retested(),
                        orEmpty(k.reuseRatePercent()), orEmpty(k.estimatedSavings()), orEmpty(k.currency()),
                        k.unpricedReuses())).toList());
    }

    @GetMapping("/console/alliances/{allianceId}/matrix.csv")
    public ResponseEntity<byte[]> matrixCsv(@PathVariable String allianceId, HttpServletRequest request) {
        Caller caller = ConsoleAccess.caller(request);
        access.require(caller, "GET", "/api/alliances/{allianceId}/overview", Map.of("allianceId", allianceId), null);
        AllianceOverview overview = alliances.overview(allianceId);
        Map<String, RecognitionCell> recognition = reuse.matrix(allianceId, caller.lab()).stream()
                .collect(Collectors.toMap(c -> c.labCode() + "\u0000" + c.itemCode(), Function.identity()));
        List<List<Object>> rows = new ArrayList<>();
        for (AllianceOverview.LabRow lab : overview.labs()) {
            for (AllianceOverview.Cell cell : lab.items()) {
                RecognitionCell rec = recognition.get(lab.member().labCode() + "\u0000" + cell.itemCode());
                rows.add(Arrays.asList(lab.member().labCode(), cell.itemCode(), cell.status(), orEmpty(cell.since()),
                        orEmpty(cell.until()), rec == null ? "NONE" : rec.latestTag().name(),
                        rec == null ? "" : rec.latestSince(), rec == null ? 0 : rec.results(),
                        rec == null ? 0 : rec.recognized(), rec == null ? 0 : rec.withdrawn(),
                        rec == null ? 0 : rec.pending()));
            }
        }
        return csv("huren-" + allianceId + "-matrix.csv", List.of("lab", "item", "accreditation", "since", "until",
                "recognition", "recognition_since", "results", "recognized", "withdrawn", "pending"), rows);
    }

    @GetMapping("/console/alliances/{allianceId}/eqa/rounds/{roundId}/results.csv")
    public ResponseEntity<byte[]> eqaCsv(@PathVariable String allianceId, @PathVariable String roundId,
                                         HttpServletRequest request) {
        Caller caller = ConsoleAccess.caller(request);
        access.require(caller, "GET", "/api/eqa/rounds/{roundId}", Map.of("roundId", roundId), null);
        if (!eqa.round(roundId).allianceId().equals(allianceId)) {
            throw new org.huren.api.web.ApiProblems.NotFound("roundId", "no round " + roundId + " in " + allianceId);
        }
        EqaRoundResults results = eqa.results(roundId);
        List<EqaRoundResults.Row> rows = results.rows() == null ? List.of() : results.rows();
        return csv("huren-eqa-" + roundId + ".csv", List.of("lab", "item", "sample", "value", "uncertainty",
                "category", "submitted_at", "acceptable", "difference", "allowed", "z", "z_prime", "zeta"),
                rows.stream().map(r -> Arrays.<Object>asList(r.labCode(), r.itemCode(), r.sampleCode(),
                        orEmpty(r.value()), orEmpty(r.uncertainty()), orEmpty(r.category()), r.submittedAt(),
                        orEmpty(r.acceptable()), orEmpty(r.difference()), orEmpty(r.allowed()), orEmpty(r.z()),
                        orEmpty(r.zPrime()), orEmpty(r.zeta()))).toList());
    }

    private static Object orEmpty(Object value) {
        return value == null ? "" : value;
    }

    static ResponseEntity<byte[]> csv(String filename, List<String> header, List<? extends List<?>> rows) {
        StringWriter text = new StringWriter();
        text.write('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.RFC4180.builder()
                .setHeader(header.toArray(String[]::new)).get())) {
            printer.printRecords(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file(text.toString().getBytes(StandardCharsets.UTF_8),
                new MediaType("text", "csv", StandardCharsets.UTF_8), filename);
    }

    static ResponseEntity<byte[]> file(byte[] body, MediaType type, String filename) {
        return ResponseEntity.ok().contentType(type).header(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
                .body(body);
    }
}
