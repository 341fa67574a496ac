package org.huren.domain.eqa.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A round's results table: one row per lab × item × sample — what was submitted (with the participant's standard
 * uncertainty u(x), if it stated one) and, once graded, whether it was acceptable, by how much it differed, the
 * allowed error, z, z′ and ζ with their classes (each null where its inputs are missing; see
 * {@link org.huren.domain.eqa.SampleGrade}) — the per lab × item grades, and the refusals (late or unplaceable
 * results) HuRen logged. An open flight inspection's {@code rows} and {@code refusals} are null: which blind samples
 * arrived is shown only on its flight-inspection view until it is graded.
 */
public record EqaRoundResults(String roundId, boolean graded, List<Row> rows, List<Grade> grades,
                              List<Refusal> refusals) {

    public record Row(String labCode, String itemCode, String sampleCode, BigDecimal value, BigDecimal uncertainty,
                      String category, Instant submittedAt, String channel, int versions, Boolean acceptable,
                      BigDecimal difference, BigDecimal allowed, BigDecimal z, String zCategory, BigDecimal zPrime,
                      String zPrimeCategory, BigDecimal zeta, String zetaCategory, String reason) {
    }

    public record Grade(String labCode, String itemCode, BigDecimal scorePercent, boolean satisfactory,
                        int acceptable, int samples, String standing, String ruleSet, Instant gradedAt) {
    }

    public record Refusal(String labCode, String sampleCode, String code, String reason, String detail, Instant at,
                          String channel) {
    }
}
