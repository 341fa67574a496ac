package org.huren.domain.assessment;

import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.huren.domain.alliance.AccreditLab;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.domain.assessment.AssessmentOutcome.ACCREDITED;
import static org.huren.domain.assessment.AssessmentOutcome.NOT_ACCREDITED;
import static org.huren.domain.common.DomainRuleViolationMatcher.ruleViolation;

/** Closing an assessment and accrediting its lab: one command, both aggregates, or nothing. */
class AssessmentConclusionTest {

    private static final String ASSESSMENT = "assessment-2025-017";
    private static final String ALLIANCE = "alliance-wuhan-east";
    private static final String LAB = "lab-420102-03";
    private static final List<String> ASSESSORS = List.of("张敏", "李强");
    private static final LocalDate VISIT = LocalDate.of(2025, 3, 1);
    private static final LocalDate VALID_UNTIL = LocalDate.of(2027, 2, 28);
    private static final Set<String> ITEMS = Set.of("K", "GLU");
    private static final String CLOSED_BY = "王主任";

    private FixtureConfiguration<OnSiteAssessment> fixture;
    /** What reached the alliance: the fixture holds only the assessment, so the alliance's side is recorded. */
    private final List<AccreditLab> accreditations = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OnSiteAssessment.class);
        fixture.registerCommandHandler(AccreditLab.class, command -> {
            accreditations.add((AccreditLab) command.getPayload());
            return null;
        });
        fixture.registerAnnotatedCommandHandler(new AssessmentConclusion(
                DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build()));
    }

    private static List<Object> openedAndAllPassed() {
        List<Object> events = new ArrayList<>();
        events.add(new AssessmentOpened(ASSESSMENT, ALLIANCE, LAB, ASSESSORS, VISIT));
        for (Dimension dimension : Dimension.values()) {
            events.add(new DimensionScored(ASSESSMENT, dimension, Verdict.PASS, List.of(), null));
        }
        return events;
    }

    private static Map<Dimension, Verdict> allPass() {
        Map<Dimension, Verdict> scores = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            scores.put(dimension, Verdict.PASS);
        }
        return scores;
    }

    private static AssessmentClosed closed(AssessmentOutcome outcome, Set<String> items, LocalDate validUntil) {
        return new AssessmentClosed(ASSESSMENT, ALLIANCE, LAB, outcome, items, VISIT, validUntil, allPass(),
                ASSESSORS, CLOSED_BY);
    }

    @Test
    void anAccreditedClosingAccreditsTheLabForTheItemsFromTheVisitOn() {
        fixture.given(openedAndAllPassed())
                .when(new ConcludeAssessment(ASSESSMENT, ACCREDITED, ITEMS, VALID_UNTIL, CLOSED_BY))
                .expectSuccessfulHandlerExecution()
                .expectEvents(closed(ACCREDITED, ITEMS, VALID_UNTIL))
                .expectResultMessagePayload(closed(ACCREDITED, ITEMS, VALID_UNTIL));
        assertThat(accreditations).containsExactly(
                new AccreditLab(ALLIANCE, LAB, ITEMS, VISIT, VALID_UNTIL, ASSESSMENT, ASSESSORS));
    }

    @Test
    void aNotAccreditedClosingAccreditsNothing() {
        fixture.given(openedAndAllPassed())
                .when(new ConcludeAssessment(ASSESSMENT, NOT_ACCREDITED, null, null, CLOSED_BY))
                .expectEvents(closed(NOT_ACCREDITED, Set.of(), null));
        assertThat(accreditations).isEmpty();
    }

    @Test
    void theSameClosingAgainIsAnsweredAsBeforeAndDoesNotAccreditAgain() {
        // a withdrawal since the first closing would be undone by a second accreditation
        fixture.given(openedAndAllPassed()).andGiven(closed(ACCREDITED, ITEMS, VALID_UNTIL))
                .when(new ConcludeAssessment(ASSESSMENT, ACCREDITED, ITEMS, VALID_UNTIL, CLOSED_BY))
                .expectNoEvents()
                .expectResultMessagePayload(closed(ACCREDITED, ITEMS, VALID_UNTIL));
        assertThat(accreditations).isEmpty();
    }

    @Test
    void aClosingTheAssessmentRefusesSendsNothingToTheAlliance() {
        List<Object> unscored = openedAndAllPassed().subList(0, 3);
        fixture.given(unscored)
                .when(new ConcludeAssessment(ASSESSMENT, ACCREDITED, ITEMS, VALID_UNTIL, CLOSED_BY))
                .expectNoEvents()
                .expectException(ruleViolation("dimensions-unscored", "scores"));
        assertThat(accreditations).isEmpty();
    }
}
