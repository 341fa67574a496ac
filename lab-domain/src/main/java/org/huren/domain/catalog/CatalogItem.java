package org.huren.domain.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One version of an item of the alliance's recognition catalog (互认项目目录): what is measured (primary LOINC
 * and alternative codes), in which canonical UCUM unit, how precisely (allowable total error, maximum IQC
 * CV and bias, from the named limit set), how long a result may be reused (validity window, days), on
 * which specimen, from when this version applies, and — where the catalog gives one — the values a patient can
 * plausibly have ({@code plausibleRange}, in the canonical unit; null: not checked).
 */
public record CatalogItem(String code,
                          String nameZh,
                          String nameEn,
                          String category,
                          String loinc,
                          String ucumUnit,
                          List<AlternativeCode> alternatives,
                          AllowableError allowableError,
                          BigDecimal cvMaxPercent,
                          BigDecimal biasMaxPercent,
                          int validityDays,
                          String validitySource,
                          String specimenType,
                          String limitSet,
                          LocalDate effectiveFrom,
                          PlausibleRange plausibleRange) {

    public CatalogItem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(loinc, "loinc");
        Objects.requireNonNull(ucumUnit, "ucumUnit");
        Objects.requireNonNull(allowableError, "allowableError");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        if (validityDays <= 0) {
            throw new IllegalArgumentException("validity window must be at least one day: " + validityDays);
        }
    }

    /** An item without a plausible range. */
    public CatalogItem(String code, String nameZh, String nameEn, String category, String loinc, String ucumUnit,
                       List<AlternativeCode> alternatives, AllowableError allowableError, BigDecimal cvMaxPercent,
                       BigDecimal biasMaxPercent, int validityDays, String validitySource, String specimenType,
                       String limitSet, LocalDate effectiveFrom) {
        this(code, nameZh, nameEn, category, loinc, ucumUnit, alternatives, allowableError, cvMaxPercent,
                biasMaxPercent, validityDays, validitySource, specimenType, limitSet, effectiveFrom, null);
    }

    /** Every LOINC code this item is reported under: the primary first. */
    public List<String> loincCodes() {
        return Stream.concat(Stream.of(loinc), alternatives.stream().map(AlternativeCode::loinc)).distinct().toList();
    }

    public CatalogItem effectiveFrom(LocalDate date) {
        return new CatalogItem(code, nameZh, nameEn, category, loinc, ucumUnit, alternatives, allowableError,
                cvMaxPercent, biasMaxPercent, validityDays, validitySource, specimenType, limitSet, date,
                plausibleRange);
    }
}
