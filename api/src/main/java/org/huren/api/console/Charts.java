package org.huren.api.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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

    private final MessageSource messages;

    public Charts(MessageSource messages) {
        this.messages = messages;
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
                "xAxis", Map.of("type", "category", "data", axis),
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
                "xAxis", Map.of("type", "category", "data", months.stream().map(ReuseKpi::group).toList()),
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

    static String json(Object option) {
        try {
            return JSON.writeValueAsString(option);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart option not serializable", e);
        }
    }
}
