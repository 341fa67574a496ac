package org.huren.api.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.huren.domain.eqa.query.EqaHistoryEntry;
import org.huren.domain.eqa.query.EqaPassRate;
import org.huren.domain.iqc.query.LeveyJenningsView;
import org.huren.domain.recognition.query.RecognitionRate;
import org.huren.domain.reuse.query.ReuseKpi;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * ECharts options built on the server, as JSON the page hands to ECharts ({@code data-chart}; console.js draws every
 * such element): no chart code per page, and what a chart shows is decided here, next to the data.
 */
@Component
public class Charts {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static final String REJECTED = "#b42318";
    static final String WARNING = "#d18e00";
    static final String ACCEPTED = "#175cd3";

    private final MessageSource messages;
    private final ConsoleFormat format;

    public Charts(MessageSource messages, ConsoleFormat format) {
        this.messages = messages;
        this.format = format;
    }

    /**
     * The Levey-Jennings chart (质控图) of one level and lot: the values in run order, the target mean and ±1/2/3 SD
     * lines, each point coloured by its run's status, and a mark on every point that took part in a rule's violation
     * naming the rules (e.g. {@code 2-2s}).
     */
    public String leveyJennings(LeveyJenningsView lj) {
        List<LeveyJenningsView.Point> points = lj.points();
        List<Object> data = new ArrayList<>();
        List<Object> marks = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            LeveyJenningsView.Point point = points.get(i);
            data.add(Map.of("value", point.value(), "name", point.runId(),
                    "itemStyle", Map.of("color", colour(point.runStatus())),
                    "symbolSize", point.rules().isEmpty() ? 6 : 11));
            if (!point.rules().isEmpty()) {
                marks.add(Map.of("coord", List.of(i, point.value()), "value", String.join(" ", point.rules()),
                        "name", point.runId(), "itemStyle", Map.of("color", colour(point.runStatus()))));
            }
        }
        Map<String, Object> series = line(lj.level() + " · " + lj.lot(), data);
        series.put("connectNulls", false);
        series.put("markPoint", Map.of("symbol", "pin", "symbolSize", 42, "data", marks,
                "label", Map.of("fontSize", 10)));
        Map<String, Object> yAxis = new LinkedHashMap<>(Map.of("type", "value", "scale", true));
        if (lj.mean() != null && lj.sd() != null) {
            List<Object> lines = new ArrayList<>();
            for (int k = -3; k <= 3; k++) {
                BigDecimal y = lj.mean().add(lj.sd().multiply(BigDecimal.valueOf(k)));
                String name = k == 0 ? "x̄" : (k > 0 ? "+" : "−") + Math.abs(k) + "SD";
                lines.add(Map.of("yAxis", y, "name", name, "label", Map.of("formatter", name + " {c}"),
                        "lineStyle", Map.of("type", k == 0 ? "solid" : "dashed",
                                "color", Math.abs(k) == 3 ? REJECTED : Math.abs(k) == 2 ? WARNING : "#8a94a0")));
            }
            series.put("markLine", Map.of("symbol", "none", "silent", true, "data", lines,
                    "label", Map.of("position", "end")));
            BigDecimal reach = lj.sd().multiply(BigDecimal.valueOf(4));
            BigDecimal low = lj.mean().subtract(reach);
            BigDecimal high = lj.mean().add(reach);
            for (LeveyJenningsView.Point point : points) {
                low = low.min(point.value());
                high = high.max(point.value());
            }
            yAxis.put("min", low);
            yAxis.put("max", high);
            yAxis.put("scale", false);
        }
        return json(Map.of(
                "tooltip", Map.of("trigger", "item"),
                "grid", Map.of("left", 56, "right", 96, "top", 48, "bottom", 56),
                "xAxis", Map.of("type", "category", "data", points.stream().map(p -> format.shortDateTime(p.runAt()))
                        .toList(), "axisLabel", Map.of("rotate", 30, "fontSize", 10)),
                "yAxis", yAxis,
                "series", List.of(series)));
    }

    /**
     * One level's runs over all its lots in z-scores (each lot against its own targets), with a vertical line where
     * a new lot starts.
     */
    public String zAcrossLots(List<LeveyJenningsView> lots) {
        record Placed(String lot, LeveyJenningsView.Point point) {
        }
        List<Placed> placed = new ArrayList<>();
        lots.forEach(lj -> lj.points().forEach(p -> placed.add(new Placed(lj.lot(), p))));
        placed.sort(java.util.Comparator.comparing((Placed p) -> p.point().runAt()));
        List<Object> data = new ArrayList<>();
        List<Object> lines = new ArrayList<>();
        for (int k = -3; k <= 3; k++) {
            lines.add(Map.of("yAxis", k, "lineStyle", Map.of("type", k == 0 ? "solid" : "dashed",
                    "color", Math.abs(k) == 3 ? REJECTED : Math.abs(k) == 2 ? WARNING : "#8a94a0")));
        }
        String previous = null;
        for (int i = 0; i < placed.size(); i++) {
            Placed p = placed.get(i);
            data.add(Map.of("value", p.point().z() == null ? "-" : p.point().z(),
                    "itemStyle", Map.of("color", colour(p.point().runStatus()))));
            if (previous != null && !previous.equals(p.lot())) {
                lines.add(Map.of("xAxis", i, "name", p.lot(), "label", Map.of("formatter", text("iqc.lotChange",
                        p.lot())), "lineStyle", Map.of("color", "#0b6e4f", "width", 2)));
            }
            previous = p.lot();
        }
        Map<String, Object> series = line("z", data);
        series.put("markLine", Map.of("symbol", "none", "silent", true, "data", lines));
        return json(Map.of(
                "tooltip", Map.of("trigger", "item"),
                "grid", Map.of("left", 48, "right", 40, "top", 40, "bottom", 56),
                "xAxis", Map.of("type", "category", "data", placed.stream()
                        .map(p -> format.shortDateTime(p.point().runAt())).toList(),
                        "axisLabel", Map.of("rotate", 30, "fontSize", 10)),
                "yAxis", Map.of("type", "value", "min", -4, "max", 4),
                "series", List.of(series)));
    }

    /** The alliance's EQA pass rate per item, as bars in percent. */
    public String passRates(List<EqaPassRate> rates) {
        return json(Map.of(
                "tooltip", Map.of("trigger", "axis"),
                "grid", Map.of("left", 48, "right", 24, "top", 24, "bottom", 48),
                "xAxis", Map.of("type", "category", "data", rates.stream().map(EqaPassRate::itemCode).toList(),
                        "axisLabel", Map.of("rotate", 30)),
                "yAxis", Map.of("type", "value", "min", 0, "max", 100),
                "series", List.of(Map.of("type", "bar", "name", text("eqa.passRate"),
                        "data", rates.stream().map(r -> r.passRatePercent() == null ? BigDecimal.ZERO
                                : r.passRatePercent()).toList()))));
    }

    /** A lab's EQA scores per item over its graded rounds (trend), with the 80 % line. */
    public String eqaTrend(List<EqaHistoryEntry> history) {
        java.util.function.Function<EqaHistoryEntry, String> roundLabel = e -> format.date(e.gradedAt()) + " "
                + e.roundId().substring(0, Math.min(8, e.roundId().length()));
        List<String> rounds = history.stream().map(roundLabel).distinct().toList();
        Map<String, Map<String, BigDecimal>> byItem = new LinkedHashMap<>();
        history.forEach(e -> byItem.computeIfAbsent(e.itemCode(), k -> new LinkedHashMap<>())
                .put(roundLabel.apply(e), e.scorePercent()));
        List<Object> series = new ArrayList<>();
        byItem.forEach((item, scores) -> {
            Map<String, Object> itemLine = line(item, rounds.stream().map(scores::get).toList());
            if (series.isEmpty()) {
                itemLine.put("markLine", Map.of("symbol", "none", "silent", true, "data",
                        List.of(Map.of("yAxis", 80)), "lineStyle", Map.of("color", WARNING, "type", "dashed")));
            }
            series.add(itemLine);
        });
        return json(Map.of(
                "tooltip", Map.of("trigger", "axis"),
                "legend", Map.of("top", 0),
                "grid", Map.of("left", 48, "right", 24, "top", 40, "bottom", 56),
                "xAxis", Map.of("type", "category", "data", rounds, "axisLabel", Map.of("rotate", 20, "fontSize", 10)),
                "yAxis", Map.of("type", "value", "min", 0, "max", 100),
                "series", series));
    }

    static String colour(String runStatus) {
        return "REJECTED".equals(runStatus) ? REJECTED : "WARNING".equals(runStatus) ? WARNING : ACCEPTED;
    }

    /** Recognition rate, 调阅互认率 and 同期互认率 by month, as lines in percent. */
    public String monthlyRates(List<RecognitionRate> rates, List<ReuseKpi> kpis) {
        TreeSet<String> months = new TreeSet<>();
        rates.stream().map(RecognitionRate::group).filter(m -> !m.equals("?")).forEach(months::add);
        kpis.stream().map(ReuseKpi::group).filter(m -> !m.equals("?")).forEach(months::add);
        List<String> axis = new ArrayList<>(months);
        Map<String, RecognitionRate> rateOf = index(rates, RecognitionRate::group);
        Map<String, ReuseKpi> kpiOf = index(kpis, ReuseKpi::group);
        return json(Map.of(
                "tooltip", Map.of("trigger", "axis"),
                "legend", Map.of("top", 0),
                "grid", Map.of("left", 48, "right", 24, "top", 40, "bottom", 32),
                "xAxis", Map.of("type", "category", "data", axis.stream().map(format::month).toList()),
                "yAxis", Map.of("type", "value", "min", 0, "max", 100, "axisLabel", Map.of("formatter", "{value} %")),
                "series", List.of(
                        line(text("kpi.recognitionRate"), axis.stream().map(m -> rateOf.containsKey(m)
                                ? rateOf.get(m).ratePercent() : null).toList()),
                        line(text("kpi.lookupRate"), axis.stream().map(m -> kpiOf.containsKey(m)
                                ? kpiOf.get(m).lookupRecognitionRatePercent() : null).toList()),
                        line(text("kpi.reuseRate"), axis.stream().map(m -> kpiOf.containsKey(m)
                                ? kpiOf.get(m).reuseRatePercent() : null).toList()))));
    }

    /** Estimated savings by month, as bars. */
    public String monthlySavings(List<ReuseKpi> kpis) {
        List<ReuseKpi> months = kpis.stream().filter(k -> !k.group().equals("?")).toList();
        return json(Map.of(
                "tooltip", Map.of("trigger", "axis"),
                "grid", Map.of("left", 64, "right", 24, "top", 24, "bottom", 32),
                "xAxis", Map.of("type", "category", "data", months.stream().map(k -> format.month(k.group())).toList()),
                "yAxis", Map.of("type", "value"),
                "series", List.of(Map.of("type", "bar", "name", text("kpi.savings"),
                        "data", months.stream().map(k -> k.estimatedSavings() == null ? BigDecimal.ZERO
                                : k.estimatedSavings()).toList()))));
    }

    static Map<String, Object> line(String name, List<?> data) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("type", "line");
        series.put("name", name);
        series.put("data", data);
        series.put("connectNulls", true);
        return series;
    }

    String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    static <T> Map<String, T> index(List<T> rows, Function<T, String> key) {
        Map<String, T> byKey = new LinkedHashMap<>();
        rows.forEach(row -> byKey.put(key.apply(row), row));
        return byKey;
    }

    /** The option as JSON; drawn without animation, so that a printed page or a screenshot shows the final chart. */
    static String json(Map<String, Object> option) {
        Map<String, Object> still = new LinkedHashMap<>(option);
        still.put("animation", false);
        try {
            return JSON.writeValueAsString(still);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart option not serializable", e);
        }
    }
}
