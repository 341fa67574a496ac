package org.huren.projections.recognition;

import org.huren.domain.recognition.AccreditationFacts;
import org.huren.domain.recognition.RecognitionPolicy;
import org.huren.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AccreditationsAndPoliciesTest {

    private final Accreditations accreditations = new Accreditations(TestDatabase.jdbc());
    private final Policies policies = new Policies(TestDatabase.jdbc());
    private final LocalDate from = LocalDate.of(2026, 1, 1);

    @BeforeEach
    void empty() {
        TestDatabase.truncate(List.of(Accreditations.TABLES.get(0), Policies.TABLES.get(0)));
    }

    @Test
    void aWithdrawalEndsTheItemsOpenAccreditationOnly() {
        accreditations.accredit("a1", "LAB", Set.of("K", "NA"), from, from.plusYears(2), "as-1", "e1");
        Instant effective = Instant.parse("2026-06-01T00:00:00Z");
        accreditations.withdraw("a1", "LAB", "K", effective);
        accreditations.withdraw("a1", "LAB", "K", effective.plusSeconds(60));

        assertThat(accreditations.of("a1").get("LAB")).containsExactlyInAnyOrder(
                new AccreditationFacts("K", from, from.plusYears(2), effective, "as-1", "e1"),
                new AccreditationFacts("NA", from, from.plusYears(2), null, "as-1", "e1"));
    }

    @Test
    void anAllianceStartsWithTheDefaultPolicyAndMaySetItsOwn() {
        assertThat(policies.of("a1")).isEqualTo(RecognitionPolicy.defaults());
        policies.formed("a1");
        assertThat(policies.of("a1")).isEqualTo(RecognitionPolicy.defaults());
        policies.set("a1", false, 12, 180);
        policies.formed("a1");
        assertThat(policies.of("a1")).isEqualTo(new RecognitionPolicy(false, Duration.ofHours(12),
                Duration.ofDays(180)));
    }
}
