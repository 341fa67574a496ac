package org.huren.domain.eqa;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.Identifier;
import org.huren.domain.common.ResourceKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.huren.domain.common.DomainRuleViolationMatcher.conflict;
import static org.huren.domain.common.DomainRuleViolationMatcher.ruleViolation;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The EQA round's workflow: opening rules, submissions, late refusals, grading at the deadline, flight inspections. */
class EqaRoundTest {

    static final Instant NOW = Instant.parse("2026-03-02T01:00:00Z");
    static final Instant DEADLINE = NOW.plus(Duration.ofDays(14));
    static final String ROUND = "round-1";
    static final String RULES = "NCCL-2026 / WS/T 403-2024";
    static final RoundItem CL = new RoundItem("CL", List.of("2075-0"), "mmol/L", false, null);
    static final RoundItem ABO = new RoundItem("ABO", List.of("882-1"), null, true, BigDecimal.valueOf(100));
    static final LimitSpec FIVE_PERCENT = LimitSpec.percent(BigDecimal.valueOf(5));
    static final String[] ASSIGNED = {"110.3", "95.6", "125.4", "90.2", "135.0"};
    static final String[] REPORTED = {"115.3", "99.2", "131.2", "94.1", "142.3"};

    FixtureConfiguration<EqaRound> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(EqaRound.class);
    }

    static List<RoundSample> chlorideSamples() {
        return java.util.stream.IntStream.range(0, 5).mapToObj(i -> new RoundSample("S" + (i + 1), "CL",
                new BigDecimal(ASSIGNED[i]), FIVE_PERCENT, null, null, null)).toList();
    }

    static OpenEqaRound open(List<String> labs) {
        return new OpenEqaRound(ROUND, "demo", EqaRoundKind.ROUND, EqaProvider.CITY_CENTRE, "2026-1 chemistry",
                List.of(CL), chlorideSamples(), labs, DEADLINE, RULES, "qc", null);
    }

    static EqaRoundOpened opened(List<String> labs) {
        OpenEqaRound c = open(labs);
        return new EqaRoundOpened(c.roundId(), c.allianceId(), c.kind(), c.provider(), c.title(), c.items(),
                c.samples(), c.participants(), c.deadline(), c.ruleSet(), c.openedBy(), null);
    }

    static SubmitEqaResult submit(String lab, String sample, String value) {
        return new SubmitEqaResult(ROUND, lab, sample, "CL", new BigDecimal(value), null, null, "lis", EqaChannel.API,
                null);
    }

    static EqaResultSubmitted submitted(String lab, String sample, String value, Instant at, boolean replaces) {
        return new EqaResultSubmitted(ROUND, "demo", lab, sample, "CL", new BigDecimal(value), null, at, "lis",
                EqaChannel.API, null, replaces);
    }

    @Test
    void aRoundOpensAndItsDeadlineIsScheduled() {
        fixture.givenCurrentTime(NOW).when(open(List.of("A", "B")))
                .expectEvents(opened(List.of("A", "B")))
                .expectScheduledDeadlineWithName(DEADLINE, EqaRound.DEADLINE);
    }

    @Test
    void aRoundNeedsAFutureDeadlineParticipantsAndSamplesForEachItem() {
        OpenEqaRound past = new OpenEqaRound(ROUND, "demo", EqaRoundKind.ROUND, EqaProvider.NCCL, null, List.of(CL),
                chlorideSamples(), List.of("A"), NOW.minusSeconds(1), RULES, "qc", null);
        fixture.givenCurrentTime(NOW).when(past)
                .expectNoEvents().expectException(ruleViolation("invalid-deadline", "deadline"));
        fixture.givenCurrentTime(NOW).when(open(List.of()))
                .expectNoEvents().expectException(ruleViolation("invalid-participants", "participants"));
        OpenEqaRound noSamples = new OpenEqaRound(ROUND, "demo", EqaRoundKind.ROUND, EqaProvider.NCCL, null,
                List.of(CL, ABO), chlorideSamples(), List.of("A"), DEADLINE, RULES, "qc", null);
        fixture.givenCurrentTime(NOW).when(noSamples)
                .expectNoEvents().expectException(ruleViolation("invalid-samples", "samples"));
        OpenEqaRound noLimit = new OpenEqaRound(ROUND, "demo", EqaRoundKind.ROUND, EqaProvider.NCCL, null,
                List.of(CL), List.of(new RoundSample("S1", "CL", BigDecimal.TEN, null, null, null, null)),
                List.of("A"), DEADLINE, RULES, "qc", null);
        fixture.givenCurrentTime(NOW).when(noLimit)
                .expectNoEvents().expectException(ruleViolation("invalid-samples-limit", "samples[0].limit"));
    }

    @Test
    void anAllianceMayRaiseTheSatisfactoryThresholdButNotLowerIt() {
        RoundItem lenient = new RoundItem("CL", List.of("2075-0"), "mmol/L", false, BigDecimal.valueOf(50));
        OpenEqaRound c = new OpenEqaRound(ROUND, "demo", EqaRoundKind.ROUND, EqaProvider.NCCL, null, List.of(lenient),
                chlorideSamples(), List.of("A"), DEADLINE, RULES, "qc", null);
        fixture.givenCurrentTime(NOW).when(c).expectNoEvents().expectException(
                ruleViolation("invalid-items-satisfactoryThresholdPercent", "items[0].satisfactoryThresholdPercent"));
    }

    @Test
    void aResultInAnotherUnitIsConvertedAsTheCatalogConvertsIt() {
        org.huren.domain.catalog.CatalogItem glucose = org.huren.domain.catalog.DefaultCatalog
                .load(java.time.LocalDate.of(2026, 1, 1)).stream().filter(i -> i.code().equals("GLU")).findFirst()
                .orElseThrow();
        RoundItem glu = new RoundItem("GLU", glucose.loincCodes(), glucose.ucumUnit(), false, null, glucose);
        OpenEqaRound c = new OpenEqaRound(ROUND, "demo", EqaRoundKind.ROUND, EqaProvider.NCCL, null, List.of(glu),
                List.of(new RoundSample("S1", "GLU", new BigDecimal("5.55"), FIVE_PERCENT, null, null, null)),
                List.of("A"), DEADLINE, RULES, "qc", null);
        String mgPerDl = glucose.alternatives().stream().filter(a -> a.ucumUnit().equals("mg/dL")).findFirst()
                .orElseThrow().loinc();
        fixture.givenCurrentTime(NOW).andGivenCommands(c)
                .when(new SubmitEqaResult(ROUND, "A", "S1", mgPerDl, new BigDecimal("100"), "mg/dL", null, "lis",
                        EqaChannel.API, null))
                .expectResultMessagePayload(EqaRound.Submission.ACCEPTED)
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                new org.hamcrest.TypeSafeMatcher<Object>() {
                                    @Override
                                    protected boolean matchesSafely(Object item) {
                                        // 100 mg/dL × 0.0555 = 5.55 mmol/L
                                        return item instanceof EqaResultSubmitted r
                                                && r.value().compareTo(new BigDecimal("5.55")) == 0;
                                    }

                                    @Override
                                    public void describeTo(org.hamcrest.Description description) {
                                        description.appendText("a result converted to 5.55 mmol/L");
                                    }
                                },
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void aResubmissionBeforeTheDeadlineReplacesTheEarlierResultAndTheSameResultAgainChangesNothing() {
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of("A")), submitted("A", "S1", "115.0", NOW, false))
                .when(submit("A", "S1", "115.3"))
                .expectEvents(submitted("A", "S1", "115.3", NOW, true))
                .expectResultMessagePayload(EqaRound.Submission.REPLACED);
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of("A")), submitted("A", "S1", "115.3", NOW, false))
                .when(submit("A", "S1", "115.30"))
                .expectNoEvents().expectResultMessagePayload(EqaRound.Submission.UNCHANGED);
    }

    @Test
    void aLateResultIsRefusedAndLoggedNotThrown() {
        fixture.givenCurrentTime(DEADLINE.plusSeconds(1)).andGiven(opened(List.of("A")))
                .when(submit("A", "S1", "115.3"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(EqaRound.Submission.REFUSED)
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.instanceOf(EqaResultRefused.class)),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    @Test
    void onlyParticipantsSubmitAndOnlyForTheRoundsSamples() {
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of("A"))).when(submit("B", "S1", "115.3"))
                .expectNoEvents().expectException(ruleViolation("invalid-labCode", "labCode"));
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of("A"))).when(submit("A", "S9", "115.3"))
                .expectNoEvents().expectException(ruleViolation("invalid-sampleCode", "sampleCode"));
    }

    @Test
    void atTheDeadlineEveryParticipantIsGradedAndAMissingReturnScoresZero() {
        List<Object> commands = new java.util.ArrayList<>(List.of(open(List.of("A", "B"))));
        for (int i = 0; i < 5; i++) {
            commands.add(submit("A", "S" + (i + 1), REPORTED[i]));
        }
        // the chloride example of DOMAIN.md: 4 of 5 within ±5 % → 80 % → satisfactory; lab B returned nothing
        fixture.givenCurrentTime(NOW).andGivenCommands(commands).whenTimeAdvancesTo(DEADLINE)
                .expectTriggeredDeadlinesWithName(EqaRound.DEADLINE)
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                graded("A", "80.00", true), graded("B", "0.00", false),
                                org.hamcrest.Matchers.instanceOf(EqaRoundGraded.class),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    static org.hamcrest.Matcher<Object> graded(String lab, String score, boolean satisfactory) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof EqaItemGraded g && g.labCode().equals(lab)
                        && g.grade().scorePercent().compareTo(new BigDecimal(score)) == 0
                        && g.grade().satisfactory() == satisfactory && RULES.equals(g.grade().ruleSet())
                        && g.gradedAt().equals(DEADLINE);
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("lab " + lab + " graded " + score + " %");
            }
        };
    }

    @Test
    void closingGradesNowAndAGradedRoundRefusesResultsAndAnotherClosing() {
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of("A"))).when(new CloseEqaRound(ROUND, "qc"))
                .expectSuccessfulHandlerExecution();
        EqaRoundGraded graded = new EqaRoundGraded(ROUND, "demo", NOW, EqaRoundGraded.CLOSED, "qc");
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of("A")), graded).when(new CloseEqaRound(ROUND, "王"))
                .expectNoEvents().expectException(ConflictingStateException.class);
        EqaRoundGraded atDeadline = new EqaRoundGraded(ROUND, "demo", DEADLINE, EqaRoundGraded.DEADLINE, null);
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of("A")), atDeadline).when(new CloseEqaRound(ROUND, "qc"))
                .expectNoEvents().expectException(ConflictingStateException.class);
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of("A")), graded).when(submit("A", "S1", "110.3"))
                .expectResultMessagePayload(EqaRound.Submission.REFUSED);
    }

    @Test
    void closingAnswersTheGradesAndTheSameClosureAgainAnswersThemAgain() {
        ItemGrade grade = EqaGrading.grade("CL", chlorideSamples().stream().map(RoundSample::toEqaSample).toList(),
                java.util.Map.of("S1", new EqaSubmission("S1", new BigDecimal("110.3"), null, NOW)), DEADLINE,
                BigDecimal.valueOf(80), RULES);
        EqaItemGraded itemGraded = new EqaItemGraded(ROUND, "demo", EqaRoundKind.ROUND, "A", "CL", grade, NOW);
        RoundGrades answer = new RoundGrades(ROUND, NOW, EqaRoundGraded.CLOSED, "qc", List.of(itemGraded));
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of("A")), submitted("A", "S1", "110.3", NOW, false))
                .when(new CloseEqaRound(ROUND, "qc"))
                .expectEvents(itemGraded, new EqaRoundGraded(ROUND, "demo", NOW, EqaRoundGraded.CLOSED, "qc"))
                .expectResultMessagePayload(answer);
        fixture.givenCurrentTime(NOW.plusSeconds(60)).andGiven(opened(List.of("A")), itemGraded,
                        new EqaRoundGraded(ROUND, "demo", NOW, EqaRoundGraded.CLOSED, "qc"))
                .when(new CloseEqaRound(ROUND, "qc"))
                .expectNoEvents().expectResultMessagePayload(answer);
    }

    @Test
    void openingTheSameRoundAgainChangesNothingAndAnotherRoundUnderItsIdIsAConflict() {
        new AggregateTestFixture<>(EqaRound.class).givenCurrentTime(NOW).when(open(List.of("A"))).expectResultMessagePayload(
                org.huren.domain.common.Change.CREATED);
        new AggregateTestFixture<>(EqaRound.class).givenCurrentTime(NOW).andGiven(opened(List.of("A"))).when(open(List.of("A")))
                .expectNoEvents().expectResultMessagePayload(org.huren.domain.common.Change.UNCHANGED);
        // the same numbers written otherwise (110.30 for 110.3) are the same round
        List<RoundSample> rescaled = chlorideSamples().stream().map(s -> new RoundSample(s.sampleCode(),
                s.itemCode(), s.assigned().setScale(2), s.limit(), null, null, null)).toList();
        new AggregateTestFixture<>(EqaRound.class).givenCurrentTime(NOW).andGiven(opened(List.of("A"))).when(new OpenEqaRound(ROUND, "demo",
                        EqaRoundKind.ROUND, EqaProvider.CITY_CENTRE, "2026-1 chemistry", List.of(CL), rescaled,
                        List.of("A"), DEADLINE, RULES, "qc", null))
                .expectNoEvents().expectResultMessagePayload(org.huren.domain.common.Change.UNCHANGED);
        new AggregateTestFixture<>(EqaRound.class).givenCurrentTime(NOW).andGiven(opened(List.of("A"))).when(open(List.of("A", "B")))
                .expectNoEvents().expectException(conflict("request-id-reused", "requestId"));
        List<RoundSample> other = new java.util.ArrayList<>(chlorideSamples());
        other.set(4, new RoundSample("S5", "CL", new BigDecimal("135.5"), FIVE_PERCENT, null, null, null));
        new AggregateTestFixture<>(EqaRound.class).givenCurrentTime(NOW).andGiven(opened(List.of("A"))).when(new OpenEqaRound(ROUND, "demo",
                        EqaRoundKind.ROUND, EqaProvider.CITY_CENTRE, "2026-1 chemistry", List.of(CL), other,
                        List.of("A"), DEADLINE, RULES, "qc", null))
                .expectNoEvents().expectException(conflict("request-id-reused", "requestId"));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("badSamples")
    void aBadSampleIsRefusedNamingTheOffendingField(String field, RoundSample sample) {
        fixture.givenCurrentTime(NOW).when(new OpenEqaRound(ROUND, "demo", EqaRoundKind.ROUND, EqaProvider.NCCL,
                        null, List.of(CL), List.of(sample), List.of("A"), DEADLINE, RULES, "qc", null))
                .expectNoEvents().expectException(fieldOf(field));
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> badSamples() {
        BigDecimal x = new BigDecimal("100");
        LimitSpec sd2 = LimitSpec.sdMultiple(BigDecimal.valueOf(2));
        return java.util.stream.Stream.of(
                arguments("samples[0].sdForProficiency", new RoundSample("S1", "CL", x, sd2, BigDecimal.ZERO, null,
                        null)),
                arguments("samples[0].sdForProficiency", new RoundSample("S1", "CL", x, FIVE_PERCENT,
                        new BigDecimal("-1"), null, null)),
                arguments("samples[0].sdForProficiency", new RoundSample("S1", "CL", x, sd2, null, null, null)),
                arguments("samples[0].limit.kind", new RoundSample("S1", "CL", x,
                        new LimitSpec(null, BigDecimal.ONE, null, null), null, null, null)),
                arguments("samples[0].limit.k", new RoundSample("S1", "CL", x,
                        new LimitSpec(LimitSpec.Kind.SD_MULTIPLE, null, null, null), BigDecimal.ONE, null, null)),
                arguments("samples[0].limit.k", new RoundSample("S1", "CL", x, LimitSpec.sdMultiple(BigDecimal.ZERO),
                        BigDecimal.ONE, null, null)),
                arguments("samples[0].limit.percent", new RoundSample("S1", "CL", x,
                        LimitSpec.percent(new BigDecimal("-5")), null, null, null)),
                arguments("samples[0].limit.percent", new RoundSample("S1", "CL", x,
                        new LimitSpec(LimitSpec.Kind.PERCENT, null, null, null), null, null, null)),
                arguments("samples[0].limit.absolute", new RoundSample("S1", "CL", x,
                        new LimitSpec(LimitSpec.Kind.ABSOLUTE, null, null, null), null, null, null)),
                arguments("samples[0].limit", new RoundSample("S1", "CL", x,
                        new LimitSpec(LimitSpec.Kind.MAX_OF_ABSOLUTE_AND_PERCENT, null, null, null), null, null,
                        null)),
                arguments("samples[0].limit", new RoundSample("S1", "CL", x, null, null, null, null)),
                arguments("samples[0].assigned", new RoundSample("S1", "CL", null, FIVE_PERCENT, null, null, null)),
                arguments("samples[0].assignedUncertainty", new RoundSample("S1", "CL", x, FIVE_PERCENT, null, null,
                        null, new BigDecimal("-0.1"))),
                arguments("samples[0].intendedCategory", new RoundSample("S1", "CL", x, FIVE_PERCENT, null, "POS",
                        null)),
                arguments("samples[0].itemCode", new RoundSample("S1", "NA", x, FIVE_PERCENT, null, null, null)),
                arguments("samples[0].accession", new RoundSample("S1", "CL", x, FIVE_PERCENT, null, null,
                        new Identifier("https://lis.example.org/accession", "ACC-1", null))));
    }

    @Test
    void aQualitativeSampleTakesNoQuantitativePartsAndAParticipantAppearsOnce() {
        OpenEqaRound withAssigned = new OpenEqaRound(ROUND, "demo", EqaRoundKind.ROUND, EqaProvider.NCCL, null,
                List.of(ABO), List.of(new RoundSample("S1", "ABO", null, null, null, "A", null, BigDecimal.ONE)),
                List.of("A"), DEADLINE, RULES, "qc", null);
        fixture.givenCurrentTime(NOW).when(withAssigned).expectNoEvents()
                .expectException(fieldOf("samples[0].assignedUncertainty"));
        fixture.givenCurrentTime(NOW).when(open(List.of("A", "B", "A"))).expectNoEvents()
                .expectException(fieldOf("participants[2]"));
    }

    @Test
    void aParticipantsUncertaintyIsPositiveAndKeptWithItsResultInTheRoundsUnit() {
        SubmitEqaResult zero = new SubmitEqaResult(ROUND, "A", "S1", "CL", new BigDecimal("110.3"), null, null, "lis",
                EqaChannel.API, null, BigDecimal.ZERO);
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of("A"))).when(zero)
                .expectNoEvents().expectException(ruleViolation("invalid-uncertainty", "uncertainty"));
        SubmitEqaResult stated = new SubmitEqaResult(ROUND, "A", "S1", "CL", new BigDecimal("110.3"), null, null,
                "lis", EqaChannel.API, null, new BigDecimal("1.5"));
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of("A"))).when(stated)
                .expectEvents(new EqaResultSubmitted(ROUND, "demo", "A", "S1", "CL", new BigDecimal("110.3"), null,
                        NOW, "lis", EqaChannel.API, null, false, new BigDecimal("1.5")));
        // another uncertainty for the same value replaces the result; the same again changes nothing
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of("A")), submitted("A", "S1", "110.3", NOW, false))
                .when(stated).expectEvents(new EqaResultSubmitted(ROUND, "demo", "A", "S1", "CL",
                        new BigDecimal("110.3"), null, NOW, "lis", EqaChannel.API, null, true, new BigDecimal("1.5")));
        fixture.givenCurrentTime(NOW).andGiven(opened(List.of("A")), new EqaResultSubmitted(ROUND, "demo", "A", "S1",
                        "CL", new BigDecimal("110.3"), null, NOW, "lis", EqaChannel.API, null, false,
                        new BigDecimal("1.50")))
                .when(stated).expectNoEvents().expectResultMessagePayload(EqaRound.Submission.UNCHANGED);
    }

    /** A plain violation naming {@code field}, whatever its rule code. */
    static org.hamcrest.Matcher<Object> fieldOf(String field) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof org.huren.domain.common.DomainRuleViolation v
                        && !(item instanceof ConflictingStateException) && field.equals(v.field());
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a rule violation on ").appendValue(field);
            }

            @Override
            protected void describeMismatchSafely(Object item, org.hamcrest.Description mismatch) {
                mismatch.appendText("was ").appendValue(item instanceof org.huren.domain.common.DomainRuleViolation v
                        ? v.getClass().getSimpleName() + " on " + v.field() + ": " + v.getMessage() : item);
            }
        };
    }

    // ------------------------------------------------------------------ flight inspections

    static final Identifier PSEUDO = new Identifier("https://lis.example.org/mrn", "FI-0001", null);

    static OpenEqaRound flight() {
        List<RoundSample> samples = List.of(
                new RoundSample("ACC-1", "CL", new BigDecimal("100.0"), FIVE_PERCENT, null, null,
                        new Identifier("https://lis.example.org/accession", "ACC-1", null)),
                new RoundSample("ACC-2", "CL", new BigDecimal("120.0"), FIVE_PERCENT, null, null,
                        new Identifier("https://lis.example.org/accession", "ACC-2", null)));
        return new OpenEqaRound(ROUND, "demo", EqaRoundKind.FLIGHT_INSPECTION, EqaProvider.ALLIANCE_CORE_LAB,
                "flight", List.of(CL), samples, List.of("A"), DEADLINE, RULES, "qc", PSEUDO);
    }

    @Test
    void aFlightInspectionRegistersEachBlindSampleUnderTheIdsTheIngestWillDerive() {
        OpenEqaRound c = flight();
        String patient = new ResourceKey(PSEUDO.system(), PSEUDO.value()).derivedId("Patient", "A");
        fixture.givenCurrentTime(NOW).when(c).expectEvents(
                new EqaRoundOpened(c.roundId(), c.allianceId(), c.kind(), c.provider(), c.title(), c.items(),
                        c.samples(), c.participants(), c.deadline(), c.ruleSet(), c.openedBy(), PSEUDO),
                new BlindSampleRegistered(ROUND, "demo", "A", "ACC-1", c.samples().get(0).accession(),
                        new ResourceKey("https://lis.example.org/accession", "ACC-1").derivedId("Specimen", "A"),
                        PSEUDO, patient),
                new BlindSampleRegistered(ROUND, "demo", "A", "ACC-2", c.samples().get(1).accession(),
                        new ResourceKey("https://lis.example.org/accession", "ACC-2").derivedId("Specimen", "A"),
                        PSEUDO, patient));
    }

    @Test
    void aFlightInspectionVisitsOneLabAndItsSamplesNeedAccessionNumbers() {
        OpenEqaRound two = new OpenEqaRound(ROUND, "demo", EqaRoundKind.FLIGHT_INSPECTION,
                EqaProvider.ALLIANCE_CORE_LAB, null, List.of(CL), flight().samples(), List.of("A", "B"), DEADLINE,
                RULES, "qc", PSEUDO);
        fixture.givenCurrentTime(NOW).when(two)
                .expectNoEvents().expectException(ruleViolation("invalid-participants", "participants"));
        OpenEqaRound noAccession = new OpenEqaRound(ROUND, "demo", EqaRoundKind.FLIGHT_INSPECTION,
                EqaProvider.ALLIANCE_CORE_LAB, null, List.of(CL), chlorideSamples(), List.of("A"), DEADLINE, RULES,
                "qc", PSEUDO);
        fixture.givenCurrentTime(NOW).when(noAccession)
                .expectNoEvents().expectException(ruleViolation("invalid-samples-accession", "samples[0].accession"));
    }

    @Test
    void aBlindResultFromTheLisIsNeverRefusedToItButLoggedWhenItCannotBeGraded() {
        OpenEqaRound c = flight();
        fixture.givenCurrentTime(NOW).andGivenCommands(c)
                .when(new SubmitEqaResult(ROUND, "A", "ACC-1", "2951-2", new BigDecimal("140"), "mmol/L", null,
                        "LIS", EqaChannel.LIS, "result-1"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(EqaRound.Submission.REFUSED);
        fixture = new AggregateTestFixture<>(EqaRound.class);
        fixture.givenCurrentTime(NOW).andGivenCommands(c)
                .when(new SubmitEqaResult(ROUND, "A", "ACC-1", "2075-0", new BigDecimal("9.9"), "mg/dL", null,
                        "LIS", EqaChannel.LIS, "result-1"))
                .expectResultMessagePayload(EqaRound.Submission.REFUSED);
    }

    @Test
    void aFlightInspectionIsGradedAsSoonAsEveryBlindSampleHasItsResult() {
        OpenEqaRound c = flight();
        fixture.givenCurrentTime(NOW).andGivenCommands(c,
                        new SubmitEqaResult(ROUND, "A", "ACC-1", "2075-0", new BigDecimal("104.0"), "mmol/L", null,
                                "LIS", EqaChannel.LIS, "result-1"))
                .when(new SubmitEqaResult(ROUND, "A", "ACC-2", "2075-0", new BigDecimal("130.0"), "mmol/L", null,
                        "LIS", EqaChannel.LIS, "result-2"))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.instanceOf(EqaResultSubmitted.class),
                                new org.hamcrest.TypeSafeMatcher<Object>() {
                                    @Override
                                    protected boolean matchesSafely(Object item) {
                                        // 104.0 within 100 ± 5; 130.0 outside 120 ± 6: 1 of 2 = 50 % → unsatisfactory
                                        return item instanceof EqaItemGraded g && g.kind()
                                                == EqaRoundKind.FLIGHT_INSPECTION
                                                && g.grade().scorePercent().compareTo(new BigDecimal("50")) == 0
                                                && !g.grade().satisfactory();
                                    }

                                    @Override
                                    public void describeTo(org.hamcrest.Description description) {
                                        description.appendText("an unsatisfactory blind grade of 50 %");
                                    }
                                },
                                org.hamcrest.Matchers.instanceOf(EqaRoundGraded.class),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }
}
