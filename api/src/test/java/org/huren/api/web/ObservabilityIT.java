package org.huren.api.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.huren.api.alliance.QcGauges;
import org.huren.api.alliance.RecognitionGauges;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.huren.api.support.Tokens;
import org.huren.fhir.server.RejectionMetricsInterceptor;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/**
 * What an operator reads, from the running server after real requests: FHIR latency per interaction and operation,
 * ingest and refusals per lab, QC gauges, a scrape of bounded size, one correlation id per request in the JSON log
 * line and in the answer, W3C {@code traceparent} honoured, and a Grafana dashboard whose every query names a metric
 * the server exports.
 */
@HurenIntegrationTest
class ObservabilityIT {

    /** The W3C specification's example trace. */
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    static final Path DASHBOARD = Path.of("..", "ops", "grafana", "huren-dashboard.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    RecognitionGauges recognitionGauges;

    @Autowired
    QcGauges qcGauges;

    @Test
    void everyFhirInteractionIsTimedWithBoundedTagsAndIngestIsCountedPerLab() throws Exception {
        FhirTestClient lis = new FhirTestClient(fhirBase(), "HR-CORE");
        String nationalId = unique("1105");
        String id = LabData.idOf(lis.transaction(LabData.transaction(LabData.patient(nationalId),
                potassium(unique("R"), null, "4.1"))), 1);
        FhirTestClient qc = new FhirTestClient(fhirBase(), Tokens.qcNetwork());
        qc.awaitPosition(lis.lastPosition());
        qc.client().read().resource(Observation.class).withId(id).execute();
        qc.client().search().forResource(Observation.class)
                .where(Observation.CODE.exactly().systemAndCode("http://loinc.org", "2823-3")).count(1)
                .returnBundle(Bundle.class).execute();
        reusable(qc, "demo", nationalId, false);
        qc.client().capabilities().ofType(CapabilityStatement.class).execute();
        assertThatThrownBy(() -> qc.client().read().resource(Observation.class).withId("no-such-" + nationalId)
                .execute()).isInstanceOf(ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException.class);

        String metrics = scrape();
        assertThat(metrics)
                .contains(fhir("transaction", "none", "none", "200") + " ")
                .contains(fhir("read", "Observation", "none", "200") + " ")
                .contains(fhir("read", "Observation", "none", "404").replace("SUCCESS", "CLIENT_ERROR") + " ")
                .contains(fhir("search-type", "Observation", "none", "200") + " ")
                .contains(fhir("metadata", "none", "none", "200") + " ")
                .contains(fhir("operation", "Observation", "$reusable", "200") + " ")
                .contains("huren_fhir_requests_seconds_bucket{interaction=\"operation\",operation=\"$reusable\","
                        + "outcome=\"SUCCESS\",resourceType=\"Observation\",status=\"200\",le=\"0.1\"}")
                .contains("huren_ingest_results_total{change=\"created\",lab=\"HR-CORE\"}");
        assertThat(metrics.lines().filter(l -> l.startsWith("huren_fhir_requests_seconds_count{"))
                .map(l -> l.substring(l.indexOf("resourceType=\"") + 14, l.indexOf("\",status")))
                .collect(Collectors.toSet()))
                .as("resource types only of the server's own methods")
                .isSubsetOf("none", "Observation", "Patient", "Specimen", "DiagnosticReport", "Organization",
                        "CodeSystem", "AuditEvent");
    }

    @Test
    void axonsPerMessageTypeSeriesAreFoldedAndTheScrapeStaysSmall() throws Exception {
        FhirTestClient lis = new FhirTestClient(fhirBase(), "HR-CORE");
        lis.transaction(LabData.transaction(LabData.patient(unique("1106")), potassium(unique("R"), null, "4.2")));

        String metrics = scrape();
        long series = metrics.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
        int bytes = metrics.getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("ObservabilityIT scrape: %,d bytes, %,d series%n", bytes, series);
        assertThat(metrics).doesNotContain("payloadType=").doesNotContain("quantile=\"0.999\"")
                .contains("commandBus_allTimer_seconds_count ")
                .contains("eventProcessor_successTimer_seconds_count{processorName=\"lab-records\"}")
                .contains("eventProcessor_latency{processorName=\"lab-records\"}");
        // with Axon's per-message-type series a full test run scraped 2.8 MB in 29,000 series
        assertThat(series).as("series in the scrape").isLessThan(4_000);
        assertThat(bytes).as("bytes in the scrape").isLessThan(600_000);
    }

    @Test
    void aRefusedWriteLogsAJsonLineWithTheCorrelationIdTheAnswerCarriesWhichIsTheTraceId() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        StructuredLogEncoder ecs = new StructuredLogEncoder(); // what logging.structured.format.console=ecs uses
        ecs.setContext(logging);
        ecs.setFormat("ecs");
        ecs.start();
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(logging);
        appender.setEncoder(ecs);
        appender.setOutputStream(lines);
        appender.start();
        Logger refusals = logging.getLogger(RejectionMetricsInterceptor.class);
        refusals.addAppender(appender);
        HttpResponse<String> answer;
        try {
            // an Observation without a code: refused by HuRen's rules
            answer = post("/fhir", Tokens.lis("HR-CORE"), """
                    {"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Observation",
                    "status":"final","subject":{"identifier":{"system":"%s","value":"x"}}},
                    "request":{"method":"POST","url":"Observation"}}]}""".formatted(LabData.MRN),
                    Map.of("traceparent", TRACEPARENT));
        } finally {
            refusals.detachAppender(appender);
            appender.stop();
        }
        assertThat(answer.statusCode()).isBetween(400, 499);
        assertThat(answer.headers().allValues("X-Request-Id")).as("one id, HAPI's and HuRen's")
                .containsExactly(TRACE_ID);
        assertThat(answer.headers().firstValue("traceresponse").orElseThrow()).matches("00-" + TRACE_ID
                + "-[0-9a-f]{16}-01");
        List<JsonNode> logged = new ArrayList<>();
        for (String line : lines.toString(StandardCharsets.UTF_8).split("\n")) {
            logged.add(JSON.readTree(line));
        }
        assertThat(logged).as(lines.toString(StandardCharsets.UTF_8)).anySatisfy(line -> {
            assertThat(line.path("message").asText()).startsWith("refused POST /fhir from lab HR-CORE: ");
            assertThat(line.path("correlationId").asText()).isEqualTo(TRACE_ID);
            assertThat(line.path("traceId").asText()).isEqualTo(TRACE_ID);
            assertThat(line.path("log").path("level").asText()).isEqualTo("INFO");
        });
    }

    @Test
    void aClientsRequestIdIsKeptAndTheTraceIsAnsweredBeside() throws Exception {
        String requestId = "lis-batch-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> answer = get("/fhir/Observation?code=2823-3&_count=1",
                Tokens.qcNetwork(), Map.of("traceparent", TRACEPARENT, "X-Request-Id", requestId));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().allValues("X-Request-Id")).containsExactly(requestId);
        assertThat(answer.headers().firstValue("traceresponse").orElseThrow()).startsWith("00-" + TRACE_ID + "-");

        HttpResponse<String> untraced = get("/fhir/metadata", Tokens.qcNetwork(), Map.of());
        assertThat(untraced.headers().allValues("X-Request-Id")).as("a new trace's id").singleElement()
                .asString().matches("[0-9a-f]{32}");
        assertThat(untraced.headers().firstValue("traceresponse").orElseThrow())
                .startsWith("00-" + untraced.headers().firstValue("X-Request-Id").orElseThrow() + "-");
    }

    @Test
    void everyDashboardQueryNamesAMetricTheServerExports() throws Exception {
        // traffic that makes every figure the dashboard shows: an alliance with a lab that sends, is refused, is
        // looked up, and runs IQC
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "obs-" + suffix;
        String lab = "OB-" + suffix;
        new AllianceSteps(qc).form(alliance, "可观测医联体", "CITY_GROUP", "TIGHT").enrol(alliance, lab, "SECONDARY")
                .seedCatalog(alliance).letNotYetKnownPass(alliance);
        FhirTestClient lis = new FhirTestClient(fhirBase(), lab);
        String nationalId = unique("1107");
        lis.transaction(LabData.transaction(LabData.patient(nationalId), potassium(unique("R"), null, "4.3")));
        assertThatThrownBy(() -> lis.transaction(LabData.transaction(LabData.patient(unique("1108")),
                potassium(unique("R"), null, "4.3").setCode(null))))
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException.class);
        FhirTestClient clinician = new FhirTestClient(fhirBase(), Tokens.clinician(lab));
        clinician.awaitPosition(Math.max(lis.lastPosition(), qc.lastPosition()));
        reusable(clinician, alliance, nationalId, true);
        String iqc = "/api/iqc/" + lab + "/K";
        assertThat(qc.put(iqc + "/levels/L1/lots/OBS-L1", Map.of("material", "control L1", "expiry", "2027-06-30",
                "mean", "4.00", "sd", "0.10")).status()).isEqualTo(200);
        assertThat(qc.post(iqc + "/runs", Map.of("runId", "OBS-1", "runAt", Instant.now().toString(),
                "results", List.of(Map.of("level", "L1", "value", "4.50")))).body().path("status").asText())
                .isEqualTo("REJECTED");
        ApiClient operator = qc.as(Tokens.operator());
        operator.awaitPosition(Math.max(lis.lastPosition(), clinician.lastPosition()));
        assertThat(operator.get("/api/projections/status").status()).isEqualTo(200);
        recognitionGauges.update();
        qcGauges.update();

        String metrics = scrape();
        assertThat(metrics).contains("huren_iqc_runs{lab=\"" + lab + "\",status=\"rejected\"} 1.0")
                .contains("huren_eqa_grades{alliance=\"" + alliance + "\",grade=\"satisfactory\"} 0.0")
                .contains("huren_audit_actions_overdue{alliance=\"" + alliance + "\"} 0.0")
                .contains("huren_ingest_rejections_total{lab=\"" + lab + "\"");
        Set<String> exported = metrics.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
        List<String> queries = new ArrayList<>();
        JSON.readTree(Files.readString(DASHBOARD)).findValues("expr").forEach(e -> queries.add(e.asText()));
        assertThat(queries).hasSizeGreaterThan(20);
        for (String query : queries) {
            assertThat(metricNames(query)).as(query).isNotEmpty().allSatisfy(name -> assertThat(exported)
                    .as("%s, named by the dashboard's %s", name, query).contains(name));
        }
    }

    // ------------------------------------------------------------------ steps

    /** PromQL's words that are not metric names (functions, aggregations, keywords). */
    static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "count", "rate", "irate", "increase",
            "delta", "histogram_quantile", "by", "without", "and", "or", "unless", "on", "ignoring", "bool",
            "group_left", "group_right", "topk", "bottomk", "time", "abs", "clamp_min", "offset");
    static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    /** The metric names a PromQL query reads: its identifiers, less strings, label matchers, ranges and groupings. */
    static Set<String> metricNames(String query) {
        String bare = query.replaceAll("\"[^\"]*\"", "").replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without)\\s*\\([^)]*\\)", "");
        Set<String> names = new TreeSet<>();
        Matcher words = IDENTIFIER.matcher(bare);
        while (words.find()) {
            if (!PROMQL_WORDS.contains(words.group())) {
                names.add(words.group());
            }
        }
        return names;
    }

    static String fhir(String interaction, String resourceType, String operation, String status) {
        return "huren_fhir_requests_seconds_count{interaction=\"" + interaction + "\",operation=\"" + operation
                + "\",outcome=\"SUCCESS\",resourceType=\"" + resourceType + "\",status=\"" + status + "\"}";
    }

    static Parameters reusable(FhirTestClient client, String alliance, String nationalId, boolean record) {
        var operation = client.client().operation().onType(Observation.class).named("$reusable")
                .withParameter(Parameters.class, "alliance", new StringType(alliance))
                .andParameter("patient.identifier", new StringType(LabData.NATIONAL_ID + "|" + nationalId))
                .andParameter("code", new StringType("http://loinc.org|2823-3"));
        return record ? operation.andParameter("clinician", new StringType("赵医生")).execute()
                : operation.useHttpGet().execute();
    }

    String fhirBase() {
        return "http://localhost:" + port + "/fhir";
    }

    String scrape() throws Exception {
        HttpResponse<String> answer = get("/actuator/prometheus", Tokens.operator(), Map.of());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    HttpResponse<String> get(String path, Tokens.Identity identity, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
                .header("Authorization", "Bearer " + Tokens.of(port, identity));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Tokens.Identity identity, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + Tokens.of(port, identity));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
