package org.huren.projections.recognition;

import com.fasterxml.jackson.core.type.TypeReference;
import org.axonframework.queryhandling.QueryHandler;
import org.huren.domain.alliance.AllianceTime;
import org.huren.domain.recognition.CriterionResult;
import org.huren.domain.recognition.RecognitionRules;
import org.huren.domain.recognition.RecognitionStatus;
import org.huren.domain.recognition.query.FindReusable;
import org.huren.domain.recognition.query.GetRecognition;
import org.huren.domain.recognition.query.GetRecognitionHistory;
import org.huren.domain.recognition.query.GetRecognitionRates;
import org.huren.domain.recognition.query.RecognitionRate;
import org.huren.domain.recognition.query.RecognitionView;
import org.huren.domain.recognition.query.ReusableAnswer;
import org.huren.projections.labrecords.PatientLinkProjection;
import org.huren.projections.support.Json;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.huren.projections.support.Sql.instant;
import static org.huren.projections.support.Sql.ts;

/**
 * What the recognition read model answers: a result's decisions now or as of a moment, their history, the rates of
 * an alliance, and whether a patient has a result a clinician may reuse ({@code $reusable}).
 */
@Component
public class RecognitionQueries {

    private static final TypeReference<List<CriterionResult>> CRITERIA = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    public RecognitionQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The one rule for who counts a result of the reuse index (or of {@code rec_result}) under {@code alias}: every
     * result counts for everyone, except a blind sample's (盲样), which counts only for the lab that holds it — to that
     * lab it is an ordinary patient result in every answer and figure (DOMAIN.md §3: it must not tell them apart); to
     * every other lab, and to figures no lab asks for (QC managers' alliance views, KPIs, gauges), it does not exist.
     * Binds one parameter: the lab asking, or null.
     */
    public static String countsFor(String alias) {
        return "(NOT " + alias + ".blind OR " + alias + ".lab_id IS NOT DISTINCT FROM ?::text)";
    }

    @QueryHandler
    public List<RecognitionView> recognition(GetRecognition query) {
        if (query.asOf() == null) {
            return jdbc.query("SELECT * FROM readmodel.recognition WHERE result_id = ? ORDER BY alliance_id",
                    (rs, i) -> new RecognitionView(rs.getString("alliance_id"), status(rs),
                            rs.getBoolean("ever_recognized"), instant(rs.getTimestamp("since")),
                            instant(rs.getTimestamp("withdrawn_at")), rs.getString("item_code"), criteria(rs),
                            rs.getString("cause_event_id"), rs.getString("cause_type")),
                    query.resultId());
        }
        return jdbc.query("""
                SELECT DISTINCT ON (alliance_id) * FROM readmodel.recognition_change
                WHERE result_id = ? AND at <= ? ORDER BY alliance_id, seq DESC
                """, (rs, i) -> changeView(rs), query.resultId(), ts(query.asOf()));
    }

    /**
     * Results of an alliance by current recognition, per lab, item, month taken (CST) or for the whole alliance: sums
     * of the alliance's tally ({@code rec_tally}, the reuse index counted per lab × item × month × blind, kept by the
     * database with every change of the index; ADR 0023), not a count of its rows.
     */
    @QueryHandler
    public List<RecognitionRate> rates(GetRecognitionRates query) {
        String group = switch (query.by()) {
            case ALLIANCE -> "t.alliance_id";
            case LAB -> "t.lab_id";
            case ITEM -> "coalesce(nullif(t.item_code, ''), '?')";
            case MONTH -> "coalesce(nullif(t.month, ''), '?')";
        };
        return jdbc.query("SELECT " + group + " AS grp, sum(t.results) AS results, sum(t.recognized) AS recognized,"
                        + " sum(t.never) AS never, sum(t.withdrawn) AS withdrawn, sum(t.pending) AS pending"
                        + " FROM readmodel.rec_tally t WHERE t.alliance_id = ? AND " + countsFor("t")
                        + " GROUP BY grp HAVING sum(t.results) > 0 ORDER BY grp",
                (rs, i) -> {
                    long results = rs.getLong("results");
                    long recognized = rs.getLong("recognized");
                    return new RecognitionRate(rs.getString("grp"), results, recognized, rs.getLong("never"),
                            rs.getLong("withdrawn"), rs.getLong("pending"), results == 0 ? null
                            : BigDecimal.valueOf(recognized * 100L).divide(BigDecimal.valueOf(results), 2,
                            RoundingMode.HALF_UP));
                }, query.allianceId(), query.requestingLab());
    }

    @QueryHandler
    public List<RecognitionView> history(GetRecognitionHistory query) {
        return jdbc.query("SELECT * FROM readmodel.recognition_change WHERE result_id = ? ORDER BY seq",
                (rs, i) -> changeView(rs), query.resultId());
    }

    /** A change row as the decision it recorded: status, since, ever recognized and last withdrawn then. */
    private static RecognitionView changeView(ResultSet rs) throws SQLException {
        return new RecognitionView(rs.getString("alliance_id"), status(rs), rs.getBoolean("ever_recognized"),
                instant(rs.getTimestamp("at")), instant(rs.getTimestamp("withdrawn_at")), rs.getString("item_code"),
                criteria(rs), rs.getString("cause_event_id"), rs.getString("cause_type"));
    }

    private static RecognitionStatus status(ResultSet rs) throws SQLException {
        return RecognitionStatus.valueOf(rs.getString("status"));
    }

    private static List<CriterionResult> criteria(ResultSet rs) throws SQLException {
        return Json.read(rs.getString("criteria"), CRITERIA);
    }

    /**
     * The newest recognized result of the patient for the item in the alliance that may be reused at {@code at}
     * ({@link RecognitionRules#validity}: the item's validity window 互认时限 in the catalog version in force on the
     * result's date); the patient is found through every member's patient record carrying one of the identifiers, the
     * item through any of its LOINC codes. The SQL only finds the candidates, newest first; the rule judges them.
     */
    @QueryHandler
    public ReusableAnswer reusable(FindReusable query) {
        List<Object> args = new ArrayList<>(List.of(query.allianceId(), bare(query.code())));
        // the records carrying the identifier, and every record linked to one of them (the same person)
        String person = PatientLinkProjection.samePerson(query.patientIdentifiers(), args);
        args.add(query.allianceId());
        args.add(query.requestingLab());
        // one round trip: the item's versions (code, validity window per effective date) and the patient's newest
        // decided results of the newest version's item
        List<ItemValidity> versions = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        jdbc.query("""
                WITH v AS (SELECT code, effective_from, (item->>'validityDays')::int AS days, version
                           FROM readmodel.rec_catalog WHERE bucket = 0 AND alliance_id = ? AND ? = ANY (loinc_codes))
                SELECT 'v' AS kind, code AS item_code, effective_from, days, version, NULL::text AS result_id,
                       NULL::text AS lab_id, NULL::timestamptz AS effective_at, NULL::text AS status
                FROM v
                UNION ALL
                (SELECT 'c', u.item_code, NULL, NULL, NULL, u.result_id, u.lab_id, u.effective_at, u.status
                 FROM readmodel.rec_reusable u
                 WHERE u.patient_id IN (%s)
                   AND u.alliance_id = ? AND %s
                   AND u.item_code = (SELECT code FROM v ORDER BY version DESC LIMIT 1)
                 ORDER BY u.effective_at DESC NULLS LAST
                 LIMIT 50)
                """.formatted(person, countsFor("u")), rs -> {
            if ("v".equals(rs.getString("kind"))) {
                versions.add(new ItemValidity(rs.getString("item_code"),
                        rs.getObject("effective_from", LocalDate.class), rs.getInt("days"), rs.getInt("version")));
            } else {
                candidates.add(new Candidate(rs.getString("result_id"), rs.getString("lab_id"),
                        instant(rs.getTimestamp("effective_at")), RecognitionStatus.valueOf(rs.getString("status")),
                        rs.getString("item_code")));
            }
        }, args.toArray());
        versions.sort(Comparator.comparingInt(ItemValidity::version).reversed());
        candidates.sort(Comparator.comparing(Candidate::effectiveAt, Comparator.nullsLast(Comparator.reverseOrder())));
        List<String> itemCodes = versions.stream().map(ItemValidity::code).distinct().toList();
        if (itemCodes.isEmpty()) {
            return ReusableAnswer.none(List.of("code " + query.code() + " is not an item of the catalog of alliance "
                    + query.allianceId() + ": its results are not recognized there"));
        }
        if (candidates.isEmpty()) {
            return ReusableAnswer.none(itemCodes.get(0), List.of("no result of item " + itemCodes.get(0)
                    + " for this patient at any member of alliance " + query.allianceId()));
        }
        List<String> reasons = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (candidate.status() != RecognitionStatus.RECOGNIZED) {
                reasons.add("result " + candidate.id() + " of " + candidate.labId() + " is "
                        + candidate.status().name().toLowerCase().replace('_', '-'));
                continue;
            }
            LocalDate day = AllianceTime.dateOf(candidate.effectiveAt());
            Integer validity = versions.stream().filter(v -> v.code().equals(candidate.itemCode()))
                    .filter(v -> !v.effectiveFrom().isAfter(day)).findFirst().map(ItemValidity::days).orElse(null);
            if (validity == null) {
                reasons.add("result " + candidate.id() + ": no catalog version in force on " + day);
                continue;
            }
            Instant validUntil = RecognitionRules.validUntil(candidate.effectiveAt(), validity);
            switch (RecognitionRules.validity(candidate.effectiveAt(), validity, query.at())) {
                case TOO_OLD -> {
                    reasons.add("the newest recognized result " + candidate.id() + " (" + candidate.labId()
                            + ") was valid for " + validity + " days, until " + validUntil + ": too old (TOO_OLD)");
                    return ReusableAnswer.none(itemCodes.get(0), reasons);
                }
                case LATER_THAN_REUSE -> reasons.add("result " + candidate.id() + " (" + candidate.labId()
                        + ") was measured at " + candidate.effectiveAt() + ", later than " + query.at());
                case WITHIN -> {
                    return new ReusableAnswer(candidate.id(), candidate.labId(), candidate.itemCode(),
                            candidate.effectiveAt(), validUntil, reasons);
                }
            }
        }
        return ReusableAnswer.none(itemCodes.get(0), reasons);
    }

    private static String bare(String code) {
        return code.contains("|") ? code.substring(code.indexOf('|') + 1) : code;
    }

    private record Candidate(String id, String labId, Instant effectiveAt, RecognitionStatus status,
                             String itemCode) {
    }

    private record ItemValidity(String code, LocalDate effectiveFrom, int days, int version) {
    }
}
