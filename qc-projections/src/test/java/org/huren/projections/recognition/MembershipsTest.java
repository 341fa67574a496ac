package org.huren.projections.recognition;

import org.huren.domain.alliance.MemberStatus;
import org.huren.domain.recognition.MembershipPeriod;
import org.huren.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipsTest {

    private final Memberships memberships = new Memberships(TestDatabase.jdbc());
    private final Instant t = Instant.parse("2026-03-01T00:00:00Z");

    @BeforeEach
    void empty() {
        TestDatabase.truncate(Memberships.TABLES);
    }

    @Test
    void eachChangeOfStandingEndsTheOpenPeriodWhereTheNextBegins() {
        memberships.begin("a1", "LAB", MemberStatus.ACTIVE, t, "e1");
        memberships.begin("a1", "LAB", MemberStatus.SUSPENDED, t.plusSeconds(60), "e2");
        memberships.begin("a1", "LAB", MemberStatus.ACTIVE, t.plusSeconds(120), "e3");

        assertThat(memberships.periods("a1")).containsExactly(Map.entry("LAB", List.of(
                new MembershipPeriod(MemberStatus.ACTIVE, t, t.plusSeconds(60), "e1"),
                new MembershipPeriod(MemberStatus.SUSPENDED, t.plusSeconds(60), t.plusSeconds(120), "e2"),
                new MembershipPeriod(MemberStatus.ACTIVE, t.plusSeconds(120), null, "e3"))));
        assertThat(memberships.periods("a2")).isEmpty();
    }

    @Test
    void theAlliancesOfSeveralLabsAreReadAtOnceWithdrawnOnesIncluded() {
        memberships.begin("a2", "LAB", MemberStatus.ACTIVE, t, "e1");
        memberships.begin("a1", "LAB", MemberStatus.ACTIVE, t, "e2");
        memberships.begin("a1", "LAB", MemberStatus.WITHDRAWN, t.plusSeconds(1), "e3");
        memberships.begin("a1", "OTHER", MemberStatus.ACTIVE, t, "e4");

        assertThat(memberships.alliancesOf(List.of("LAB", "OTHER", "NONE"))).containsExactly(
                Map.entry("LAB", List.of("a1", "a2")), Map.entry("OTHER", List.of("a1")));
    }
}
