package org.huren.domain.localcode;

import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.catalog.DefaultCatalog;
import org.huren.domain.common.DomainRuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalCodeMappingCheckTest {

    private static final LocalDate FROM = LocalDate.of(2026, 12, 1);
    static final Map<String, CatalogItem> CATALOG = DefaultCatalog.load(LocalDate.of(2024, 11, 1)).stream()
            .collect(Collectors.toMap(CatalogItem::code, Function.identity()));

    static LocalCodeProposal proposal(String code, String display, String unit, String itemCode) {
        return new LocalCodeProposal("", code, display, unit, itemCode, CATALOG.get(itemCode), "demo", FROM, false);
    }

    /** The lab's unit picks the LOINC code under which it converts: the primary one, else an alternative's. */
    @ParameterizedTest(name = "{0} in {2} → {3}")
    @CsvSource({
            "GLU,  葡萄糖,      mmol/L,   14749-6",
            "GLU,  葡萄糖,      mg/dL,    2345-7",
            "GLU,  葡萄糖,      g/L,      2345-7",
            "K,    钾,          mmol/L,   2823-3",
            "HGB,  血红蛋白,    g/dL,     718-7",
            "WBC,  白细胞计数,  10*3/uL,  6690-2",
            "HCT,  红细胞压积,  L/L,      4544-3",
            "CREA, 肌酐,        mg/dL,    2160-0",
            "TBIL, 总胆红素,    umol/L,   14631-6"})
    void aUnitThatConvertsMapsUnderTheLoincItConvertsUnder(String item, String display, String unit, String loinc) {
        LocalCodeMapping mapping = LocalCodeMappingCheck.check(proposal("L-" + item, display, unit, item));
        assertThat(mapping.loinc()).isEqualTo(loinc);
        assertThat(mapping.itemCode()).isEqualTo(item);
        assertThat(mapping.catalogUnit()).isEqualTo(CATALOG.get(item).ucumUnit());
        assertThat(mapping.itemName()).isEqualTo(CATALOG.get(item).nameEn());
    }

    /** Units that cannot be brought to the item's unit: the mapping is refused, naming the unit. */
    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
            "K,     mg/dL",
            "GLU,   U/L",
            "ALB,   mmol/L",
            "HBA1C, mmol/mol",
            "TSH,   mmol/L",
            "ALT,   ukat",
            "PLT,   g/L",
            "PT,    %"})
    void aUnitThatCannotConvertIsRefused(String item, String unit) {
        assertThatThrownBy(() -> LocalCodeMappingCheck.check(proposal("X1", "某项目", unit, item)))
                .isInstanceOfSatisfying(DomainRuleViolation.class, e -> {
                    assertThat(e.rule()).isEqualTo("unit-not-convertible");
                    assertThat(e.field()).isEqualTo("unit");
                    assertThat(e.getMessage()).contains(unit).contains(CATALOG.get(item).ucumUnit());
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", delimiter = ';', value = {
            "blank code;            ' ';     葡萄糖; mmol/L;     GLU;  code-required;          code",
            "code with spaces;      ' GLU';  葡萄糖; mmol/L;     GLU;  invalid-code;           code",
            "no display;            GLU;     -;      mmol/L;     GLU;  display-required;       display",
            "no unit;               GLU;     葡萄糖; -;          GLU;  unit-required;          unit",
            "not UCUM;              GLU;     葡萄糖; mmol/litre; GLU;  invalid-ucum;           unit",
            "unknown item;          GLU;     葡萄糖; mmol/L;     SUGAR; not-in-catalog;        itemCode"})
    void aBrokenRuleNamesItsField(String why, String code, String display, String unit, String item, String rule,
                                  String field) {
        LocalCodeProposal proposal = new LocalCodeProposal("rows[7]", code, display, unit, item, CATALOG.get(item),
                "demo", FROM, false);
        List<DomainRuleViolation> problems = LocalCodeMappingCheck.problems(proposal);
        assertThat(problems).as(why).extracting(DomainRuleViolation::rule).containsExactly(rule);
        assertThat(problems).extracting(DomainRuleViolation::field).containsExactly("rows[7]." + field);
    }

    @Test
    void everyProblemOfAProposalIsListed() {
        LocalCodeProposal nothing = new LocalCodeProposal("", null, null, null, null, null, "demo", null, false);
        assertThat(LocalCodeMappingCheck.problems(nothing)).extracting(DomainRuleViolation::field)
                .containsExactly("code", "display", "itemCode", "unit", "effectiveFrom");
    }

    @Test
    void aListImportedAgainLaterSaysTheSame() {
        LocalCodeMapping first = LocalCodeMappingCheck.check(proposal("GLU", "葡萄糖", "mmol/L", "GLU"));
        LocalCodeMapping later = LocalCodeMappingCheck.check(new LocalCodeProposal("", "GLU", "葡萄糖", "mmol/L",
                "GLU", CATALOG.get("GLU"), "demo", FROM.plusMonths(1), false));
        assertThat(later.saysTheSameAs(first)).isTrue();
        LocalCodeMapping otherUnit = LocalCodeMappingCheck.check(proposal("GLU", "葡萄糖", "mg/dL", "GLU"));
        assertThat(otherUnit.saysTheSameAs(first)).isFalse();
    }
}
