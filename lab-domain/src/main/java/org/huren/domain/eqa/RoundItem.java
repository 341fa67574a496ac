package org.huren.domain.eqa;

import java.math.BigDecimal;
import java.util.List;

/**
 * A catalog item graded in a round: its LOINC codes and unit (to place results that arrive as FHIR Observations),
 * whether it is qualitative, and the satisfactory threshold (80 % by default; ABO/Rh 100 %).
 */
public record RoundItem(String itemCode, List<String> loincCodes, String unit, boolean qualitative,
                        BigDecimal satisfactoryThresholdPercent) {

    public RoundItem {
        loincCodes = loincCodes == null ? List.of() : List.copyOf(loincCodes);
        if (satisfactoryThresholdPercent == null) {
            satisfactoryThresholdPercent = EqaGrading.DEFAULT_SATISFACTORY_THRESHOLD_PERCENT;
        }
    }
}
