package org.huren.projections.recognition;

import org.huren.domain.alliance.MemberStatus;
import org.huren.domain.labresult.ResultStatus;
import org.huren.projections.recognition.Results.Selection;
import org.huren.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The results a changed fact touches, found in one query, and read with their decisions in one more. */
class ResultsTest {

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final Results results = new Results(jdbc);
    private final Instant t = Instant.parse("2026-03-10T00:00:00Z");

    @BeforeEach
    void twoLabsOfAnAllianceAndOneOutside() {
        TestDatabase.truncate(List.of("readmodel.rec_result", "readmodel.rec_membership", "readmodel.rec_catalog",
                "readmodel.recognition", "readmodel.blind_specimen", "readmodel.blind_patient"));
        Memberships memberships = new Memberships(jdbc);
        memberships.begin("a1", "A", MemberStatus.ACTIVE, t, "e1");
        memberships.begin("a1", "B", MemberStatus.ACTIVE, t, "e2");
        memberships.begin("a2", "C", MemberStatus.ACTIVE, t, "e3");
        new Catalog(jdbc).version("a1", RecognitionEvents.item("K", LocalDate.of(2026, 1, 1)), 1);
        DecisionSet set = new DecisionSet();
        set.result(row("a-k-early", "A", "2823-3", t.plusSeconds(10)), "e");
        set.result(row("a-k-late", "A", "2823-3", t.plusSeconds(40 * 24 * 3600)), "e");
        set.result(row("a-glu", "A", "14749-6", t.plusSeconds(10)), "e");
        set.result(row("b-k", "B", "2823-3", t.plusSeconds(10)), "e");
        set.result(row("c-k", "C", "2823-3", t.plusSeconds(10)), "e");
        results.upserts(set.results(), r -> "e").write(jdbc, Set.of());
    }

    private static ResultRow row(String id, String lab, String loinc, Instant at) {
        return new ResultRow(id, lab, List.of(loinc), "mmol/L", new BigDecimal("4.1"), ResultStatus.FINAL, at,
                "ev-" + id, "p-" + id, false);
    }

    @Test
    void aSelectionNamesTheResultsOfTheLabsItemsAndTimesAChangeTouches() {
        assertThat(results.ids(Selection.ofMembers("a1"))).containsExactlyInAnyOrder("a-k-early", "a-k-late",
                "a-glu", "b-k");
        assertThat(results.ids(Selection.ofLab("a1", "A"))).containsExactlyInAnyOrder("a-k-early", "a-k-late",
                "a-glu");
        assertThat(results.ids(Selection.ofItem("a1", "K"))).containsExactlyInAnyOrder("a-k-early", "a-k-late",
                "b-k");
        assertThat(results.ids(Selection.ofLabItems("a1", "A", List.of("K")).measuredFrom(t.plusSeconds(10))
                .measuredBefore(t.plusSeconds(11)))).containsExactly("a-k-early");
        assertThat(results.ids(Selection.ofLabItems("a1", "A", List.of("GLU")))).as("GLU not in a1's catalog")
                .isEmpty();
        assertThat(results.ids(Selection.ofMembers("none"))).isEmpty();
    }

    @Test
    void resultsAreReadWithTheirDecisionInTheAllianceAsked() {
        DecisionSet set = new DecisionSet();
        ResultRow r = row("b-k", "B", "2823-3", t.plusSeconds(10));
        set.first(r, "a1", DecisionSetTest.decision(true), "K", new Cause("e9", "LabResultReported", t));
        new Decisions(jdbc, results).write(set, Set.of());

        List<Results.Decided> decided = results.withDecisions(List.of("b-k", "a-glu"), "a1");
        assertThat(decided).extracting(d -> d.result().resultId()).containsExactly("a-glu", "b-k");
        assertThat(decided.get(0).decision()).isNull();
        assertThat(decided.get(1).result()).isEqualTo(r);
        assertThat(decided.get(1).decision().causeEventId()).isEqualTo("e9");
        assertThat(results.withDecisions(List.of("b-k"), "a2").get(0).decision()).isNull();
    }

    @Test
    void blindSamplesAreFoundBySpecimenOrPseudoPatient() {
        jdbc.update("INSERT INTO readmodel.blind_specimen (specimen_id, round_id, alliance_id, lab_code, sample_code, "
                + "accession_value) "
                + "VALUES ('s1', 'round', 'a1', 'A', 'S1', 'ACC-1')");
        jdbc.update("INSERT INTO readmodel.blind_patient (patient_id, round_id, alliance_id, lab_code) "
                + "VALUES ('pp', 'round', 'a1', 'A')");
        assertThat(results.blind(List.of("s1", "pp", "p-a-glu"))).containsExactlyInAnyOrder("s1", "pp");
        assertThat(results.blind(List.of())).isEmpty();
    }
}
