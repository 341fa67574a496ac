package org.huren.projections.iqc;

import com.fasterxml.jackson.core.type.TypeReference;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.huren.domain.iqc.ControlCv;
import org.huren.domain.iqc.ControlLotRegistered;
import org.huren.domain.iqc.ControlResult;
import org.huren.domain.iqc.ControlRunEvaluated;
import org.huren.domain.iqc.ControlRunRecorded;
import org.huren.domain.iqc.ControlTarget;
import org.huren.domain.iqc.ControlTargetsConfirmed;
import org.huren.domain.iqc.IqcRuleSetChanged;
import org.huren.domain.iqc.PointRef;
import org.huren.domain.iqc.RuleSet;
import org.huren.domain.iqc.RuleViolation;
import org.huren.domain.iqc.RunStatus;
import org.huren.domain.iqc.SigmaMetric;
import org.huren.domain.iqc.ZScore;
import org.huren.domain.iqc.query.GetIqcMonthly;
import org.huren.domain.iqc.query.GetIqcRunTotals;
import org.huren.domain.iqc.RejectedRunReviewed;
import org.huren.domain.iqc.query.GetIqcRuns;
import org.huren.domain.iqc.query.GetLeveyJennings;
import org.huren.domain.iqc.query.GetSigma;
import org.huren.domain.iqc.query.IqcMonth;
import org.huren.domain.iqc.query.IqcRunTotal;
import org.huren.domain.iqc.query.IqcRunView;
import org.huren.domain.iqc.query.LeveyJenningsView;
import org.huren.domain.iqc.query.SigmaView;
import org.huren.projections.support.Json;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.huren.projections.support.Sql.instant;
import static org.huren.projections.support.Sql.ts;

/**
 * IQC for QC managers: runs with their evaluations (rules and the points behind them), Levey-Jennings series (value,
 * z, rules fired per point and the runs that found them), monthly mean/SD/CV and rejection rate, sigma metrics with
 * their inputs. The CV is {@link ControlCv}'s, as recognition judges it. All statistics are decimal (BigDecimal).
 */
@Component
@ProcessingGroup(IqcProjection.GROUP)
public class IqcProjection {

    public static final String GROUP = "iqc";

    private static final MathContext MC = MathContext.DECIMAL64;

    private final JdbcTemplate jdbc;

    public IqcProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ControlLotRegistered event, @Timestamp Instant at) {
        series(event.seriesId(), event.labCode(), event.itemCode());
        jdbc.update("""
                INSERT INTO readmodel.iqc_lot (series_id, level, lot, material, expiry, mean, sd, source, registered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (series_id, level, lot) DO UPDATE SET mean = excluded.mean, sd = excluded.sd,
                    source = excluded.source WHERE iqc_lot.mean IS NULL
                """, event.seriesId(), event.level(), event.lot(), event.material(), event.expiry(), event.mean(),
                event.sd(), event.mean() == null ? "PENDING" : "ENTERED", ts(at));
    }

    @EventHandler
    void on(ControlTargetsConfirmed event) {
        jdbc.update("UPDATE readmodel.iqc_lot SET mean = ?, sd = ?, source = 'ESTABLISHED' "
                + "WHERE series_id = ? AND level = ? AND lot = ?", event.mean(), event.sd(), event.seriesId(),
                event.level(), event.lot());
    }

    @EventHandler
    void on(IqcRuleSetChanged event) {
        series(event.seriesId(), event.labCode(), event.itemCode());
        jdbc.update("UPDATE readmodel.iqc_series SET rule_set = ? WHERE series_id = ?", event.rules(),
                event.seriesId());
    }

    private void series(String seriesId, String lab, String item) {
        jdbc.update("INSERT INTO readmodel.iqc_series (series_id, lab_code, item_code, rule_set) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", seriesId, lab, item, RuleSet.DEFAULT.describe());
    }

    @EventHandler
    void on(ControlRunRecorded event) {
        jdbc.update("INSERT INTO readmodel.iqc_run (series_id, run_id, run_at, source) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", event.seriesId(), event.runId(), ts(event.runAt()), event.source());
        for (ControlResult result : event.results()) {
            jdbc.update("""
                    INSERT INTO readmodel.iqc_point (series_id, run_id, run_at, level, lot, value)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """, event.seriesId(), event.runId(), ts(event.runAt()), result.level(),
                    event.lots().get(result.level()), result.value());
        }
    }

    @EventHandler
    void on(ControlRunEvaluated event) {
        jdbc.update("UPDATE readmodel.iqc_run SET status = ?, violations = ?::jsonb, rule_set = ? "
                        + "WHERE series_id = ? AND run_id = ?", event.status().name(), Json.write(event.violations()),
                event.ruleSet(), event.seriesId(), event.runId());
    }

    @EventHandler
    void on(RejectedRunReviewed event, @Timestamp Instant at) {
        jdbc.update("UPDATE readmodel.iqc_run SET review_comment = ?, review_action = ?, reviewed_by = ?, "
                        + "reviewed_at = ? WHERE series_id = ? AND run_id = ?", event.comment(),
                event.correctiveAction(), event.reviewedBy(), ts(at), event.seriesId(), event.runId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE readmodel.iqc_series, readmodel.iqc_lot, readmodel.iqc_run, readmodel.iqc_point");
    }

    // ------------------------------------------------------------------ queries

    private Optional<String> seriesOf(String lab, String item) {
        return jdbc.queryForList("SELECT series_id FROM readmodel.iqc_series WHERE lab_code = ? AND item_code = ?",
                String.class, lab, item).stream().findFirst();
    }

    @QueryHandler
    public List<String> items(org.huren.domain.iqc.query.GetIqcItems query) {
        return jdbc.queryForList("SELECT item_code FROM readmodel.iqc_series WHERE lab_code = ? ORDER BY item_code",
                String.class, query.labCode());
    }

    @QueryHandler
    public List<IqcRunTotal> runTotals(GetIqcRunTotals query) {
        return jdbc.query("""
                SELECT s.lab_code, r.status, count(*) AS runs FROM readmodel.iqc_run r
                JOIN readmodel.iqc_series s ON s.series_id = r.series_id
                GROUP BY s.lab_code, r.status ORDER BY s.lab_code, r.status
                """, (rs, i) -> new IqcRunTotal(rs.getString("lab_code"), rs.getString("status"), rs.getLong("runs")));
    }

    @QueryHandler
    public List<IqcRunView> runs(GetIqcRuns query) {
        return seriesOf(query.labCode(), query.itemCode()).map(series -> jdbc.query(
                "SELECT * FROM readmodel.iqc_run WHERE series_id = ? ORDER BY run_at, run_id",
                (rs, i) -> IqcRunView.of(rs.getString("run_id"), instant(rs.getTimestamp("run_at")),
                        rs.getString("status"), rs.getString("rule_set"), read(rs.getString("violations")),
                        rs.getString("reviewed_by") == null ? null : new IqcRunView.Review(
                                rs.getString("review_comment"), rs.getString("review_action"),
                                rs.getString("reviewed_by"), instant(rs.getTimestamp("reviewed_at")))),
                series)).orElse(List.of());
    }

    @QueryHandler
    public Optional<LeveyJenningsView> leveyJennings(GetLeveyJennings query) {
        Optional<String> series = seriesOf(query.labCode(), query.itemCode());
        if (series.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Object>> lots = jdbc.queryForList("SELECT lot, mean, sd FROM readmodel.iqc_lot "
                        + "WHERE series_id = ? AND level = ? AND (?::text IS NULL OR lot = ?) "
                        + "ORDER BY registered_at DESC LIMIT 1", series.get(), query.level(), query.lot(),
                query.lot());
        if (lots.isEmpty()) {
            return Optional.empty();
        }
        String lot = (String) lots.get(0).get("lot");
        BigDecimal mean = (BigDecimal) lots.get(0).get("mean");
        BigDecimal sd = (BigDecimal) lots.get(0).get("sd");
        // the rules that fired on each point, from every evaluation that cites it
        Map<String, TreeSet<String>> rules = new HashMap<>();
        Map<String, List<LeveyJenningsView.PointViolation>> citations = new HashMap<>();
        Map<String, String> statuses = new HashMap<>();
        jdbc.query("SELECT run_id, status, violations FROM readmodel.iqc_run WHERE series_id = ? "
                + "ORDER BY run_at, run_id", rs -> {
            statuses.put(rs.getString("run_id"), rs.getString("status"));
            for (RuleViolation violation : read(rs.getString("violations"))) {
                for (PointRef point : violation.points()) {
                    String key = point.runId() + "\u0000" + point.level();
                    rules.computeIfAbsent(key, k -> new TreeSet<>()).add(violation.rule().code());
                    citations.computeIfAbsent(key, k -> new ArrayList<>()).add(new LeveyJenningsView.PointViolation(
                            violation.rule().code(), rs.getString("run_id")));
                }
            }
        }, series.get());
        ControlTarget target = mean == null ? null : new ControlTarget(query.level(), mean, sd);
        List<LeveyJenningsView.Point> points = jdbc.query("""
                SELECT run_id, run_at, value FROM readmodel.iqc_point
                WHERE series_id = ? AND level = ? AND lot = ? ORDER BY run_at, run_id
                """, (rs, i) -> {
            BigDecimal value = rs.getBigDecimal("value");
            String runId = rs.getString("run_id");
            String key = runId + "\u0000" + query.level();
            return new LeveyJenningsView.Point(runId, instant(rs.getTimestamp("run_at")), value,
                    target == null ? null : ZScore.of(value, target).z(), statuses.get(runId),
                    List.copyOf(rules.getOrDefault(key, new TreeSet<>())),
                    List.copyOf(citations.getOrDefault(key, List.of())));
        }, series.get(), query.level(), lot);
        return Optional.of(new LeveyJenningsView(query.labCode(), query.itemCode(), query.level(), lot, mean, sd,
                points));
    }

    @QueryHandler
    public List<IqcMonth> monthly(GetIqcMonthly query) {
        return seriesOf(query.labCode(), query.itemCode()).map(series -> {
            // month → level → lot → values; the CV is ControlCv's, as recognition judges the month
            Map<String, Map<String, Map<String, List<ControlCv.Value>>>> values = new TreeMap<>();
            jdbc.query("""
                    SELECT p.run_at, p.level, p.lot, p.value, r.status FROM readmodel.iqc_point p
                    LEFT JOIN readmodel.iqc_run r ON r.series_id = p.series_id AND r.run_id = p.run_id
                    WHERE p.series_id = ?
                    """, rs -> {
                values.computeIfAbsent(ControlCv.monthOf(instant(rs.getTimestamp("run_at"))), k -> new TreeMap<>())
                        .computeIfAbsent(rs.getString("level"), k -> new TreeMap<>())
                        .computeIfAbsent(rs.getString("lot"), k -> new ArrayList<>())
                        .add(new ControlCv.Value(rs.getBigDecimal("value"), status(rs.getString("status"))));
            }, series);
            Map<String, int[]> runs = new HashMap<>();
            jdbc.query("SELECT run_at, status FROM readmodel.iqc_run WHERE series_id = ? AND status IS NOT NULL",
                    rs -> {
                        int[] counts = runs.computeIfAbsent(ControlCv.monthOf(instant(rs.getTimestamp("run_at"))),
                                k -> new int[2]);
                        counts[0]++;
                        counts[1] += "REJECTED".equals(rs.getString("status")) ? 1 : 0;
                    }, series);
            List<IqcMonth> months = new ArrayList<>();
            values.forEach((month, levels) -> levels.forEach((level, lots) -> lots.forEach((lot, points) -> {
                ControlCv.Figures figures = ControlCv.of(points);
                int[] counts = runs.getOrDefault(month, new int[2]);
                months.add(new IqcMonth(month, level, lot, figures.n(), scale(figures.mean()), scale(figures.sd()),
                        figures.cvPercent(), figures.nAllRuns(), figures.cvAllRunsPercent(), counts[0], counts[1],
                        counts[0] == 0 ? null : BigDecimal.valueOf(counts[1] * 100L)
                                .divide(BigDecimal.valueOf(counts[0]), 2, RoundingMode.HALF_UP)));
            })));
            return months;
        }).orElse(List.of());
    }

    @QueryHandler
    public Optional<SigmaView> sigma(GetSigma query) {
        Optional<String> series = seriesOf(query.labCode(), query.itemCode());
        if (series.isEmpty()) {
            return Optional.empty();
        }
        List<BigDecimal> tea = jdbc.query("""
                SELECT (item->'allowableError'->>'percent')::numeric AS pct FROM readmodel.catalog_item_version
                WHERE alliance_id = ? AND code = ? ORDER BY version DESC LIMIT 1
                """, (rs, i) -> rs.getBigDecimal("pct"), query.allianceId(), query.itemCode());
        BigDecimal teaPercent = tea.isEmpty() ? null : tea.get(0);
        BigDecimal eqaBias = eqaBiasPercent(query);
        // each level's current lot: its values in the period and its target mean
        Map<String, List<ControlCv.Value>> values = new TreeMap<>();
        Map<String, Object[]> lots = new HashMap<>();
        jdbc.query("""
                SELECT p.level, p.lot, p.value, r.status, l.mean AS target
                FROM readmodel.iqc_point p
                JOIN readmodel.iqc_lot l ON l.series_id = p.series_id AND l.level = p.level AND l.lot = p.lot
                LEFT JOIN readmodel.iqc_run r ON r.series_id = p.series_id AND r.run_id = p.run_id
                WHERE p.series_id = ? AND (?::timestamptz IS NULL OR p.run_at >= ?)
                  AND (?::timestamptz IS NULL OR p.run_at < ?)
                  AND l.registered_at = (SELECT max(registered_at) FROM readmodel.iqc_lot x
                                         WHERE x.series_id = p.series_id AND x.level = p.level)
                """, rs -> {
            values.computeIfAbsent(rs.getString("level"), k -> new ArrayList<>())
                    .add(new ControlCv.Value(rs.getBigDecimal("value"), status(rs.getString("status"))));
            lots.put(rs.getString("level"), new Object[]{rs.getString("lot"), rs.getBigDecimal("target")});
        }, series.get(), ts(query.from()), ts(query.from()), ts(query.to()), ts(query.to()));
        List<SigmaView.Level> levels = new ArrayList<>();
        values.forEach((level, points) -> {
            // the CV recognition judges: rejected runs left out, from 10 values
            ControlCv.Figures figures = ControlCv.of(points);
            BigDecimal mean = figures.mean();
            BigDecimal target = (BigDecimal) lots.get(level)[1];
            BigDecimal cv = figures.cvPercent();
            BigDecimal bias = eqaBias != null ? eqaBias : mean == null || target == null || target.signum() == 0
                    ? null : mean.subtract(target).divide(target, MC).multiply(BigDecimal.valueOf(100))
                    .setScale(2, RoundingMode.HALF_UP);
            BigDecimal sigma = teaPercent == null || cv == null || cv.signum() <= 0 || bias == null ? null
                    : SigmaMetric.sigma(teaPercent, bias, cv);
            levels.add(new SigmaView.Level(level, (String) lots.get(level)[0], figures.n(), scale(mean), target, cv,
                    figures.cvAllRunsPercent(), bias, sigma));
        });
        BigDecimal lowest = levels.stream().map(SigmaView.Level::sigma).filter(java.util.Objects::nonNull)
                .min(BigDecimal::compareTo).orElse(null);
        return Optional.of(new SigmaView(query.labCode(), query.itemCode(), teaPercent,
                eqaBias != null ? "EQA" : "IQC_TARGETS", levels, lowest,
                lowest == null ? null : RuleSet.suggestFor(lowest).describe()));
    }

    /**
     * The mean % difference of the lab's graded EQA results for the item from their assigned values, over the
     * period, in the alliance; null without any.
     */
    private BigDecimal eqaBiasPercent(GetSigma query) {
        List<BigDecimal> biases = new java.util.ArrayList<>();
        jdbc.query("""
                SELECT g.sample_grades, r.samples FROM readmodel.eqa_grade g
                JOIN readmodel.eqa_round r ON r.round_id = g.round_id
                WHERE g.alliance_id = ? AND g.lab_code = ? AND g.item_code = ?
                  AND (?::timestamptz IS NULL OR g.graded_at >= ?) AND (?::timestamptz IS NULL OR g.graded_at < ?)
                """, rs -> {
            Map<String, BigDecimal> assigned = new HashMap<>();
            for (org.huren.domain.eqa.RoundSample sample : Json.read(rs.getString("samples"),
                    new TypeReference<List<org.huren.domain.eqa.RoundSample>>() { })) {
                if (query.itemCode().equals(sample.itemCode()) && sample.assigned() != null) {
                    assigned.put(sample.sampleCode(), sample.assigned());
                }
            }
            for (org.huren.domain.eqa.SampleGrade grade : Json.read(rs.getString("sample_grades"),
                    new TypeReference<List<org.huren.domain.eqa.SampleGrade>>() { })) {
                BigDecimal x = assigned.get(grade.sampleCode());
                if (x != null && x.signum() != 0 && grade.difference() != null) {
                    biases.add(grade.difference().divide(x, MC).multiply(BigDecimal.valueOf(100)));
                }
            }
        }, query.allianceId(), query.labCode(), query.itemCode(), ts(query.from()), ts(query.from()), ts(query.to()),
                ts(query.to()));
        if (biases.isEmpty()) {
            return null;
        }
        return biases.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(biases.size()), 2, RoundingMode.HALF_UP);
    }

    private static RunStatus status(String status) {
        return status == null ? null : RunStatus.valueOf(status);
    }

    private static BigDecimal scale(BigDecimal value) {
        return value == null ? null : value.setScale(4, RoundingMode.HALF_UP);
    }


    private static List<RuleViolation> read(String json) {
        return json == null ? List.of() : Json.read(json, new TypeReference<List<RuleViolation>>() { });
    }
}
