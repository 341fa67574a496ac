package org.huren.domain.alliance;

import org.huren.domain.catalog.AllowableError;
import org.huren.domain.catalog.AlternativeCode;
import org.huren.domain.catalog.CatalogItem;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Test data: items of a recognition catalog with the figures of HuRen's default catalog (WS/T 403-2024),
 * all effective from {@link #CATALOG_START} unless told otherwise.
 */
final class CatalogItemBuilder {

    static final LocalDate CATALOG_START = LocalDate.of(2025, 1, 1);

    private String code;
    private String nameZh;
    private String nameEn;
    private String loinc;
    private String ucumUnit;
    private final List<AlternativeCode> alternatives = new ArrayList<>();
    private AllowableError allowableError;
    private BigDecimal cvMaxPercent;
    private BigDecimal biasMaxPercent;
    private int validityDays;
    private LocalDate effectiveFrom = CATALOG_START;

    private CatalogItemBuilder() {
    }

    /** 钾: LOINC 2823-3 in mmol/L, TEa 0.2 mmol/L or 6 %. */
    static CatalogItemBuilder aPotassium() {
        return new CatalogItemBuilder()
                .withCode("K").withNames("钾", "Potassium")
                .withLoinc("2823-3", "mmol/L")
                .withAllowableError("0.2", "6")
                .withCvAndBiasMax("2.5", "2.0")
                .withValidityDays(7);
    }

    /** 葡萄糖: LOINC 14749-6 in mmol/L, also reported as 2345-7 in mg/dL (× 0.0555), TEa 0.21 mmol/L or 7 %. */
    static CatalogItemBuilder aGlucose() {
        return new CatalogItemBuilder()
                .withCode("GLU").withNames("葡萄糖", "Glucose")
                .withLoinc("14749-6", "mmol/L")
                .withAlternative("2345-7", "mg/dL", "0.0555")
                .withAllowableError("0.21", "7")
                .withCvAndBiasMax("3.0", "2.0")
                .withValidityDays(30);
    }

    /** 钠: LOINC 2951-2 in mmol/L, TEa 4 %. */
    static CatalogItemBuilder aSodium() {
        return new CatalogItemBuilder()
                .withCode("NA").withNames("钠", "Sodium")
                .withLoinc("2951-2", "mmol/L")
                .withAllowableError(null, "4")
                .withCvAndBiasMax("1.5", "1.5")
                .withValidityDays(7);
    }

    static CatalogItem potassium() {
        return aPotassium().build();
    }

    static CatalogItem glucose() {
        return aGlucose().build();
    }

    static CatalogItem sodium() {
        return aSodium().build();
    }

    CatalogItemBuilder withCode(String code) {
        this.code = code;
        return this;
    }

    CatalogItemBuilder withNames(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        return this;
    }

    CatalogItemBuilder withLoinc(String loinc, String ucumUnit) {
        this.loinc = loinc;
        this.ucumUnit = ucumUnit;
        return this;
    }

    CatalogItemBuilder withAlternative(String loinc, String ucumUnit, String factor) {
        alternatives.add(new AlternativeCode(loinc, ucumUnit, new BigDecimal(factor)));
        return this;
    }

    CatalogItemBuilder withoutAlternatives() {
        alternatives.clear();
        return this;
    }

    /** Either figure may be null (absent). */
    CatalogItemBuilder withAllowableError(String absolute, String percent) {
        this.allowableError = new AllowableError(absolute == null ? null : new BigDecimal(absolute),
                percent == null ? null : new BigDecimal(percent));
        return this;
    }

    CatalogItemBuilder withCvAndBiasMax(String cvMaxPercent, String biasMaxPercent) {
        this.cvMaxPercent = new BigDecimal(cvMaxPercent);
        this.biasMaxPercent = new BigDecimal(biasMaxPercent);
        return this;
    }

    CatalogItemBuilder withValidityDays(int validityDays) {
        this.validityDays = validityDays;
        return this;
    }

    CatalogItemBuilder effectiveFrom(LocalDate effectiveFrom) {
        this.effectiveFrom = effectiveFrom;
        return this;
    }

    CatalogItem build() {
        return new CatalogItem(code, nameZh, nameEn, "chemistry", loinc, ucumUnit, alternatives, allowableError,
                cvMaxPercent, biasMaxPercent, validityDays, "Hubei list", "serum/plasma", "WS/T 403-2024",
                effectiveFrom);
    }
}
