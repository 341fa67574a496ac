package org.huren.domain.eqa;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The grade of one item (项目) of one lab in one EQA round (室间质评成绩).
 *
 * @param itemCode     the catalog item
 * @param samples      the sample grades, in the order of the round's samples
 * @param scorePercent acceptable ÷ samples × 100, scale 2 HALF_UP (得分)
 * @param satisfactory whether the round is satisfactory (满意) for this item — decided on the exact fraction, see
 *                     {@link EqaGrading#grade}
 * @param ruleSet      the rule set (and version) the grading used, e.g. "NCCL-2025 / WS/T 403-2024"
 */
public record ItemGrade(String itemCode, List<SampleGrade> samples, BigDecimal scorePercent, boolean satisfactory,
                        String ruleSet) {

    public ItemGrade {
        Objects.requireNonNull(itemCode, "itemCode");
        samples = List.copyOf(samples);
        Objects.requireNonNull(scorePercent, "scorePercent");
        Objects.requireNonNull(ruleSet, "ruleSet");
    }

    /** How many samples were acceptable. */
    public long acceptableCount() {
        return samples.stream().filter(SampleGrade::acceptable).count();
    }
}
