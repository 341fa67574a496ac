package org.huren.projections.recognition;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.huren.domain.catalog.ItemPriceSet;
import org.huren.domain.reuse.ReusableLookedUp;
import org.huren.domain.reuse.ReuseOutcomeRecorded;
import org.huren.domain.reuse.query.GetLookup;
import org.huren.domain.reuse.query.GetReuseKpis;
import org.huren.domain.reuse.query.GetReuseOutcome;
import org.huren.domain.reuse.query.GetReuseSummary;
import org.huren.domain.reuse.query.LookupView;
import org.huren.domain.reuse.query.ReuseKpi;
import org.huren.domain.reuse.query.ReuseOutcomeView;
import org.huren.domain.reuse.query.ReuseSummary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.huren.projections.support.Sql.ts;

/** What clinicians did with recognized results, kept beside the decisions for the recognition KPIs. */
@Component
@ProcessingGroup(RecognitionProjection.GROUP)
public class ReuseOutcomeProjection {

    private final JdbcTemplate jdbc;

    public ReuseOutcomeProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ReusableLookedUp event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO readmodel.reuse_lookup (lookup_id, alliance_id, ordering_lab, clinician, department,
                    requested_code, item_code, result_id, result_lab, valid_until, reasons, looked_up_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, event.lookupId(), event.allianceId(), event.orderingLab(), event.clinician(),
                event.department(), event.requestedCode(), event.itemCode(), event.resultId(), event.resultLab(),
                ts(event.validUntil()), event.reasons().toArray(String[]::new), ts(at));
    }

    @EventHandler
    void on(ReuseOutcomeRecorded event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO readmodel.reuse_outcome (outcome_id, alliance_id, clinician, department, ordering_lab,
                    patient_identifier, item_code, result_id, choice, reason, reason_text, patient_informed,
                    recorded_at, lookup_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, event.outcomeId(), event.allianceId(), event.clinician(), event.department(), event.orderingLab(),
                event.patientIdentifier(), event.itemCode(), event.resultId(), event.choice().name(),
                event.reason() == null ? null : event.reason().name(), event.reasonText(), event.patientInformed(),
                ts(at), event.lookupId());
    }

    @EventHandler
    void on(ItemPriceSet event) {
        jdbc.update("""
                INSERT INTO readmodel.item_price (alliance_id, item_code, effective_from, price, currency)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (alliance_id, item_code, effective_from)
                DO UPDATE SET price = excluded.price, currency = excluded.currency
                """, event.allianceId(), event.itemCode(), event.effectiveFrom(), event.price(), event.currency());
    }

    @QueryHandler
    public java.util.Optional<ReuseOutcomeView> outcome(GetReuseOutcome query) {
        return jdbc.query("SELECT * FROM readmodel.reuse_outcome WHERE alliance_id = ? AND outcome_id = ?",
                (rs, i) -> new ReuseOutcomeView(rs.getString("outcome_id"), rs.getString("alliance_id"),
                        rs.getString("lookup_id"), rs.getString("clinician"), rs.getString("department"),
                        rs.getString("ordering_lab"), rs.getString("patient_identifier"), rs.getString("item_code"),
                        rs.getString("result_id"), rs.getString("choice"), rs.getString("reason"),
                        rs.getString("reason_text"), rs.getBoolean("patient_informed"),
                        org.huren.projections.support.Sql.instant(rs.getTimestamp("recorded_at"))),
                query.allianceId(), query.outcomeId()).stream().findFirst();
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE readmodel.reuse_outcome, readmodel.reuse_lookup, readmodel.item_price");
    }

    /**
     * One row per lookup (with the outcome recorded on it, grouped by the lookup's own lab, department, item and
     * month — 同期: a reminder and its reuse fall in the same period) and one per outcome recorded without a lookup
     * (which stands for its own reminder); summed per group. A lookup that found a result is a recognition and a
     * reminder. A reuse is priced at the item's price in force on the day it was recorded. A lookup or outcome about
     * a blind sample's result counts only for its lab ({@link #aboutCountedResult}).
     */
    @QueryHandler
    public List<ReuseKpi> kpis(GetReuseKpis query) {
        String lookupGroup = group(query.by(), "l", "l.looked_up_at", "coalesce(l.item_code, '?')");
        String outcomeGroup = group(query.by(), "o", "o.recorded_at", "o.item_code");
        String price = """
                LEFT JOIN LATERAL (SELECT ip.price, ip.currency FROM readmodel.item_price ip
                    WHERE ip.alliance_id = o.alliance_id AND ip.item_code = o.item_code
                      AND ip.effective_from <= (o.recorded_at AT TIME ZONE 'Asia/Shanghai')::date
                    ORDER BY ip.effective_from DESC LIMIT 1) p ON o.choice = 'REUSED'
                """;
        return jdbc.query("WITH counted AS ("
                        + " SELECT " + lookupGroup + " AS grp, 1 AS lookups, (l.result_id IS NOT NULL)::int AS found,"
                        + " (l.result_id IS NOT NULL)::int AS reminders,"
                        + " coalesce((o.choice = 'REUSED')::int, 0) AS reused,"
                        + " coalesce((o.choice = 'RETESTED')::int, 0) AS retested, p.price, p.currency,"
                        + " coalesce((o.choice = 'REUSED' AND p.price IS NULL)::int, 0) AS unpriced"
                        + " FROM readmodel.reuse_lookup l"
                        + " LEFT JOIN readmodel.reuse_outcome o ON o.lookup_id = l.lookup_id " + price
                        + " WHERE l.alliance_id = ? AND " + aboutCountedResult("l")
                        + " UNION ALL"
                        + " SELECT " + outcomeGroup + ", 0, 0, 1, (o.choice = 'REUSED')::int,"
                        + " (o.choice = 'RETESTED')::int, p.price, p.currency,"
                        + " (o.choice = 'REUSED' AND p.price IS NULL)::int"
                        + " FROM readmodel.reuse_outcome o " + price
                        + " WHERE o.alliance_id = ? AND o.lookup_id IS NULL AND " + aboutCountedResult("o") + ")"
                        + " SELECT grp, sum(lookups) AS lookups, sum(found) AS found, sum(reminders) AS reminders,"
                        + " sum(reused) AS reused, sum(retested) AS retested, sum(price) AS savings,"
                        + " max(currency) AS currency, sum(unpriced) AS unpriced"
                        + " FROM counted GROUP BY grp ORDER BY grp",
                (rs, i) -> {
                    long lookups = rs.getLong("lookups");
                    long found = rs.getLong("found");
                    long reminders = rs.getLong("reminders");
                    long reused = rs.getLong("reused");
                    BigDecimal savings = rs.getBigDecimal("savings");
                    return new ReuseKpi(rs.getString("grp"), lookups, found, percent(found, lookups), reminders,
                            reused, rs.getLong("retested"), percent(reused, reminders),
                            savings == null ? BigDecimal.ZERO.setScale(2) : savings.setScale(2, RoundingMode.HALF_UP),
                            rs.getString("currency"), rs.getLong("unpriced"));
                }, query.allianceId(), query.requestingLab(), query.allianceId(), query.requestingLab());
    }

    /**
     * Whether the lookup or outcome under {@code alias} is about a result that counts for the lab asking (one
     * parameter): none found, or one {@link RecognitionQueries#countsFor} lets count.
     */
    static String aboutCountedResult(String alias) {
        return "NOT EXISTS (SELECT 1 FROM readmodel.rec_result x WHERE x.result_id = " + alias + ".result_id AND NOT "
                + RecognitionQueries.countsFor("x") + ")";
    }

    private static String group(GetReuseKpis.Grouping by, String alias, String at, String item) {
        String table = alias + ".";
        return switch (by) {
            case ALLIANCE -> table + "alliance_id";
            case LAB -> "coalesce(" + table + "ordering_lab, '?')";
            case DEPARTMENT -> "coalesce(" + table + "department, '?')";
            case ITEM -> item;
            case MONTH -> "to_char(" + at + " AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')";
        };
    }

    /** part ÷ whole in percent with 2 decimals; null when whole is 0 (the rate is undefined). */
    static BigDecimal percent(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 2,
                RoundingMode.HALF_UP);
    }

    @QueryHandler
    public Optional<LookupView> lookup(GetLookup query) {
        return jdbc.query("SELECT lookup_id, alliance_id, ordering_lab, clinician, item_code, result_id "
                        + "FROM readmodel.reuse_lookup WHERE lookup_id = ?",
                (rs, i) -> new LookupView(rs.getString("lookup_id"), rs.getString("alliance_id"),
                        rs.getString("ordering_lab"), rs.getString("clinician"), rs.getString("item_code"),
                        rs.getString("result_id")), query.lookupId()).stream().findFirst();
    }

    @QueryHandler
    public ReuseSummary summary(GetReuseSummary query) {
        Map<String, Long> byReason = new LinkedHashMap<>();
        long[] counts = new long[2];
        jdbc.query("SELECT o.choice, o.reason, count(*) AS n FROM readmodel.reuse_outcome o WHERE o.alliance_id = ? "
                + "AND " + aboutCountedResult("o") + " GROUP BY o.choice, o.reason ORDER BY o.choice, o.reason", rs -> {
            long n = rs.getLong("n");
            if ("REUSED".equals(rs.getString("choice"))) {
                counts[0] += n;
            } else {
                counts[1] += n;
                byReason.put(rs.getString("reason"), n);
            }
        }, query.allianceId(), query.requestingLab());
        return new ReuseSummary(query.allianceId(), counts[0], counts[1], byReason);
    }
}
