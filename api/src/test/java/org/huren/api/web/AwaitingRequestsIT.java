package org.huren.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.huren.api.support.Tokens;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.FhirTestClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.api.support.LabData;
import org.huren.fhir.server.HurenHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.api.support.LabData.potassium;
import static org.huren.api.support.LabData.unique;

/**
 * Waiting for a read model holds no request thread (issue 12: fifty requests awaiting a future position held
 * every worker thread for 60 s): a request put aside is resumed when its position is processed, answers as any
 * other, and one client may have only so many waiting at once.
 */
@HurenIntegrationTest
class AwaitingRequestsIT {

    @LocalServerPort
    int port;

    @Autowired
    AwaitingRequests awaiting;

    @Autowired
    RequestLimits limits;

    @Autowired
    ServletWebServerApplicationContext context;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final ObjectMapper json = new ObjectMapper();
    String alliance;
    String lab;
    FhirTestClient lis;

    @BeforeEach
    void alliance() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        alliance = "await-" + suffix;
        lab = "AWT-" + suffix;
        ApiClient qc = new ApiClient(port);
        new AllianceSteps(qc).form(alliance, "等待医联体", "CITY_GROUP", "TIGHT").enrol(alliance, lab, "CORE");
        qc.get("/api/alliances/" + alliance + "/members");
        lis = new FhirTestClient("http://localhost:" + port + "/fhir", lab);
    }

    @Test
    void requestsWaitingForAFuturePositionHoldNoThreadAndAreAnsweredOnceItIsProcessed() {
        String resultId = unique("R");
        lis.transaction(LabData.transaction(LabData.patient(unique("1150")), potassium(resultId, null, "4.0")));
        long future = lis.lastPosition() + 40;
        int allowed = limits.awaitsPerClient();

        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < allowed; i++) {
            waiting.add(send(get("/fhir/Observation?identifier=" + encode(LabData.RESULT_ID + "|" + resultId), future)));
        }
        await(() -> awaiting.waiting() == allowed, "all " + allowed + " requests put aside");

        assertThat(tomcatBusyThreads()).as("request threads busy while %d requests wait", allowed).isLessThan(4);
        HttpResponse<String> health = sendNow(HttpRequest.newBuilder(uri("/actuator/health")).GET().build());
        assertThat(health.statusCode()).as(health.body()).isIn(200, 503);

        HttpResponse<String> oneTooMany = sendNow(get("/fhir/Observation?code=2823-3", future));
        assertThat(oneTooMany.statusCode()).as(oneTooMany.body()).isEqualTo(429);
        assertThat(oneTooMany.headers().firstValue("Retry-After")).contains("1");
        assertThat(oneTooMany.body()).contains("OperationOutcome").contains("huren.limits.awaits-per-client");
        HttpResponse<String> apiTooMany = sendNow(get("/api/alliances/" + alliance + "/members", future));
        assertThat(apiTooMany.statusCode()).isEqualTo(429);
        assertThat(apiTooMany.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(waiting).noneMatch(CompletableFuture::isDone);

        while (lis.lastPosition() < future) {
            lis.transaction(LabData.transaction(LabData.patient(unique("1151")), potassium(unique("R"), null, "4.1")));
        }
        for (CompletableFuture<HttpResponse<String>> answer : waiting) {
            HttpResponse<String> response = answer.orTimeout(60, TimeUnit.SECONDS).join();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Bundle found = FhirTestClient.fhir().newJsonParser().parseResource(Bundle.class, response.body());
            assertThat(found.getEntry()).as("the resumed search answers as any other").hasSize(1);
            assertThat(((Observation) found.getEntryFirstRep().getResource()).getIdentifierFirstRep().getValue())
                    .isEqualTo(resultId);
        }
        await(() -> awaiting.waiting() == 0, "no request left waiting");
    }

    @Test
    void aWriteAndAnApiReadPutAsideKeepTheirBodyAndPathWhenResumed() throws Exception {
        lis.transaction(LabData.transaction(LabData.patient(unique("1152")), potassium(unique("R"), null, "4.0")));
        long future = lis.lastPosition() + 20;
        String resultId = unique("R");
        Bundle bundle = LabData.transaction(LabData.patient(unique("1153")), potassium(resultId, null, "3.9"));
        CompletableFuture<HttpResponse<String>> write = send(HttpRequest.newBuilder(uri("/fhir"))
                .header("Content-Type", "application/fhir+json; charset=UTF-8")
                .header("Authorization", "Bearer " + Tokens.of(port, Tokens.lis(lab)))
                .header(HurenHeaders.AWAIT_POSITION, Long.toString(future))
                .header(HurenHeaders.AWAIT_MILLIS, "60000")
                .POST(HttpRequest.BodyPublishers.ofString(
                        FhirTestClient.fhir().newJsonParser().encodeResourceToString(bundle))).build());
        CompletableFuture<HttpResponse<String>> read = send(get("/api/alliances/" + alliance + "/members", future));
        await(() -> awaiting.waiting() == 2, "the write and the read put aside");

        while (lis.lastPosition() < future) {
            lis.transaction(LabData.transaction(LabData.patient(unique("1154")), potassium(unique("R"), null, "4.1")));
        }
        HttpResponse<String> written = write.orTimeout(60, TimeUnit.SECONDS).join();
        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        assertThat(written.headers().firstValue(HurenHeaders.EVENT_POSITION)).isPresent();
        HttpResponse<String> members = read.orTimeout(60, TimeUnit.SECONDS).join();
        assertThat(members.statusCode()).as(members.body()).isEqualTo(200);
        JsonNode listed = json.readTree(members.body());
        assertThat(listed.toString()).contains(lab);

        lis.awaitPosition(Long.parseLong(written.headers().firstValue(HurenHeaders.EVENT_POSITION).orElseThrow()));
        Bundle found = lis.client().search().forResource(Observation.class)
                .where(Observation.IDENTIFIER.exactly().systemAndIdentifier(LabData.RESULT_ID, resultId))
                .returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).as("the resumed write stored its own body").hasSize(1);
    }

    @Test
    void aWaitThatRunsOutIsAnswered503InTheFormOfItsEndpoint() throws Exception {
        lis.transaction(LabData.transaction(LabData.patient(unique("1155")), potassium(unique("R"), null, "4.0")));
        long never = lis.lastPosition() + 1_000_000;

        HttpResponse<String> fhir = sendNow(HttpRequest.newBuilder(uri("/fhir/Observation?code=2823-3"))
                .header("Authorization", bearer())
                .header(HurenHeaders.AWAIT_POSITION, Long.toString(never)).header(HurenHeaders.AWAIT_MILLIS, "300")
                .GET().build());
        assertThat(fhir.statusCode()).isEqualTo(503);
        assertThat(fhir.body()).contains("OperationOutcome").contains("read-model-behind").contains("300 ms");

        HttpResponse<String> api = sendNow(HttpRequest.newBuilder(uri("/api/alliances/" + alliance + "/members"))
                .header("Authorization", bearer())
                .header(HurenHeaders.AWAIT_POSITION, Long.toString(never)).header(HurenHeaders.AWAIT_MILLIS, "300")
                .GET().build());
        assertThat(api.statusCode()).isEqualTo(503);
        assertThat(json.readTree(api.body()).path("rule").asText()).isEqualTo("read-model-behind");
        assertThat(api.headers().firstValue("Retry-After")).isPresent();
        await(() -> awaiting.waiting() == 0, "no request left waiting");
    }

    private int tomcatBusyThreads() {
        Executor executor = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector()
                .getProtocolHandler().getExecutor();
        return ((org.apache.tomcat.util.threads.ThreadPoolExecutor) executor).getActiveCount();
    }

    private HttpRequest get(String path, long position) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", bearer())
                .header(HurenHeaders.AWAIT_POSITION, Long.toString(position))
                .header(HurenHeaders.AWAIT_MILLIS, "60000").GET().build();
    }

    private String bearer() {
        return "Bearer " + Tokens.of(port, Tokens.qcNetwork());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sendNow(HttpRequest request) {
        return send(request).orTimeout(60, TimeUnit.SECONDS).join();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited 30 s for: " + what).isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
