package org.huren.domain.eqa;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A lab's reported result (回报结果) for one EQA sample. A sample without a submission is simply absent from the
 * submissions map given to {@link EqaGrading#grade}.
 *
 * @param sampleCode  the sample it answers
 * @param value       the quantitative result (定量结果) in the unit of the assigned value; nullable ("not tested",
 *                    or a qualitative sample)
 * @param category    the qualitative result (定性结果); nullable for quantitative samples
 * @param submittedAt when the result reached the EQA provider (回报时间); compared with the round's deadline
 *                    (截止时间), inclusive
 * @param uncertainty u(x), the participant's standard uncertainty (k = 1) of its value (测量不确定度), for ζ;
 *                    nullable, positive when given
 */
public record EqaSubmission(String sampleCode, BigDecimal value, String category, Instant submittedAt,
                            BigDecimal uncertainty) {

    public EqaSubmission {
        if (sampleCode == null || sampleCode.isBlank()) {
            throw new IllegalArgumentException("an EQA submission needs the sample code it answers");
        }
        if (submittedAt == null) {
            throw new IllegalArgumentException("submission for " + sampleCode + " needs its submission time");
        }
        if (uncertainty != null && uncertainty.signum() <= 0) {
            throw new IllegalArgumentException("submission for " + sampleCode
                    + ": a standard uncertainty is positive (leave it out when unknown): " + uncertainty);
        }
    }

    /** A submission without a stated uncertainty (no ζ). */
    public EqaSubmission(String sampleCode, BigDecimal value, String category, Instant submittedAt) {
        this(sampleCode, value, category, submittedAt, null);
    }

    /** A quantitative result. */
    public static EqaSubmission quantitative(String sampleCode, BigDecimal value, Instant submittedAt) {
        return new EqaSubmission(sampleCode, value, null, submittedAt);
    }

    /** A quantitative result with its standard uncertainty u(x). */
    public static EqaSubmission quantitative(String sampleCode, BigDecimal value, BigDecimal uncertainty,
                                             Instant submittedAt) {
        return new EqaSubmission(sampleCode, value, null, submittedAt, uncertainty);
    }

    /** A qualitative result. */
    public static EqaSubmission qualitative(String sampleCode, String category, Instant submittedAt) {
        return new EqaSubmission(sampleCode, null, category, submittedAt);
    }
}
