package org.huren.projections.recognition;

import org.huren.domain.recognition.CriterionVerdict;
import org.huren.domain.recognition.RecognitionDecision;
import org.huren.domain.recognition.RecognitionStatus;
import org.huren.projections.support.Json;
import org.huren.projections.support.RowSet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The decisions of one set — an event batch's new results, or the results one change of a fact touches — and what
 * writing them takes, as if each had been written when it was made: a result decided twice in the set is written
 * once as it stands at the end, its changes of status each in order, and its reuse index entry with every
 * recognition it had ({@code ever_recognized}).
 */
final class DecisionSet {

    /** A decision as it stands in the set; {@code insert}: there was none before the set. */
    private record Pending(Decisions.Row row, boolean insert, String failing, String notYetKnown, String cause) {
    }

    private record Reusable(ResultRow result, String alliance, String itemCode, RecognitionStatus status,
                            boolean everRecognized, boolean blind, String labId, String cause) {
    }

    private final Map<String, ResultRow> results = new LinkedHashMap<>();
    private final Map<String, String> resultCauses = new LinkedHashMap<>();
    private final Map<Decisions.Key, Pending> decisions = new LinkedHashMap<>();
    /** Each change of status, in order: the decision as it was made. */
    private final List<Decisions.Row> changes = new ArrayList<>();
    private final Map<Decisions.Key, Integer> changeCounts = new HashMap<>();
    private final Map<Decisions.Key, Decisions.Row> lastChangeOf = new HashMap<>();
    private final Map<Decisions.Key, Reusable> reusable = new LinkedHashMap<>();

    /** The result as its event reports it: written with the set (the last report of a result wins). */
    void result(ResultRow row, String cause) {
        ResultRow before = results.get(row.resultId());
        results.put(row.resultId(), before == null ? row : new ResultRow(row.resultId(), before.labId(), row.codes(),
                row.unit(), row.value(), row.status(), row.effectiveAt(), row.eventId(), row.patientId(), row.blind(),
                row.local()));
        resultCauses.put(row.resultId(), cause);
    }

    /** The decision as it stands: made earlier in this set, else {@code stored}. */
    Decisions.Row current(Decisions.Key key, Decisions.Row stored) {
        Pending pending = decisions.get(key);
        return pending != null ? pending.row() : stored;
    }

    /** The first decision of a new result: nothing to compare with. */
    void first(ResultRow result, String alliance, RecognitionDecision decision, String itemCode, Cause cause) {
        boolean recognized = decision.isRecognized();
        Decisions.Row row = new Decisions.Row(result.resultId(), alliance, decision.status(), recognized, cause.at(),
                null, itemCode, Json.write(decision.criteria()), cause.eventId(), cause.type());
        keep(row, true, decision, cause);
        change(row);
        index(result, alliance, itemCode, decision, cause);
    }

    /**
     * A decision again: a change of status is kept (and a recognized result that no longer is, withdrawn, says
     * when); criteria that changed without the status replace the old ones; an unchanged decision writes nothing
     * but its reuse index entry.
     *
     * @param stored     the result's decision in the alliance as stored before this set; null: none
     * @param sameResult whether the result is as stored (a fact changed, not the result): then a decision of the
     *                   same status and item leaves its reuse index entry as it is, and it is not written again
     */
    void again(ResultRow result, String alliance, RecognitionDecision decision, String itemCode, Cause cause,
               Decisions.Row stored, boolean sameResult) {
        Decisions.Key key = new Decisions.Key(result.resultId(), alliance);
        boolean indexUnchanged = sameResult && stored != null && !decisions.containsKey(key)
                && !reusable.containsKey(key) && stored.status() == decision.status()
                && Objects.equals(stored.itemCode(), itemCode);
        Decisions.Row before = current(key, stored);
        String criteria = Json.write(decision.criteria());
        boolean recognized = decision.isRecognized();
        if (before == null) {
            Decisions.Row row = new Decisions.Row(result.resultId(), alliance, decision.status(), recognized,
                    cause.at(), null, itemCode, criteria, cause.eventId(), cause.type());
            keep(row, true, decision, cause);
            change(row);
        } else if (before.status() != decision.status()) {
            boolean withdrawn = before.status() == RecognitionStatus.RECOGNIZED && !recognized;
            Decisions.Row row = new Decisions.Row(result.resultId(), alliance, decision.status(),
                    before.everRecognized() || recognized, cause.at(), withdrawn ? cause.at() : before.withdrawnAt(),
                    itemCode, criteria, cause.eventId(), cause.type());
            keep(row, isInsert(key), decision, cause);
            change(row);
        } else if (!before.criteria().equals(criteria)) {
            // the criteria JSON holds only strings, written by one mapper: the same decision is the same text
            keep(new Decisions.Row(result.resultId(), alliance, before.status(), before.everRecognized(),
                    before.since(), before.withdrawnAt(), itemCode, criteria, before.causeEventId(),
                    before.causeType()), isInsert(key), decision, cause);
        }
        if (!indexUnchanged) {
            index(result, alliance, itemCode, decision, cause);
        }
    }

    private boolean isInsert(Decisions.Key key) {
        Pending pending = decisions.get(key);
        return pending != null && pending.insert();
    }

    private void keep(Decisions.Row row, boolean insert, RecognitionDecision decision, Cause cause) {
        decisions.put(row.key(), new Pending(row, insert, codes(decision, CriterionVerdict.FAIL),
                codes(decision, CriterionVerdict.NOT_YET_KNOWN), cause.eventId()));
    }

    /** A change of status to {@code row}, made at its {@code since} by its cause. */
    private void change(Decisions.Row row) {
        changes.add(row);
        changeCounts.merge(row.key(), 1, Integer::sum);
        lastChangeOf.put(row.key(), row);
    }

    private void index(ResultRow result, String alliance, String itemCode, RecognitionDecision decision, Cause cause) {
        Decisions.Key key = new Decisions.Key(result.resultId(), alliance);
        Reusable before = reusable.get(key);
        // lab and blind are written when the entry is created only
        reusable.put(key, new Reusable(result, alliance, itemCode, decision.status(),
                decision.isRecognized() || before != null && before.everRecognized(),
                before == null ? result.blind() : before.blind(), before == null ? result.labId() : before.labId(),
                cause.eventId()));
    }

    private static String codes(RecognitionDecision decision, CriterionVerdict verdict) {
        return decision.criteriaWith(verdict).stream().map(Enum::name).collect(Collectors.joining(" "));
    }

    Collection<ResultRow> results() {
        return results.values();
    }

    String causeOf(ResultRow result) {
        return resultCauses.get(result.resultId());
    }

    /** New decisions whose one change is the decision as it stands: written with it (most of a batch's). */
    RowSet insertsWithTheirChange() {
        return decisionRows(Decisions.INSERT_WITH_CHANGE, p -> p.insert() && isItsOnlyChange(p.row()));
    }

    RowSet inserts() {
        return decisionRows(Decisions.INSERT, p -> p.insert() && !isItsOnlyChange(p.row()));
    }

    RowSet updates() {
        return decisionRows(Decisions.UPDATE, p -> !p.insert());
    }

    /** The changes of status not written with their decision, in the order they were made. */
    RowSet changes() {
        RowSet rows = new RowSet(Decisions.CHANGE, 10);
        for (Decisions.Row r : changes) {
            Pending pending = decisions.get(r.key());
            if (!(pending.insert() && isItsOnlyChange(pending.row()))) {
                rows.add(r.causeEventId(), r.resultId(), r.allianceId(), r.status().name(), r.since(), r.criteria(),
                        r.causeEventId(), r.causeType(), r.itemCode(), r.everRecognized(), r.withdrawnAt());
            }
        }
        return rows;
    }

    /** Whether the decision as it stands was made in one change of status, its key's only one in the set. */
    private boolean isItsOnlyChange(Decisions.Row row) {
        return changeCounts.getOrDefault(row.key(), 0) == 1 && row.equals(lastChangeOf.get(row.key()));
    }

    private RowSet decisionRows(String sql, Predicate<Pending> which) {
        RowSet rows = new RowSet(sql, 12);
        for (Pending p : decisions.values()) {
            if (which.test(p)) {
                Decisions.Row r = p.row();
                rows.add(p.cause(), r.resultId(), r.allianceId(), r.status().name(), r.everRecognized(), r.since(),
                        r.withdrawnAt(), r.itemCode(), r.criteria(), r.causeEventId(), r.causeType(), p.failing(),
                        p.notYetKnown());
            }
        }
        return rows;
    }

    RowSet reusable() {
        RowSet rows = new RowSet(Decisions.REUSABLE, 9);
        for (Reusable r : reusable.values()) {
            rows.add(r.cause(), r.result().resultId(), r.alliance(), r.result().patientId(), r.itemCode(),
                    r.result().effectiveAt(), r.labId(), r.status().name(), r.everRecognized(), r.blind());
        }
        return rows;
    }

    /** For tests: the decisions the set will write, in order. */
    List<Decisions.Row> rows() {
        return decisions.values().stream().map(Pending::row).toList();
    }
}
