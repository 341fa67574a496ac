package org.huren.domain.recognition;

import org.huren.domain.alliance.MemberStatus;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.catalog.DefaultCatalog;
import org.huren.domain.labresult.ResultStatus;
import org.huren.domain.localcode.MappingVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Recognition of results sent with a lab's local code, and of values implausible for their item. */
class LocalCodeRecognitionTest {

    private static final Instant AT = Instant.parse("2026-12-10T02:00:00Z");
    private static final Map<String, CatalogItem> CATALOG = DefaultCatalog.load(LocalDate.of(2024, 11, 1)).stream()
            .collect(Collectors.toMap(CatalogItem::code, Function.identity()));
    private static final MappingVersion GLU_MAPPING = new MappingVersion("localcodes-HR-SEC1-x", 3,
            LocalDate.of(2026, 12, 1), false, "GLU", "14749-6", "Glucose", "E-MAP");

    private static RecognitionFacts facts(ResultFacts result, String itemCode) {
        return new RecognitionFacts(result, List.of(new MembershipPeriod(MemberStatus.ACTIVE,
                Instant.parse("2024-01-01T00:00:00Z"), null, "E-M")), Optional.ofNullable(CATALOG.get(itemCode)), 1,
                List.of(), Optional.empty(), null, null);
    }

    private static CriterionResult criterion(RecognitionFacts facts, Criterion criterion) {
        return RecognitionRules.decide(facts, AT.plusSeconds(60), RecognitionPolicy.defaults()).criteria().stream()
                .filter(c -> c.criterion() == criterion).findFirst().orElseThrow();
    }

    @Test
    void anUnmappedLocalCodeIsNotInTheCatalogAndSaysWhoMapsIt() {
        ResultFacts result = new ResultFacts("R1", "E1", "HR-SEC1", null, "mmol/L", new BigDecimal("5.6"),
                ResultStatus.FINAL, AT, false, new LocalCodeFacts("http://lis.example/items", "GLU", "葡萄糖", null));
        RecognitionDecision decision = RecognitionRules.decide(facts(result, null), AT, RecognitionPolicy.defaults());
        assertThat(decision.isRecognized()).isFalse();
        CriterionResult item = criterion(facts(result, null), Criterion.ITEM_IN_CATALOG);
        assertThat(item.verdict()).isEqualTo(CriterionVerdict.FAIL);
        assertThat(item.reason()).contains("http://lis.example/items|GLU").contains("葡萄糖").contains("unmapped");
    }

    @Test
    void aMappedLocalCodeIsTheCatalogItemWithTheMappingAsEvidence() {
        ResultFacts result = new ResultFacts("R1", "E1", "HR-SEC1", "14749-6", "mmol/L", new BigDecimal("5.6"),
                ResultStatus.FINAL, AT, false, new LocalCodeFacts("http://lis.example/items", "GLU", "葡萄糖",
                GLU_MAPPING));
        CriterionResult item = criterion(facts(result, "GLU"), Criterion.ITEM_IN_CATALOG);
        assertThat(item.verdict()).isEqualTo(CriterionVerdict.PASS);
        assertThat(item.reason()).contains("maps to LOINC 14749-6").contains("catalog item GLU");
        assertThat(item.evidence()).extracting(Evidence::kind).containsExactly(Evidence.CODE_MAP, Evidence.CATALOG_ITEM);
        assertThat(item.evidence().get(0).reference()).isEqualTo("localcodes-HR-SEC1-x@3");
    }

    /** A value outside the item's plausible range once converted is held back, whatever its code. */
    @ParameterizedTest(name = "{0} {2} {3} under {1}: {4}")
    @CsvSource({
            // Synthea's total protein: g/L values labelled g/dL
            "TP,   2885-2,  70,    g/dL,   FAIL",
            "TP,   2885-2,  7.0,   g/dL,   PASS",
            "TP,   2885-2,  70,    g/L,    PASS",
            "ALB,  1751-7,  4.1,   g/dL,   PASS",
            "ALB,  1751-7,  4.1,   g/L,    FAIL",
            // glucose in mg/dL labelled mmol/L
            "GLU,  14749-6, 95,    mmol/L, FAIL",
            "GLU,  2345-7,  95,    mg/dL,  PASS",
            "HGB,  718-7,   13.5,  g/L,    FAIL",
            "HGB,  718-7,   135,   g/L,    PASS",
            "K,    2823-3,  15,    mmol/L, PASS",
            "K,    2823-3,  15.1,  mmol/L, FAIL",
            // no range for enzymes: any value
            "ALT,  1742-6,  12000, U/L,    PASS"})
    void implausibleValuesAreFlaggedNotRecognized(String item, String loinc, String value, String unit,
                                                  CriterionVerdict verdict) {
        ResultFacts result = new ResultFacts("R1", "E1", "HR-SEC1", loinc, unit, new BigDecimal(value),
                ResultStatus.FINAL, AT, false);
        CriterionResult units = criterion(facts(result, item), Criterion.UNIT_COMPATIBLE);
        assertThat(units.verdict()).as(units.reason()).isEqualTo(verdict);
        if (verdict == CriterionVerdict.FAIL) {
            assertThat(units.reason()).contains("plausible range");
            assertThat(units.evidence()).extracting(Evidence::kind).contains(Evidence.PLAUSIBLE_RANGE);
        }
    }
}
