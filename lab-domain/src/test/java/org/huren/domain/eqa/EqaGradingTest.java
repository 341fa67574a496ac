package org.huren.domain.eqa;

import org.huren.domain.catalog.AllowableError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** 室间质评 grading, DOMAIN.md §3. */
class EqaGradingTest {

    private static final Instant DEADLINE = Instant.parse("2025-05-20T16:00:00Z");
    private static final Instant ON_TIME = DEADLINE.minus(Duration.ofHours(3));
    private static final String RULES = "NCCL-2025 / WS/T 403-2024";

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static Map<String, EqaSubmission> submissions(EqaSubmission... submissions) {
        Map<String, EqaSubmission> map = new LinkedHashMap<>();
        for (EqaSubmission s : submissions) {
            map.put(s.sampleCode(), s);
        }
        return map;
    }

    // ---------------------------------------------------------------- DOMAIN.md worked example

    @Test
    void chlorideWorkedExampleFromDomainMd() {
        EqaLimit fivePercent = EqaLimit.percent(d("5"));
        String[] assigned = {"110.3", "95.6", "125.4", "90.2", "135.0"};
        String[] results = {"115.3", "99.2", "131.2", "94.1", "142.3"};
        List<EqaSample> samples = new ArrayList<>();
        Map<String, EqaSubmission> submitted = new HashMap<>();
        for (int i = 0; i < assigned.length; i++) {
            String code = "CL-2025-1-" + (i + 1);
            samples.add(EqaSample.quantitative(code, d(assigned[i]), fivePercent));
            submitted.put(code, EqaSubmission.quantitative(code, d(results[i]), ON_TIME));
        }

        ItemGrade grade = EqaGrading.grade("CL", samples, submitted, DEADLINE, RULES);

        assertThat(grade.samples()).extracting(SampleGrade::acceptable).containsExactly(true, true, true, true, false);
        assertThat(grade.samples()).extracting(SampleGrade::allowed).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(d("5.515"), d("4.78"), d("6.27"), d("4.51"), d("6.75"));
        assertThat(grade.samples()).extracting(SampleGrade::difference).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(d("5.0"), d("3.6"), d("5.8"), d("3.9"), d("7.3"));
        assertThat(grade.samples()).extracting(SampleGrade::reason).containsExactly(SampleGrade.WITHIN_LIMIT,
                SampleGrade.WITHIN_LIMIT, SampleGrade.WITHIN_LIMIT, SampleGrade.WITHIN_LIMIT,
                SampleGrade.OUTSIDE_LIMIT);
        assertThat(grade.samples()).extracting(SampleGrade::z).containsOnlyNulls();
        // the fifth: acceptable range 135.0 ± 6.75 = 128.25–141.75, and 142.3 is outside
        SampleGrade fifth = grade.samples().get(4);
        assertThat(d("135.0").subtract(fifth.allowed())).isEqualByComparingTo("128.25");
        assertThat(d("135.0").add(fifth.allowed())).isEqualByComparingTo("141.75");
        assertThat(grade.acceptableCount()).isEqualTo(4);
        assertThat(grade.scorePercent()).isEqualTo(d("80.00"));
        assertThat(grade.satisfactory()).isTrue();
        assertThat(grade.itemCode()).isEqualTo("CL");
        assertThat(grade.ruleSet()).isEqualTo(RULES);

        // the same return under a 100 % rule (e.g. an alliance's tighter rule, or ABO/Rh) is unsatisfactory
        ItemGrade strict = EqaGrading.grade("CL", samples, submitted, DEADLINE, d("100"), RULES);
        assertThat(strict.scorePercent()).isEqualTo(d("80.00"));
        assertThat(strict.satisfactory()).isFalse();
    }

    // ---------------------------------------------------------------- |x − X| ≤ allowed, inclusive

    @ParameterizedTest(name = "{0}({1},{2}) X={3} x={4} -> acceptable {5}")
    @CsvSource(nullValues = "-", value = {
            // ±5 % around 135.0 = ±6.75 → 128.25–141.75
            "PCT, 5,   -,   135.0, 141.75,      true",
            "PCT, 5,   -,   135.0, 141.76,      false",
            "PCT, 5,   -,   135.0, 141.7500000, true",
            "PCT, 5,   -,   135.0, 141.7500001, false",
            "PCT, 5,   -,   135.0, 128.25,      true",
            "PCT, 5,   -,   135.0, 128.24,      false",
            // absolute only: ±0.2 mmol/L
            "ABS, 0.2, -,   3.0,   3.2,         true",
            "ABS, 0.2, -,   3.0,   3.21,        false",
            "ABS, 0.2, -,   3.0,   3.20001,     false",
            "ABS, 0.2, -,   3.0,   2.8,         true",
            "ABS, 0.2, -,   3.0,   2.79,        false",
            "ABS, 0.2, -,   300,   300.2,       true",
            "ABS, 0.2, -,   300,   300.21,      false",
            // max(0.2, 6 %) (potassium); breakpoint 3.333…
            "MAX, 0.2, 6,   3.0,   3.2,         true",  // absolute wins (0.18 < 0.2)
            "MAX, 0.2, 6,   3.0,   3.201,       false",
            "MAX, 0.2, 6,   3.33,  3.53,        true",  // 0.1998 < 0.2: still absolute
            "MAX, 0.2, 6,   3.33,  3.5301,      false",
            "MAX, 0.2, 6,   3.34,  3.5404,      true",  // percent wins: 0.2004
            "MAX, 0.2, 6,   3.34,  3.5405,      false",
            "MAX, 0.2, 6,   3.34,  3.1396,      true",
            "MAX, 0.2, 6,   3.34,  3.1395,      false",
            "MAX, 0.2, 6,   5.0,   5.30,        true",
            "MAX, 0.2, 6,   5.0,   5.31,        false",
            "MAX, 0.2, 6,   5.0,   4.70,        true",
            "MAX, 0.2, 6,   5.0,   4.69,        false",
            // k × σ
            "SD,  2,   0.6, 13.8,  15.0,        true",
            "SD,  2,   0.6, 13.8,  15.01,       false",
            "SD,  2,   0.6, 13.8,  12.6,        true",
            "SD,  2,   0.6, 13.8,  12.59,       false",
            "SD,  3,   0.6, 13.8,  15.6,        true",
            "SD,  3,   0.6, 13.8,  15.61,       false"})
    void differenceEqualToTheAllowedErrorIsAcceptableOneUlpMoreIsNot(String kind, BigDecimal a, BigDecimal b,
                                                                     BigDecimal assigned, BigDecimal result,
                                                                     boolean acceptable) {
        EqaLimit limit = switch (kind) {
            case "PCT" -> EqaLimit.percent(a);
            case "ABS" -> EqaLimit.absolute(a);
            case "MAX" -> EqaLimit.of(new AllowableError(a, b));
            case "SD" -> EqaLimit.sdMultiple(a, b);
            default -> throw new IllegalArgumentException(kind);
        };
        SampleGrade grade = EqaGrading.gradeSample(EqaSample.quantitative("S1", assigned, limit),
                EqaSubmission.quantitative("S1", result, ON_TIME), DEADLINE);

        assertThat(grade.acceptable()).isEqualTo(acceptable);
        assertThat(grade.reason()).isEqualTo(acceptable ? SampleGrade.WITHIN_LIMIT : SampleGrade.OUTSIDE_LIMIT);
        assertThat(grade.difference()).isEqualByComparingTo(result.subtract(assigned));
    }

    // ---------------------------------------------------------------- item score and threshold

    @ParameterizedTest(name = "{0}/{1} at threshold {2} % -> {3} %, satisfactory {4}")
    @CsvSource({
            "4,    5,     80,    80.00,  true",  // exactly 80 % is satisfactory
            "5,    5,     80,    100.00, true",
            "3,    5,     80,    60.00,  false",
            "0,    5,     80,    0.00,   false",
            "8000, 10000, 80,    80.00,  true",
            "7999, 10000, 80,    79.99,  false", // 79.99 % is not
            "3203, 4004,  80,    80.00,  false", // 79.995… shows as 80.00 but is below 80: decided exactly
            "2,    3,     66.67, 66.67,  false", // 66.666… < 66.67
            "2,    3,     66.66, 66.67,  true",
            "1,    3,     80,    33.33,  false",
            "4,    5,     100,   80.00,  false", // ABO/Rh: 100 %
            "5,    5,     100,   100.00, true"})
    void scoreIsAcceptableOverSamplesAndSatisfactoryFromTheThresholdInclusive(int acceptable, int samples,
                                                                              BigDecimal threshold,
                                                                              BigDecimal expectedScore,
                                                                              boolean satisfactory) {
        List<EqaSample> round = new ArrayList<>();
        Map<String, EqaSubmission> submitted = new HashMap<>();
        for (int i = 0; i < samples; i++) {
            String code = "S" + i;
            round.add(EqaSample.quantitative(code, d("10"), EqaLimit.absolute(d("1"))));
            submitted.put(code, EqaSubmission.quantitative(code, i < acceptable ? d("10.5") : d("12"), ON_TIME));
        }

        ItemGrade grade = EqaGrading.grade("GLU", round, submitted, DEADLINE, threshold, RULES);

        assertThat(grade.acceptableCount()).isEqualTo(acceptable);
        assertThat(grade.scorePercent()).isEqualTo(expectedScore); // scale 2 included
        assertThat(grade.satisfactory()).isEqualTo(satisfactory);
    }

    @ParameterizedTest(name = "alliance {0}, ABO/Rh {1} -> {2}")
    @CsvSource(nullValues = "-", value = {"-, false, 80", "90, false, 90", "100, false, 100", "80, false, 80",
            "-, true, 100", "90, true, 100"})
    void thresholdIs80ByDefaultTightenableAndAlways100ForAboRh(BigDecimal alliance, boolean aboRh,
                                                               BigDecimal expected) {
        assertThat(EqaGrading.satisfactoryThreshold(alliance, aboRh)).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "{0} asked at {1} % -> {2} %")
    @CsvSource(nullValues = "-", value = {"ABO, -, 100", "RH, 90, 100", "ABO_RH, 80, 100", "K, -, 80", "K, 95, 95"})
    void aRoundGradesAboRhAt100WhateverItIsAsked(String item, BigDecimal asked, BigDecimal graded) {
        assertThat(new RoundItem(item, List.of(), null, true, asked).satisfactoryThresholdPercent())
                .isEqualByComparingTo(graded);
        assertThat(EqaGrading.isAboRh(item)).isEqualTo(!item.equals("K"));
    }

    @Test
    void anAllianceCannotLoosenTheThreshold() {
        assertThatThrownBy(() -> EqaGrading.satisfactoryThreshold(d("79.99"), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EqaGrading.satisfactoryThreshold(d("100.01"), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- z-scores

    @ParameterizedTest(name = "X={0} σ={1} x={2} -> z {3} {4}")
    @CsvSource({
            "10,   0.5, 10,        0,                  SATISFACTORY",
            "10,   0.5, 11.0,      2,                  SATISFACTORY",   // |z| = 2 exactly: satisfactory
            "10,   0.5, 9.0,       -2,                 SATISFACTORY",
            "10,   0.5, 11.01,     2.02,               QUESTIONABLE",
            "10,   0.5, 8.99,      -2.02,              QUESTIONABLE",
            "10,   0.5, 11.49,     2.98,               QUESTIONABLE",
            "10,   0.5, 11.5,      3,                  UNSATISFACTORY", // |z| = 3 exactly: unsatisfactory
            "10,   0.5, 8.5,       -3,                 UNSATISFACTORY",
            "10,   0.5, 20,        20,                 UNSATISFACTORY",
            // reported to 16 significant digits, so the z shown tells which side of the limit it lies on
            "10,   0.3, 10.600001, 2.000003333333333,  QUESTIONABLE",
            "10,   0.3, 10.899999, 2.999996666666667,  QUESTIONABLE",
            "10,   0.3, 10.6,      2,                  SATISFACTORY",
            "10,   3,   11,        0.3333333333333333, SATISFACTORY",
            "10,   3,   12,        0.6666666666666667, SATISFACTORY",
            "10,   3,   9,         -0.3333333333333333, SATISFACTORY",
            "13.8, 0.6, 15.8,      3.333333333333333,  UNSATISFACTORY"})
    void zIsDifferenceOverSigmaAndCategoriesAreInclusiveAtTwoAndThree(BigDecimal assigned, BigDecimal sigma,
                                                                      BigDecimal result, BigDecimal z,
                                                                      ZCategory category) {
        assertThat(EqaGrading.zScore(result, assigned, sigma)).isEqualByComparingTo(z);
        assertThat(EqaGrading.zScore(result, assigned, sigma).scale()).as("never in E notation")
                .isNotNegative();
        assertThat(ZCategory.of(result.subtract(assigned), sigma)).isEqualTo(category);

        EqaSample sample = EqaSample.quantitative("S1", assigned, EqaLimit.sdMultiple(BigDecimal.valueOf(2), sigma), sigma);
        SampleGrade grade = EqaGrading.gradeSample(sample, EqaSubmission.quantitative("S1", result, ON_TIME),
                DEADLINE);
        assertThat(grade.z()).isEqualByComparingTo(z);
        assertThat(grade.zCategory()).isEqualTo(category);
        // with a ±2σ limit, acceptable ⇔ z satisfactory
        assertThat(grade.acceptable()).isEqualTo(category == ZCategory.SATISFACTORY);
        assertThat(grade.zPrime()).as("no u(X): no z′").isNull();
        assertThat(grade.zeta()).as("no u(X): no ζ").isNull();
    }

    /**
     * ISO 13528 z′ = (x − X)/√(σ² + u(X)²) and ζ = (x − X)/√(u(x)² + u(X)²), classed with z's limits. √(0.6² + 0.25²)
     * and √(0.6² + 0.25²) are exactly 0.65, so the boundary rows sit exactly on 2 and 3; the others are worked at 34
     * digits and compared to 10 places.
     */
    @ParameterizedTest(name = "X={0} u(X)={1} σ={2} x={3} u(x)={4} -> z′ {5} {6}, ζ {7} {8}")
    @CsvSource(nullValues = "-", value = {
            // 137Cs of procostat's 25XGA (X = 13.8, U(X) = 0.5 for k = 2, σ = 0.6): lab 14 (u(x) = 1.27 / 2)
            "13.8, 0.25, 0.6, 15.8,  0.635, 3.0769230769,  UNSATISFACTORY, 2.9306585371,  QUESTIONABLE",
            // lab 2 and lab 33
            "13.8, 0.25, 0.6, 13.2,  0.70,  -0.9230769231, SATISFACTORY,   -0.8072073528, SATISFACTORY",
            "13.8, 0.25, 0.6, 14.7,  0.26,  1.3846153846,  SATISFACTORY,   2.4951913785,  QUESTIONABLE",
            // exactly on the limits: 1.3 / 0.65 = 2 (satisfactory), 1.95 / 0.65 = 3 (unsatisfactory)
            "13.8, 0.25, 0.6, 15.1,  0.6,   2,             SATISFACTORY,   2,             SATISFACTORY",
            "13.8, 0.25, 0.6, 15.75, 0.6,   3,             UNSATISFACTORY, 3,             UNSATISFACTORY",
            "13.8, 0.25, 0.6, 11.85, 0.6,   -3,            UNSATISFACTORY, -3,            UNSATISFACTORY",
            // just past 2: questionable although the 10-place rounding reads 2.0000000000
            "13.8, 0.25, 0.6, 15.10000000001, 0.6, 2.0000000000, QUESTIONABLE, 2.0000000000, QUESTIONABLE",
            // u(X) = 0: z′ is z, ζ is (x − X)/u(x)
            "10,   0,    0.5, 11,    0.25,  2,             SATISFACTORY,   4,             UNSATISFACTORY",
            // no u(x): no ζ
            "13.8, 0.25, 0.6, 13.8,  -,     0,             SATISFACTORY,   -,             -",
            // ³H of 25OBTH (X = 19.942, U(X) = 5.114336, σ = 7.38): lab 6 (U = 27.00) and lab 52 (U = 3.47)
            "19.942, 2.557168, 7.38, 62.00, 13.5,  5.3848202548, UNSATISFACTORY, 3.0609775841, UNSATISFACTORY",
            "19.942, 2.557168, 7.38, 34.70, 1.735, 1.8895139408, SATISFACTORY,   4.7757433855, UNSATISFACTORY"})
    void zPrimeAndZetaAreClassedLikeZ(BigDecimal assigned, BigDecimal assignedUncertainty, BigDecimal sigma,
                                      BigDecimal result, BigDecimal uncertainty, BigDecimal zPrime,
                                      ZCategory zPrimeCategory, BigDecimal zeta, ZCategory zetaCategory) {
        EqaSample sample = EqaSample.quantitative("S1", assigned, EqaLimit.sdMultiple(BigDecimal.valueOf(2), sigma),
                sigma, assignedUncertainty);
        SampleGrade grade = EqaGrading.gradeSample(sample, EqaSubmission.quantitative("S1", result, uncertainty,
                ON_TIME), DEADLINE);

        assertThat(grade.zPrime().setScale(10, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo(zPrime);
        assertThat(grade.zPrime().precision()).as("16 significant digits unless exact").isLessThanOrEqualTo(16);
        assertThat(grade.zPrimeCategory()).isEqualTo(zPrimeCategory);
        assertThat(EqaGrading.zPrimeScore(result, assigned, sigma, assignedUncertainty))
                .isEqualByComparingTo(grade.zPrime());
        if (zeta == null) {
            assertThat(grade.zeta()).isNull();
            assertThat(grade.zetaCategory()).isNull();
        } else {
            assertThat(grade.zeta().setScale(10, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo(zeta);
            assertThat(grade.zetaCategory()).isEqualTo(zetaCategory);
            assertThat(EqaGrading.zetaScore(result, assigned, uncertainty, assignedUncertainty))
                    .isEqualByComparingTo(grade.zeta());
        }
        // z itself does not change
        assertThat(grade.z()).isEqualByComparingTo(EqaGrading.zScore(result, assigned, sigma));
    }

    @Test
    void aZeroCombinedUncertaintyIsRefused() {
        assertThatThrownBy(() -> EqaGrading.zetaScore(d("11"), d("10"), BigDecimal.ZERO, BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("combined");
        assertThatThrownBy(() -> EqaGrading.zPrimeScore(d("11"), d("10"), BigDecimal.ZERO, d("0.1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EqaGrading.zetaScore(d("11"), d("10"), d("-0.1"), d("0.1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZCategory.ofVariance(d("1"), BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        // a participant's u(x) is positive when stated, so ζ always has something to divide by
        assertThatThrownBy(() -> EqaSubmission.quantitative("S1", d("11"), BigDecimal.ZERO, ON_TIME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EqaSample.quantitative("S1", d("10"), EqaLimit.absolute(d("1")), d("0.5"),
                d("-0.1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zCategoryOfAnExactZ() {
        assertThat(ZCategory.ofZ(d("2"))).isEqualTo(ZCategory.SATISFACTORY);
        assertThat(ZCategory.ofZ(d("-2.0000"))).isEqualTo(ZCategory.SATISFACTORY);
        assertThat(ZCategory.ofZ(d("2.00001"))).isEqualTo(ZCategory.QUESTIONABLE);
        assertThat(ZCategory.ofZ(d("2.99999"))).isEqualTo(ZCategory.QUESTIONABLE);
        assertThat(ZCategory.ofZ(d("3"))).isEqualTo(ZCategory.UNSATISFACTORY);
        assertThat(ZCategory.ofZ(d("-3"))).isEqualTo(ZCategory.UNSATISFACTORY);
        assertThatThrownBy(() -> EqaGrading.zScore(d("1"), d("1"), BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noZWithoutSigmaAndTheZCategoryDoesNotDecideAcceptability() {
        SampleGrade withoutSigma = EqaGrading.gradeSample(
                EqaSample.quantitative("S1", d("10"), EqaLimit.percent(d("10"))),
                EqaSubmission.quantitative("S1", d("10.9"), ON_TIME), DEADLINE);
        assertThat(withoutSigma.z()).isNull();
        assertThat(withoutSigma.zCategory()).isNull();
        assertThat(withoutSigma.acceptable()).isTrue();

        // ±10 % limit but σ 0.3: within the limit (0.9 ≤ 1.0) though z = 3 is unsatisfactory — both are reported
        SampleGrade both = EqaGrading.gradeSample(
                EqaSample.quantitative("S1", d("10"), EqaLimit.percent(d("10")), d("0.3")),
                EqaSubmission.quantitative("S1", d("10.9"), ON_TIME), DEADLINE);
        assertThat(both.acceptable()).isTrue();
        assertThat(both.z()).isEqualByComparingTo(d("3"));
        assertThat(both.zCategory()).isEqualTo(ZCategory.UNSATISFACTORY);
    }

    // ---------------------------------------------------------------- deadline

    @ParameterizedTest(name = "submitted {0} -> acceptable {1}, {2}")
    @CsvSource({
            "2025-05-20T12:00:00Z,           true,  WITHIN_LIMIT",
            "2025-05-20T16:00:00Z,           true,  WITHIN_LIMIT", // exactly at the deadline: on time
            "2025-05-20T16:00:00.000000001Z, false, LATE",
            "2025-05-20T16:00:01Z,           false, LATE",
            "2025-06-01T00:00:00Z,           false, LATE"})
    void aResultAfterTheDeadlineIsUnacceptableOneExactlyAtItIsOnTime(Instant submittedAt, boolean acceptable,
                                                                     String reason) {
        SampleGrade grade = EqaGrading.gradeSample(
                EqaSample.quantitative("S1", d("135.0"), EqaLimit.percent(d("5")), d("2")),
                EqaSubmission.quantitative("S1", d("135.0"), submittedAt), DEADLINE);

        assertThat(grade.acceptable()).isEqualTo(acceptable);
        assertThat(grade.reason()).isEqualTo(reason);
        assertThat(grade.allowed()).isEqualByComparingTo("6.75"); // the range is shown even for a late result
        if (!acceptable) {
            assertThat(grade.difference()).isNull();
            assertThat(grade.z()).isNull();
            assertThat(grade.zCategory()).isNull();
        }
    }

    // ---------------------------------------------------------------- qualitative

    @ParameterizedTest(name = "intended [{0}] reported [{1}] -> {2}")
    @CsvSource(nullValues = "-", value = {
            "阳性, 阳性,   true,  CATEGORY_MATCH",
            "阳性, 阴性,   false, CATEGORY_MISMATCH",
            "阴性, ' 阴性 ', true, CATEGORY_MATCH",
            "POS,  pos,    true,  CATEGORY_MATCH",
            "A,    B,      false, CATEGORY_MISMATCH",
            "AB,   A,      false, CATEGORY_MISMATCH",
            "Rh+,  Rh+,    true,  CATEGORY_MATCH",
            "Rh+,  Rh-,    false, CATEGORY_MISMATCH",
            "O,    -,      false, NO_RESULT",
            "O,    '  ',   false, NO_RESULT"})
    void qualitativeIsAcceptableWhenEqualToTheIntendedCategory(String intended, String reported,
                                                               boolean acceptable, String reason) {
        SampleGrade grade = EqaGrading.gradeSample(EqaSample.qualitative("ABO-1", intended),
                EqaSubmission.qualitative("ABO-1", reported, ON_TIME), DEADLINE);

        assertThat(grade.acceptable()).isEqualTo(acceptable);
        assertThat(grade.reason()).isEqualTo(reason);
        assertThat(grade.difference()).isNull();
        assertThat(grade.allowed()).isNull();
        assertThat(grade.z()).isNull();
    }

    @Test
    void aboRhRoundNeedsEverySampleRight() {
        List<EqaSample> samples = List.of(EqaSample.qualitative("ABO-1", "A"), EqaSample.qualitative("ABO-2", "O"),
                EqaSample.qualitative("ABO-3", "B"), EqaSample.qualitative("ABO-4", "AB"),
                EqaSample.qualitative("ABO-5", "O"));
        BigDecimal threshold = EqaGrading.satisfactoryThreshold(null, true);
        Map<String, EqaSubmission> allRight = submissions(EqaSubmission.qualitative("ABO-1", "A", ON_TIME),
                EqaSubmission.qualitative("ABO-2", "O", ON_TIME), EqaSubmission.qualitative("ABO-3", "B", ON_TIME),
                EqaSubmission.qualitative("ABO-4", "AB", ON_TIME), EqaSubmission.qualitative("ABO-5", "O", ON_TIME));
        Map<String, EqaSubmission> oneWrong = new HashMap<>(allRight);
        oneWrong.put("ABO-4", EqaSubmission.qualitative("ABO-4", "A", ON_TIME));
        Map<String, EqaSubmission> oneLate = new HashMap<>(allRight);
        oneLate.put("ABO-5", EqaSubmission.qualitative("ABO-5", "O", DEADLINE.plusSeconds(60)));

        assertThat(EqaGrading.grade("ABO", samples, allRight, DEADLINE, threshold, "NCCL-2025").satisfactory())
                .isTrue();
        ItemGrade wrong = EqaGrading.grade("ABO", samples, oneWrong, DEADLINE, threshold, "NCCL-2025");
        assertThat(wrong.scorePercent()).isEqualTo(d("80.00"));
        assertThat(wrong.satisfactory()).isFalse();
        ItemGrade late = EqaGrading.grade("ABO", samples, oneLate, DEADLINE, threshold, "NCCL-2025");
        assertThat(late.samples().get(4).reason()).isEqualTo(SampleGrade.LATE);
        assertThat(late.satisfactory()).isFalse();
    }

    // ---------------------------------------------------------------- missing and late returns: "scores 0"

    private static List<EqaSample> fiveSodiumSamples() {
        List<EqaSample> samples = new ArrayList<>();
        String[] assigned = {"140.0", "125.0", "150.0", "133.0", "118.0"};
        for (int i = 0; i < assigned.length; i++) {
            samples.add(EqaSample.quantitative("NA-" + (i + 1), d(assigned[i]), EqaLimit.percent(d("4"))));
        }
        return samples;
    }

    /** Every sample answered exactly with its assigned value, submitted at the given times. */
    private static Map<String, EqaSubmission> exactAnswers(List<EqaSample> samples, Instant... times) {
        Map<String, EqaSubmission> map = new HashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            if (times[i] != null) {
                EqaSample s = samples.get(i);
                map.put(s.sampleCode(), EqaSubmission.quantitative(s.sampleCode(), s.assigned(), times[i]));
            }
        }
        return map;
    }

    @Test
    void noResultByTheDeadlineScoresZeroForTheItemAndRound() {
        List<EqaSample> samples = fiveSodiumSamples();

        ItemGrade nothing = EqaGrading.grade("NA", samples, Map.of(), DEADLINE, RULES);
        assertThat(nothing.scorePercent()).isEqualTo(d("0.00"));
        assertThat(nothing.satisfactory()).isFalse();
        assertThat(nothing.samples()).extracting(SampleGrade::reason).containsOnly(SampleGrade.NO_RESULT);
        assertThat(nothing.samples()).extracting(SampleGrade::allowed).doesNotContainNull();
    }

    @Test
    void aWholeLateReturnScoresZeroEvenWhenEveryValueIsRight() {
        List<EqaSample> samples = fiveSodiumSamples();
        Instant late = DEADLINE.plus(Duration.ofDays(1));

        ItemGrade grade = EqaGrading.grade("NA", samples, exactAnswers(samples, late, late, late, late, late),
                DEADLINE, RULES);

        assertThat(grade.scorePercent()).isEqualTo(d("0.00"));
        assertThat(grade.satisfactory()).isFalse();
        assertThat(grade.samples()).extracting(SampleGrade::reason).containsOnly(SampleGrade.LATE);
    }

    @Test
    void aReturnOfNotTestedEntriesIsNoResult() {
        List<EqaSample> samples = fiveSodiumSamples();
        Map<String, EqaSubmission> empty = new HashMap<>();
        samples.forEach(s -> empty.put(s.sampleCode(),
                new EqaSubmission(s.sampleCode(), null, "未检测", ON_TIME)));

        ItemGrade grade = EqaGrading.grade("NA", samples, empty, DEADLINE, RULES);

        assertThat(grade.scorePercent()).isEqualTo(d("0.00"));
        assertThat(grade.satisfactory()).isFalse();
        assertThat(grade.samples()).extracting(SampleGrade::reason).containsOnly(SampleGrade.NO_RESULT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // description,                        missing, late, score,  satisfactory
            "one of five missing -> 80 % passes,    1,       0,    80.00,  true",
            "one of five late -> 80 % passes,       0,       1,    80.00,  true",
            "one missing and one late -> 60 %,      1,       1,    60.00,  false",
            "two late -> 60 %,                      0,       2,    60.00,  false",
            "four missing - one on time -> 20 %,     4,       0,    20.00,  false"})
    void individuallyMissingOrLateSamplesAreUnacceptable(String description, int missing, int late,
                                                         BigDecimal score, boolean satisfactory) {
        List<EqaSample> samples = fiveSodiumSamples();
        Instant[] times = new Instant[5];
        for (int i = 0; i < 5; i++) {
            times[i] = i < missing ? null : i < missing + late ? DEADLINE.plusMillis(1) : DEADLINE;
        }

        ItemGrade grade = EqaGrading.grade("NA", samples, exactAnswers(samples, times), DEADLINE, RULES);

        assertThat(grade.scorePercent()).isEqualTo(score);
        assertThat(grade.satisfactory()).isEqualTo(satisfactory);
        assertThat(grade.samples()).filteredOn(g -> g.reason().equals(SampleGrade.NO_RESULT)).hasSize(missing);
        assertThat(grade.samples()).filteredOn(g -> g.reason().equals(SampleGrade.LATE)).hasSize(late);
        assertThat(grade.samples()).filteredOn(g -> !g.acceptable()).hasSize(missing + late);
    }

    @Test
    void theStricterReadingIsAvailableThroughA100PercentThreshold() {
        List<EqaSample> samples = fiveSodiumSamples();
        ItemGrade grade = EqaGrading.grade("NA", samples,
                exactAnswers(samples, ON_TIME, ON_TIME, ON_TIME, ON_TIME, null), DEADLINE, d("100"), RULES);
        assertThat(grade.satisfactory()).isFalse();
    }

    // ---------------------------------------------------------------- inputs

    @Test
    void submissionsForOtherSamplesAreIgnored() {
        List<EqaSample> samples = fiveSodiumSamples();
        Map<String, EqaSubmission> withForeign = exactAnswers(samples, ON_TIME, ON_TIME, ON_TIME, ON_TIME, ON_TIME);
        withForeign.put("K-1", EqaSubmission.quantitative("K-1", d("4.1"), ON_TIME));

        ItemGrade grade = EqaGrading.grade("NA", samples, withForeign, DEADLINE, RULES);

        assertThat(grade.samples()).hasSize(5);
        assertThat(grade.scorePercent()).isEqualTo(d("100.00"));
    }

    @Test
    void rejectsMalformedRounds() {
        List<EqaSample> samples = fiveSodiumSamples();
        Map<String, EqaSubmission> none = Map.of();
        assertThatThrownBy(() -> EqaGrading.grade("NA", List.of(), none, DEADLINE, RULES))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EqaGrading.grade("NA", List.of(samples.get(0), samples.get(0)), none, DEADLINE,
                RULES)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EqaGrading.grade("NA", samples,
                Map.of("NA-1", EqaSubmission.quantitative("NA-2", d("1"), ON_TIME)), DEADLINE, RULES))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EqaGrading.grade("NA", samples, none, DEADLINE, BigDecimal.ZERO, RULES))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EqaGrading.grade("NA", samples, none, DEADLINE, d("100.01"), RULES))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EqaGrading.grade("NA", samples, none, DEADLINE, " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EqaGrading.grade(" ", samples, none, DEADLINE, RULES))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EqaGrading.gradeSample(samples.get(0),
                EqaSubmission.quantitative("NA-2", d("1"), ON_TIME), DEADLINE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSampleIsEitherQuantitativeOrQualitative() {
        EqaLimit limit = EqaLimit.percent(d("5"));
        assertThat(EqaSample.qualitative("Q", "阳性").isQualitative()).isTrue();
        assertThat(EqaSample.quantitative("S", d("1"), limit).isQualitative()).isFalse();
        assertThatThrownBy(() -> new EqaSample("S", d("1"), limit, null, "阳性"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EqaSample("S", null, limit, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EqaSample("S", d("1"), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EqaSample("S", d("1"), limit, BigDecimal.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EqaSample(" ", d("1"), limit, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EqaSubmission("S", d("1"), null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
