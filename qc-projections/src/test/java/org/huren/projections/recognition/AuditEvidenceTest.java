package org.huren.projections.recognition;

import org.huren.domain.recognition.MajorFinding;
import org.huren.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Major findings as recognition keeps them: each period a finding is open, verified or reopened. */
class AuditEvidenceTest {

    private final AuditEvidence audits = new AuditEvidence(TestDatabase.jdbc());
    private final Instant t = Instant.parse("2026-03-01T00:00:00Z");

    @BeforeEach
    void empty() {
        TestDatabase.truncate(AuditEvidence.TABLES);
    }

    @Test
    void aFindingIsOpenUntilVerifiedAndEachReopeningOpensAPeriodOfItsOwn() {
        assertThat(audits.audited("a1", "LAB")).isTrue();
        assertThat(audits.audited("a1", "LAB")).as("known already").isFalse();
        audits.majorFinding("a1", "LAB", "au", "F1", t, List.of("GLU"), "e1");

        assertThat(audits.verified("a1", "au", "F1", t.plusSeconds(10))).contains(List.of("GLU"));
        assertThat(audits.verified("a1", "au", "F1", t.plusSeconds(20))).as("nothing open").isEmpty();
        assertThat(audits.reopened("a1", "LAB", "au", "F1", t.plusSeconds(30), "e3")).contains(List.of("GLU"));
        assertThat(audits.reopened("a1", "LAB", "au", "F9", t.plusSeconds(30), "e4")).as("no such finding").isEmpty();

        assertThat(audits.findings("a1").get("LAB")).containsExactlyInAnyOrder(
                new MajorFinding("au/F1", t, t.plusSeconds(10), Set.of("GLU"), "e1"),
                new MajorFinding("au/F1#2", t.plusSeconds(30), null, Set.of("GLU"), "e3"));
        assertThat(audits.auditedLabs("a1")).containsExactly("LAB");
        assertThat(audits.auditedLabs("a2")).isEmpty();
    }

    @Test
    void theItemsOfAFindingOnTheEqaDimensionAreKept() {
        audits.eqaFinding("a1", "LAB", "au", "F2", List.of("K", "NA"));
        assertThat(audits.eqaFindingItems("a1", "au", "F2")).contains(List.of("K", "NA"));
        assertThat(audits.eqaFindingItems("a1", "au", "F3")).isEmpty();
    }
}
