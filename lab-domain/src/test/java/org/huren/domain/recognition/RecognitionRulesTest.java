package org.huren.domain.recognition;

import org.huren.domain.alliance.MemberStatus;
import org.huren.domain.catalog.AllowableError;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.labresult.ResultStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RecognitionRulesTest {

    /** 2025-06-10 10:00 in China Standard Time. */
    private static final Instant RESULT_AT = Instant.parse("2025-06-10T02:00:00Z");
    private static final Duration MS = Duration.ofMillis(1);
    private static final Duration H = Duration.ofHours(1);

    private static final CatalogItem POTASSIUM = new CatalogItem("K", "钾", "Potassium", "chemistry", "2823-3",
            "mmol/L", List.of(), new AllowableError(new BigDecimal("0.2"), new BigDecimal("6")),
            new BigDecimal("2.5"), new BigDecimal("2.0"), 7, "Hubei list", "serum/plasma", "WS/T 403-2024",
            LocalDate.of(2025, 1, 1));

    // ------------------------------------------------------------------ scenario: every criterion passes

    /**
     * Test data: the facts, the decision's time and the reuse time. Times default relative to the result's time:
     * IQC runs 2 h before (accepted) and 4 h after (accepted), decided 1 day after, reused 3 days after.
     */
    private static final class Scenario {
        String resultId = "R-1";
        String loinc = "2823-3";
        String unit = "mmol/L";
        BigDecimal value = new BigDecimal("4.2");
        ResultStatus status = ResultStatus.FINAL;
        Instant effectiveAt = RESULT_AT;
        boolean blind;
        List<MembershipPeriod> membership = List.of(
                new MembershipPeriod(MemberStatus.ACTIVE, Instant.parse("2024-12-31T16:00:00Z"), null, "E-M1"));
        Optional<CatalogItem> item = Optional.of(POTASSIUM);
        int itemVersion = 3;
        List<AccreditationFacts> accreditations = List.of(accreditation(LocalDate.of(2025, 1, 1),
                LocalDate.of(2026, 12, 31), null));
        Optional<EqaStanding> eqa = Optional.of(
                new EqaStanding("EQA-2025-1", Instant.parse("2025-05-01T08:00:00Z"), true, false, "E-Q1"));
        Function<Instant, List<IqcRun>> iqc = t -> List.of(
                run("IQC-1", t.minus(H.multipliedBy(2)), IqcOutcome.ACCEPTED),
                run("IQC-2", t.plus(H.multipliedBy(4)), IqcOutcome.ACCEPTED));
        List<MajorFinding> findings = List.of();
        List<IqcMonthlyCv> monthlyCv = List.of();
        Instant asOf;
        Instant reuseAt;

        Scenario with(UnaryOperator<Scenario> change) {
            return change.apply(this);
        }

        Instant asOf() {
            return asOf != null ? asOf : effectiveAt.plus(Duration.ofDays(1));
        }

        Instant reuseAt() {
            return reuseAt != null ? reuseAt : effectiveAt.plus(Duration.ofDays(3));
        }

        RecognitionFacts facts() {
            return new RecognitionFacts(
                    new ResultFacts(resultId, "E-" + resultId, "LAB-A", loinc, unit, value, status, effectiveAt,
                            blind),
                    membership, item, itemVersion, accreditations, eqa, iqc.apply(effectiveAt), findings,
                    monthlyCv);
        }

        RecognitionDecision decide(RecognitionPolicy policy) {
            return RecognitionRules.decide(facts(), asOf(), policy);
        }

        RecognitionDecision decideReuse(RecognitionPolicy policy) {
            return RecognitionRules.decideReuse(facts(), asOf(), reuseAt(), policy);
        }
    }

    private static Scenario baseline() {
        return new Scenario();
    }

    private static AccreditationFacts accreditation(LocalDate from, LocalDate until, Instant withdrawn) {
        return new AccreditationFacts("K", from, until, withdrawn, "AS-1", "E-A1");
    }

    private static IqcRun run(String id, Instant at, IqcOutcome outcome) {
        return new IqcRun(id, at, outcome, "E-" + id);
    }

    private static MajorFinding finding(String id, Instant recorded, Instant verified, String... items) {
        return new MajorFinding(id, recorded, verified, Set.of(items), "E-" + id);
    }

    private static Set<Criterion> verdicts(RecognitionDecision decision, CriterionVerdict verdict) {
        return decision.criteria().stream().filter(c -> c.verdict() == verdict).map(CriterionResult::criterion)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Criterion.class)));
    }

    private static Set<Criterion> criteriaOf(List<CriterionResult> results) {
        return results.stream().map(CriterionResult::criterion)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Criterion.class)));
    }

    @Test
    void aMonthWhoseIqcCvExceedsTheItemsMaximumFailsIqcInControl() {
        String month = org.huren.domain.alliance.AllianceTime.dateOf(RESULT_AT).toString().substring(0, 7);
        BigDecimal max = POTASSIUM.cvMaxPercent();
        RecognitionDecision within = baseline().with(s -> {
            s.monthlyCv = List.of(new IqcMonthlyCv(month, "L1", max, 30));
            return s;
        }).decide(RecognitionPolicy.defaults());
        assertThat(within.result(Criterion.IQC_IN_CONTROL).orElseThrow().verdict())
                .as("exactly at the maximum is not above it").isEqualTo(CriterionVerdict.PASS);
        RecognitionDecision above = baseline().with(s -> {
            s.monthlyCv = List.of(new IqcMonthlyCv(month, "L2", max.add(new BigDecimal("0.01")), 30));
            return s;
        }).decide(RecognitionPolicy.defaults());
        assertThat(above.result(Criterion.IQC_IN_CONTROL).orElseThrow().verdict()).isEqualTo(CriterionVerdict.FAIL);
        assertThat(above.result(Criterion.IQC_IN_CONTROL).orElseThrow().reason()).contains("L2").contains(month);
        RecognitionDecision otherMonth = baseline().with(s -> {
            s.monthlyCv = List.of(new IqcMonthlyCv("1999-01", "L2", max.add(BigDecimal.TEN), 30));
            return s;
        }).decide(RecognitionPolicy.defaults());
        assertThat(otherMonth.result(Criterion.IQC_IN_CONTROL).orElseThrow().verdict())
                .isEqualTo(CriterionVerdict.PASS);
    }

    @Test
    void baselineIsRecognizedOnEveryCriterionWithEvidence() {
        RecognitionDecision decision = baseline().decideReuse(RecognitionPolicy.defaults());

        assertThat(decision.status()).isEqualTo(RecognitionStatus.RECOGNIZED);
        assertThat(decision.isRecognized()).isTrue();
        assertThat(decision.failing()).isEmpty();
        assertThat(decision.criteria()).extracting(CriterionResult::criterion).containsExactly(Criterion.values());
        assertThat(decision.criteria()).allSatisfy(c -> {
            assertThat(c.verdict()).isEqualTo(CriterionVerdict.PASS);
            assertThat(c.reason()).isNotBlank();
        });
        assertThat(decision.result(Criterion.MEMBER_ACTIVE).orElseThrow().evidence())
                .containsExactly(new Evidence("event", "E-M1", "lab active from 2024-12-31T16:00:00Z"));
        assertThat(decision.result(Criterion.ITEM_IN_CATALOG).orElseThrow().evidence())
                .extracting(Evidence::kind, Evidence::reference).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("catalog-item", "K@3"));
        assertThat(decision.result(Criterion.LAB_ACCREDITED).orElseThrow().evidence())
                .extracting(Evidence::kind, Evidence::reference).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("accreditation", "E-A1"));
        assertThat(decision.result(Criterion.EQA_SATISFACTORY).orElseThrow().evidence())
                .extracting(Evidence::kind, Evidence::reference).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("eqa-round", "EQA-2025-1"));
        assertThat(decision.result(Criterion.IQC_IN_CONTROL).orElseThrow().evidence())
                .extracting(Evidence::reference).containsExactly("IQC-1", "IQC-2");
        assertThat(decision.result(Criterion.RESULT_FINAL).orElseThrow().evidence())
                .extracting(Evidence::kind, Evidence::reference).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("result", "R-1"));
    }

    @Test
    void decideLeavesValidityToReuse() {
        RecognitionDecision decision = baseline().decide(RecognitionPolicy.defaults());

        assertThat(decision.status()).isEqualTo(RecognitionStatus.RECOGNIZED);
        assertThat(decision.result(Criterion.WITHIN_VALIDITY)).isEmpty();
        assertThat(decision.criteria()).hasSize(Criterion.values().length - 1);
        // a result far too old to reuse is still a recognized result
        assertThat(baseline().with(s -> {
            s.asOf = RESULT_AT.plus(Duration.ofDays(100));
            return s;
        }).decide(RecognitionPolicy.defaults()).status()).isEqualTo(RecognitionStatus.RECOGNIZED);
    }

    // ------------------------------------------------------------------ each criterion failing alone

    static Stream<Arguments> failures() {
        Instant t = RESULT_AT;
        return Stream.of(
                // MEMBER_ACTIVE
                failing("suspended member", s -> {
                    s.membership = List.of(
                            new MembershipPeriod(MemberStatus.ACTIVE, Instant.parse("2025-01-01T00:00:00Z"),
                                    Instant.parse("2025-06-01T00:00:00Z"), "E-M1"),
                            new MembershipPeriod(MemberStatus.SUSPENDED, Instant.parse("2025-06-01T00:00:00Z"), null,
                                    "E-M2"));
                    return s;
                }, Criterion.MEMBER_ACTIVE, "suspended"),
                failing("withdrawn member", s -> {
                    s.membership = List.of(
                            new MembershipPeriod(MemberStatus.ACTIVE, Instant.parse("2025-01-01T00:00:00Z"),
                                    Instant.parse("2025-06-01T00:00:00Z"), "E-M1"),
                            new MembershipPeriod(MemberStatus.WITHDRAWN, Instant.parse("2025-06-01T00:00:00Z"), null,
                                    "E-M2"));
                    return s;
                }, Criterion.MEMBER_ACTIVE, "withdrawn"),
                failing("no membership at the result's time (membership ended before)", s -> {
                    s.membership = List.of(new MembershipPeriod(MemberStatus.ACTIVE,
                            Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-06-01T00:00:00Z"), "E-M1"));
                    return s;
                }, Criterion.MEMBER_ACTIVE, "not a member"),
                failing("no membership at the result's time (enrolled after)", s -> {
                    s.membership = List.of(new MembershipPeriod(MemberStatus.ACTIVE, t.plus(MS), null, "E-M1"));
                    return s;
                }, Criterion.MEMBER_ACTIVE, "not a member"),
                failing("no membership at all", s -> {
                    s.membership = List.of();
                    return s;
                }, Criterion.MEMBER_ACTIVE, "not a member"),
                failing("membership ends exactly at the result's time", s -> {
                    s.membership = List.of(new MembershipPeriod(MemberStatus.ACTIVE,
                            Instant.parse("2025-01-01T00:00:00Z"), t, "E-M1"));
                    return s;
                }, Criterion.MEMBER_ACTIVE, "not a member"),
                // ITEM_IN_CATALOG: the item-dependent criteria cannot hold either
                failing("item not in catalog", s -> {
                    s.item = Optional.empty();
                    return s;
                }, Criterion.ITEM_IN_CATALOG, "maps to no item",
                        Criterion.UNIT_COMPATIBLE, Criterion.LAB_ACCREDITED, Criterion.WITHIN_VALIDITY),
                // UNIT_COMPATIBLE
                failing("incompatible unit (mass for a molar item, no catalog factor)", s -> {
                    s.unit = "mg/dL";
                    return s;
                }, Criterion.UNIT_COMPATIBLE, "does not convert"),
                failing("unknown unit", s -> {
                    s.unit = "furlong/fortnight";
                    return s;
                }, Criterion.UNIT_COMPATIBLE, "does not convert"),
                failing("a quantity without a unit", s -> {
                    s.unit = null;
                    return s;
                }, Criterion.UNIT_COMPATIBLE, "(none)"),
                // LAB_ACCREDITED
                failing("accreditation missing", s -> {
                    s.accreditations = List.of();
                    return s;
                }, Criterion.LAB_ACCREDITED, "not accredited for K"),
                failing("accreditation only for another item", s -> {
                    s.accreditations = List.of(new AccreditationFacts("NA", LocalDate.of(2025, 1, 1),
                            LocalDate.of(2026, 12, 31), null, "AS-1", "E-A1"));
                    return s;
                }, Criterion.LAB_ACCREDITED, "not accredited for K"),
                failing("accreditation expired the day before the result", s -> {
                    s.accreditations = List.of(accreditation(LocalDate.of(2024, 6, 10), LocalDate.of(2025, 6, 9),
                            null));
                    return s;
                }, Criterion.LAB_ACCREDITED, "expired after 2025-06-09"),
                failing("accreditation valid until the result's date, result just after midnight CST", s -> {
                    s.accreditations = List.of(accreditation(LocalDate.of(2024, 6, 10), LocalDate.of(2025, 6, 10),
                            null));
                    s.effectiveAt = Instant.parse("2025-06-10T16:00:00Z"); // 2025-06-11 00:00 CST
                    return s;
                }, Criterion.LAB_ACCREDITED, "expired after 2025-06-10"),
                failing("accreditation not yet valid", s -> {
                    s.accreditations = List.of(accreditation(LocalDate.of(2025, 6, 11), LocalDate.of(2027, 6, 10),
                            null));
                    return s;
                }, Criterion.LAB_ACCREDITED, "valid only from 2025-06-11"),
                failing("accreditation withdrawn before the result", s -> {
                    s.accreditations = List.of(accreditation(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 31),
                            t.minus(H)));
                    return s;
                }, Criterion.LAB_ACCREDITED, "withdrawn since 2025-06-10T01:00:00Z"),
                failing("withdrawal effective exactly at the result's time", s -> {
                    s.accreditations = List.of(accreditation(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 31),
                            t));
                    return s;
                }, Criterion.LAB_ACCREDITED, "withdrawn since"),
                // EQA_SATISFACTORY
                failing("EQA unsatisfactory", s -> {
                    s.eqa = Optional.of(new EqaStanding("EQA-2025-1", Instant.parse("2025-05-01T08:00:00Z"), false,
                            false, "E-Q1"));
                    return s;
                }, Criterion.EQA_SATISFACTORY, "unsatisfactory"),
                failing("EQA unsuccessful, even with a satisfactory latest round", s -> {
                    s.eqa = Optional.of(new EqaStanding("EQA-2025-1", Instant.parse("2025-05-01T08:00:00Z"), true,
                            true, "E-Q1"));
                    return s;
                }, Criterion.EQA_SATISFACTORY, "unsuccessful"),
                failing("EQA too old", s -> {
                    s.eqa = Optional.of(new EqaStanding("EQA-2024-1", Instant.parse("2024-05-01T08:00:00Z"), true,
                            false, "E-Q1"));
                    return s;
                }, Criterion.EQA_SATISFACTORY, "no recent EQA"),
                failing("EQA graded 365 days + 1 ms before the decision", s -> {
                    s.eqa = Optional.of(new EqaStanding("EQA-2024-2", s.asOf().minus(Duration.ofDays(365)).minus(MS),
                            true, false, "E-Q1"));
                    return s;
                }, Criterion.EQA_SATISFACTORY, "more than 365 days"),
                // IQC_IN_CONTROL
                failing("IQC bracketing run rejected", s -> {
                    s.iqc = r -> List.of(run("IQC-1", r.minus(H.multipliedBy(2)), IqcOutcome.REJECTED),
                            run("IQC-2", r.plus(H.multipliedBy(4)), IqcOutcome.ACCEPTED));
                    return s;
                }, Criterion.IQC_IN_CONTROL, "bracketing IQC run IQC-1"),
                failing("IQC run at exactly the result's time is the bracketing one", s -> {
                    s.iqc = r -> List.of(run("IQC-1", r.minus(H.multipliedBy(2)), IqcOutcome.ACCEPTED),
                            run("IQC-2", r, IqcOutcome.REJECTED),
                            run("IQC-3", r.plus(H), IqcOutcome.ACCEPTED));
                    return s;
                }, Criterion.IQC_IN_CONTROL, "bracketing IQC run IQC-2"),
                failing("no IQC run within 24 h", s -> {
                    s.iqc = r -> List.of(run("IQC-1", r.minus(H.multipliedBy(30)), IqcOutcome.ACCEPTED),
                            run("IQC-2", r.plus(H.multipliedBy(4)), IqcOutcome.ACCEPTED));
                    return s;
                }, Criterion.IQC_IN_CONTROL, "no IQC run within 24 h before the result"),
                failing("IQC run 24 h + 1 ms before the result", s -> {
                    s.iqc = r -> List.of(run("IQC-1", r.minus(Duration.ofHours(24)).minus(MS), IqcOutcome.ACCEPTED));
                    return s;
                }, Criterion.IQC_IN_CONTROL, "no IQC run within 24 h before the result"),
                failing("IQC runs only after the result", s -> {
                    s.iqc = r -> List.of(run("IQC-2", r.plus(H), IqcOutcome.ACCEPTED));
                    return s;
                }, Criterion.IQC_IN_CONTROL, "no IQC run within 24 h before the result"),
                failing("IQC run rejected after the result, before the next accepted", s -> {
                    s.iqc = r -> List.of(run("IQC-1", r.minus(H.multipliedBy(2)), IqcOutcome.ACCEPTED),
                            run("IQC-2", r.plus(H), IqcOutcome.WARNING),
                            run("IQC-R", r.plus(H.multipliedBy(2)), IqcOutcome.REJECTED),
                            run("IQC-4", r.plus(H.multipliedBy(4)), IqcOutcome.ACCEPTED));
                    return s;
                }, Criterion.IQC_IN_CONTROL, "run IQC-R at 2025-06-10T04:00:00Z rejected after the result"),
                failing("IQC run rejected after the result, no accepted run yet", s -> {
                    s.iqc = r -> List.of(run("IQC-1", r.minus(H.multipliedBy(2)), IqcOutcome.ACCEPTED),
                            run("IQC-R", r.plus(H.multipliedBy(2)), IqcOutcome.REJECTED));
                    return s;
                }, Criterion.IQC_IN_CONTROL, "results since the last accepted run are withdrawn"),
                // NO_OPEN_MAJOR_FINDING
                failing("open major finding for the item", s -> {
                    s.findings = List.of(finding("F-1", t.plus(H), null, "K", "NA"));
                    return s;
                }, Criterion.NO_OPEN_MAJOR_FINDING, "open major finding F-1 covering K"),
                failing("open major finding for the whole lab", s -> {
                    s.findings = List.of(finding("F-1", t.minus(Duration.ofDays(30)), null));
                    return s;
                }, Criterion.NO_OPEN_MAJOR_FINDING, "covering the whole lab"),
                failing("major finding verified only after the decision", s -> {
                    s.findings = List.of(finding("F-1", t.minus(Duration.ofDays(30)), s.asOf().plus(MS), "K"));
                    return s;
                }, Criterion.NO_OPEN_MAJOR_FINDING, "open major finding F-1"),
                failing("major finding recorded exactly at the decision's time", s -> {
                    s.findings = List.of(finding("F-1", s.asOf(), null, "K"));
                    return s;
                }, Criterion.NO_OPEN_MAJOR_FINDING, "open major finding F-1"),
                // RESULT_FINAL
                failing("retracted result", s -> {
                    s.status = ResultStatus.ENTERED_IN_ERROR;
                    return s;
                }, Criterion.RESULT_FINAL, "retracted"),
                failing("preliminary result", s -> {
                    s.status = ResultStatus.PRELIMINARY;
                    return s;
                }, Criterion.RESULT_FINAL, "preliminary, not final"),
                failing("blind sample", s -> {
                    s.blind = true;
                    return s;
                }, Criterion.RESULT_FINAL, "blind sample"),
                // WITHIN_VALIDITY
                failing("too old for reuse", s -> {
                    s.reuseAt = t.plus(Duration.ofDays(10));
                    return s;
                }, Criterion.WITHIN_VALIDITY, "too old: 10.00 days"),
                failing("reused 7 days + 1 ms after the result", s -> {
                    s.reuseAt = t.plus(Duration.ofDays(7)).plus(MS);
                    return s;
                }, Criterion.WITHIN_VALIDITY, "too old"),
                failing("result later than the reuse", s -> {
                    s.reuseAt = t.minus(MS);
                    return s;
                }, Criterion.WITHIN_VALIDITY, "later than the reuse"));
    }

    private static Arguments failing(String name, UnaryOperator<Scenario> change, Criterion criterion, String reason,
                                     Criterion... consequences) {
        Set<Criterion> expected = EnumSet.of(criterion, consequences);
        return arguments(name, change, criterion, reason, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void eachCauseFailsItsCriterionAlone(String name, UnaryOperator<Scenario> change, Criterion criterion,
                                         String reason, Set<Criterion> expected) {
        Scenario scenario = baseline().with(change);

        RecognitionDecision reuse = scenario.decideReuse(RecognitionPolicy.defaults());
        assertThat(reuse.status()).isEqualTo(RecognitionStatus.NOT_RECOGNIZED);
        assertThat(verdicts(reuse, CriterionVerdict.FAIL)).isEqualTo(expected);
        assertThat(verdicts(reuse, CriterionVerdict.NOT_YET_KNOWN)).isEmpty();
        assertThat(criteriaOf(reuse.failing())).isEqualTo(expected);
        assertThat(reuse.result(criterion).orElseThrow().reason()).contains(reason);

        Set<Criterion> expectedForRecognition = EnumSet.copyOf(expected);
        expectedForRecognition.remove(Criterion.WITHIN_VALIDITY);
        RecognitionDecision decision = scenario.decide(RecognitionPolicy.defaults());
        assertThat(decision.status()).isEqualTo(expectedForRecognition.isEmpty() ? RecognitionStatus.RECOGNIZED
                : RecognitionStatus.NOT_RECOGNIZED);
        assertThat(criteriaOf(decision.failing())).isEqualTo(expectedForRecognition);
    }

    // ------------------------------------------------------------------ near misses that still pass

    static Stream<Arguments> passes() {
        Instant t = RESULT_AT;
        return Stream.of(
                passing("reinstated member: active period after a suspension", s -> {
                    s.membership = List.of(
                            new MembershipPeriod(MemberStatus.ACTIVE, Instant.parse("2025-01-01T00:00:00Z"),
                                    Instant.parse("2025-05-01T00:00:00Z"), "E-M1"),
                            new MembershipPeriod(MemberStatus.SUSPENDED, Instant.parse("2025-05-01T00:00:00Z"),
                                    Instant.parse("2025-06-01T00:00:00Z"), "E-M2"),
                            new MembershipPeriod(MemberStatus.ACTIVE, Instant.parse("2025-06-01T00:00:00Z"), null,
                                    "E-M3"));
                    return s;
                }),
                passing("membership begins exactly at the result's time", s -> {
                    s.membership = List.of(new MembershipPeriod(MemberStatus.ACTIVE, t, null, "E-M1"));
                    return s;
                }),
                passing("suspended only after the result", s -> {
                    s.membership = List.of(
                            new MembershipPeriod(MemberStatus.ACTIVE, Instant.parse("2025-01-01T00:00:00Z"),
                                    t.plus(MS), "E-M1"),
                            new MembershipPeriod(MemberStatus.SUSPENDED, t.plus(MS), null, "E-M2"));
                    return s;
                }),
                passing("unit converts by UCUM (umol/L to mmol/L)", s -> {
                    s.unit = "umol/L";
                    s.value = new BigDecimal("4200");
                    return s;
                }),
                passing("qualitative result: no value, no unit", s -> {
                    s.unit = null;
                    s.value = null;
                    return s;
                }),
                passing("accreditation withdrawn effective after the result", s -> {
                    s.accreditations = List.of(accreditation(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 31),
                            t.plus(MS)));
                    return s;
                }),
                passing("accreditation valid until the result's date (CST), result at 23:59:59.999 CST", s -> {
                    s.accreditations = List.of(accreditation(LocalDate.of(2024, 6, 10), LocalDate.of(2025, 6, 10),
                            null));
                    s.effectiveAt = Instant.parse("2025-06-10T15:59:59.999Z");
                    return s;
                }),
                passing("accreditation valid from the result's date (CST), result just after midnight CST", s -> {
                    s.accreditations = List.of(accreditation(LocalDate.of(2025, 6, 10), LocalDate.of(2027, 6, 9),
                            null));
                    s.effectiveAt = Instant.parse("2025-06-09T16:00:00Z");
                    return s;
                }),
                passing("an expired and a withdrawn accreditation, then a renewed one", s -> {
                    s.accreditations = List.of(
                            accreditation(LocalDate.of(2023, 1, 1), LocalDate.of(2024, 12, 31), null),
                            accreditation(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 31),
                                    Instant.parse("2025-03-01T00:00:00Z")),
                            new AccreditationFacts("K", LocalDate.of(2025, 5, 1), LocalDate.of(2027, 4, 30), null,
                                    "AS-2", "E-A2"));
                    return s;
                }),
                passing("EQA graded exactly 365 days before the decision", s -> {
                    s.eqa = Optional.of(new EqaStanding("EQA-2024-2", s.asOf().minus(Duration.ofDays(365)), true,
                            false, "E-Q1"));
                    return s;
                }),
                passing("IQC run exactly 24 h before the result", s -> {
                    s.iqc = r -> List.of(run("IQC-1", r.minus(Duration.ofHours(24)), IqcOutcome.ACCEPTED));
                    return s;
                }),
                passing("IQC run at exactly the result's time", s -> {
                    s.iqc = r -> List.of(run("IQC-0", r.minus(H.multipliedBy(30)), IqcOutcome.REJECTED),
                            run("IQC-1", r, IqcOutcome.ACCEPTED));
                    return s;
                }),
                passing("IQC bracketing run with a warning (1-2s)", s -> {
                    s.iqc = r -> List.of(run("IQC-1", r.minus(H), IqcOutcome.WARNING));
                    return s;
                }),
                passing("IQC rejected before the bracketing accepted run", s -> {
                    s.iqc = r -> List.of(run("IQC-0", r.minus(H.multipliedBy(3)), IqcOutcome.REJECTED),
                            run("IQC-1", r.minus(H), IqcOutcome.ACCEPTED));
                    return s;
                }),
                passing("IQC rejected only after the next accepted run", s -> {
                    s.iqc = r -> List.of(run("IQC-1", r.minus(H.multipliedBy(2)), IqcOutcome.ACCEPTED),
                            run("IQC-2", r.plus(H), IqcOutcome.WARNING),
                            run("IQC-3", r.plus(H.multipliedBy(2)), IqcOutcome.ACCEPTED),
                            run("IQC-R", r.plus(H.multipliedBy(3)), IqcOutcome.REJECTED));
                    return s;
                }),
                passing("IQC rejected after the decision's time is not known yet", s -> {
                    s.iqc = r -> List.of(run("IQC-1", r.minus(H.multipliedBy(2)), IqcOutcome.ACCEPTED),
                            run("IQC-R", r.plus(Duration.ofDays(1)).plus(MS), IqcOutcome.REJECTED));
                    return s;
                }),
                passing("IQC runs given out of order", s -> {
                    s.iqc = r -> List.of(run("IQC-2", r.plus(H.multipliedBy(4)), IqcOutcome.ACCEPTED),
                            run("IQC-1", r.minus(H.multipliedBy(2)), IqcOutcome.ACCEPTED));
                    return s;
                }),
                passing("major finding verified before the decision", s -> {
                    s.findings = List.of(finding("F-1", t.minus(Duration.ofDays(30)), t, "K"));
                    return s;
                }),
                passing("major finding verified exactly at the decision's time", s -> {
                    s.findings = List.of(finding("F-1", t.minus(Duration.ofDays(30)), s.asOf(), "K"));
                    return s;
                }),
                passing("major finding for another item", s -> {
                    s.findings = List.of(finding("F-1", t.minus(Duration.ofDays(30)), null, "NA", "CL"));
                    return s;
                }),
                passing("major finding recorded after the decision's time", s -> {
                    s.findings = List.of(finding("F-1", s.asOf().plus(MS), null));
                    return s;
                }),
                passing("amended result", s -> {
                    s.status = ResultStatus.AMENDED;
                    return s;
                }),
                passing("corrected result", s -> {
                    s.status = ResultStatus.CORRECTED;
                    return s;
                }),
                passing("reused exactly 7 days after the result", s -> {
                    s.reuseAt = t.plus(Duration.ofDays(7));
                    return s;
                }),
                passing("reused at the result's own time", s -> {
                    s.reuseAt = t;
                    return s;
                }));
    }

    private static Arguments passing(String name, UnaryOperator<Scenario> change) {
        return arguments(name, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("passes")
    void nearMissesStillPass(String name, UnaryOperator<Scenario> change) {
        Scenario scenario = baseline().with(change);

        RecognitionDecision reuse = scenario.decideReuse(RecognitionPolicy.defaults());
        assertThat(reuse.failing()).isEmpty();
        assertThat(verdicts(reuse, CriterionVerdict.PASS)).containsExactlyInAnyOrder(Criterion.values());
        assertThat(reuse.status()).isEqualTo(RecognitionStatus.RECOGNIZED);
        assertThat(scenario.decide(RecognitionPolicy.defaults()).status()).isEqualTo(RecognitionStatus.RECOGNIZED);
    }

    // ------------------------------------------------------------------ not yet known

    static Stream<Arguments> notYetKnown() {
        return Stream.of(
                arguments("no EQA graded yet", (UnaryOperator<Scenario>) s -> {
                    s.eqa = Optional.empty();
                    return s;
                }, Criterion.EQA_SATISFACTORY),
                arguments("EQA graded only after the decision's time", (UnaryOperator<Scenario>) s -> {
                    s.eqa = Optional.of(new EqaStanding("EQA-2025-2", s.asOf().plus(MS), true, false, "E-Q2"));
                    return s;
                }, Criterion.EQA_SATISFACTORY),
                arguments("IQC not yet known (null)", (UnaryOperator<Scenario>) s -> {
                    s.iqc = r -> null;
                    return s;
                }, Criterion.IQC_IN_CONTROL),
                arguments("no IQC run recorded (empty)", (UnaryOperator<Scenario>) s -> {
                    s.iqc = r -> List.of();
                    return s;
                }, Criterion.IQC_IN_CONTROL),
                arguments("IQC runs only after the decision's time", (UnaryOperator<Scenario>) s -> {
                    s.iqc = r -> List.of(run("IQC-9", r.plus(Duration.ofDays(2)), IqcOutcome.ACCEPTED));
                    return s;
                }, Criterion.IQC_IN_CONTROL),
                arguments("audit findings not yet known", (UnaryOperator<Scenario>) s -> {
                    s.findings = null;
                    return s;
                }, Criterion.NO_OPEN_MAJOR_FINDING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notYetKnown")
    void notYetKnownIsPendingByDefault(String name, UnaryOperator<Scenario> change, Criterion criterion) {
        RecognitionDecision decision = baseline().with(change).decideReuse(RecognitionPolicy.defaults());

        assertThat(decision.status()).isEqualTo(RecognitionStatus.PENDING);
        assertThat(verdicts(decision, CriterionVerdict.NOT_YET_KNOWN)).containsExactly(criterion);
        assertThat(verdicts(decision, CriterionVerdict.FAIL)).isEmpty();
        assertThat(criteriaOf(decision.failing())).containsExactly(criterion);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notYetKnown")
    void notYetKnownIsRecognizedWhenThePolicyLetsItThrough(String name, UnaryOperator<Scenario> change,
                                                           Criterion criterion) {
        RecognitionPolicy lenient = RecognitionPolicy.defaults().withNotYetKnownBlocks(false);
        RecognitionDecision decision = baseline().with(change).decideReuse(lenient);

        assertThat(decision.status()).isEqualTo(RecognitionStatus.RECOGNIZED);
        assertThat(decision.result(criterion).orElseThrow().verdict()).isEqualTo(CriterionVerdict.NOT_YET_KNOWN);
        assertThat(decision.failing()).isEmpty();
        assertThat(decision.policy()).isEqualTo(lenient);
    }

    @Test
    void aFailureOutweighsNotYetKnownAndFailingListsWhatBlocks() {
        Scenario scenario = baseline().with(s -> {
            s.eqa = Optional.empty();
            s.blind = true;
            return s;
        });

        RecognitionDecision strict = scenario.decide(RecognitionPolicy.defaults());
        assertThat(strict.status()).isEqualTo(RecognitionStatus.NOT_RECOGNIZED);
        assertThat(criteriaOf(strict.failing()))
                .containsExactlyInAnyOrder(Criterion.EQA_SATISFACTORY, Criterion.RESULT_FINAL);

        RecognitionDecision lenient = scenario.decide(RecognitionPolicy.defaults().withNotYetKnownBlocks(false));
        assertThat(lenient.status()).isEqualTo(RecognitionStatus.NOT_RECOGNIZED);
        assertThat(criteriaOf(lenient.failing())).containsExactly(Criterion.RESULT_FINAL);
    }

    // ------------------------------------------------------------------ time is an input

    @Test
    void laterEvidenceWithdrawsRecognitionRetroactively() {
        Scenario scenario = baseline().with(s -> {
            s.iqc = r -> List.of(run("IQC-1", r.minus(H), IqcOutcome.ACCEPTED),
                    run("IQC-R", r.plus(H.multipliedBy(5)), IqcOutcome.REJECTED));
            return s;
        });
        RecognitionFacts facts = scenario.facts();

        assertThat(RecognitionRules.decide(facts, RESULT_AT.plus(H), RecognitionPolicy.defaults()).status())
                .isEqualTo(RecognitionStatus.RECOGNIZED);
        RecognitionDecision later = RecognitionRules.decide(facts, RESULT_AT.plus(H.multipliedBy(5)),
                RecognitionPolicy.defaults());
        assertThat(later.status()).isEqualTo(RecognitionStatus.NOT_RECOGNIZED);
        assertThat(later.result(Criterion.IQC_IN_CONTROL).orElseThrow().evidence())
                .extracting(Evidence::reference).containsExactly("IQC-1", "IQC-R");
    }

    @Test
    void decideIsDeterministic() {
        RecognitionFacts facts = baseline().with(s -> {
            s.findings = List.of(finding("F-2", RESULT_AT, null), finding("F-1", RESULT_AT, null, "K"));
            return s;
        }).facts();
        Instant asOf = RESULT_AT.plus(Duration.ofDays(1));

        RecognitionDecision first = RecognitionRules.decide(facts, asOf, RecognitionPolicy.defaults());
        RecognitionDecision second = RecognitionRules.decide(facts, asOf, RecognitionPolicy.defaults());
        assertThat(second).isEqualTo(first).hasSameHashCodeAs(first);

        // input order does not matter either
        List<MajorFinding> reversed = new ArrayList<>(facts.findings());
        java.util.Collections.reverse(reversed);
        RecognitionFacts shuffled = new RecognitionFacts(facts.result(), facts.membership(), facts.item(),
                facts.itemVersion(), facts.accreditations(), facts.eqa(), facts.iqcRuns(), reversed);
        assertThat(RecognitionRules.decide(shuffled, asOf, RecognitionPolicy.defaults())).isEqualTo(first);
    }

    @Test
    void neverReadsTheClock() {
        // 2020: a round graded in 2019 is recent as of 2020, though long stale by the wall clock
        Scenario in2020 = baseline().with(s -> {
            s.effectiveAt = Instant.parse("2020-03-02T02:00:00Z");
            s.membership = List.of(new MembershipPeriod(MemberStatus.ACTIVE, Instant.parse("2019-01-01T00:00:00Z"),
                    null, "E-M1"));
            s.accreditations = List.of(accreditation(LocalDate.of(2019, 1, 1), LocalDate.of(2030, 12, 31), null));
            s.eqa = Optional.of(new EqaStanding("EQA-2019-3", Instant.parse("2019-10-01T00:00:00Z"), true, false,
                    "E-Q1"));
            s.asOf = Instant.parse("2020-03-03T00:00:00Z");
            return s;
        });
        // 2030: a round graded in 2028 is stale as of 2030, though recent by the wall clock of the 2020s
        Scenario in2030 = baseline().with(s -> {
            s.effectiveAt = Instant.parse("2030-03-02T02:00:00Z");
            s.accreditations = List.of(accreditation(LocalDate.of(2025, 1, 1), LocalDate.of(2030, 12, 31), null));
            s.eqa = Optional.of(new EqaStanding("EQA-2028-3", Instant.parse("2028-10-01T00:00:00Z"), true, false,
                    "E-Q1"));
            s.asOf = Instant.parse("2030-03-03T00:00:00Z");
            return s;
        });

        assertThat(in2020.decide(RecognitionPolicy.defaults()).result(Criterion.EQA_SATISFACTORY).orElseThrow()
                .verdict()).isEqualTo(CriterionVerdict.PASS);
        RecognitionDecision stale = in2030.decide(RecognitionPolicy.defaults());
        assertThat(stale.result(Criterion.EQA_SATISFACTORY).orElseThrow().verdict()).isEqualTo(CriterionVerdict.FAIL);
        assertThat(criteriaOf(stale.failing())).containsExactly(Criterion.EQA_SATISFACTORY);
        // the same facts as of 2020-era knowledge of 2028's round: graded ≤ 365 days before → passes
        assertThat(RecognitionRules.decide(in2030.facts(), Instant.parse("2029-09-30T00:00:00Z"),
                RecognitionPolicy.defaults()).result(Criterion.EQA_SATISFACTORY).orElseThrow().verdict())
                .isEqualTo(CriterionVerdict.PASS);
    }

    @Test
    void anAllianceMayTightenTheDefaults() {
        RecognitionPolicy tight = new RecognitionPolicy(true, Duration.ofHours(8), Duration.ofDays(180));
        Scenario scenario = baseline().with(s -> {
            s.iqc = r -> List.of(run("IQC-1", r.minus(H.multipliedBy(10)), IqcOutcome.ACCEPTED));
            return s;
        });

        assertThat(scenario.decide(RecognitionPolicy.defaults()).status()).isEqualTo(RecognitionStatus.RECOGNIZED);
        RecognitionDecision decision = scenario.decide(tight);
        assertThat(criteriaOf(decision.failing())).containsExactly(Criterion.IQC_IN_CONTROL);
        assertThat(decision.result(Criterion.IQC_IN_CONTROL).orElseThrow().reason())
                .isEqualTo("no IQC run within 8 h before the result");
    }

    // ------------------------------------------------------------------ rules other callers use

    @ParameterizedTest(name = "asked {0} after the result: {1}")
    @CsvSource({"-PT0.001S, LATER_THAN_REUSE", "PT0S, WITHIN", "P7D, WITHIN", "PT168H0.001S, TOO_OLD",
            "P30D, TOO_OLD"})
    void aReuseFallsBeforeWithinOrAfterTheValidityWindow(Duration after, RecognitionRules.Validity validity) {
        assertThat(RecognitionRules.validity(RESULT_AT, 7, RESULT_AT.plus(after))).isEqualTo(validity);
        assertThat(RecognitionRules.validUntil(RESULT_AT, 7)).isEqualTo(RESULT_AT.plus(Duration.ofDays(7)));
    }

    @Test
    void aMonthFailsIqcWhenOneLevelsCvExceedsTheItemsMaximum() {
        List<IqcMonthlyCv> cvs = List.of(new IqcMonthlyCv("2025-06", "L1 (A)", new BigDecimal("2.50"), 20),
                new IqcMonthlyCv("2025-06", "L2 (A)", new BigDecimal("2.51"), 20),
                new IqcMonthlyCv("2025-05", "L1 (A)", new BigDecimal("9.00"), 20));
        assertThat(RecognitionRules.cvAboveMaximum(POTASSIUM, "2025-06", cvs)).contains(cvs.get(1));
        assertThat(RecognitionRules.cvAboveMaximum(POTASSIUM, "2025-07", cvs)).isEmpty();
        assertThat(RecognitionRules.cvAboveMaximum(POTASSIUM, "2025-06", cvs.subList(0, 1))).as("at the maximum")
                .isEmpty();
    }

    // ------------------------------------------------------------------ the types themselves

    @Test
    void defaultsAreTheDomainDefaults() {
        assertThat(RecognitionPolicy.defaults())
                .isEqualTo(new RecognitionPolicy(true, Duration.ofHours(24), Duration.ofDays(365)));
        assertThatThrownBy(() -> new RecognitionPolicy(true, Duration.ZERO, Duration.ofDays(365)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyCriterionHasADescription() {
        assertThat(Criterion.values()).allSatisfy(c -> assertThat(c.description()).isNotBlank());
    }

    @Test
    void aDecisionCannotContradictItsCriteria() {
        List<CriterionResult> criteria = List.of(
                CriterionResult.fail(Criterion.RESULT_FINAL, "retracted", List.of()));
        assertThatThrownBy(() -> new RecognitionDecision(RecognitionStatus.RECOGNIZED, criteria,
                RecognitionPolicy.defaults())).isInstanceOf(IllegalArgumentException.class);
        assertThat(RecognitionDecision.of(criteria, RecognitionPolicy.defaults()).status())
                .isEqualTo(RecognitionStatus.NOT_RECOGNIZED);
    }
}
