package org.huren.domain.eqa;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One sample of an EQA round (室间质评样本; also a blind sample 盲样 or a flight-inspection specimen 飞行检查标本,
 * which are graded the same way). A sample is either
 * <ul>
 *   <li><b>quantitative</b> (定量): an assigned value X (靶值 — peer-group or all-method consensus, or a reference
 *       value), a {@link EqaLimit limit} (允许误差), optionally the SD for proficiency assessment σ<sub>pt</sub>
 *       (能力评定标准差) for z-scores and the standard uncertainty u(X) of the assigned value (指定值的标准不确定度)
 *       for z′ and ζ; {@code intendedCategory} is null; or</li>
 *   <li><b>qualitative</b> (定性): only an intended category (预期结果, e.g. 阴性/阳性, A/B/O, Rh+); {@code assigned},
 *       {@code limit}, {@code sdForProficiency} and {@code assignedUncertainty} are null.</li>
 * </ul>
 *
 * @param sampleCode          the sample's code in the round (样本编号), unique within the item
 * @param assigned            assigned value X (靶值); quantitative only
 * @param limit               how the allowed error around X is given; quantitative only
 * @param sdForProficiency    σ<sub>pt</sub> for z = (x − X)/σ; nullable, positive when given; quantitative only
 * @param intendedCategory    the intended category of a qualitative sample; null for quantitative samples
 * @param assignedUncertainty u(X), the standard uncertainty (k = 1) of X; nullable, not negative; quantitative only
 */
public record EqaSample(String sampleCode, BigDecimal assigned, EqaLimit limit, BigDecimal sdForProficiency,
                        String intendedCategory, BigDecimal assignedUncertainty) {

    public EqaSample {
        if (sampleCode == null || sampleCode.isBlank()) {
            throw new IllegalArgumentException("an EQA sample needs a code");
        }
        if (intendedCategory != null) {
            if (intendedCategory.isBlank()) {
                throw new IllegalArgumentException("sample " + sampleCode + ": the intended category is blank");
            }
            if (assigned != null || limit != null || sdForProficiency != null || assignedUncertainty != null) {
                throw new IllegalArgumentException("sample " + sampleCode + " is qualitative (intended category "
                        + "given): it takes no assigned value, limit, SD or uncertainty");
            }
        } else {
            if (assigned == null || limit == null) {
                throw new IllegalArgumentException("quantitative sample " + sampleCode
                        + " needs an assigned value and a limit (or give an intended category)");
            }
            if (sdForProficiency != null && sdForProficiency.signum() <= 0) {
                throw new IllegalArgumentException("sample " + sampleCode
                        + ": the SD for proficiency assessment must be positive: " + sdForProficiency);
            }
            if (assignedUncertainty != null && assignedUncertainty.signum() < 0) {
                throw new IllegalArgumentException("sample " + sampleCode
                        + ": the uncertainty of the assigned value cannot be negative: " + assignedUncertainty);
            }
        }
    }

    /** A sample without an uncertainty of its assigned value (no z′, no ζ). */
    public EqaSample(String sampleCode, BigDecimal assigned, EqaLimit limit, BigDecimal sdForProficiency,
                     String intendedCategory) {
        this(sampleCode, assigned, limit, sdForProficiency, intendedCategory, null);
    }

    /** A quantitative sample without z-scores. */
    public static EqaSample quantitative(String sampleCode, BigDecimal assigned, EqaLimit limit) {
        return new EqaSample(sampleCode, assigned, limit, null, null);
    }

    /** A quantitative sample with σ<sub>pt</sub>, so its grade also carries z. */
    public static EqaSample quantitative(String sampleCode, BigDecimal assigned, EqaLimit limit,
                                         BigDecimal sdForProficiency) {
        return new EqaSample(sampleCode, assigned, limit, Objects.requireNonNull(sdForProficiency, "sd"), null);
    }

    /** A quantitative sample with σ<sub>pt</sub> and u(X), so its grade also carries z and z′ (and ζ). */
    public static EqaSample quantitative(String sampleCode, BigDecimal assigned, EqaLimit limit,
                                         BigDecimal sdForProficiency, BigDecimal assignedUncertainty) {
        return new EqaSample(sampleCode, assigned, limit, sdForProficiency, null, assignedUncertainty);
    }

    /** A qualitative sample (定性) with its intended category. */
    public static EqaSample qualitative(String sampleCode, String intendedCategory) {
        return new EqaSample(sampleCode, null, null, null, Objects.requireNonNull(intendedCategory, "category"));
    }

    /** Whether this is a qualitative (定性) sample. */
    public boolean isQualitative() {
        return intendedCategory != null;
    }
}
