package org.huren.domain.eqa;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** 不成功 (unsuccessful) standing from the round history, DOMAIN.md §3. Rounds written oldest first, S/U. */
class EqaHistoryTest {

    private static List<Boolean> rounds(String history) {
        String compact = history.replace(" ", "");
        if (compact.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(compact.split(",")).map(r -> switch (r) {
            case "S" -> Boolean.TRUE;
            case "U" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(r);
        }).toList();
    }

    @ParameterizedTest(name = "[{0}] corrective action verified: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "             | false | NONE",
            "             | true  | NONE",
            "S            | false | SATISFACTORY",
            "U            | false | UNSATISFACTORY",
            "U            | true  | UNSATISFACTORY",         // the flag matters only after an unsuccessful round
            "S, S         | false | SATISFACTORY",
            "U, S         | false | SATISFACTORY",
            "S, U         | false | UNSATISFACTORY",
            "U, U         | false | UNSUCCESSFUL",           // 2 consecutive
            "U, U         | true  | UNSUCCESSFUL",           // no later satisfactory round yet
            "U, S, U      | false | UNSUCCESSFUL",           // 2 of the last 3
            "U, S, U      | true  | UNSUCCESSFUL",
            "U, S, S, U   | false | UNSATISFACTORY",         // the first U has left the window
            "S, U, S, U   | false | UNSUCCESSFUL",
            "U, U, S      | false | UNSUCCESSFUL",           // stays until satisfactory AND corrective action
            "U, U, S      | true  | SATISFACTORY",
            "U, U, S, S   | false | UNSUCCESSFUL",
            "U, U, S, S   | true  | SATISFACTORY",
            "U, U, U      | true  | UNSUCCESSFUL",
            "U, U, U, S   | true  | SATISFACTORY",
            "U, S, U, S   | false | UNSUCCESSFUL",
            "U, S, U, S   | true  | SATISFACTORY",
            "U, U, S, U   | true  | UNSUCCESSFUL",           // U, S, U: 2 of the last 3 again, window not reset
            "U, U, S, S, U | true | UNSATISFACTORY",         // recovered; S, S, U holds one U
            "U, U, S, S, U | false | UNSUCCESSFUL",
            "S, S, S, S, U, S, S, U, S | false | SATISFACTORY",
            "S, S, S, S, U, S, U       | false | UNSUCCESSFUL"})
    void standingFromHistory(String history, boolean correctiveActionVerified, EqaStandingVerdict expected) {
        String h = history == null ? "" : history;
        assertThat(EqaHistory.standing(rounds(h), correctiveActionVerified)).isEqualTo(expected);
        if (!correctiveActionVerified) {
            assertThat(EqaHistory.standing(rounds(h))).isEqualTo(expected);
        }
    }

    @Test
    void onlyUnsuccessfulSuspendsRecognition() {
        assertThat(EqaStandingVerdict.UNSUCCESSFUL.suspendsRecognition()).isTrue();
        assertThat(EqaStandingVerdict.UNSATISFACTORY.suspendsRecognition()).isFalse();
        assertThat(EqaStandingVerdict.SATISFACTORY.suspendsRecognition()).isFalse();
        assertThat(EqaStandingVerdict.NONE.suspendsRecognition()).isFalse();
    }

    @Test
    void historyFromItemGrades() {
        List<Boolean> history = new ArrayList<>();
        history.add(true);
        history.add(false);
        assertThat(EqaHistory.standing(history)).isEqualTo(EqaStandingVerdict.UNSATISFACTORY);
        history.add(false);
        assertThat(EqaHistory.standing(history)).isEqualTo(EqaStandingVerdict.UNSUCCESSFUL);
    }

    @Test
    void rejectsNullRounds() {
        List<Boolean> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> EqaHistory.standing(withNull)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> EqaHistory.standing(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aCorrectiveActionCountsOnlyWhenVerifiedAfterTheRoundThatMadeTheItemUnsuccessful() {
        java.time.Instant r1 = java.time.Instant.parse("2026-01-10T00:00:00Z");
        java.time.Instant r2 = java.time.Instant.parse("2026-05-10T00:00:00Z");
        java.time.Instant r3 = java.time.Instant.parse("2026-09-10T00:00:00Z");
        List<EqaHistory.GradedRound> rounds = List.of(new EqaHistory.GradedRound(r1, false),
                new EqaHistory.GradedRound(r2, false), new EqaHistory.GradedRound(r3, true));
        assertThat(EqaHistory.lastTrigger(List.of(false, false, true))).isEqualTo(1);
        assertThat(EqaHistory.standing(rounds, List.of())).isEqualTo(EqaStandingVerdict.UNSUCCESSFUL);
        assertThat(EqaHistory.standing(rounds, List.of(r1.plusSeconds(60))))
                .as("verified before the second failure").isEqualTo(EqaStandingVerdict.UNSUCCESSFUL);
        assertThat(EqaHistory.standing(rounds, List.of(r2.plusSeconds(60)))).isEqualTo(EqaStandingVerdict.SATISFACTORY);
        assertThat(EqaHistory.standing(rounds.subList(0, 2), List.of(r2.plusSeconds(60))))
                .as("no later satisfactory round yet").isEqualTo(EqaStandingVerdict.UNSUCCESSFUL);
        assertThat(EqaHistory.lastTrigger(List.of(true, false, true))).isEqualTo(-1);
    }
}
