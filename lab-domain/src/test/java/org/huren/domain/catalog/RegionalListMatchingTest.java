package org.huren.domain.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegionalListMatchingTest {

    private static final List<CatalogItem> REFERENCE = DefaultCatalog.load(LocalDate.of(2025, 1, 1));

    /** Row: name; Chinese name; specimen; unit; LOINC → the item matched (or -) and by what / why not. */
    @ParameterizedTest(name = "{1} {0} {2} {3} {4} → {5}")
    @CsvSource(nullValues = "-", delimiter = ';', value = {
            "Glucose;            葡萄糖;          血清;     mmol/L;     14749-6; GLU;  LOINC",
            "-;                  葡萄糖;          血浆;     mmol/L;     -;       GLU;  NAME_ZH",
            "-;                  葡萄糖(GLU);     血清;     mmol/L;     -;       GLU;  NAME_ZH",
            "-;                  谷丙转氨酶;      血清;     U/L;        -;       ALT;  NAME_ZH",
            "-;                  白细胞;          全血;     ×10^9/L;    -;       WBC;  NAME_ZH",
            "Hemoglobin;         -;               whole blood; g/L;     -;       HGB;  NAME_EN",
            "-;                  血清钾(K);       血清;     mmol/L;     -;       K;    CODE",
            "-;                  血清钾（K）;     血清;     mmol/L;     -;       K;    CODE",
            "-;                  空腹　血糖;    血浆;     mmol/L;     -;       GLU;  NAME_ZH",
            "-;                  葡萄糖;          脑脊液;   mmol/L;     -;       -;    specimen",
            "-;                  总胆红素;        血清;     μmol/L;     -;       TBIL; NAME_ZH",
            "-;                  促甲状腺激素;    血清;     mIU/L;      -;       TSH;  NAME_ZH",
            "Glucose, urine;     尿葡萄糖;        尿液;     mmol/L;     -;       -;    no item",
            "-;                  葡萄糖;          尿液;     mmol/L;     -;       -;    specimen",
            "-;                  钾;              血清;     mg/dL;      -;       -;    unit mg/dL",
            "-;                  C反应蛋白;       血清;     mg/L;       1988-5;  -;    LOINC 1988-5",
            "-;                  血沉;            全血;     mm/h;       -;       -;    no item"})
    void aRowMatchesByLoincOrNameWhenSpecimenAndUnitFit(String name, String nameZh, String specimen, String unit,
                                                        String loinc, String item, String byOrWhy) {
        RegionalListMatching.Match match = RegionalListMatching.match(List.of(new RegionalListMatching.Row(2, name,
                nameZh, specimen, unit, loinc)), REFERENCE).get(0);
        if (item == null) {
            assertThat(match.matched()).as(match.toString()).isFalse();
            assertThat(match.reason()).contains(byOrWhy);
        } else {
            assertThat(match.item()).as(match.toString()).isNotNull();
            assertThat(match.item().code()).isEqualTo(item);
            assertThat(match.matchedBy()).isEqualTo(byOrWhy);
        }
    }

    @Test
    void anItemIsMatchedOnceALaterRowIsADuplicate() {
        List<RegionalListMatching.Match> matches = RegionalListMatching.match(List.of(
                new RegionalListMatching.Row(2, null, "葡萄糖", "血清", "mmol/L", null),
                new RegionalListMatching.Row(3, "Glucose", null, null, null, "2345-7")), REFERENCE);
        assertThat(matches.get(0).matched()).isTrue();
        assertThat(matches.get(1).matched()).isFalse();
        assertThat(matches.get(1).reason()).contains("row 2");
    }

    @ParameterizedTest
    @CsvSource({"×10^9/L, 10*9/L", "x10^12/L, 10*12/L", "10^9/L, 10*9/L", "μmol/L, umol/L", "IU/L, U/L",
            "mIU/L, m[IU]/L", "秒, s", "mmol/L, mmol/L", "g/L, g/L"})
    void listsUnitsAreWrittenInUcum(String written, String ucum) {
        assertThat(UnitSpelling.ucum(written)).isEqualTo(ucum);
    }
}
