package org.huren.domain.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultCatalogTest {

    private static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    private static final List<CatalogItem> CATALOG = DefaultCatalog.load(FROM);
    private static final Map<String, CatalogItem> BY_CODE = CATALOG.stream()
            .collect(Collectors.toMap(CatalogItem::code, Function.identity()));

    @Test
    void hasFortyItemsWithUniqueCodesAllEffectiveFromTheGivenDate() {
        assertThat(CATALOG).hasSize(40);
        assertThat(BY_CODE).hasSize(40);
        assertThat(CATALOG).allSatisfy(i -> assertThat(i.effectiveFrom()).isEqualTo(FROM));
    }

    @Test
    void everyLoincCodeMapsToExactlyOneItem() {
        Map<String, List<String>> itemsByLoinc = new HashMap<>();
        CATALOG.forEach(item -> item.loincCodes().forEach(
                loinc -> itemsByLoinc.computeIfAbsent(loinc, l -> new java.util.ArrayList<>()).add(item.code())));
        assertThat(itemsByLoinc).allSatisfy((loinc, items) -> assertThat(items).as(loinc).hasSize(1));
        // primary codes and alternatives together
        assertThat(itemsByLoinc).hasSize(40 + CATALOG.stream().mapToInt(i -> i.alternatives().size()).sum());
        CATALOG.forEach(item -> item.loincCodes().forEach(
                loinc -> assertThat(UnitConversion.itemFor(CATALOG, loinc)).contains(item)));
    }

    @Test
    void potassium() {
        CatalogItem k = BY_CODE.get("K");
        assertThat(k.nameZh()).isEqualTo("钾");
        assertThat(k.nameEn()).isEqualTo("Potassium");
        assertThat(k.category()).isEqualTo("chemistry");
        assertThat(k.specimenType()).isEqualTo("serum/plasma");
        assertThat(k.loinc()).isEqualTo("2823-3");
        assertThat(k.ucumUnit()).isEqualTo("mmol/L");
        assertThat(k.allowableError().absolute()).isEqualByComparingTo("0.2");
        assertThat(k.allowableError().percent()).isEqualByComparingTo("6");
        assertThat(k.cvMaxPercent()).isEqualByComparingTo("2.5");
        assertThat(k.biasMaxPercent()).isEqualByComparingTo("2.0");
        assertThat(k.validityDays()).isEqualTo(7);
        assertThat(k.validitySource()).isEqualTo("Hubei list");
        assertThat(k.limitSet()).isEqualTo("WS/T 403-2024");
        assertThat(k.alternatives()).containsExactly(new AlternativeCode("6298-4", "mmol/L", new BigDecimal("1")));
        assertThat(k.loincCodes()).containsExactly("2823-3", "6298-4");
    }

    @Test
    void glucoseAlternativesCarryTheMassToMolarFactor() {
        CatalogItem glu = BY_CODE.get("GLU");
        assertThat(glu.loinc()).isEqualTo("14749-6");
        assertThat(glu.validityDays()).isEqualTo(30);
        assertThat(glu.alternatives()).extracting(AlternativeCode::loinc).containsExactly("2345-7", "2339-0");
        assertThat(glu.alternatives()).allSatisfy(a -> {
            assertThat(a.ucumUnit()).isEqualTo("mg/dL");
            assertThat(a.factor()).isEqualTo(new BigDecimal("0.0555")); // exact text, not a double
        });
    }

    @Test
    void leukocytesArePercentOnlyWithoutBiasLimit() {
        CatalogItem wbc = BY_CODE.get("WBC");
        assertThat(wbc.allowableError().absolute()).isNull();
        assertThat(wbc.allowableError().percent()).isEqualByComparingTo("15");
        assertThat(wbc.biasMaxPercent()).isNull();
        assertThat(wbc.cvMaxPercent()).isEqualByComparingTo("6.0");
        assertThat(wbc.ucumUnit()).isEqualTo("10*9/L");
        assertThat(wbc.specimenType()).isEqualTo("whole blood");
        assertThat(wbc.limitSet()).isEqualTo("WS/T 406-2012");
        assertThat(wbc.alternatives()).isEmpty();
    }

    @Test
    void hba1cIsValidSixtyDays() {
        assertThat(BY_CODE.get("HBA1C").validityDays()).isEqualTo(60);
        assertThat(BY_CODE.get("HBA1C").ucumUnit()).isEqualTo("%");
    }

    @ParameterizedTest
    @CsvSource({"GLU,serum/plasma", "TSH,serum/plasma", "HGB,whole blood", "PT,citrated plasma",
            "FIB,citrated plasma"})
    void specimenFollowsTheCategory(String code, String specimen) {
        assertThat(BY_CODE.get(code).specimenType()).isEqualTo(specimen);
    }

    @Test
    void calciumHasTwoAlternativesFromThePipeList() {
        assertThat(BY_CODE.get("CA").alternatives()).containsExactly(
                new AlternativeCode("17861-6", "mg/dL", new BigDecimal("0.2495")),
                new AlternativeCode("49765-1", "mg/dL", new BigDecimal("0.2495")));
    }

    private static final String HEADER = String.join(",", DefaultCatalog.HEADER);
    private static final String GOOD = "K,钾,Potassium,chemistry,2823-3,mmol/L,0.2,6,2.5,2.0,7,Hubei list,"
            + "6298-4:mmol/L:1,WS/T 403-2024,0.5,15";

    @Test
    void parsesAWellFormedRowAndSkipsBlankLines() throws Exception {
        List<CatalogItem> items = DefaultCatalog.parse(new StringReader(HEADER + "\n" + GOOD + "\n\n"), "t.csv", FROM);
        assertThat(items).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "K,钾,Potassium,chemistry,2823-3,mmol/L,0.2,6,2.5,2.0,7,Hubei list,6298-4:mmol/L:1,,;expected 16 fields",
            "K,钾,Potassium,chemistry,2823-3,mmol/L,0,2,6,2.5,2.0,7,Hubei list,,WS/T 403-2024,,;expected 16 fields",
            "K,钾,Potassium,chemistry,2823-3,mmol/L,0.2x,6,2.5,2.0,7,Hubei list,,WS/T 403-2024,,;tea_abs is not a number",
            "K,钾,Potassium,chemistry,2823-3,mmol/L,,,2.5,2.0,7,Hubei list,,WS/T 403-2024,,;both blank",
            "K,钾,Potassium,chemistry,2823-3,mmol/L,0.2,6,2.5,2.0,seven,Hubei list,,WS/T 403-2024,,;validity_days",
            "K,钾,Potassium,chemistry,2823-3,mmol/L,0.2,6,2.5,2.0,0,Hubei list,,WS/T 403-2024,,;at least one day",
            "K,钾,Potassium,urinalysis,2823-3,mmol/L,0.2,6,2.5,2.0,7,Hubei list,,WS/T 403-2024,,;unknown category",
            "K,钾,Potassium,chemistry,,mmol/L,0.2,6,2.5,2.0,7,Hubei list,,WS/T 403-2024,,;loinc is blank",
            "K,钾,Potassium,chemistry,2823-3,mmol/L,0.2,6,2.5,2.0,7,Hubei list,6298-4:mmol/L,WS/T 403-2024,,;LOINC:unit:factor",
            "K,钾,Potassium,chemistry,2823-3,mmol/L,0.2,6,2.5,2.0,7,Hubei list,6298-4:mmol/L:0,WS/T 403-2024,,;must be positive",
            "K,钾,Potassium,chemistry,2823-3,mmol/L,-0.2,6,2.5,2.0,7,Hubei list,,WS/T 403-2024,,;cannot be negative",
            "K,钾,Potassium,chemistry,2823-3,mmol/L,0.2,6,2.5,2.0,7,Hubei list,,WS/T 403-2024,0.5,;given together",
            "K,钾,Potassium,chemistry,2823-3,mmol/L,0.2,6,2.5,2.0,7,Hubei list,,WS/T 403-2024,15,0.5;higher high"})
    void malformedRowsAreRejectedNamingTheLine(String row, String message) {
        String text = HEADER + "\n" + "NA,钠,Sodium,chemistry,2951-2,mmol/L,,4,1.5,1.5,7,Hubei list,,WS/T 403-2024,,\n"
                + row + "\n";
        assertThatThrownBy(() -> DefaultCatalog.parse(new StringReader(text), "t.csv", FROM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("t.csv line 3: ")
                .hasMessageContaining(message);
    }

    @Test
    void duplicateCodesOrLoincsAreRejected() {
        String duplicateCode = HEADER + "\n" + GOOD + "\n"
                + "K,钾,Potassium,chemistry,9999-9,mmol/L,0.2,6,2.5,2.0,7,Hubei list,,WS/T 403-2024,,\n";
        assertThatThrownBy(() -> DefaultCatalog.parse(new StringReader(duplicateCode), "t.csv", FROM))
                .hasMessage("t.csv line 3: item code K already on line 2");
        String duplicateLoinc = HEADER + "\n" + GOOD + "\n"
                + "K2,钾,Potassium,chemistry,9999-9,mmol/L,0.2,6,2.5,2.0,7,Hubei list,6298-4:mmol/L:1,WS/T 403-2024,,\n";
        assertThatThrownBy(() -> DefaultCatalog.parse(new StringReader(duplicateLoinc), "t.csv", FROM))
                .hasMessage("t.csv line 3: LOINC 6298-4 already used on line 2");
    }

    @Test
    void aWrongHeaderIsRejected() {
        assertThatThrownBy(() -> DefaultCatalog.parse(new StringReader("code,name\n" + GOOD), "t.csv", FROM))
                .hasMessageStartingWith("t.csv line 1: unexpected header");
    }
}
