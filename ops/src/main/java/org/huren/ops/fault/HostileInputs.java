package org.huren.ops.fault;

import org.huren.ops.bench.AccessTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.huren.ops.bench.LabBundleGenerator;
import org.huren.ops.bench.LabBundleGenerator.PreparedBundle;

import ca.uhn.fhir.context.FhirContext;

/**
 * The door's refusals (ADR 0010) against a real server process — what api's HostileInputIT proves in-process: a NUL
 * in an identifier, a body over 16 MB, bytes that are not UTF-8, UTF-8 labelled ISO-8859-1, and queries that are
 * long or carry a control character. Each must be refused with an OperationOutcome and store no event (counted in
 * the database); a 10,000-character query is an ordinary search. Afterwards a proper Bundle must be acknowledged and
 * found, and the read models must be at the head: one refused write never stalls the ones after it.
 */
final class HostileInputs extends Scenario {

    private static final String FHIR_JSON = "application/fhir+json";

    private final ObjectMapper json = new ObjectMapper();

    HostileInputs(FaultSuite suite) {
        super(suite);
    }

    @Override
    String name() {
        return "hostile";
    }

    @Override
    List<ScenarioReport> run() throws IOException, SQLException, InterruptedException {
        HurenNode node = suite.standingNode();
        Store store = suite.standingStore();
        ScenarioReport report = new ScenarioReport(name());
        LabBundleGenerator generator = new LabBundleGenerator(FhirContext.forR4Cached().newJsonParser(), options.seed,
                options.runId + "h", 5, OffsetDateTime.now());

        PreparedBundle nul = generator.next("H", 0, 2);
        String id = nul.resultIds().get(0);
        refused(report, store, "NUL in an identifier", post(node, FHIR_JSON, text(nul)
                .replace("\"value\":\"" + id + "\"", "\"value\":\"" + id + "\\u0000\"")
                .getBytes(StandardCharsets.UTF_8)), Set.of(400));

        refused(report, store, "a body of 16 MB + 1 byte", post(node, FHIR_JSON,
                new byte[16 * 1024 * 1024 + 1]), Set.of(413));

        byte[] chinese = withChineseName(generator.next("H", 1, 2));
        byte[] broken = chinese.clone();
        broken[indexOf(broken, "王".getBytes(StandardCharsets.UTF_8)) + 1] = (byte) 0x28; // not a continuation byte
        refused(report, store, "invalid UTF-8", post(node, FHIR_JSON, broken), Set.of(400));

        refused(report, store, "UTF-8 labelled charset=ISO-8859-1", post(node,
                FHIR_JSON + "; charset=ISO-8859-1", chinese), Set.of(415, 400));

        refused(report, store, "a query with a control character (%00)",
                get(node, "/fhir/Observation?identifier=a%00b"), Set.of(400));
        refused(report, store, "a 70,000-character query (over the 64 KB request line)",
                get(node, "/fhir/Observation?code=" + "x".repeat(70_000)), Set.of(400));
        long events = store.eventCount();
        HttpResponse<String> longQuery = get(node, "/fhir/Observation?code=" + "x".repeat(10_000)).response;
        report.figure("a 10,000-character query", "HTTP " + longQuery.statusCode() + " "
                + json.readTree(longQuery.body()).path("resourceType").asText("?"));
        report.check(longQuery.statusCode() == 200 && longQuery.body().contains("\"searchset\""),
                "a 10,000-character query is not answered as a search: HTTP " + longQuery.statusCode());
        report.check(store.eventCount() == events, "a search stored events");

        // later results still appear, and the read models are at the head
        PreparedBundle proper = generator.next("H", 2, 5);
        HttpResponse<String> accepted = post(node, FHIR_JSON, proper.json()).response;
        report.figure("a proper Bundle afterwards", "HTTP " + accepted.statusCode());
        if (report.check(accepted.statusCode() == 200, "the proper Bundle after the hostile ones was answered "
                + accepted.statusCode() + ": " + accepted.body())) {
            Ledger ledger = new Ledger();
            long answered = System.nanoTime();
            ledger.acknowledge(proper.resultIds(), answered);
            long position = accepted.headers().firstValue("X-HuRen-Event-Position").map(Long::parseLong).orElse(-1L);
            verifyLedger(report, ledger, node, position);
            verifyReadModels(report, node, store, position);
        }
        return List.of(report);
    }

    /** Asserts a refusal: one of {@code statuses}, an OperationOutcome, and the store's event count unchanged. */
    private void refused(ScenarioReport report, Store store, String what, Exchange exchange, Set<Integer> statuses)
            throws SQLException {
        HttpResponse<String> response = exchange.response;
        String resourceType = resourceType(response.body());
        long events = store.eventCount();
        report.figure(what, "HTTP " + response.statusCode() + " " + resourceType);
        report.check(statuses.contains(response.statusCode()), what + ": HTTP " + response.statusCode()
                + ", expected " + statuses + ": " + response.body());
        report.check(resourceType.equals("OperationOutcome"), what + ": no OperationOutcome: " + response.body());
        report.check(events == exchange.eventsBefore, what + ": " + (events - exchange.eventsBefore)
                + " events stored");
    }

    /** A request's answer and the store's event count just before it. */
    private record Exchange(long eventsBefore, HttpResponse<String> response) {
    }

    private Exchange post(HurenNode node, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(node.fhirBase())
                .header("Content-Type", contentType)
                .header("Accept", FHIR_JSON)
                .header("Authorization", AccessTokens.at(node.fhirBase()).lis(LedgerLoad.LAB))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private Exchange get(HurenNode node, String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(node.root() + pathAndQuery))
                .header("Accept", FHIR_JSON)
                .header("Authorization", AccessTokens.at(node.fhirBase()).lis(LedgerLoad.LAB)).GET());
    }

    private Exchange send(HttpRequest.Builder request) throws IOException, InterruptedException {
        long before;
        try {
            before = suite.standingStore().eventCount();
        } catch (SQLException e) {
            throw new IOException("cannot count the stored events", e);
        }
        return new Exchange(before, suite.http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private String resourceType(String body) {
        try {
            return json.readTree(body).path("resourceType").asText("(none)");
        } catch (IOException e) {
            return "(not JSON)";
        }
    }

    private static String text(PreparedBundle bundle) {
        return new String(bundle.json(), StandardCharsets.UTF_8);
    }

    /** The Bundle with its first patient's family name 王, so that its UTF-8 has multi-byte characters. */
    private static byte[] withChineseName(PreparedBundle bundle) {
        return text(bundle).replaceFirst("\"family\":\"[A-Za-z]+\"", "\"family\":\"王\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("not found");
    }
}
