package org.huren.domain.eqa;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * EQA grading policy (室间质评评价规则, DOMAIN.md §3) as pure functions over {@link BigDecimal}.
 *
 * <h2>Sample (样本)</h2>
 * <ul>
 *   <li>Quantitative (定量): acceptable (可接受) when {@code |x − X| ≤ allowed}, inclusive, where allowed is
 *       {@link EqaLimit#allowedAround(BigDecimal) limit.allowedAround(X)}. No rounding happens before the
 *       comparison.</li>
 *   <li>Qualitative (定性): acceptable when the reported category equals the intended one, ignoring surrounding
 *       white space and letter case ({@code "Pos"} = {@code "POS"}; {@code "阳性"} = {@code "阳性 "}).</li>
 *   <li>A missing result (未回报: no submission, or a submission without a value — or without a category for a
 *       qualitative sample) is unacceptable ({@link SampleGrade#NO_RESULT}).</li>
 *   <li>A late result (逾期回报: {@code submittedAt} after the deadline) is unacceptable and not graded
 *       ({@link SampleGrade#LATE}); a result submitted exactly at the deadline is on time.</li>
 *   <li>When the sample has σ<sub>pt</sub> (能力评定标准差), a graded quantitative result also gets
 *       z = (x − X)/σ and its {@link ZCategory}. ISO 13528 adds two scores with the standard uncertainty u(X) of
 *       the assigned value: z′ = (x − X)/√(σ<sub>pt</sub>² + u(X)²) when the sample has σ<sub>pt</sub> and u(X),
 *       and ζ = (x − X)/√(u(x)² + u(X)²) when the participant also stated its standard uncertainty u(x). Each is
 *       classed with the same limits (|s| ≤ 2 satisfactory, 2 &lt; |s| &lt; 3 questionable, |s| ≥ 3
 *       unsatisfactory). The classes are decided on exact values (squares, no division, no root); the scores are
 *       reported to 16 significant digits ({@link #SCORES}), never rounded to a few places, so a reported score
 *       shows on which side of a limit it lies. The scores are reported, they do not decide acceptability: that
 *       is the limit's job (use {@link EqaLimit#sdMultiple(BigDecimal, BigDecimal) k × σ} to grade by z).</li>
 * </ul>
 *
 * <h2>Item (项目) and the "scores 0" rule</h2>
 * Score (得分) = acceptable ÷ samples × 100, reported at scale 2 HALF_UP. The round is satisfactory (满意) when the
 * score ≥ the threshold (default 80 %; an alliance may require 100 %; ABO/Rh always 100 %, see
 * {@link #satisfactoryThreshold}). The comparison is made on the exact fraction
 * ({@code acceptable × 100 ≥ threshold × samples}), so exactly 80 % passes, while a score that only <em>rounds</em>
 * to the threshold (3203/4004 = 79.995… → "80.00") does not.
 * <p>
 * DOMAIN.md: "No result by the deadline, or a late one, scores 0 for that item and round." <b>Our reading</b>: the
 * sentence is about the lab's return (回报) for the item, which is one report per item and round, as in NCCL
 * practice and CLIA 42 CFR 493.61 (a return not received by the due date is a score of 0 for the event). So:
 * <ul>
 *   <li>if none of the item's results arrived by the deadline (nothing submitted, or everything late), the item
 *       scores 0 and is unsatisfactory for the round;</li>
 *   <li>if part of the return arrived in time, each missing or late sample result is individually unacceptable
 *       and the others are graded normally — one missing sample out of five gives 80 %, which is satisfactory at
 *       the default threshold.</li>
 * </ul>
 * The first case is what the per-sample rule already yields (0 acceptable ÷ n = 0 %, and every threshold is
 * positive), so the "scores 0" sentence needs no special arithmetic; {@link #grade} still checks it explicitly.
 * An alliance wanting the stricter reading (any single late or missing sample voids the whole item) can require
 * 100 % for the item.
 */
public final class EqaGrading {

    /** Default satisfactory threshold: 80 % (DOMAIN.md §3). */
    public static final BigDecimal DEFAULT_SATISFACTORY_THRESHOLD_PERCENT = BigDecimal.valueOf(80);
    /** ABO/Rh blood grouping (ABO/Rh 血型) is always graded at 100 %. */
    public static final BigDecimal ABO_RH_SATISFACTORY_THRESHOLD_PERCENT = BigDecimal.valueOf(100);

    /** The catalog items of ABO and Rh(D) typing. */
    private static final Set<String> ABO_RH_ITEMS = Set.of("ABO", "RH", "ABO_RH");

    /** Whether catalog item {@code itemCode} is ABO or Rh(D) typing, graded at 100 % whatever the alliance says. */
    public static boolean isAboRh(String itemCode) {
        return ABO_RH_ITEMS.contains(itemCode);
    }

    /**
     * The precision of the reported z, z′ and ζ: 16 significant digits (decimal64), HALF_EVEN — the division (and,
     * for z′ and ζ, the square root) the scores need; their classes need neither.
     */
    public static final MathContext SCORES = MathContext.DECIMAL64;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int SCORE_SCALE = 2;

    private EqaGrading() {
    }

    /** {@link #grade(String, List, Map, Instant, BigDecimal, String)} at the default 80 % threshold. */
    public static ItemGrade grade(String itemCode, List<EqaSample> samples, Map<String, EqaSubmission> submissions,
                                  Instant deadline, String ruleSet) {
        return grade(itemCode, samples, submissions, deadline, DEFAULT_SATISFACTORY_THRESHOLD_PERCENT, ruleSet);
    }

    /**
     * Grades one lab's return for one item in one round.
     *
     * @param itemCode                     the catalog item
     * @param samples                      the round's samples for the item; at least one, distinct codes
     * @param submissions                  the lab's results keyed by sample code (each key equal to its
     *                                     submission's code); a sample without an entry has no result; entries for
     *                                     other samples (e.g. other items of the round) are ignored
     * @param deadline                     the return deadline (截止时间), inclusive
     * @param satisfactoryThresholdPercent in (0, 100]; 80 by default, 100 for ABO/Rh
     * @param ruleSet                      the rule set and version used, stored with the grade
     */
    public static ItemGrade grade(String itemCode, List<EqaSample> samples, Map<String, EqaSubmission> submissions,
                                  Instant deadline, BigDecimal satisfactoryThresholdPercent, String ruleSet) {
        if (itemCode == null || itemCode.isBlank()) {
            throw new IllegalArgumentException("grading needs an item code");
        }
        if (ruleSet == null || ruleSet.isBlank()) {
            throw new IllegalArgumentException("every grading records its rule set");
        }
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(submissions, "submissions");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(satisfactoryThresholdPercent, "satisfactoryThresholdPercent");
        if (satisfactoryThresholdPercent.signum() <= 0 || satisfactoryThresholdPercent.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("the satisfactory threshold must be in (0, 100] %: "
                    + satisfactoryThresholdPercent);
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("item " + itemCode + ": a round without samples cannot be scored");
        }
        Set<String> codes = new HashSet<>();
        for (EqaSample sample : samples) {
            if (!codes.add(Objects.requireNonNull(sample, "sample").sampleCode())) {
                throw new IllegalArgumentException("item " + itemCode + ": sample " + sample.sampleCode()
                        + " appears twice");
            }
        }
        submissions.forEach((code, submission) -> {
            if (submission == null || !submission.sampleCode().equals(code)) {
                throw new IllegalArgumentException("submission keyed " + code + " answers "
                        + (submission == null ? "nothing" : submission.sampleCode()));
            }
        });

        List<SampleGrade> grades = new ArrayList<>(samples.size());
        boolean anyOnTime = false;
        for (EqaSample sample : samples) {
            SampleGrade grade = gradeSample(sample, submissions.get(sample.sampleCode()), deadline);
            anyOnTime |= !grade.reason().equals(SampleGrade.NO_RESULT) && !grade.reason().equals(SampleGrade.LATE);
            grades.add(grade);
        }

        long acceptable = grades.stream().filter(SampleGrade::acceptable).count();
        BigDecimal n = BigDecimal.valueOf(samples.size());
        BigDecimal acceptableTimesHundred = BigDecimal.valueOf(acceptable).multiply(HUNDRED);
        BigDecimal score = acceptableTimesHundred.divide(n, SCORE_SCALE, RoundingMode.HALF_UP);
        boolean satisfactory = acceptableTimesHundred.compareTo(satisfactoryThresholdPercent.multiply(n)) >= 0;
        if (!anyOnTime) {
            // "No result by the deadline, or a late one, scores 0 for that item and round" (already 0 ÷ n).
            score = BigDecimal.ZERO.setScale(SCORE_SCALE);
            satisfactory = false;
        }
        return new ItemGrade(itemCode, grades, score, satisfactory, ruleSet);
    }

    /**
     * Grades one sample. Pure; {@code submission} may be null (no result).
     */
    public static SampleGrade gradeSample(EqaSample sample, EqaSubmission submission, Instant deadline) {
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(deadline, "deadline");
        if (submission != null && !submission.sampleCode().equals(sample.sampleCode())) {
            throw new IllegalArgumentException("submission for " + submission.sampleCode() + " given to sample "
                    + sample.sampleCode());
        }
        String code = sample.sampleCode();
        if (sample.isQualitative()) {
            if (submission == null || submission.category() == null || submission.category().isBlank()) {
                return new SampleGrade(code, false, null, null, null, null, SampleGrade.NO_RESULT);
            }
            if (submission.submittedAt().isAfter(deadline)) {
                return new SampleGrade(code, false, null, null, null, null, SampleGrade.LATE);
            }
            boolean match = sameCategory(submission.category(), sample.intendedCategory());
            return new SampleGrade(code, match, null, null, null, null,
                    match ? SampleGrade.CATEGORY_MATCH : SampleGrade.CATEGORY_MISMATCH);
        }

        BigDecimal allowed = sample.limit().allowedAround(sample.assigned());
        if (submission == null || submission.value() == null) {
            return new SampleGrade(code, false, null, allowed, null, null, SampleGrade.NO_RESULT);
        }
        if (submission.submittedAt().isAfter(deadline)) {
            return new SampleGrade(code, false, null, allowed, null, null, SampleGrade.LATE);
        }
        BigDecimal difference = submission.value().subtract(sample.assigned());
        boolean acceptable = difference.abs().compareTo(allowed) <= 0;
        BigDecimal sigma = sample.sdForProficiency();
        BigDecimal uX = sample.assignedUncertainty();
        BigDecimal ux = submission.uncertainty();
        BigDecimal z = sigma == null ? null : zScore(submission.value(), sample.assigned(), sigma);
        BigDecimal zPrime = sigma == null || uX == null ? null
                : zPrimeScore(submission.value(), sample.assigned(), sigma, uX);
        BigDecimal zeta = ux == null || uX == null ? null : zetaScore(submission.value(), sample.assigned(), ux, uX);
        return new SampleGrade(code, acceptable, difference, allowed,
                z, z == null ? null : ZCategory.of(difference, sigma),
                zPrime, zPrime == null ? null : ZCategory.ofVariance(difference, squares(sigma, uX)),
                zeta, zeta == null ? null : ZCategory.ofVariance(difference, squares(ux, uX)),
                acceptable ? SampleGrade.WITHIN_LIMIT : SampleGrade.OUTSIDE_LIMIT);
    }

    /**
     * z = (x − X)/σ<sub>pt</sub> (ISO 13528 z-score), to 16 significant digits ({@link #SCORES}).
     *
     * @throws IllegalArgumentException when σ is not positive
     */
    public static BigDecimal zScore(BigDecimal result, BigDecimal assigned, BigDecimal sigma) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(assigned, "assigned");
        Objects.requireNonNull(sigma, "sigma");
        if (sigma.signum() <= 0) {
            throw new IllegalArgumentException("the SD for proficiency assessment must be positive: " + sigma);
        }
        return plain(result.subtract(assigned).divide(sigma, SCORES));
    }

    /**
     * z′ = (x − X)/√(σ<sub>pt</sub>² + u(X)²) (ISO 13528 z′-score: z widened by the standard uncertainty of the
     * assigned value), to 16 significant digits ({@link #SCORES}).
     *
     * @throws IllegalArgumentException when σ is not positive or u(X) is negative
     */
    public static BigDecimal zPrimeScore(BigDecimal result, BigDecimal assigned, BigDecimal sigma,
                                         BigDecimal assignedUncertainty) {
        Objects.requireNonNull(sigma, "sigma");
        if (sigma.signum() <= 0) {
            throw new IllegalArgumentException("the SD for proficiency assessment must be positive: " + sigma);
        }
        return overCombined(result, assigned, sigma, assignedUncertainty);
    }

    /**
     * ζ = (x − X)/√(u(x)² + u(X)²) (ISO 13528 zeta score: the difference against the participant's and the assigned
     * value's standard uncertainties together), to 16 significant digits ({@link #SCORES}).
     *
     * @throws IllegalArgumentException when an uncertainty is negative or both are 0 (no combined uncertainty to
     *                                  divide by)
     */
    public static BigDecimal zetaScore(BigDecimal result, BigDecimal assigned, BigDecimal uncertainty,
                                       BigDecimal assignedUncertainty) {
        return overCombined(result, assigned, uncertainty, assignedUncertainty);
    }

    /** (x − X)/√(a² + b²); a and b are standard uncertainties (or σ<sub>pt</sub>), not negative, not both 0. */
    private static BigDecimal overCombined(BigDecimal result, BigDecimal assigned, BigDecimal a, BigDecimal b) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(assigned, "assigned");
        BigDecimal variance = squares(a, b);
        if (variance.signum() == 0) {
            throw new IllegalArgumentException("the combined standard uncertainty is 0: a score cannot divide by it");
        }
        // the root to 34 digits, so the one rounding that shows is the division's
        return plain(result.subtract(assigned).divide(variance.sqrt(MathContext.DECIMAL128), SCORES));
    }

    /** An exact quotient can come out as 0E+1 or 2E+1: reported as 0 and 20. */
    private static BigDecimal plain(BigDecimal score) {
        return score.scale() < 0 ? score.setScale(0) : score;
    }

    /** a² + b², exact; a and b not negative. */
    private static BigDecimal squares(BigDecimal a, BigDecimal b) {
        Objects.requireNonNull(a, "uncertainty");
        Objects.requireNonNull(b, "assignedUncertainty");
        if (a.signum() < 0 || b.signum() < 0) {
            throw new IllegalArgumentException("a standard uncertainty cannot be negative: " + a + ", " + b);
        }
        return a.multiply(a).add(b.multiply(b));
    }

    /**
     * The threshold to grade an item with: 100 % for ABO/Rh blood grouping whatever the alliance set; otherwise
     * the alliance's threshold, or 80 % when it set none. An alliance may only tighten the 80 % default.
     *
     * @param allianceThresholdPercent nullable; in [80, 100]
     * @param aboRh                    whether the item is ABO or Rh(D) typing
     */
    public static BigDecimal satisfactoryThreshold(BigDecimal allianceThresholdPercent, boolean aboRh) {
        if (allianceThresholdPercent != null
                && (allianceThresholdPercent.compareTo(DEFAULT_SATISFACTORY_THRESHOLD_PERCENT) < 0
                || allianceThresholdPercent.compareTo(HUNDRED) > 0)) {
            throw new IllegalArgumentException("an alliance may tighten the 80 % threshold, not loosen it: "
                    + allianceThresholdPercent);
        }
        if (aboRh) {
            return ABO_RH_SATISFACTORY_THRESHOLD_PERCENT;
        }
        return allianceThresholdPercent == null ? DEFAULT_SATISFACTORY_THRESHOLD_PERCENT : allianceThresholdPercent;
    }

    private static boolean sameCategory(String reported, String intended) {
        return reported.strip().equalsIgnoreCase(intended.strip());
    }
}
