package org.huren.projections.recognition;

import org.huren.domain.recognition.EqaStanding;
import org.huren.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A lab's EQA standing per item as recognition reads it: the latest round, unsuccessful until corrected. */
class EqaEvidenceTest {

    private final EqaEvidence eqa = new EqaEvidence(TestDatabase.jdbc());
    private final Instant t = Instant.parse("2026-03-01T00:00:00Z");

    @BeforeEach
    void empty() {
        TestDatabase.truncate(EqaEvidence.TABLES);
    }

    @Test
    void twoUnsatisfactoryRoundsMakeTheItemUnsuccessfulUntilASatisfactoryRoundAndAVerifiedAction() {
        eqa.graded("a1", "LAB", "K", "r1", t, false, "e1");
        eqa.graded("a1", "LAB", "K", "r2", t.plusSeconds(10), false, "e2");
        eqa.graded("a1", "LAB", "GLU", "r2", t.plusSeconds(10), true, "e3");
        assertThat(eqa.standings("a1").get("LAB").get("K"))
                .isEqualTo(new EqaStanding("r2", t.plusSeconds(10), false, true, "e2"));
        assertThat(eqa.standings("a1").get("LAB").get("GLU"))
                .isEqualTo(new EqaStanding("r2", t.plusSeconds(10), true, false, "e3"));

        eqa.graded("a1", "LAB", "K", "r3", t.plusSeconds(20), true, "e4");
        assertThat(eqa.standings("a1").get("LAB").get("K").unsuccessful()).as("no verified action yet").isTrue();
        eqa.actionVerified("a1", "LAB", "K", t.plusSeconds(30), "e5/K", "audit/F1");
        assertThat(eqa.standings("a1").get("LAB").get("K"))
                .isEqualTo(new EqaStanding("r3", t.plusSeconds(20), true, false, "e4"));

        eqa.verificationsTakenBack("a1", "audit/F1");
        assertThat(eqa.standings("a1").get("LAB").get("K").unsuccessful()).as("its finding reopened").isTrue();
        assertThat(eqa.standings("a2")).isEmpty();
    }
}
