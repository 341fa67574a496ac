package org.huren.domain.localcode;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.domain.common.DomainRuleViolationMatcher.conflict;
import static org.huren.domain.common.DomainRuleViolationMatcher.ruleViolation;
import static org.huren.domain.localcode.LocalCodeMappingCheckTest.CATALOG;

/** A lab's code map: every change an event and a version; a wrong unit or an unordered change is refused. */
class LocalCodeMapTest {

    static final String LAB = "HR-SEC1";
    static final String SYSTEM = "http://lis.hr-sec1.example.cn/item-codes";
    static final String MAP = LocalCodeMap.idOf(LAB, SYSTEM);
    static final LocalDate DEC_1 = LocalDate.of(2026, 12, 1);
    static final LocalDate DEC_20 = LocalDate.of(2026, 12, 20);

    FixtureConfiguration<LocalCodeMap> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LocalCodeMap.class);
    }

    static LocalCodeProposal proposal(String code, String display, String unit, String item, LocalDate from) {
        return new LocalCodeProposal("", code, display, unit, item, CATALOG.get(item), "demo", from, false);
    }

    static MapLocalCodes map(MappingMode mode, LocalCodeProposal... proposals) {
        return new MapLocalCodes(MAP, LAB, SYSTEM, List.of(proposals), mode);
    }

    static LocalCodeMapping mapping(LocalCodeProposal proposal) {
        return LocalCodeMappingCheck.check(proposal);
    }

    static final LocalCodeProposal GLU = proposal("GLU", "葡萄糖", "mmol/L", "GLU", DEC_1);
    static final LocalCodeProposal K = proposal("K", "钾", "mmol/L", "K", DEC_1);

    @Test
    void theIdIsReadableAndAValidFhirId() {
        assertThat(MAP).startsWith("localcodes-HR-SEC1-").matches("[A-Za-z0-9.-]{1,64}");
        assertThat(LocalCodeMap.idOf(LAB, SYSTEM + "/v2")).isNotEqualTo(MAP);
        assertThat(LocalCodeMap.idOf("X".repeat(64), SYSTEM)).matches("localcodes-[0-9a-f]{24}");
    }

    @Test
    void eachMappedCodeIsAnEventAndAVersion() {
        fixture.givenNoPriorActivity().when(map(MappingMode.CREATE, GLU, K))
                .expectEvents(new LocalCodeMapped(MAP, LAB, SYSTEM, mapping(GLU), 1),
                        new LocalCodeMapped(MAP, LAB, SYSTEM, mapping(K), 2))
                .expectResultMessagePayload(new MappingOutcome(List.of(MappingOutcome.Change.MAPPED,
                        MappingOutcome.Change.MAPPED), 2));
    }

    @Test
    void theSameMappingAgainChangesNothing() {
        fixture.given(new LocalCodeMapped(MAP, LAB, SYSTEM, mapping(GLU), 1))
                .when(map(MappingMode.CREATE, proposal("GLU", "葡萄糖", "mmol/L", "GLU", DEC_20)))
                .expectNoEvents()
                .expectResultMessagePayload(new MappingOutcome(List.of(MappingOutcome.Change.UNCHANGED), 1));
    }

    @Test
    void aCreateOfAMappedCodeWithOtherContentIsAConflict() {
        fixture.given(new LocalCodeMapped(MAP, LAB, SYSTEM, mapping(GLU), 1))
                .when(map(MappingMode.CREATE, proposal("GLU", "葡萄糖", "mg/dL", "GLU", DEC_20)))
                .expectNoEvents().expectException(conflict("already-mapped", "code"));
    }

    @Test
    void aWrongUnitIsRefusedAndNothingOfTheRequestIsStored() {
        fixture.givenNoPriorActivity()
                .when(map(MappingMode.IMPORT, GLU, proposal("K", "钾", "mg/dL", "K", DEC_1)))
                .expectNoEvents().expectException(ruleViolation("unit-not-convertible", "unit"));
    }

    @Test
    void anAmendmentTakesEffectAfterTheVersionBefore() {
        LocalCodeProposal inMgPerDl = proposal("GLU", "葡萄糖", "mg/dL", "GLU", DEC_20);
        fixture.given(new LocalCodeMapped(MAP, LAB, SYSTEM, mapping(GLU), 1))
                .when(map(MappingMode.AMEND, inMgPerDl))
                .expectEvents(new LocalCodeMappingAmended(MAP, LAB, SYSTEM, mapping(inMgPerDl), 2));
        fixture.given(new LocalCodeMapped(MAP, LAB, SYSTEM, mapping(GLU), 1))
                .when(map(MappingMode.AMEND, proposal("GLU", "葡萄糖", "mg/dL", "GLU", DEC_1)))
                .expectNoEvents().expectException(ruleViolation("amendment-not-later", "effectiveFrom"));
        fixture.givenNoPriorActivity().when(map(MappingMode.AMEND, GLU))
                .expectNoEvents().expectException(ruleViolation("not-mapped", "code"));
    }

    @Test
    void anImportMapsNewCodesAmendsChangedOnesAndLeavesTheRestAlone() {
        LocalCodeProposal kLater = proposal("K", "钾", "mmol/L", "K", DEC_20);
        LocalCodeProposal gluLater = proposal("GLU", "葡萄糖(mg/dL)", "mg/dL", "GLU", DEC_20);
        LocalCodeProposal na = proposal("NA", "钠", "mmol/L", "NA", DEC_20);
        fixture.given(new LocalCodeMapped(MAP, LAB, SYSTEM, mapping(GLU), 1),
                        new LocalCodeMapped(MAP, LAB, SYSTEM, mapping(K), 2))
                .when(new MapLocalCodes(MAP, LAB, SYSTEM, List.of(kLater, gluLater, na), MappingMode.IMPORT))
                .expectEvents(new LocalCodeMappingAmended(MAP, LAB, SYSTEM, mapping(gluLater), 3),
                        new LocalCodeMapped(MAP, LAB, SYSTEM, mapping(na), 4))
                .expectResultMessagePayload(new MappingOutcome(List.of(MappingOutcome.Change.UNCHANGED,
                        MappingOutcome.Change.AMENDED, MappingOutcome.Change.MAPPED), 4));
    }

    @Test
    void aCodeTwiceInOneRequestIsRefused() {
        LocalCodeProposal again = new LocalCodeProposal("rows[3]", "GLU", "血糖", "mmol/L", "GLU",
                CATALOG.get("GLU"), "demo", DEC_1, false);
        fixture.givenNoPriorActivity().when(map(MappingMode.IMPORT, GLU, again))
                .expectNoEvents().expectException(ruleViolation("duplicate-code", "rows[3].code"));
    }

    @Test
    void aRetiredCodeMapsToNothingFromItsDayAndMayBeMappedAgainLater() {
        fixture.given(new LocalCodeMapped(MAP, LAB, SYSTEM, mapping(GLU), 1))
                .when(new RetireLocalCode(MAP, "GLU", DEC_20, "改用新代码 GLU2"))
                .expectEvents(new LocalCodeRetired(MAP, LAB, SYSTEM, "GLU", DEC_20, "改用新代码 GLU2", 2))
                .expectResultMessagePayload(new MappingOutcome(List.of(MappingOutcome.Change.RETIRED), 2));
        fixture.given(new LocalCodeMapped(MAP, LAB, SYSTEM, mapping(GLU), 1),
                        new LocalCodeRetired(MAP, LAB, SYSTEM, "GLU", DEC_20, "改用新代码 GLU2", 2))
                .when(new RetireLocalCode(MAP, "GLU", DEC_20, "again")).expectNoEvents()
                .expectResultMessagePayload(new MappingOutcome(List.of(MappingOutcome.Change.UNCHANGED), 2));
        LocalCodeProposal mappedAgain = proposal("GLU", "葡萄糖", "mmol/L", "GLU", DEC_20.plusDays(5));
        fixture.given(new LocalCodeMapped(MAP, LAB, SYSTEM, mapping(GLU), 1),
                        new LocalCodeRetired(MAP, LAB, SYSTEM, "GLU", DEC_20, "改用新代码 GLU2", 2))
                .when(map(MappingMode.CREATE, mappedAgain))
                .expectEvents(new LocalCodeMapped(MAP, LAB, SYSTEM, mapping(mappedAgain), 3));
        fixture.given(new LocalCodeMapped(MAP, LAB, SYSTEM, mapping(GLU), 1),
                        new LocalCodeRetired(MAP, LAB, SYSTEM, "GLU", DEC_20, "改用新代码 GLU2", 2))
                .when(map(MappingMode.CREATE, proposal("GLU", "葡萄糖", "mmol/L", "GLU", DEC_1)))
                .expectNoEvents().expectException(ruleViolation("mapping-before-retirement", "effectiveFrom"));
    }

    @Test
    void aRetirementNeedsAMappedCodeAReasonAndADayNotBeforeTheMapping() {
        fixture.given(new LocalCodeMapped(MAP, LAB, SYSTEM, mapping(GLU), 1))
                .when(new RetireLocalCode(MAP, "K", DEC_20, "gone")).expectNoEvents()
                .expectException(ruleViolation("not-mapped", "code"));
        fixture.given(new LocalCodeMapped(MAP, LAB, SYSTEM, mapping(GLU), 1))
                .when(new RetireLocalCode(MAP, "GLU", DEC_20, " ")).expectNoEvents()
                .expectException(ruleViolation("reason-required", "reason"));
        fixture.given(new LocalCodeMapped(MAP, LAB, SYSTEM, mapping(GLU), 1))
                .when(new RetireLocalCode(MAP, "GLU", DEC_1.minusDays(1), "gone")).expectNoEvents()
                .expectException(ruleViolation("retirement-before-mapping", "effectiveFrom"));
    }

    @Test
    void loincIsNoLabsLocalCodeSystem() {
        String loincMap = LocalCodeMap.idOf(LAB, "http://loinc.org");
        fixture.givenNoPriorActivity()
                .when(new MapLocalCodes(loincMap, LAB, "http://loinc.org", List.of(GLU), MappingMode.CREATE))
                .expectNoEvents().expectException(ruleViolation("invalid-system", "system"));
    }
}
