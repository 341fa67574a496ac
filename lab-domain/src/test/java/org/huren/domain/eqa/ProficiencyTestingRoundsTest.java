package org.huren.domain.eqa;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * z-scores for every participant of 3 real ISO 13528 proficiency-testing rounds (laurentmeuwly/procostat, MIT; see
 * {@code src/test/resources/external/eqa/README.md}).
 * <p>
 * The rounds give the assigned value X (a certified value) but no σ<sub>pt</sub>; we use the robust SD s* that
 * procostat's oracle gives for each round (³H 7.38, ¹³⁷Cs 0.6, ⁸⁸Y 0.9). Each participant is graded as a
 * one-sample item with an ±2σ limit (so acceptable ⇔ |z| ≤ 2); the files carry no submission times, so every result
 * is treated as on time. Expected values below are worked by hand: z = (x − X)/σ, shown rounded HALF_UP to 4 places
 * (the grade carries 16 significant digits). The files' uncertainties are expanded (k = 2): halved, they are the
 * standard uncertainties u(X) and u(x) of ISO 13528's z′ and ζ.
 */
class ProficiencyTestingRoundsTest {

    private static final Instant DEADLINE = Instant.parse("2025-06-30T00:00:00Z");
    private static final Instant SUBMITTED = Instant.parse("2025-06-01T00:00:00Z");
    private static final String RULES = "ISO 13528 z, sigma_pt = robust s* (procostat oracle)";

    private record Round(String item, String sampleCode, BigDecimal assigned, BigDecimal sigma,
                         Map<Integer, BigDecimal> resultsByLab, BigDecimal assignedUncertainty,
                         Map<Integer, BigDecimal> uncertaintiesByLab) {
    }

    @SuppressWarnings("unchecked")
    private static Round load(String file, BigDecimal sigma) {
        String json;
        try (InputStream in = ProficiencyTestingRoundsTest.class.getResourceAsStream("/external/eqa/" + file)) {
            assertThat(in).as(file).isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(json);
        Map<String, Object> assigned = (Map<String, Object>) root.get("assigned_value");
        Map<Integer, BigDecimal> results = new LinkedHashMap<>();
        Map<Integer, BigDecimal> uncertainties = new LinkedHashMap<>();
        for (Object m : (List<Object>) root.get("measurements")) {
            Map<String, Object> measurement = (Map<String, Object>) m;
            int lab = ((BigDecimal) measurement.get("lab_code")).intValueExact();
            BigDecimal previous = results.put(lab, (BigDecimal) measurement.get("value"));
            assertThat(previous).as("lab codes are unique in " + file).isNull();
            uncertainties.put(lab, standard((BigDecimal) measurement.get("uncertainty_k2")));
        }
        return new Round((String) root.get("radionuclide"), (String) root.get("sample_code"),
                (BigDecimal) assigned.get("value"), sigma, results,
                standard((BigDecimal) assigned.get("expanded_uncertainty_k2")), uncertainties);
    }

    /** The standard uncertainty (k = 1) of an uncertainty expanded with k = 2. */
    private static BigDecimal standard(BigDecimal expandedK2) {
        return expandedK2.divide(BigDecimal.valueOf(2));
    }

    private static SampleGrade gradeParticipant(Round round, BigDecimal result) {
        EqaSample sample = EqaSample.quantitative(round.sampleCode(), round.assigned(),
                EqaLimit.sdMultiple(BigDecimal.valueOf(2), round.sigma()), round.sigma());
        ItemGrade grade = EqaGrading.grade(round.item(), List.of(sample),
                Map.of(round.sampleCode(), EqaSubmission.quantitative(round.sampleCode(), result, SUBMITTED)),
                DEADLINE, RULES);
        assertThat(grade.scorePercent()).isEqualTo(new BigDecimal(grade.satisfactory() ? "100.00" : "0.00"));
        return grade.samples().get(0);
    }

    @ParameterizedTest(name = "{0}: {1} labs, X = {2}, σ = {3}; {4} S / {5} Q / {6} U; Q {7}; U {8}")
    @CsvSource(delimiter = '|', value = {
            "25OBTH_3H.json   | 13 | 19.942 | 7.38 | 12 | 0 | 1 | []           | [6]",
            "25XGA_137CS.json | 43 | 13.8   | 0.6  | 39 | 0 | 4 | []           | [14, 41, 56, 72]",
            "25XGA_88Y.json   | 43 | 11.7   | 0.9  | 38 | 3 | 2 | [35, 41, 77] | [49, 56]"})
    void everyParticipantGetsAZScore(String file, int participants, BigDecimal assigned, BigDecimal sigma,
                                     int satisfactory, int questionable, int unsatisfactory,
                                     String questionableLabs, String unsatisfactoryLabs) {
        Round round = load(file, sigma);
        assertThat(round.resultsByLab()).hasSize(participants);
        assertThat(round.assigned()).isEqualByComparingTo(assigned);

        Map<ZCategory, TreeSet<Integer>> labsByCategory = new EnumMap<>(ZCategory.class);
        for (ZCategory c : ZCategory.values()) {
            labsByCategory.put(c, new TreeSet<>());
        }
        round.resultsByLab().forEach((lab, result) -> {
            SampleGrade grade = gradeParticipant(round, result);
            BigDecimal difference = result.subtract(round.assigned());
            assertThat(grade.difference()).isEqualByComparingTo(difference);
            // z to 16 significant digits: within half a unit in its 16th digit of the exact quotient
            assertThat(grade.z()).isEqualByComparingTo(difference.divide(sigma, java.math.MathContext.DECIMAL64));
            assertThat(grade.z().precision()).isLessThanOrEqualTo(16);
            assertThat(grade.acceptable()).isEqualTo(grade.zCategory() == ZCategory.SATISFACTORY);
            labsByCategory.get(grade.zCategory()).add(lab);
        });

        assertThat(labsByCategory.get(ZCategory.SATISFACTORY)).hasSize(satisfactory);
        assertThat(labsByCategory.get(ZCategory.QUESTIONABLE)).hasSize(questionable);
        assertThat(labsByCategory.get(ZCategory.UNSATISFACTORY)).hasSize(unsatisfactory);
        assertThat(labsByCategory.get(ZCategory.QUESTIONABLE).toString()).isEqualTo(questionableLabs);
        assertThat(labsByCategory.get(ZCategory.UNSATISFACTORY).toString()).isEqualTo(unsatisfactoryLabs);
    }

    @ParameterizedTest(name = "{0} lab {2}: x = {3} -> z = {4} {5}")
    @CsvSource(delimiter = '|', value = {
            // ³H in wheat, X = 19.942 Bq/kg, σ = 7.38
            "25OBTH_3H.json   | 7.38 | 6  | 62.00 | 5.6989   | UNSATISFACTORY", // 42.058 / 7.38 = 5.698916…
            "25OBTH_3H.json   | 7.38 | 52 | 34.70 | 1.9997   | SATISFACTORY",   // 14.758 / 7.38 = 1.999729… (2σ = 14.76)
            "25OBTH_3H.json   | 7.38 | 56 | 10.63 | -1.2618  | SATISFACTORY",   // −9.312 / 7.38 = −1.261789…
            "25OBTH_3H.json   | 7.38 | 29 | 19.90 | -0.0057  | SATISFACTORY",   // −0.042 / 7.38 = −0.005691…
            // ¹³⁷Cs in water, X = 13.8 Bq/L, σ = 0.6
            "25XGA_137CS.json | 0.6  | 6  | 13.8  | 0.0000   | SATISFACTORY",
            "25XGA_137CS.json | 0.6  | 2  | 13.2  | -1.0000  | SATISFACTORY",   // −0.6 / 0.6
            "25XGA_137CS.json | 0.6  | 14 | 15.8  | 3.3333   | UNSATISFACTORY", // 2.0 / 0.6 = 3.333…
            "25XGA_137CS.json | 0.6  | 41 | 10.0  | -6.3333  | UNSATISFACTORY", // −3.8 / 0.6 = −6.333…
            "25XGA_137CS.json | 0.6  | 56 | 5.10  | -14.5000 | UNSATISFACTORY", // −8.70 / 0.6
            "25XGA_137CS.json | 0.6  | 72 | 16.2  | 4.0000   | UNSATISFACTORY", // 2.4 / 0.6
            // ⁸⁸Y in water, X = 11.7 Bq/L, σ = 0.9
            "25XGA_88Y.json   | 0.9  | 16 | 11.7  | 0.0000   | SATISFACTORY",
            "25XGA_88Y.json   | 0.9  | 79 | 13.4  | 1.8889   | SATISFACTORY",   // 1.7 / 0.9 = 1.888…
            "25XGA_88Y.json   | 0.9  | 35 | 9.41  | -2.5444  | QUESTIONABLE",   // −2.29 / 0.9 = −2.5444…
            "25XGA_88Y.json   | 0.9  | 41 | 9.49  | -2.4556  | QUESTIONABLE",   // −2.21 / 0.9 = −2.4555… HALF_UP
            "25XGA_88Y.json   | 0.9  | 77 | 14.0  | 2.5556   | QUESTIONABLE",   // 2.3 / 0.9 = 2.5555… HALF_UP
            "25XGA_88Y.json   | 0.9  | 49 | 14.9  | 3.5556   | UNSATISFACTORY", // 3.2 / 0.9 = 3.5555… HALF_UP
            "25XGA_88Y.json   | 0.9  | 56 | 4.03  | -8.5222  | UNSATISFACTORY"}) // −7.67 / 0.9 = −8.5222…
    void handComputedParticipants(String file, BigDecimal sigma, int lab, BigDecimal result, BigDecimal z,
                                  ZCategory category) {
        Round round = load(file, sigma);
        assertThat(round.resultsByLab().get(lab)).as("lab %d's result in %s", lab, file)
                .isEqualByComparingTo(result);

        SampleGrade grade = gradeParticipant(round, round.resultsByLab().get(lab));

        assertThat(grade.z().setScale(4, java.math.RoundingMode.HALF_UP)).isEqualTo(z);
        assertThat(grade.zCategory()).isEqualTo(category);
        assertThat(grade.acceptable()).isEqualTo(category == ZCategory.SATISFACTORY);
        assertThat(grade.allowed()).isEqualByComparingTo(sigma.multiply(BigDecimal.valueOf(2)));
    }

    /**
     * z′ and ζ of every participant, with the files' uncertainties (halved: k = 1). Counts and labs per class were
     * worked independently at 34 digits.
     */
    @ParameterizedTest(name = "{0}: z′ {2} S / {3} Q / U {4}; ζ {5} S / Q {6} / U {7}")
    @CsvSource(delimiter = '|', value = {
            "25OBTH_3H.json   | 7.38 | 12 | []           | [6]              | 8  | [39, 67]             "
                    + "| [6, 52, 56]",
            "25XGA_137CS.json | 0.6  | 39 | []           | [14, 41, 56, 72] | 36 | [14, 33, 35, 67, 72] "
                    + "| [41, 56]",
            "25XGA_88Y.json   | 0.9  | 38 | [35, 41, 77] | [49, 56]         | 31 | [12, 14, 31, 67]     "
                    + "| [35, 41, 49, 56, 58, 72, 77, 79]"})
    void everyParticipantGetsZPrimeAndZeta(String file, BigDecimal sigma, int zPrimeSatisfactory,
                                           String zPrimeQuestionable, String zPrimeUnsatisfactory,
                                           int zetaSatisfactory, String zetaQuestionable,
                                           String zetaUnsatisfactory) {
        Round round = load(file, sigma);
        Map<ZCategory, TreeSet<Integer>> zPrime = new EnumMap<>(ZCategory.class);
        Map<ZCategory, TreeSet<Integer>> zeta = new EnumMap<>(ZCategory.class);
        for (ZCategory c : ZCategory.values()) {
            zPrime.put(c, new TreeSet<>());
            zeta.put(c, new TreeSet<>());
        }
        round.resultsByLab().forEach((lab, result) -> {
            EqaSample sample = EqaSample.quantitative(round.sampleCode(), round.assigned(),
                    EqaLimit.sdMultiple(BigDecimal.valueOf(2), round.sigma()), round.sigma(),
                    round.assignedUncertainty());
            SampleGrade grade = EqaGrading.gradeSample(sample, EqaSubmission.quantitative(round.sampleCode(), result,
                    round.uncertaintiesByLab().get(lab), SUBMITTED), DEADLINE);
            // z′ never exceeds z in size: the assigned value's uncertainty only widens the denominator
            assertThat(grade.zPrime().abs()).isLessThanOrEqualTo(grade.z().abs());
            zPrime.get(grade.zPrimeCategory()).add(lab);
            zeta.get(grade.zetaCategory()).add(lab);
        });
        assertThat(zPrime.get(ZCategory.SATISFACTORY)).hasSize(zPrimeSatisfactory);
        assertThat(zPrime.get(ZCategory.QUESTIONABLE).toString()).isEqualTo(zPrimeQuestionable.strip());
        assertThat(zPrime.get(ZCategory.UNSATISFACTORY).toString()).isEqualTo(zPrimeUnsatisfactory.strip());
        assertThat(zeta.get(ZCategory.SATISFACTORY)).hasSize(zetaSatisfactory);
        assertThat(zeta.get(ZCategory.QUESTIONABLE).toString()).isEqualTo(zetaQuestionable.strip());
        assertThat(zeta.get(ZCategory.UNSATISFACTORY).toString()).isEqualTo(zetaUnsatisfactory.strip());
    }
}
