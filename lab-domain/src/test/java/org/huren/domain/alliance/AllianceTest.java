package org.huren.domain.alliance;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.huren.domain.catalog.AmendCatalogItem;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.catalog.CatalogItemAmended;
import org.huren.domain.catalog.CatalogItemPublished;
import org.huren.domain.catalog.CatalogItemRetired;
import org.huren.domain.catalog.PublishCatalogItem;
import org.huren.domain.catalog.RetireCatalogItem;
import org.huren.domain.catalog.SeedCatalog;
import org.huren.domain.common.Identifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.huren.domain.alliance.CatalogItemBuilder.CATALOG_START;
import static org.huren.domain.alliance.CatalogItemBuilder.aGlucose;
import static org.huren.domain.alliance.CatalogItemBuilder.aPotassium;
import static org.huren.domain.alliance.CatalogItemBuilder.glucose;
import static org.huren.domain.alliance.CatalogItemBuilder.potassium;
import static org.huren.domain.alliance.CatalogItemBuilder.sodium;
import static org.huren.domain.common.DomainRuleViolationMatcher.conflict;
import static org.huren.domain.common.DomainRuleViolationMatcher.ruleViolation;

class AllianceTest {

    private static final String ALLIANCE = "alliance-wuhan-east";
    private static final String NAME = "武汉东湖城市医疗集团";
    private static final String CORE_INSTITUTION = "武汉市第一医院";
    private static final AllianceFormed FORMED =
            new AllianceFormed(ALLIANCE, NAME, AllianceKind.CITY_GROUP, Integration.TIGHT, CORE_INSTITUTION);

    private static final String LAB = "lab-420102-03";
    private static final String OTHER_LAB = "lab-420102-07";
    private static final String INSTITUTION = "武汉市第三医院";
    private static final List<Identifier> IDENTIFIERS = List.of(
            new Identifier("urn:oid:2.16.156.10011.1.1", "42010200123", "organization"),
            new Identifier("urn:huren:lis", "WH3-LIS", "lis"));

    private static final String K = "K";
    private static final String GLU = "GLU";
    private static final String NA = "NA";

    private static final String ASSESSMENT = "assessment-2025-017";
    private static final List<String> ASSESSORS = List.of("张敏", "李强");
    /** 09:30 on 1 March 2025 in Shanghai. */
    private static final Instant NOW = Instant.parse("2025-03-01T01:30:00Z");
    private static final LocalDate VALID_FROM = LocalDate.of(2025, 3, 1);
    private static final LocalDate VALID_UNTIL = LocalDate.of(2027, 2, 28);
    /** The first instant after 28 February 2027 in Shanghai: 1 March 2027, 00:00 (UTC+8). */
    private static final Instant EXPIRY = Instant.parse("2027-02-28T16:00:00Z");
    private static final LocalDate LATER_UNTIL = LocalDate.of(2028, 2, 29);
    /** The first instant of {@link #VALID_FROM} in Shanghai. */
    private static final Instant START_OF_VALIDITY = Instant.parse("2025-02-28T16:00:00Z");

    private FixtureConfiguration<Alliance> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Alliance.class);
    }

    // ------------------------------------------------------------------ members

    private static EnrolLab enrol(String labCode) {
        return new EnrolLab(ALLIANCE, labCode, INSTITUTION, LabLevel.SECONDARY, IDENTIFIERS);
    }

    private static LabEnrolled enrolled(String labCode) {
        return new LabEnrolled(ALLIANCE, labCode, INSTITUTION, LabLevel.SECONDARY, IDENTIFIERS);
    }

    private static final LabEnrolled ENROLLED = enrolled(LAB);
    private static final MemberSuspended SUSPENDED = new MemberSuspended(ALLIANCE, LAB, "failed EQA twice");
    private static final MemberReinstated REINSTATED = new MemberReinstated(ALLIANCE, LAB, "EQA passed");
    private static final MemberWithdrawn WITHDRAWN = new MemberWithdrawn(ALLIANCE, LAB, "left the group");

    // ------------------------------------------------------------------ catalog

    private static CatalogItemPublished published(CatalogItem item) {
        return new CatalogItemPublished(ALLIANCE, item, 1);
    }

    private static CatalogItemRetired retired(String itemCode, LocalDate from) {
        return new CatalogItemRetired(ALLIANCE, itemCode, from, "no longer offered");
    }

    // ------------------------------------------------------------------ accreditation

    private static AccreditLab accredit(Set<String> itemCodes, LocalDate validUntil) {
        return accredit(LAB, itemCodes, VALID_FROM, validUntil);
    }

    private static AccreditLab accredit(String labCode, Set<String> itemCodes, LocalDate validFrom,
                                        LocalDate validUntil) {
        return new AccreditLab(ALLIANCE, labCode, itemCodes, validFrom, validUntil, ASSESSMENT, ASSESSORS);
    }

    private static LabAccredited accredited(Set<String> itemCodes, LocalDate validUntil) {
        return new LabAccredited(ALLIANCE, LAB, itemCodes, VALID_FROM, validUntil, ASSESSMENT, ASSESSORS);
    }

    private static AccreditationExpiry expiry(Set<String> itemCodes, LocalDate validUntil) {
        return new AccreditationExpiry(LAB, itemCodes, validUntil);
    }

    private static AccreditationExpired expired(String itemCode, LocalDate validUntil) {
        return new AccreditationExpired(ALLIANCE, LAB, itemCode, validUntil, AllianceTime.endOf(validUntil));
    }

    private static WithdrawAccreditation withdrawAccreditation(String itemCode, Instant effectiveAt) {
        return new WithdrawAccreditation(ALLIANCE, LAB, itemCode, "IQC records not kept", effectiveAt);
    }

    private static AccreditationWithdrawn accreditationWithdrawn(String itemCode, Instant effectiveAt) {
        return new AccreditationWithdrawn(ALLIANCE, LAB, itemCode, "IQC records not kept", effectiveAt);
    }

    @Test
    void theEndOfAValidityDayIsMidnightInShanghai() {
        assertThat(AllianceTime.endOf(VALID_UNTIL)).isEqualTo(EXPIRY);
        assertThat(AllianceTime.dateOf(START_OF_VALIDITY)).isEqualTo(VALID_FROM);
        assertThat(AllianceTime.dateOf(START_OF_VALIDITY.minusNanos(1)))
                .isEqualTo(VALID_FROM.minusDays(1));
    }

    @Nested
    class Formation {

        @Test
        void anAllianceWithNameKindIntegrationAndCoreInstitutionIsFormed() {
            fixture.givenNoPriorActivity()
                    .when(new FormAlliance(ALLIANCE, NAME, AllianceKind.CITY_GROUP, Integration.TIGHT,
                            CORE_INSTITUTION))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(FORMED);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "  ")
        void withoutANameIsRejected(String name) {
            fixture.givenNoPriorActivity()
                    .when(new FormAlliance(ALLIANCE, name, AllianceKind.CITY_GROUP, Integration.TIGHT,
                            CORE_INSTITUTION))
                    .expectNoEvents()
                    .expectException(ruleViolation("invalid-name", "name"));
        }

        @Test
        void withoutAKindIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(new FormAlliance(ALLIANCE, NAME, null, Integration.TIGHT, CORE_INSTITUTION))
                    .expectNoEvents()
                    .expectException(ruleViolation("invalid-kind", "kind"));
        }

        @Test
        void withoutItsIntegrationIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(new FormAlliance(ALLIANCE, NAME, AllianceKind.CITY_GROUP, null, CORE_INSTITUTION))
                    .expectNoEvents()
                    .expectException(ruleViolation("invalid-integration", "integration"));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "  ")
        void withoutACoreInstitutionIsRejected(String coreInstitution) {
            fixture.givenNoPriorActivity()
                    .when(new FormAlliance(ALLIANCE, NAME, AllianceKind.CITY_GROUP, Integration.TIGHT,
                            coreInstitution))
                    .expectNoEvents()
                    .expectException(ruleViolation("invalid-coreInstitution", "coreInstitution"));
        }
    }

    @Nested
    class Members {

        @Nested
        class Enrolling {

            @Test
            void aNewLabIsEnrolled() {
                fixture.given(FORMED)
                        .when(enrol(LAB))
                        .expectSuccessfulHandlerExecution()
                        .expectEvents(ENROLLED);
            }

            static Stream<Named<String>> validLabCodes() {
                return Stream.of(
                        Named.of("a single character", "x"),
                        Named.of("letters, digits, '-' and '.'", "WH-3.lab"),
                        Named.of("64 characters", "L".repeat(64)));
            }

            @ParameterizedTest
            @MethodSource("validLabCodes")
            void aLabCodeOfUpTo64LettersDigitsDashesAndDotsIsAccepted(String labCode) {
                fixture.given(FORMED)
                        .when(enrol(labCode))
                        .expectEvents(enrolled(labCode));
            }

            static Stream<Named<String>> invalidLabCodes() {
                return Stream.of(
                        Named.of("none", null),
                        Named.of("an empty one", ""),
                        Named.of("65 characters", "L".repeat(65)),
                        Named.of("one with a space", "lab 03"),
                        Named.of("one with a slash", "lab/03"),
                        Named.of("one with an underscore", "lab_03"),
                        Named.of("one in Chinese", "三医院"));
            }

            @ParameterizedTest
            @MethodSource("invalidLabCodes")
            void aLabWithAnInvalidCodeIsRejected(String labCode) {
                fixture.given(FORMED)
                        .when(enrol(labCode))
                        .expectNoEvents()
                        .expectException(ruleViolation("invalid-labCode", "labCode"));
            }

            @ParameterizedTest
            @NullAndEmptySource
            @ValueSource(strings = " ")
            void aLabWithoutItsInstitutionIsRejected(String institution) {
                fixture.given(FORMED)
                        .when(new EnrolLab(ALLIANCE, LAB, institution, LabLevel.SECONDARY, IDENTIFIERS))
                        .expectNoEvents()
                        .expectException(ruleViolation("invalid-institution", "institution"));
            }

            @Test
            void aLabWithoutItsLevelIsRejected() {
                fixture.given(FORMED)
                        .when(new EnrolLab(ALLIANCE, LAB, INSTITUTION, null, IDENTIFIERS))
                        .expectNoEvents()
                        .expectException(ruleViolation("invalid-level", "level"));
            }

            @Test
            void anActiveMemberEnrolledAgainWithTheSameDetailsIsUnchanged() {
                fixture.given(FORMED, ENROLLED)
                        .when(enrol(LAB))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents();
            }

            static Stream<Named<EnrolLab>> enrolmentsWithOtherDetails() {
                return Stream.of(
                        Named.of("another institution",
                                new EnrolLab(ALLIANCE, LAB, "武汉市第五医院", LabLevel.SECONDARY, IDENTIFIERS)),
                        Named.of("another level",
                                new EnrolLab(ALLIANCE, LAB, INSTITUTION, LabLevel.COMMUNITY, IDENTIFIERS)),
                        Named.of("other identifiers",
                                new EnrolLab(ALLIANCE, LAB, INSTITUTION, LabLevel.SECONDARY, List.of())));
            }

            @ParameterizedTest
            @MethodSource("enrolmentsWithOtherDetails")
            void anActiveMemberEnrolledAgainWithOtherDetailsIsAConflict(EnrolLab enrolment) {
                fixture.given(FORMED, ENROLLED)
                        .when(enrolment)
                        .expectNoEvents()
                        .expectException(conflict("already-member", "labCode"))
                        .expectExceptionMessage(containsString(LAB));
            }

            @Test
            void aSuspendedMemberEnrolledAgainIsAConflict() {
                fixture.given(FORMED, ENROLLED, SUSPENDED)
                        .when(enrol(LAB))
                        .expectNoEvents()
                        .expectException(conflict("member-suspended", "labCode"));
            }

            @Test
            void aWithdrawnMemberIsEnrolledAgainEvenWithOtherDetails() {
                fixture.given(FORMED, ENROLLED, WITHDRAWN)
                        .when(new EnrolLab(ALLIANCE, LAB, INSTITUTION, LabLevel.CORE, IDENTIFIERS))
                        .expectEvents(new LabEnrolled(ALLIANCE, LAB, INSTITUTION, LabLevel.CORE, IDENTIFIERS));
            }

            @Test
            void aWithdrawnMemberEnrolledAgainWithTheSameDetailsIsEnrolledAgain() {
                fixture.given(FORMED, ENROLLED, WITHDRAWN)
                        .when(enrol(LAB))
                        .expectEvents(ENROLLED);
            }

            private EnrolLab enrolFrom(LocalDate effectiveFrom) {
                return new EnrolLab(ALLIANCE, LAB, INSTITUTION, LabLevel.SECONDARY, IDENTIFIERS, effectiveFrom);
            }

            @Test
            void aMembershipOfThePastIsRecordedFromTheStartOfItsFirstDayInShanghai() {
                fixture.givenCurrentTime(NOW).andGiven(FORMED)
                        .when(enrolFrom(LocalDate.of(2021, 6, 1)))
                        .expectEvents(new LabEnrolled(ALLIANCE, LAB, INSTITUTION, LabLevel.SECONDARY, IDENTIFIERS,
                                Instant.parse("2021-05-31T16:00:00Z")));
            }

            @Test
            void aMembershipBeginningTodayMayBeBackdatedToTheStartOfTheDay() {
                fixture.givenCurrentTime(NOW).andGiven(FORMED)
                        .when(enrolFrom(VALID_FROM))
                        .expectEvents(new LabEnrolled(ALLIANCE, LAB, INSTITUTION, LabLevel.SECONDARY, IDENTIFIERS,
                                START_OF_VALIDITY));
            }

            @Test
            void aMembershipCannotBeginInTheFuture() {
                fixture.givenCurrentTime(NOW).andGiven(FORMED)
                        .when(enrolFrom(VALID_FROM.plusDays(1)))
                        .expectNoEvents()
                        .expectException(ruleViolation("invalid-effectiveFrom", "effectiveFrom"));
            }

            @Test
            void aBackdatedEnrolmentRetriedIsUnchangedButAnotherDateIsAConflict() {
                LabEnrolled backdated = new LabEnrolled(ALLIANCE, LAB, INSTITUTION, LabLevel.SECONDARY, IDENTIFIERS,
                        Instant.parse("2021-05-31T16:00:00Z"));
                fixture.givenCurrentTime(NOW).andGiven(FORMED, backdated)
                        .when(enrolFrom(LocalDate.of(2021, 6, 1)))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents();
                fixture.givenCurrentTime(NOW).andGiven(FORMED, backdated)
                        .when(enrol(LAB))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents();
                fixture.givenCurrentTime(NOW).andGiven(FORMED, backdated)
                        .when(enrolFrom(LocalDate.of(2020, 1, 1)))
                        .expectNoEvents()
                        .expectException(conflict("already-member", "labCode"));
            }

            @Test
            void aMembershipAgainCannotBeginBeforeTheLabWithdrew() {
                fixture.givenCurrentTime(NOW).andGiven(FORMED, ENROLLED, WITHDRAWN)
                        .when(enrolFrom(LocalDate.of(2024, 1, 1)))
                        .expectNoEvents()
                        .expectException(ruleViolation("enrolment-before-withdrawal", "effectiveFrom"));
            }
        }

        @Nested
        class Suspending {

            @Test
            void anActiveMemberIsSuspended() {
                fixture.given(FORMED, ENROLLED)
                        .when(new SuspendMember(ALLIANCE, LAB, "failed EQA twice"))
                        .expectEvents(SUSPENDED);
            }

            @Test
            void aReinstatedMemberIsSuspendedAgain() {
                fixture.given(FORMED, ENROLLED, SUSPENDED, REINSTATED)
                        .when(new SuspendMember(ALLIANCE, LAB, "failed EQA twice"))
                        .expectEvents(SUSPENDED);
            }

            @Test
            void aSuspendedMemberSuspendedAgainIsUnchanged() {
                fixture.given(FORMED, ENROLLED, SUSPENDED)
                        .when(new SuspendMember(ALLIANCE, LAB, "another reason"))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents();
            }

            @Test
            void aWithdrawnMemberCannotBeSuspended() {
                fixture.given(FORMED, ENROLLED, WITHDRAWN)
                        .when(new SuspendMember(ALLIANCE, LAB, "failed EQA twice"))
                        .expectNoEvents()
                        .expectException(conflict("member-not-active", "labCode"))
                        .expectExceptionMessage(containsString("withdrawn"));
            }

            @ParameterizedTest
            @NullAndEmptySource
            @ValueSource(strings = "  ")
            void aSuspensionWithoutAReasonIsRejected(String reason) {
                fixture.given(FORMED, ENROLLED)
                        .when(new SuspendMember(ALLIANCE, LAB, reason))
                        .expectNoEvents()
                        .expectException(ruleViolation("invalid-reason", "reason"));
            }

            @Test
            void aLabThatIsNoMemberCannotBeSuspended() {
                fixture.given(FORMED, ENROLLED)
                        .when(new SuspendMember(ALLIANCE, OTHER_LAB, "failed EQA twice"))
                        .expectNoEvents()
                        .expectException(ruleViolation("not-a-member", "labCode"))
                        .expectExceptionMessage(containsString(OTHER_LAB));
            }
        }

        @Nested
        class Reinstating {

            @Test
            void aSuspendedMemberIsReinstated() {
                fixture.given(FORMED, ENROLLED, SUSPENDED)
                        .when(new ReinstateMember(ALLIANCE, LAB, "EQA passed"))
                        .expectEvents(REINSTATED);
            }

            @Test
            void anActiveMemberReinstatedIsUnchanged() {
                fixture.given(FORMED, ENROLLED)
                        .when(new ReinstateMember(ALLIANCE, LAB, "EQA passed"))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents();
            }

            @Test
            void aWithdrawnMemberCannotBeReinstated() {
                fixture.given(FORMED, ENROLLED, SUSPENDED, WITHDRAWN)
                        .when(new ReinstateMember(ALLIANCE, LAB, "EQA passed"))
                        .expectNoEvents()
                        .expectException(conflict("member-not-suspended", "labCode"));
            }

            @Test
            void aLabThatIsNoMemberCannotBeReinstated() {
                fixture.given(FORMED)
                        .when(new ReinstateMember(ALLIANCE, LAB, "EQA passed"))
                        .expectNoEvents()
                        .expectException(ruleViolation("not-a-member", "labCode"));
            }
        }

        @Nested
        class Withdrawing {

            @Test
            void anActiveMemberWithdraws() {
                fixture.given(FORMED, ENROLLED)
                        .when(new WithdrawMember(ALLIANCE, LAB, "left the group"))
                        .expectEvents(WITHDRAWN);
            }

            @Test
            void aSuspendedMemberWithdraws() {
                fixture.given(FORMED, ENROLLED, SUSPENDED)
                        .when(new WithdrawMember(ALLIANCE, LAB, "left the group"))
                        .expectEvents(WITHDRAWN);
            }

            @Test
            void aWithdrawnMemberWithdrawingAgainIsUnchanged() {
                fixture.given(FORMED, ENROLLED, WITHDRAWN)
                        .when(new WithdrawMember(ALLIANCE, LAB, "left the group"))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents();
            }

            @ParameterizedTest
            @NullAndEmptySource
            void aWithdrawalWithoutAReasonIsRejected(String reason) {
                fixture.given(FORMED, ENROLLED)
                        .when(new WithdrawMember(ALLIANCE, LAB, reason))
                        .expectNoEvents()
                        .expectException(ruleViolation("invalid-reason", "reason"));
            }

            @Test
            void aLabThatIsNoMemberCannotWithdraw() {
                fixture.given(FORMED)
                        .when(new WithdrawMember(ALLIANCE, LAB, "left the group"))
                        .expectNoEvents()
                        .expectException(ruleViolation("not-a-member", "labCode"));
            }
        }
    }

    @Nested
    class Catalog {

        private static final LocalDate MID_2025 = LocalDate.of(2025, 7, 1);
        private static final LocalDate START_2026 = LocalDate.of(2026, 1, 1);

        /** Potassium with a tighter allowable error (5 %) from 1 July 2025. */
        private static final CatalogItem POTASSIUM_V2 =
                aPotassium().withAllowableError("0.2", "5").effectiveFrom(MID_2025).build();
        private static final CatalogItemAmended AMENDED_TO_V2 = new CatalogItemAmended(ALLIANCE, POTASSIUM_V2, 2);

        @Nested
        class Publishing {

            @Test
            void aNewItemIsPublishedAsVersionOne() {
                fixture.given(FORMED)
                        .when(new PublishCatalogItem(ALLIANCE, glucose()))
                        .expectEvents(new CatalogItemPublished(ALLIANCE, glucose(), 1));
            }

            @Test
            void anItemPublishedAgainIdenticallyIsUnchanged() {
                fixture.given(FORMED, published(glucose()))
                        .when(new PublishCatalogItem(ALLIANCE, glucose()))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents();
            }

            @Test
            void aDifferentItemWithACodeAlreadyPublishedIsAConflict() {
                fixture.given(FORMED, published(potassium()))
                        .when(new PublishCatalogItem(ALLIANCE, POTASSIUM_V2))
                        .expectNoEvents()
                        .expectException(conflict("item-exists", "item.code"))
                        .expectExceptionMessage(containsString("amend it"));
            }

            @Test
            void theFirstVersionPublishedAgainAfterAnAmendmentIsAConflict() {
                fixture.given(FORMED, published(potassium()), AMENDED_TO_V2)
                        .when(new PublishCatalogItem(ALLIANCE, potassium()))
                        .expectNoEvents()
                        .expectException(conflict("item-exists", "item.code"));
            }

            @Test
            void aRetiredItemPublishedAgainInAnotherVersionIsAConflict() {
                fixture.given(FORMED, published(potassium()), retired(K, START_2026))
                        .when(new PublishCatalogItem(ALLIANCE, POTASSIUM_V2))
                        .expectNoEvents()
                        .expectException(conflict("item-retired", "item.code"));
            }

            /** A retired code stays retired: publishing it again, even identically, says so instead of pretending. */
            @Test
            void aRetiredItemPublishedAgainIdenticallyIsAConflictToo() {
                fixture.given(FORMED, ENROLLED, published(potassium()), retired(K, START_2026))
                        .when(new PublishCatalogItem(ALLIANCE, potassium()))
                        .expectNoEvents()
                        .expectException(conflict("item-retired", "item.code"));
            }

            @Test
            void anItemWhosePrimaryLoincIsAnotherItemsAlternativeIsAConflict() {
                CatalogItem glucoseInMgPerDl = aGlucose().withCode("GLU-MG").withoutAlternatives()
                        .withLoinc("2345-7", "mg/dL").build();

                fixture.given(FORMED, published(glucose()))
                        .when(new PublishCatalogItem(ALLIANCE, glucoseInMgPerDl))
                        .expectNoEvents()
                        .expectException(conflict("loinc-in-other-item", "item.loinc"))
                        .expectExceptionMessage(containsString("2345-7"));
            }

            @Test
            void anItemWhoseAlternativeLoincIsAnotherItemsPrimaryIsAConflict() {
                CatalogItem pointOfCareGlucose = aGlucose().withCode("GLU-POC").withLoinc("41653-7", "mmol/L")
                        .withoutAlternatives().withAlternative("14749-6", "mmol/L", "1").build();

                fixture.given(FORMED, published(glucose()))
                        .when(new PublishCatalogItem(ALLIANCE, pointOfCareGlucose))
                        .expectNoEvents()
                        .expectException(conflict("loinc-in-other-item", "item.loinc"))
                        .expectExceptionMessage(containsString("14749-6"));
            }

            @Test
            void theLoincOfARetiredItemMayBeTakenByANewItem() {
                CatalogItem successor = aGlucose().withCode("GLU2").build();

                fixture.given(FORMED, published(glucose()), retired(GLU, START_2026))
                        .when(new PublishCatalogItem(ALLIANCE, successor))
                        .expectEvents(published(successor));
            }

            @Test
            void noItemIsRejected() {
                fixture.given(FORMED)
                        .when(new PublishCatalogItem(ALLIANCE, null))
                        .expectNoEvents()
                        .expectException(ruleViolation("invalid-item", "item"));
            }
        }

        @Nested
        class Seeding {

            @Test
            void publishesEveryItemOfAnEmptyCatalog() {
                fixture.given(FORMED)
                        .when(new SeedCatalog(ALLIANCE, List.of(potassium(), glucose(), sodium())))
                        .expectEvents(published(potassium()), published(glucose()), published(sodium()));
            }

            @Test
            void publishesOnlyTheItemsNotYetInTheCatalog() {
                fixture.given(FORMED, published(potassium()))
                        .when(new SeedCatalog(ALLIANCE, List.of(potassium(), glucose(), sodium())))
                        .expectEvents(published(glucose()), published(sodium()));
            }

            @Test
            void leavesAnItemThatIsAlreadyInTheCatalogAsItIsEvenWhenTheSeedDiffers() {
                fixture.given(FORMED, published(potassium()), AMENDED_TO_V2)
                        .when(new SeedCatalog(ALLIANCE, List.of(potassium(), glucose())))
                        .expectEvents(published(glucose()));
            }

            @Test
            void leavesARetiredItemRetired() {
                fixture.given(FORMED, published(potassium()), retired(K, START_2026))
                        .when(new SeedCatalog(ALLIANCE, List.of(potassium())))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents();
            }

            @Test
            void aSeedOfItemsAllPublishedIsUnchanged() {
                fixture.given(FORMED, published(potassium()), published(glucose()))
                        .when(new SeedCatalog(ALLIANCE, List.of(potassium(), glucose())))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents();
            }

            @Test
            void anEmptySeedIsRejected() {
                fixture.given(FORMED)
                        .when(new SeedCatalog(ALLIANCE, List.of()))
                        .expectNoEvents()
                        .expectException(ruleViolation("invalid-items", "items"));
            }

            @Test
            void aSeedWithTwoItemsSharingALoincPublishesNothing() {
                CatalogItem pointOfCareGlucose = aGlucose().withCode("GLU-POC").withoutAlternatives().build();

                fixture.given(FORMED)
                        .when(new SeedCatalog(ALLIANCE, List.of(potassium(), glucose(), pointOfCareGlucose)))
                        .expectNoEvents()
                        .expectException(conflict("loinc-in-other-item", "item.loinc"));
            }
        }

        @Nested
        class Amending {

            @Test
            void anItemIsAmendedToVersionTwo() {
                fixture.given(FORMED, published(potassium()))
                        .when(new AmendCatalogItem(ALLIANCE, POTASSIUM_V2))
                        .expectEvents(AMENDED_TO_V2);
            }

            @Test
            void anAmendedItemIsAmendedToVersionThree() {
                CatalogItem v3 = aPotassium().withAllowableError("0.15", "5").effectiveFrom(START_2026).build();

                fixture.given(FORMED, published(potassium()), AMENDED_TO_V2)
                        .when(new AmendCatalogItem(ALLIANCE, v3))
                        .expectEvents(new CatalogItemAmended(ALLIANCE, v3, 3));
            }

            @Test
            void anAmendmentIdenticalToThePublishedVersionIsUnchanged() {
                fixture.given(FORMED, published(potassium()))
                        .when(new AmendCatalogItem(ALLIANCE, potassium()))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents();
            }

            @Test
            void anAmendmentIdenticalToTheLatestVersionIsUnchanged() {
                fixture.given(FORMED, published(potassium()), AMENDED_TO_V2)
                        .when(new AmendCatalogItem(ALLIANCE, POTASSIUM_V2))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents();
            }

            @Test
            void anAmendmentEffectiveTheSameDayAsTheCurrentVersionIsRejected() {
                CatalogItem sameDay = aPotassium().withAllowableError("0.2", "5").build();

                fixture.given(FORMED, published(potassium()))
                        .when(new AmendCatalogItem(ALLIANCE, sameDay))
                        .expectNoEvents()
                        .expectException(ruleViolation("amendment-not-later", "item.effectiveFrom"));
            }

            @Test
            void anAmendmentEffectiveBeforeTheCurrentVersionIsRejected() {
                CatalogItem earlier = aPotassium().withAllowableError("0.2", "5")
                        .effectiveFrom(CATALOG_START.minusDays(1)).build();

                fixture.given(FORMED, published(potassium()))
                        .when(new AmendCatalogItem(ALLIANCE, earlier))
                        .expectNoEvents()
                        .expectException(ruleViolation("amendment-not-later", "item.effectiveFrom"));
            }

            @Test
            void anAmendmentBackToTheFirstVersionIsRejectedAsNotLater() {
                fixture.given(FORMED, published(potassium()), AMENDED_TO_V2)
                        .when(new AmendCatalogItem(ALLIANCE, potassium()))
                        .expectNoEvents()
                        .expectException(ruleViolation("amendment-not-later", "item.effectiveFrom"))
                        .expectExceptionMessage(containsString("version 2"));
            }

            @Test
            void anAmendmentTakingEffectTheNextDayIsAccepted() {
                CatalogItem nextDay = aPotassium().withAllowableError("0.2", "5")
                        .effectiveFrom(CATALOG_START.plusDays(1)).build();

                fixture.given(FORMED, published(potassium()))
                        .when(new AmendCatalogItem(ALLIANCE, nextDay))
                        .expectEvents(new CatalogItemAmended(ALLIANCE, nextDay, 2));
            }

            @Test
            void anItemNotInTheCatalogCannotBeAmended() {
                fixture.given(FORMED, published(glucose()))
                        .when(new AmendCatalogItem(ALLIANCE, POTASSIUM_V2))
                        .expectNoEvents()
                        .expectException(ruleViolation("not-in-catalog", "itemCode"));
            }

            @Test
            void aRetiredItemCannotBeAmended() {
                fixture.given(FORMED, published(potassium()), retired(K, START_2026))
                        .when(new AmendCatalogItem(ALLIANCE, POTASSIUM_V2))
                        .expectNoEvents()
                        .expectException(conflict("item-retired", "item.code"));
            }
        }

        @Nested
        class Pricing {

            private static final java.math.BigDecimal PRICE = new java.math.BigDecimal("6.50");

            @Test
            void anItemGetsAPriceFromADate() {
                fixture.given(FORMED, published(potassium()))
                        .when(new org.huren.domain.catalog.SetItemPrice(ALLIANCE, K, PRICE, "CNY", START_2026))
                        .expectEvents(new org.huren.domain.catalog.ItemPriceSet(ALLIANCE, K, PRICE, "CNY", START_2026));
            }

            @Test
            void theSamePriceAgainIsUnchangedAndAnEarlierOneIsRefused() {
                org.huren.domain.catalog.ItemPriceSet set =
                        new org.huren.domain.catalog.ItemPriceSet(ALLIANCE, K, PRICE, "CNY", START_2026);
                fixture.given(FORMED, published(potassium()), set)
                        .when(new org.huren.domain.catalog.SetItemPrice(ALLIANCE, K, new java.math.BigDecimal("6.5"),
                                "CNY", START_2026.plusDays(3)))
                        .expectSuccessfulHandlerExecution().expectNoEvents();
                fixture.given(FORMED, published(potassium()), set)
                        .when(new org.huren.domain.catalog.SetItemPrice(ALLIANCE, K, PRICE.add(PRICE), "CNY",
                                START_2026.minusDays(1)))
                        .expectNoEvents().expectException(ruleViolation("price-not-later", "effectiveFrom"));
            }

            @Test
            void aPriceIsForACatalogItemNonNegativeAndInACurrency() {
                fixture.given(FORMED, published(potassium()))
                        .when(new org.huren.domain.catalog.SetItemPrice(ALLIANCE, "NOPE", PRICE, "CNY", START_2026))
                        .expectNoEvents().expectException(ruleViolation("not-in-catalog", "itemCode"));
                fixture.given(FORMED, published(potassium()))
                        .when(new org.huren.domain.catalog.SetItemPrice(ALLIANCE, K, PRICE.negate(), "CNY", START_2026))
                        .expectNoEvents().expectException(ruleViolation("invalid-price", "price"));
                fixture.given(FORMED, published(potassium()))
                        .when(new org.huren.domain.catalog.SetItemPrice(ALLIANCE, K, PRICE, "yuan", START_2026))
                        .expectNoEvents().expectException(ruleViolation("invalid-currency", "currency"));
            }
        }

        @Nested
        class Retiring {

            @Test
            void anItemIsRetired() {
                fixture.given(FORMED, published(potassium()))
                        .when(new RetireCatalogItem(ALLIANCE, K, START_2026, "no longer offered"))
                        .expectEvents(retired(K, START_2026));
            }

            @Test
            void anItemIsRetiredFromTheDayItsCurrentVersionTakesEffect() {
                fixture.given(FORMED, published(potassium()), AMENDED_TO_V2)
                        .when(new RetireCatalogItem(ALLIANCE, K, MID_2025, "no longer offered"))
                        .expectEvents(retired(K, MID_2025));
            }

            @Test
            void aRetiredItemRetiredAgainIsUnchanged() {
                fixture.given(FORMED, published(potassium()), retired(K, START_2026))
                        .when(new RetireCatalogItem(ALLIANCE, K, START_2026, "no longer offered"))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents();
            }

            @Test
            void anItemCannotRetireBeforeItsCurrentVersionTakesEffect() {
                fixture.given(FORMED, published(potassium()), AMENDED_TO_V2)
                        .when(new RetireCatalogItem(ALLIANCE, K, MID_2025.minusDays(1), "no longer offered"))
                        .expectNoEvents()
                        .expectException(ruleViolation("retirement-before-version", "effectiveFrom"));
            }

            @Test
            void anItemNotInTheCatalogCannotBeRetired() {
                fixture.given(FORMED, published(potassium()))
                        .when(new RetireCatalogItem(ALLIANCE, GLU, START_2026, "no longer offered"))
                        .expectNoEvents()
                        .expectException(ruleViolation("not-in-catalog", "itemCode"));
            }

            @ParameterizedTest
            @NullAndEmptySource
            void aRetirementWithoutAReasonIsRejected(String reason) {
                fixture.given(FORMED, published(potassium()))
                        .when(new RetireCatalogItem(ALLIANCE, K, START_2026, reason))
                        .expectNoEvents()
                        .expectException(ruleViolation("invalid-reason", "reason"));
            }

            @Test
            void aRetirementWithoutItsEffectiveDateIsRejected() {
                fixture.given(FORMED, published(potassium()))
                        .when(new RetireCatalogItem(ALLIANCE, K, null, "no longer offered"))
                        .expectNoEvents()
                        .expectException(ruleViolation("invalid-effectiveFrom", "effectiveFrom"));
            }
        }
    }

    @Nested
    class Accreditation {

        private final Object[] aMemberAndTheCatalog =
                {FORMED, ENROLLED, published(potassium()), published(glucose()), published(sodium())};

        private final Set<String> potassiumAndGlucose = Set.of(K, GLU);

        @Nested
        class Accrediting {

            @Test
            void anActiveMemberIsAccreditedForPublishedItemsAndItsExpiryIsScheduled() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .when(accredit(potassiumAndGlucose, VALID_UNTIL))
                        .expectSuccessfulHandlerExecution()
                        .expectEvents(accredited(potassiumAndGlucose, VALID_UNTIL))
                        .expectScheduledDeadline(EXPIRY, expiry(potassiumAndGlucose, VALID_UNTIL))
                        .expectScheduledDeadline(Duration.between(NOW, EXPIRY),
                                expiry(potassiumAndGlucose, VALID_UNTIL))
                        .expectScheduledDeadlineWithName(EXPIRY, AccreditationExpiry.DEADLINE);
            }

            @Test
            void anAccreditationValidForOneDayIsAccepted() {
                LocalDate nextDay = VALID_FROM.plusDays(1);

                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .when(accredit(Set.of(K), nextDay))
                        .expectEvents(accredited(Set.of(K), nextDay))
                        .expectScheduledDeadline(Instant.parse("2025-03-02T16:00:00Z"), expiry(Set.of(K), nextDay));
            }

            @Test
            void aReinstatedMemberIsAccredited() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(SUSPENDED, REINSTATED)
                        .when(accredit(Set.of(K), VALID_UNTIL))
                        .expectEvents(accredited(Set.of(K), VALID_UNTIL));
            }

            @Test
            void aSuspendedMemberCannotBeAccredited() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(SUSPENDED)
                        .when(accredit(Set.of(K), VALID_UNTIL))
                        .expectNoEvents()
                        .expectException(ruleViolation("member-not-active", "labCode"))
                        .expectExceptionMessage(containsString("suspended"))
                        .expectNoScheduledDeadlines();
            }

            @Test
            void aWithdrawnMemberCannotBeAccredited() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(WITHDRAWN)
                        .when(accredit(Set.of(K), VALID_UNTIL))
                        .expectNoEvents()
                        .expectException(ruleViolation("member-not-active", "labCode"))
                        .expectExceptionMessage(containsString("withdrawn"))
                        .expectNoScheduledDeadlines();
            }

            @Test
            void aLabThatIsNoMemberCannotBeAccredited() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .when(accredit(OTHER_LAB, Set.of(K), VALID_FROM, VALID_UNTIL))
                        .expectNoEvents()
                        .expectException(ruleViolation("not-a-member", "labCode"))
                        .expectNoScheduledDeadlines();
            }

            @Test
            void anItemNotInTheCatalogCannotBeAccredited() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .when(accredit(Set.of(K, "ALT"), VALID_UNTIL))
                        .expectNoEvents()
                        .expectException(ruleViolation("not-in-catalog", "itemCodes"))
                        .expectExceptionMessage(containsString("ALT"))
                        .expectNoScheduledDeadlines();
            }

            @Test
            void aRetiredItemCannotBeAccredited() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(retired(NA, VALID_FROM))
                        .when(accredit(Set.of(K, NA), VALID_UNTIL))
                        .expectNoEvents()
                        .expectException(ruleViolation("not-in-catalog", "itemCodes"))
                        .expectExceptionMessage(containsString(NA))
                        .expectNoScheduledDeadlines();
            }

            @Test
            void anAccreditationWithoutItemsIsRejected() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .when(accredit(Set.of(), VALID_UNTIL))
                        .expectNoEvents()
                        .expectException(ruleViolation("invalid-itemCodes", "itemCodes"));
            }

            @Test
            void anAccreditationWithNullItemsIsRejectedAsWithoutItems() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .when(accredit(null, VALID_UNTIL))
                        .expectNoEvents()
                        .expectException(ruleViolation("invalid-itemCodes", "itemCodes"));
            }

            static Stream<Named<LocalDate>> validUntilDatesNotAfterValidFrom() {
                return Stream.of(
                        Named.of("the day it starts", VALID_FROM),
                        Named.of("the day before it starts", VALID_FROM.minusDays(1)),
                        Named.of("no date", null));
            }

            @ParameterizedTest
            @MethodSource("validUntilDatesNotAfterValidFrom")
            void anAccreditationMustBeValidUntilAfterItStarts(LocalDate validUntil) {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .when(accredit(Set.of(K), validUntil))
                        .expectNoEvents()
                        .expectException(ruleViolation("invalid-validUntil", "validUntil"))
                        .expectNoScheduledDeadlines();
            }

            @Test
            void anAccreditationWithoutAStartDateIsRejected() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .when(accredit(LAB, Set.of(K), null, VALID_UNTIL))
                        .expectNoEvents()
                        .expectException(ruleViolation("invalid-validFrom", "validFrom"));
            }

            @Test
            void theSameAccreditationAgainIsUnchanged() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(accredited(potassiumAndGlucose, VALID_UNTIL))
                        .when(accredit(potassiumAndGlucose, VALID_UNTIL))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents()
                        .expectNoScheduledDeadlines();
            }

            @Test
            void anAccreditationForSomeOfTheItemsAlreadyAccreditedIsUnchanged() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(accredited(potassiumAndGlucose, VALID_UNTIL))
                        .when(accredit(Set.of(GLU), VALID_UNTIL))
                        .expectNoEvents()
                        .expectNoScheduledDeadlines();
            }

            @Test
            void anAccreditationAddingAnItemIsRecordedForAllItsItems() {
                Set<String> allThree = Set.of(K, GLU, NA);

                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(accredited(potassiumAndGlucose, VALID_UNTIL))
                        .when(accredit(allThree, VALID_UNTIL))
                        .expectEvents(accredited(allThree, VALID_UNTIL))
                        .expectScheduledDeadline(EXPIRY, expiry(allThree, VALID_UNTIL));
            }

            @Test
            void aReaccreditationWithALaterValidUntilIsRecordedAndScheduled() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(accredited(potassiumAndGlucose, VALID_UNTIL))
                        .when(accredit(Set.of(K), LATER_UNTIL))
                        .expectEvents(accredited(Set.of(K), LATER_UNTIL))
                        .expectScheduledDeadline(Instant.parse("2028-02-29T16:00:00Z"),
                                expiry(Set.of(K), LATER_UNTIL));
            }

            @Test
            void aReaccreditationOnAnotherAssessmentIsRecorded() {
                AccreditLab onAnotherAssessment = new AccreditLab(ALLIANCE, LAB, Set.of(K), VALID_FROM, VALID_UNTIL,
                        "assessment-2025-044", List.of("王芳"));

                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(accredited(Set.of(K), VALID_UNTIL))
                        .when(onAnotherAssessment)
                        .expectEvents(new LabAccredited(ALLIANCE, LAB, Set.of(K), VALID_FROM, VALID_UNTIL,
                                "assessment-2025-044", List.of("王芳")));
            }

            @Test
            void anItemWhoseAccreditationWasWithdrawnIsAccreditedAgain() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(accredited(Set.of(K), VALID_UNTIL), accreditationWithdrawn(K, NOW))
                        .when(accredit(Set.of(K), VALID_UNTIL))
                        .expectEvents(accredited(Set.of(K), VALID_UNTIL))
                        .expectScheduledDeadline(EXPIRY, expiry(Set.of(K), VALID_UNTIL));
            }

            @Test
            void anItemWhoseAccreditationExpiredIsAccreditedAgain() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(accredited(Set.of(K), VALID_UNTIL), expired(K, VALID_UNTIL))
                        .when(accredit(Set.of(K), VALID_UNTIL))
                        .expectEvents(accredited(Set.of(K), VALID_UNTIL));
            }
        }

        @Nested
        class Expiry {

            @Test
            void everyItemExpiresAtTheEndOfItsLastValidDay() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGivenCommands(accredit(potassiumAndGlucose, VALID_UNTIL))
                        .whenTimeAdvancesTo(EXPIRY)
                        .expectTriggeredDeadlines(expiry(potassiumAndGlucose, VALID_UNTIL))
                        .expectEvents(
                                new AccreditationExpired(ALLIANCE, LAB, GLU, VALID_UNTIL, EXPIRY),
                                new AccreditationExpired(ALLIANCE, LAB, K, VALID_UNTIL, EXPIRY));
            }

            @Test
            void nothingExpiresDuringTheLastValidDay() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGivenCommands(accredit(potassiumAndGlucose, VALID_UNTIL))
                        .whenTimeAdvancesTo(EXPIRY.minusNanos(1))
                        .expectNoEvents()
                        .expectTriggeredDeadlines()
                        .expectScheduledDeadline(EXPIRY, expiry(potassiumAndGlucose, VALID_UNTIL));
            }

            @Test
            void theItemsExpireWhenTheirTimeHasElapsed() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGivenCommands(accredit(potassiumAndGlucose, VALID_UNTIL))
                        .whenTimeElapses(Duration.between(NOW, EXPIRY).plusDays(3))
                        .expectEvents(expired(GLU, VALID_UNTIL), expired(K, VALID_UNTIL));
            }

            @Test
            void anItemReaccreditedUntilLaterDoesNotExpireWithTheOthers() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGivenCommands(accredit(potassiumAndGlucose, VALID_UNTIL), accredit(Set.of(K), LATER_UNTIL))
                        .whenTimeAdvancesTo(EXPIRY)
                        .expectTriggeredDeadlines(expiry(potassiumAndGlucose, VALID_UNTIL))
                        .expectEvents(expired(GLU, VALID_UNTIL))
                        .expectScheduledDeadline(AllianceTime.endOf(LATER_UNTIL), expiry(Set.of(K), LATER_UNTIL));
            }

            @Test
            void anItemReaccreditedUntilLaterExpiresAtTheEndOfItsNewValidity() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGivenCommands(accredit(potassiumAndGlucose, VALID_UNTIL), accredit(Set.of(K), LATER_UNTIL))
                        .whenTimeAdvancesTo(AllianceTime.endOf(LATER_UNTIL))
                        .expectTriggeredDeadlines(expiry(potassiumAndGlucose, VALID_UNTIL),
                                expiry(Set.of(K), LATER_UNTIL))
                        .expectEvents(expired(GLU, VALID_UNTIL), expired(K, LATER_UNTIL));
            }

            @Test
            void anItemWhoseAccreditationWasWithdrawnDoesNotExpire() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGivenCommands(accredit(potassiumAndGlucose, VALID_UNTIL),
                                withdrawAccreditation(K, NOW))
                        .whenTimeAdvancesTo(EXPIRY)
                        .expectTriggeredDeadlines(expiry(potassiumAndGlucose, VALID_UNTIL))
                        .expectEvents(expired(GLU, VALID_UNTIL));
            }

            @Test
            void nothingExpiresWhenEveryItemWasWithdrawn() {
                fixture.givenCurrentTime(NOW)
                        .andGiven(aMemberAndTheCatalog)
                        .andGivenCommands(accredit(potassiumAndGlucose, VALID_UNTIL),
                                withdrawAccreditation(K, NOW), withdrawAccreditation(GLU, NOW))
                        .whenTimeAdvancesTo(EXPIRY)
                        .expectTriggeredDeadlines(expiry(potassiumAndGlucose, VALID_UNTIL))
                        .expectNoEvents();
            }
        }

        @Nested
        class Withdrawing {

            /** Half a year into the accreditation. */
            private static final Instant LATER = Instant.parse("2025-09-01T02:00:00Z");

            @Test
            void anAccreditationIsWithdrawn() {
                fixture.givenCurrentTime(LATER)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(accredited(potassiumAndGlucose, VALID_UNTIL))
                        .when(withdrawAccreditation(K, LATER))
                        .expectEvents(accreditationWithdrawn(K, LATER));
            }

            @Test
            void anAccreditationIsWithdrawnBackToTheFirstInstantOfItsFirstDayInShanghai() {
                fixture.givenCurrentTime(LATER)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(accredited(potassiumAndGlucose, VALID_UNTIL))
                        .when(withdrawAccreditation(K, START_OF_VALIDITY))
                        .expectEvents(accreditationWithdrawn(K, START_OF_VALIDITY));
            }

            @Test
            void anAccreditationCannotBeWithdrawnBeforeItsFirstDay() {
                fixture.givenCurrentTime(LATER)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(accredited(potassiumAndGlucose, VALID_UNTIL))
                        .when(withdrawAccreditation(K, START_OF_VALIDITY.minusSeconds(1)))
                        .expectNoEvents()
                        .expectException(ruleViolation("withdrawal-before-accreditation", "effectiveAt"))
                        .expectExceptionMessage(containsString(VALID_FROM.toString()));
            }

            @Test
            void anItemTheLabIsNotAccreditedForCannotBeWithdrawn() {
                fixture.givenCurrentTime(LATER)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(accredited(potassiumAndGlucose, VALID_UNTIL))
                        .when(withdrawAccreditation(NA, LATER))
                        .expectNoEvents()
                        .expectException(conflict("not-accredited", "itemCode"));
            }

            @Test
            void anItemOnlyAnotherLabIsAccreditedForCannotBeWithdrawn() {
                fixture.givenCurrentTime(LATER)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(enrolled(OTHER_LAB), new LabAccredited(ALLIANCE, OTHER_LAB, Set.of(K), VALID_FROM,
                                VALID_UNTIL, ASSESSMENT, ASSESSORS))
                        .when(withdrawAccreditation(K, LATER))
                        .expectNoEvents()
                        .expectException(conflict("not-accredited", "itemCode"));
            }

            @Test
            void anExpiredAccreditationCannotBeWithdrawn() {
                fixture.givenCurrentTime(LATER)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(accredited(Set.of(K), VALID_UNTIL), expired(K, VALID_UNTIL))
                        .when(withdrawAccreditation(K, LATER))
                        .expectNoEvents()
                        .expectException(conflict("not-accredited", "itemCode"));
            }

            @ParameterizedTest
            @NullAndEmptySource
            @ValueSource(strings = " ")
            void aWithdrawalWithoutAReasonIsRejected(String reason) {
                fixture.givenCurrentTime(LATER)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(accredited(potassiumAndGlucose, VALID_UNTIL))
                        .when(new WithdrawAccreditation(ALLIANCE, LAB, K, reason, LATER))
                        .expectNoEvents()
                        .expectException(ruleViolation("invalid-reason", "reason"));
            }

            @Test
            void aWithdrawalWithoutItsEffectiveTimeIsRejected() {
                fixture.givenCurrentTime(LATER)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(accredited(potassiumAndGlucose, VALID_UNTIL))
                        .when(withdrawAccreditation(K, null))
                        .expectNoEvents()
                        .expectException(ruleViolation("invalid-effectiveAt", "effectiveAt"));
            }

            @Test
            void anItemNotInTheCatalogCannotBeWithdrawn() {
                fixture.givenCurrentTime(LATER)
                        .andGiven(aMemberAndTheCatalog)
                        .andGiven(accredited(potassiumAndGlucose, VALID_UNTIL))
                        .when(withdrawAccreditation("ALT", LATER))
                        .expectNoEvents()
                        .expectException(ruleViolation("not-in-catalog", "itemCode"));
            }

            @Test
            void anAccreditationOfALabThatIsNoMemberCannotBeWithdrawn() {
                fixture.givenCurrentTime(LATER)
                        .andGiven(aMemberAndTheCatalog)
                        .when(new WithdrawAccreditation(ALLIANCE, OTHER_LAB, K, "IQC records not kept", LATER))
                        .expectNoEvents()
                        .expectException(ruleViolation("not-a-member", "labCode"));
            }
        }
    }

    /** Rules added after review: no LOINC shared through an amendment, withdrawal ends accreditation, retries. */
    @Nested
    class ReviewedRules {

        @Test
        void anAmendmentCannotTakeALoincOfAnotherItem() {
            CatalogItem potassiumTakingGlucose = CatalogItemBuilder.aPotassium().withAlternative("14749-6",
                    "mmol/L", "1").effectiveFrom(LocalDate.of(2026, 1, 1)).build();
            fixture.given(FORMED, published(potassium()), published(glucose()))
                    .when(new org.huren.domain.catalog.AmendCatalogItem(ALLIANCE, potassiumTakingGlucose))
                    .expectNoEvents()
                    .expectException(conflict("loinc-in-other-item", "item.loinc"));
        }

        @Test
        void aWithdrawingMemberLosesEveryAccreditationItHolds() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(FORMED, ENROLLED, published(potassium()), published(glucose()),
                            accredited(Set.of(K, GLU), VALID_UNTIL))
                    .when(new WithdrawMember(ALLIANCE, LAB, "left the group"))
                    .expectEvents(WITHDRAWN,
                            new AccreditationWithdrawn(ALLIANCE, LAB, GLU,
                                    "member withdrew from the alliance: left the group", NOW),
                            new AccreditationWithdrawn(ALLIANCE, LAB, K,
                                    "member withdrew from the alliance: left the group", NOW));
        }

        @Test
        void aRetriedWithdrawalOfAnAccreditationChangesNothing() {
            Instant effective = Instant.parse("2025-06-01T00:00:00Z");
            fixture.givenCurrentTime(NOW)
                    .andGiven(FORMED, ENROLLED, published(potassium()), accredited(Set.of(K), VALID_UNTIL),
                            new AccreditationWithdrawn(ALLIANCE, LAB, K, "IQC records not kept", effective))
                    .when(withdrawAccreditation(K, effective))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void anAccreditationCannotBeWithdrawnFromAfterItRunsOut() {
            fixture.givenCurrentTime(EXPIRY.plusSeconds(3600))
                    .andGiven(FORMED, ENROLLED, published(potassium()), accredited(Set.of(K), VALID_UNTIL))
                    .when(withdrawAccreditation(K, EXPIRY))
                    .expectNoEvents()
                    .expectException(ruleViolation("withdrawal-after-expiry", "effectiveAt"));
        }

        @Test
        void aWithdrawalCannotTakeEffectInTheFuture() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(FORMED, ENROLLED, published(potassium()), accredited(Set.of(K), VALID_UNTIL))
                    .when(withdrawAccreditation(K, NOW.plusSeconds(1)))
                    .expectNoEvents()
                    .expectException(ruleViolation("withdrawal-in-future", "effectiveAt"));
        }

        @Test
        void anAccreditationForAnItemRetiringLaterIsStillPossible() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(FORMED, ENROLLED, published(potassium()), retired(K, LocalDate.of(2026, 1, 1)))
                    .when(accredit(Set.of(K), VALID_UNTIL))
                    .expectEvents(accredited(Set.of(K), VALID_UNTIL));
        }
    }

    @Nested
    class RecognitionPolicy {

        @Test
        void aPolicyIsSetAndAStrictEnoughOneAccepted() {
            fixture.given(FORMED)
                    .when(new SetRecognitionPolicy(ALLIANCE, false, 12, 180))
                    .expectEvents(new RecognitionPolicySet(ALLIANCE, false, 12, 180));
        }

        @Test
        void settingThePolicyItHasAlreadyChangesNothing() {
            fixture.given(FORMED)
                    .when(new SetRecognitionPolicy(ALLIANCE, true, 24, 365))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void anIqcWindowLongerThanTheDefaultIsRefused() {
            fixture.given(FORMED)
                    .when(new SetRecognitionPolicy(ALLIANCE, true, 25, 365))
                    .expectNoEvents()
                    .expectException(ruleViolation("invalid-iqcBracketHours", "iqcBracketHours"));
        }

        @Test
        void anEqaAgeLimitLongerThanTheDefaultIsRefused() {
            fixture.given(FORMED)
                    .when(new SetRecognitionPolicy(ALLIANCE, true, 24, 366))
                    .expectNoEvents()
                    .expectException(ruleViolation("invalid-eqaMaxAgeDays", "eqaMaxAgeDays"));
        }
    }

    @Nested
    class TrustedIdentifierSystems {

        @Test
        void aSystemIsTrustedOnceAndCanStopBeingTrusted() {
            fixture.given(FORMED)
                    .when(new TrustIdentifierSystem(ALLIANCE, "national", "居民身份证号", true))
                    .expectEvents(new IdentifierSystemTrustChanged(ALLIANCE, "national", "居民身份证号", true));
            fixture.given(FORMED, new IdentifierSystemTrustChanged(ALLIANCE, "national", "居民身份证号", true))
                    .when(new TrustIdentifierSystem(ALLIANCE, "national", "居民身份证号", true))
                    .expectNoEvents();
            fixture.given(FORMED, new IdentifierSystemTrustChanged(ALLIANCE, "national", "居民身份证号", true))
                    .when(new TrustIdentifierSystem(ALLIANCE, "national", null, false))
                    .expectEvents(new IdentifierSystemTrustChanged(ALLIANCE, "national", null, false));
        }

        @Test
        void aSystemMustBeNamed() {
            fixture.given(FORMED).when(new TrustIdentifierSystem(ALLIANCE, " ", null, true))
                    .expectNoEvents().expectException(ruleViolation("invalid-system", "system"));
        }
    }
}
