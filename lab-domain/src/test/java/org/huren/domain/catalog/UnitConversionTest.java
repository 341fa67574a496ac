package org.huren.domain.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit conversion into the catalog's canonical units, against the (LOINC, UCUM unit) pairs of HuRen's Synthea
 * sample ({@code external/top-lab-loinc-codes.csv}: the 50 most frequent lab codes of the Synthea lab
 * Observations plus the HL7 R4 examples, with every unit each was reported in).
 * <p>
 * Synthea pairs that do NOT map to a catalog item (not converted, by design):
 * <ul>
 *   <li>in the csv: 20565-8 carbon dioxide (mmol/L); 33914-3 eGFR (mL/min/{1.73_m2} and mL/min); 21000-5 RDW,
 *       32207-3 PDW, 32623-1 MPV (fL); 10834-0 globulin (g/L — and its values, 2.0–3.5, are really g/dL);
 *       2857-1 PSA (ng/mL); 14959-1 microalbumin/creatinine ratio (mg/g); 57905-2 faecal haemoglobin (ng/mL);
 *       the 15 allergen IgE codes 6075-6 … 7258-7 (kU/L);</li>
 *   <li>only in lab-observations.ndjson (below the top 50): 20505-4 urine bilirubin, 5792-7 urine glucose,
 *       5797-6 urine ketones, 5804-0 urine protein (mg/dL, test strip); 5803-2 urine pH ("pH", which UCUM reads
 *       as picohenry); 5811-5 urine specific gravity ({nominal}); 20570-8 hematocrit (%), a different code
 *       from the catalog's 4544-3; 33762-6 NT-proBNP (pg/mL).</li>
 * </ul>
 * Every mapped pair converts. Caveat: Synthea reports 2885-2 total protein in g/dL with values 60–80, i.e.
 * really g/L; the conversion is mechanically right (× 10) and gives 600–800 g/L.
 */
class UnitConversionTest {

    private static final List<CatalogItem> CATALOG = DefaultCatalog.load(LocalDate.of(2025, 1, 1));
    private static final UnitConversion CONVERSION = new UnitConversion();

    /** LOINC, unit, catalog item of every Synthea pair that maps to the catalog. */
    private static final Set<String> MAPPED = Set.of(
            "2069-3 mmol/L CL", "2339-0 mg/dL GLU", "2947-0 mmol/L NA", "38483-4 mg/dL CREA",
            "49765-1 mg/dL CA", "6298-4 mmol/L K", "6299-2 mg/dL UREA", "2085-9 mg/dL HDLC", "2085-9 mmol/L HDLC",
            "18262-6 mg/dL LDLC", "2093-3 mg/dL TC", "2571-8 mg/dL TG", "4548-4 % HBA1C", "718-7 g/dL HGB",
            "718-7 g/L HGB", "789-8 10*6/uL RBC", "789-8 10*12/L RBC", "6690-2 10*3/uL WBC", "6690-2 10*9/L WBC",
            "777-3 10*3/uL PLT", "777-3 10*9/L PLT", "785-6 pg MCH", "787-2 fL MCV", "786-4 g/dL MCHC",
            "4544-3 % HCT", "1742-6 U/L ALT", "1751-7 g/dL ALB", "1920-8 U/L AST", "1975-2 mg/dL TBIL",
            "2885-2 g/dL TP", "6768-6 U/L ALP");

    private static final Set<String> UNMAPPED_IN_CSV = Set.of(
            "20565-8", "33914-3", "21000-5", "32207-3", "32623-1", "10834-0", "2857-1", "14959-1", "57905-2",
            "6075-6", "6082-2", "6085-5", "6095-4", "6106-9", "6158-0", "6189-5", "6206-7", "6246-3", "6248-9",
            "6273-7", "6276-0", "6833-8", "6844-5", "7258-7");

    /** A Synthea pair from the csv, with the median value reported under that code. */
    record SyntheaPair(String loinc, String unit, BigDecimal median) {
        @Override
        public String toString() {
            return loinc + " " + unit;
        }
    }

    static List<SyntheaPair> syntheaPairs() {
        InputStream in = UnitConversionTest.class.getResourceAsStream("/external/top-lab-loinc-codes.csv");
        Objects.requireNonNull(in, "external/top-lab-loinc-codes.csv");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> header = List.of(reader.readLine().split(",", -1));
            int code = header.indexOf("loinc_code");
            int units = header.indexOf("all_ucum_codes");
            int median = header.indexOf("value_median");
            List<SyntheaPair> pairs = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(",", -1);
                assertThat(f).hasSize(header.size()); // no quoted commas
                for (String unitAndCount : f[units].split(";")) {
                    String unit = unitAndCount.substring(0, unitAndCount.lastIndexOf('='));
                    pairs.add(new SyntheaPair(f[code], unit, new BigDecimal(f[median])));
                }
            }
            return pairs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntheaPairs")
    void everySyntheaPairOfACatalogItemConvertsToTheCanonicalUnit(SyntheaPair pair) {
        UnitConversion.itemFor(CATALOG, pair.loinc()).ifPresent(item -> {
            assertThat(CONVERSION.isCompatible(item, pair.loinc(), pair.unit())).isTrue();
            assertThat(CONVERSION.toCanonical(item, pair.loinc(), pair.median(), pair.unit())).isPresent();
        });
    }

    @Test
    void theSyntheaPairsThatMapAreExactlyTheDocumentedOnes() {
        List<SyntheaPair> pairs = syntheaPairs();
        assertThat(pairs).hasSize(56); // 50 codes, 6 of them in two units
        Set<String> mapped = new TreeSet<>();
        Set<String> unmapped = new TreeSet<>();
        for (SyntheaPair pair : pairs) {
            UnitConversion.itemFor(CATALOG, pair.loinc()).ifPresentOrElse(
                    item -> mapped.add(pair.loinc() + " " + pair.unit() + " " + item.code()),
                    () -> unmapped.add(pair.loinc()));
        }
        assertThat(mapped).containsExactlyInAnyOrderElementsOf(MAPPED);
        assertThat(unmapped).containsExactlyInAnyOrderElementsOf(UNMAPPED_IN_CSV);
    }

    /** Distinct pairs of lab-observations.ndjson whose code is not among the csv's top 50. */
    @ParameterizedTest
    @CsvSource({"20505-4,mg/dL", "20570-8,%", "33762-6,pg/mL", "5792-7,mg/dL", "5797-6,mg/dL", "5803-2,pH",
            "5804-0,mg/dL", "5811-5,{nominal}"})
    void rarerSyntheaCodesAreNotCatalogItems(String loinc, String unit) {
        assertThat(UnitConversion.itemFor(CATALOG, loinc)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
    @CsvSource({
            // reported code, value, reported unit, expected, canonical unit (hand-computed)
            "2339-0,   100,     mg/dL,   5.55,    mmol/L",   // glucose 100 × 0.0555
            "2345-7,   90,      mg/dL,   4.995,   mmol/L",
            "38483-4,  1.0,     mg/dL,   88.4,    umol/L",   // creatinine × 88.4
            "718-7,    13.5,    g/dL,    135,     g/L",      // UCUM × 10
            "718-7,    135,     g/L,     135,     g/L",
            "6690-2,   7.2,     10*3/uL, 7.2,     10*9/L",   // UCUM, 10^3/10^-6 L = 10^9/L
            "789-8,    4.5,     10*6/uL, 4.5,     10*12/L",
            "777-3,    250,     10*3/uL, 250,     10*9/L",
            "49765-1,  9.5,     mg/dL,   2.37025, mmol/L",   // calcium × 0.2495
            "2093-3,   200,     mg/dL,   5.172,   mmol/L",   // cholesterol × 0.02586
            "2085-9,   50,      mg/dL,   1.293,   mmol/L",
            "2085-9,   1.3,     mmol/L,  1.3,     mmol/L",   // alternative code already in the canonical unit
            "2571-8,   150,     mg/dL,   1.6935,  mmol/L",   // triglycerides × 0.01129
            "6299-2,   14,      mg/dL,   4.998,   mmol/L",   // urea nitrogen × 0.357
            "1975-2,   0.6,     mg/dL,   10.26,   umol/L",   // bilirubin × 17.1
            "1751-7,   4.5,     g/dL,    45,      g/L",
            "786-4,    34.5,    g/dL,    345,     g/L",
            "2885-2,   7.0,     g/dL,    70,      g/L",
            "6298-4,   4.462,   mmol/L,  4.462,   mmol/L",
            "4548-4,   6.07,    %,       6.07,    %",
            // same-dimension variants of the canonical unit (UCUM)
            "2823-3,   4000,    umol/L,  4,       mmol/L",
            "4544-3,   0.42,    L/L,     42,      %",
            "3016-3,   2.5,     u[IU]/mL, 2.5,    m[IU]/L",
            "1742-6,   0.5,     ukat/L,  30,      U/L",
            "14682-9,  0.0884,  mmol/L,  88.4,    umol/L",
            // alternative code in a same-dimension variant of its unit: UCUM to the alternative unit, then × factor
            "2339-0,   1.00,    g/L,     5.55,    mmol/L",
            "2339-0,   100,     mg/dl,   5.55,    mmol/L",
            "38483-4,  10,      mg/L,    88.4,    umol/L",
            "49765-1,  95,      mg/L,    2.37025, mmol/L",
            // negative and zero values convert like any other
            "718-7,    0,       g/dL,    0,       g/L",
            "2339-0,   -10,     mg/dL,   -0.555,  mmol/L"})
    void handComputedConversions(String loinc, BigDecimal value, String unit, BigDecimal expected, String canonical) {
        CatalogItem item = UnitConversion.itemFor(CATALOG, loinc).orElseThrow();
        assertThat(item.ucumUnit()).isEqualTo(canonical);
        assertThat(CONVERSION.toCanonical(item, loinc, value, unit)).hasValueSatisfying(
                converted -> assertThat(converted).isEqualByComparingTo(expected));
        assertThat(CONVERSION.isCompatible(item, loinc, unit)).isTrue();
    }

    @Test
    void arithmeticStaysExact() {
        CatalogItem glu = item("GLU");
        assertThat(CONVERSION.toCanonical(glu, "2339-0", new BigDecimal("82.3445"), "mg/dL"))
                .contains(new BigDecimal("4.57011975"));
        CatalogItem hgb = item("HGB");
        assertThat(CONVERSION.toCanonical(hgb, "718-7", new BigDecimal("3.5042836972273905"), "g/dL"))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("35.042836972273905"));
        assertThat(CONVERSION.toCanonical(hgb, "718-7", new BigDecimal("1E+2"), "g/dL"))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1000"));
        // UCUM divides through canonical units: 0.5 ukat/L comes back as 29.9999999999999999999999 U/L, which
        // is rounded to 18 significant digits
        assertThat(CONVERSION.toCanonical(item("ALT"), "1742-6", new BigDecimal("0.5"), "ukat/L"))
                .contains(new BigDecimal("30"));
    }

    @ParameterizedTest(name = "{0} {1} in ''{2}'' -> empty")
    @CsvSource(nullValues = "NULL", value = {
            "K,     2823-3,  mg/dL",           // mass unit for a molar item, no factor for the primary code
            "K,     2823-3,  kg",
            "K,     6298-4,  mg/dL",           // alternative with factor 1 in mmol/L only
            "K,     2823-3,  foo",
            "K,     2823-3,  mg/dL/",
            "K,     2823-3,  ' '",
            "K,     2823-3,  ''",
            "K,     2823-3,  NULL",
            "K,     2823-3,  10*9/L",          // UCUM counts moles as numbers; HuRen does not
            "WBC,   6690-2,  mmol/L",
            "TSH,   3016-3,  mmol/L",          // [IU] is arbitrary, not a number of moles
            "HBA1C, 4548-4,  mmol/mol",        // IFCC is not NGSP: 48 mmol/mol is about 6.5 %, not 4.8 %
            "GLU,   14749-6, mg/dL",           // primary (molar) code in a mass unit: only alternatives carry a factor
            "GLU,   2339-0,  mmol/mol",
            "GLU,   2823-3,  mmol/L",          // a code of another item
            "GLU,   99999-9, mmol/L",
            "GLU,   NULL,    mmol/L",
            "PT,    5902-2,  Cel",
            "PT,    5902-2,  pH"})
    void notConvertible(String code, String loinc, String unit) {
        CatalogItem item = item(code);
        assertThat(CONVERSION.toCanonical(item, loinc, BigDecimal.TEN, unit)).isEmpty();
        assertThat(CONVERSION.isCompatible(item, loinc, unit)).isFalse();
    }

    @Test
    void nullArgumentsGiveEmpty() {
        assertThat(CONVERSION.toCanonical(null, "2823-3", BigDecimal.ONE, "mmol/L")).isEmpty();
        assertThat(CONVERSION.toCanonical(item("K"), "2823-3", null, "mmol/L")).isEmpty();
    }

    @Test
    void everyCatalogUnitIsValidUcumAndEveryCodeConvertsFromItsOwnUnit() {
        for (CatalogItem item : CATALOG) {
            assertThat(CONVERSION.isValidUnit(item.ucumUnit())).as(item.code()).isTrue();
            assertThat(CONVERSION.toCanonical(item, item.loinc(), BigDecimal.ONE, item.ucumUnit()))
                    .contains(BigDecimal.ONE);
            for (AlternativeCode alt : item.alternatives()) {
                assertThat(CONVERSION.isValidUnit(alt.ucumUnit())).as(alt.loinc()).isTrue();
                assertThat(CONVERSION.toCanonical(item, alt.loinc(), BigDecimal.ONE, alt.ucumUnit()))
                        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(alt.factor()));
            }
        }
        assertThat(CONVERSION.isValidUnit("foo")).isFalse();
        assertThat(CONVERSION.isValidUnit("")).isFalse();
        assertThat(CONVERSION.isValidUnit(null)).isFalse();
    }

    @Test
    void itemForFindsPrimaryAndAlternativeCodes() {
        assertThat(UnitConversion.itemFor(CATALOG, "14749-6")).map(CatalogItem::code).contains("GLU");
        assertThat(UnitConversion.itemFor(CATALOG, "2339-0")).map(CatalogItem::code).contains("GLU");
        assertThat(UnitConversion.itemFor(CATALOG, "2345-7")).map(CatalogItem::code).contains("GLU");
        assertThat(UnitConversion.itemFor(CATALOG, "6298-4")).map(CatalogItem::code).contains("K");
        assertThat(UnitConversion.itemFor(CATALOG, "33914-3")).isEmpty(); // eGFR is not a catalog item
        assertThat(UnitConversion.itemFor(CATALOG, "99999-9")).isEmpty();
        assertThat(UnitConversion.itemFor(CATALOG, null)).isEmpty();
        assertThat(UnitConversion.itemFor(List.of(), "2823-3")).isEmpty();
    }

    private static CatalogItem item(String code) {
        return CATALOG.stream().filter(i -> i.code().equals(code)).findFirst().orElseThrow();
    }
}
