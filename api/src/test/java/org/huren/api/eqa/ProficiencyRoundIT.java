package org.huren.api.eqa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.HurenIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three real ISO 13528 proficiency rounds (procostat, MIT) loaded through the public interface: every
 * participant enrolled, each round opened with its assigned value, its standard uncertainty u(X) (the file's
 * expanded uncertainty ÷ 2) and σ<sub>pt</sub> (procostat's robust s*; limit ±2σ), every result submitted with its
 * standard uncertainty u(x) (÷ 2 likewise), the round closed. The z-scores and classes that come out of the REST
 * results table match the hand-checked values of {@code ProficiencyTestingRoundsTest}, at full precision; z′ and ζ
 * stand beside them with their own classes.
 */
@HurenIntegrationTest
class ProficiencyRoundIT {

    /**
     * file → σ, satisfactory / questionable / unsatisfactory counts (of z, z′ and ζ), and hand-checked labs (z,
     * class).
     */
    record Round(String file, String sigma, int satisfactory, int questionable, int unsatisfactory,
                 Map<Integer, String[]> handChecked, int[] zPrimeClasses, int[] zetaClasses) {
    }

    /** Hand-checked z′ and ζ (10 decimals, worked at 34 digits) of some participants: file → lab → {z′, ζ}. */
    static final Map<String, Map<Integer, String[]>> UNCERTAINTY_SCORES = Map.of(
            // ³H: √(7.38² + 2.557168²) = 7.8104…; lab 6: u(x) = 13.5
            "25OBTH_3H.json", Map.of(6, new String[]{"5.3848202548", "3.0609775841"},
                    52, new String[]{"1.8895139408", "4.7757433855"}),
            // ¹³⁷Cs: √(0.6² + 0.25²) = 0.65 exactly
            "25XGA_137CS.json", Map.of(14, new String[]{"3.0769230769", "2.9306585371"},
                    33, new String[]{"1.3846153846", "2.4951913785"}),
            // ⁸⁸Y: lab 60, u(x) = 0.6: √(0.6² + 0.25²) = 0.65 for ζ too
            "25XGA_88Y.json", Map.of(60, new String[]{"0.7494028186", "1.0769230769"},
                    12, new String[]{"1.2846905462", "2.7899433299"}));

    static final List<Round> ROUNDS = List.of(
            new Round("25OBTH_3H.json", "7.38", 12, 0, 1, Map.of(
                    6, new String[]{"5.6989", "UNSATISFACTORY"},
                    52, new String[]{"1.9997", "SATISFACTORY"},
                    56, new String[]{"-1.2618", "SATISFACTORY"}), new int[]{12, 0, 1}, new int[]{8, 2, 3}),
            new Round("25XGA_137CS.json", "0.6", 39, 0, 4, Map.of(
                    2, new String[]{"-1.0000", "SATISFACTORY"},
                    14, new String[]{"3.3333", "UNSATISFACTORY"},
                    41, new String[]{"-6.3333", "UNSATISFACTORY"}), new int[]{39, 0, 4}, new int[]{36, 5, 2}),
            new Round("25XGA_88Y.json", "0.9", 38, 3, 2, Map.of(
                    16, new String[]{"0.0000", "SATISFACTORY"},
                    79, new String[]{"1.8889", "SATISFACTORY"},
                    35, new String[]{"-2.5444", "QUESTIONABLE"},
                    41, new String[]{"-2.4556", "QUESTIONABLE"},
                    77, new String[]{"2.5556", "QUESTIONABLE"},
                    49, new String[]{"3.5556", "UNSATISFACTORY"},
                    56, new String[]{"-8.5222", "UNSATISFACTORY"}), new int[]{38, 3, 2}, new int[]{31, 4, 8}));

    @LocalServerPort
    int port;

    @Test
    void zScoresAndClassesOfRealRoundsComeOutOfTheRestApi() {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "pt-" + suffix;
        AllianceSteps steps = new AllianceSteps(qc).form(alliance, "能力验证", "CITY_GROUP", "LOOSE")
                .seedCatalog(alliance);
        Map<String, JsonNode> data = new HashMap<>();
        TreeSet<Integer> labCodes = new TreeSet<>();
        for (Round round : ROUNDS) {
            JsonNode json = read(round.file());
            data.put(round.file(), json);
            json.path("measurements").forEach(m -> labCodes.add(m.path("lab_code").asInt()));
        }
        labCodes.forEach(code -> steps.enrol(alliance, lab(code, suffix), "SECONDARY"));
        assertThat(qc.get("/api/alliances/" + alliance + "/members").body()).hasSize(labCodes.size());

        for (Round round : ROUNDS) {
            JsonNode json = data.get(round.file());
            List<String> participants = new java.util.ArrayList<>();
            json.path("measurements").forEach(m -> participants.add(lab(m.path("lab_code").asInt(), suffix)));
            // HuRen's catalog holds clinical items only (codes must be real LOINC): a radionuclide sample is graded
            // under a stand-in item; grading by k × σ depends on neither the item nor its unit
            ApiClient.Answer opened = qc.post("/api/eqa/rounds", Map.of("requestId", round.file(),
                    "allianceId", alliance, "provider", "OTHER",
                    "title", json.path("eil").asText() + " " + json.path("radionuclide").asText(),
                    "items", List.of(Map.of("itemCode", "K")),
                    "samples", List.of(Map.of("sampleCode", json.path("sample_code").asText(), "itemCode", "K",
                            "assigned", json.path("assigned_value").path("value").decimalValue(),
                            "assignedUncertainty", standard(json.path("assigned_value")
                                    .path("expanded_uncertainty_k2")),
                            "limit", Map.of("kind", "SD_MULTIPLE", "k", 2), "sdForProficiency", round.sigma())),
                    "participants", participants, "deadline", Instant.now().plusSeconds(3600).toString(),
                    "ruleSet", "ISO 13528 z, sigma_pt = robust s* " + round.sigma(), "openedBy", "PT provider"));
            assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
            String id = opened.text("roundId");
            json.path("measurements").forEach(m -> assertThat(qc.post("/api/eqa/rounds/" + id + "/results",
                    Map.of("labCode", lab(m.path("lab_code").asInt(), suffix), "sampleCode",
                            json.path("sample_code").asText(), "itemCode", "K", "value",
                            m.path("value").decimalValue(), "uncertainty", standard(m.path("uncertainty_k2"))))
                    .status()).isEqualTo(201));
            assertThat(qc.post("/api/eqa/rounds/" + id + "/closure", Map.of("closedBy", "PT provider")).status())
                    .isEqualTo(200);

            JsonNode rows = qc.get("/api/eqa/rounds/" + id + "/results").body().path("rows");
            assertThat(rows).hasSize(json.path("measurements").size());
            Map<Integer, JsonNode> byLab = new HashMap<>();
            Map<String, Integer> classes = new HashMap<>();
            Map<String, Integer> zPrimeClasses = new HashMap<>();
            Map<String, Integer> zetaClasses = new HashMap<>();
            rows.forEach(r -> {
                String lab = r.path("labCode").asText();
                byLab.put(Integer.parseInt(lab.substring(2, lab.indexOf('-'))), r);
                classes.merge(r.path("zCategory").asText(), 1, Integer::sum);
                zPrimeClasses.merge(r.path("zPrimeCategory").asText(), 1, Integer::sum);
                zetaClasses.merge(r.path("zetaCategory").asText(), 1, Integer::sum);
            });
            List<String> names = List.of("SATISFACTORY", "QUESTIONABLE", "UNSATISFACTORY");
            for (int c = 0; c < 3; c++) {
                assertThat(zPrimeClasses.getOrDefault(names.get(c), 0)).as("%s z′ %s", round.file(), names.get(c))
                        .isEqualTo(round.zPrimeClasses()[c]);
                assertThat(zetaClasses.getOrDefault(names.get(c), 0)).as("%s ζ %s", round.file(), names.get(c))
                        .isEqualTo(round.zetaClasses()[c]);
            }
            UNCERTAINTY_SCORES.get(round.file()).forEach((lab, expected) -> {
                JsonNode row = byLab.get(lab);
                assertThat(row.path("zPrime").decimalValue().setScale(10, RoundingMode.HALF_UP))
                        .as("%s lab %d z′", round.file(), lab).isEqualByComparingTo(expected[0]);
                assertThat(row.path("zeta").decimalValue().setScale(10, RoundingMode.HALF_UP))
                        .as("%s lab %d ζ", round.file(), lab).isEqualByComparingTo(expected[1]);
            });
            assertThat(classes.getOrDefault("SATISFACTORY", 0)).as(round.file()).isEqualTo(round.satisfactory());
            assertThat(classes.getOrDefault("QUESTIONABLE", 0)).as(round.file()).isEqualTo(round.questionable());
            assertThat(classes.getOrDefault("UNSATISFACTORY", 0)).as(round.file()).isEqualTo(round.unsatisfactory());
            round.handChecked().forEach((lab, expected) -> {
                JsonNode row = byLab.get(lab);
                // reported to 16 significant digits: the hand-checked 4 places are its rounding, not the value
                BigDecimal z = row.path("z").decimalValue();
                assertThat(z).as("%s lab %d z", round.file(), lab).isEqualByComparingTo(row.path("value")
                        .decimalValue().subtract(json.path("assigned_value").path("value").decimalValue())
                        .divide(new BigDecimal(round.sigma()), MathContext.DECIMAL64));
                assertThat(z.setScale(4, RoundingMode.HALF_UP)).as("%s lab %d z", round.file(), lab)
                        .isEqualByComparingTo(expected[0]);
                assertThat(row.path("zCategory").asText()).as("%s lab %d class", round.file(), lab)
                        .isEqualTo(expected[1]);
                assertThat(row.path("acceptable").asBoolean()).isEqualTo("SATISFACTORY".equals(expected[1]));
            });
        }
    }

    /** The standard uncertainty (k = 1) of an expanded uncertainty given for k = 2. */
    static BigDecimal standard(JsonNode expandedK2) {
        return expandedK2.decimalValue().divide(BigDecimal.valueOf(2));
    }

    static String lab(int code, String suffix) {
        return "PT" + code + "-" + suffix;
    }

    static JsonNode read(String file) {
        try (InputStream in = ProficiencyRoundIT.class.getResourceAsStream("/external/eqa/" + file)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
