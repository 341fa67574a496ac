package org.huren.domain.eqa;

import org.huren.domain.catalog.CatalogItem;

import java.math.BigDecimal;
import java.util.List;

/**
 * A catalog item graded in a round: its LOINC codes and unit (to place results that arrive as FHIR Observations),
 * whether it is qualitative, the satisfactory threshold (80 % by default — an alliance may only raise it; ABO/Rh
 * 100 % whatever it asks, {@link EqaGrading#isAboRh}), and the catalog item itself (its unit conversions bring a result reported in another unit to the
 * round's).
 */
public record RoundItem(String itemCode, List<String> loincCodes, String unit, boolean qualitative,
                        BigDecimal satisfactoryThresholdPercent, CatalogItem catalogItem) {

    public RoundItem(String itemCode, List<String> loincCodes, String unit, boolean qualitative,
                     BigDecimal satisfactoryThresholdPercent) {
        this(itemCode, loincCodes, unit, qualitative, satisfactoryThresholdPercent, null);
    }

    public RoundItem {
        loincCodes = loincCodes == null ? List.of() : List.copyOf(loincCodes);
        if (EqaGrading.isAboRh(itemCode)) {
            satisfactoryThresholdPercent = EqaGrading.ABO_RH_SATISFACTORY_THRESHOLD_PERCENT;
        } else if (satisfactoryThresholdPercent == null) {
            satisfactoryThresholdPercent = EqaGrading.DEFAULT_SATISFACTORY_THRESHOLD_PERCENT;
        }
    }
}
