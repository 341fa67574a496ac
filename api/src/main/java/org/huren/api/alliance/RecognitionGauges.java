package org.huren.api.alliance;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.huren.domain.alliance.query.AllianceView;
import org.huren.domain.alliance.query.ListAlliances;
import org.huren.domain.recognition.query.GetRecognitionRates;
import org.huren.domain.recognition.query.RecognitionRate;
import org.huren.domain.reuse.query.GetReuseKpis;
import org.huren.domain.reuse.query.ReuseKpi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The recognition KPIs as Micrometer gauges, per alliance (and per lab for the recognition rate): results by
 * recognition status, recognition rate, lookups, reminders, reuses, re-tests, 调阅互认率, 同期互认率 and estimated
 * savings. They are read from the read models every {@code huren.metrics.kpi-refresh} (default 60 s), not on
 * each scrape, so a scrape never runs the aggregations.
 */
@Component
public class RecognitionGauges {

    private static final Logger log = LoggerFactory.getLogger(RecognitionGauges.class);

    private final QueryGateway queries;
    private final MultiGauge results;
    private final MultiGauge rate;
    private final MultiGauge labRate;
    private final MultiGauge reuseCounts;
    private final MultiGauge reuseRates;
    private final MultiGauge savings;

    public RecognitionGauges(QueryGateway queries, MeterRegistry meters) {
        this.queries = queries;
        this.results = MultiGauge.builder("huren.recognition.results")
                .description("results of the alliance by current recognition status").register(meters);
        this.rate = MultiGauge.builder("huren.recognition.rate").baseUnit("percent")
                .description("recognized ÷ results of the alliance").register(meters);
        this.labRate = MultiGauge.builder("huren.recognition.lab.rate").baseUnit("percent")
                .description("recognized ÷ results of a member lab in the alliance").register(meters);
        this.reuseCounts = MultiGauge.builder("huren.reuse.events")
                .description("order-time lookups, reminders, reuses and re-tests of the alliance").register(meters);
        this.reuseRates = MultiGauge.builder("huren.reuse.rate").baseUnit("percent")
                .description("lookup recognition rate (kind=lookup: recognitions ÷ lookups) and reuse rate "
                        + "(kind=reminder: reused ÷ reminders)").register(meters);
        this.savings = MultiGauge.builder("huren.reuse.savings")
                .description("estimated savings: the prices of the reused items").register(meters);
    }

    @Scheduled(initialDelayString = "${huren.metrics.kpi-refresh:60s}", fixedDelayString = "${huren.metrics.kpi-refresh:60s}")
    public void refresh() {
        try {
            update();
        } catch (RuntimeException e) {
            log.warn("recognition KPI gauges not refreshed: {}", e.toString());
        }
    }

    /** Reads every alliance's KPIs and replaces the gauges' rows. */
    public void update() {
        List<MultiGauge.Row<?>> resultRows = new ArrayList<>();
        List<MultiGauge.Row<?>> rateRows = new ArrayList<>();
        List<MultiGauge.Row<?>> labRows = new ArrayList<>();
        List<MultiGauge.Row<?>> countRows = new ArrayList<>();
        List<MultiGauge.Row<?>> reuseRateRows = new ArrayList<>();
        List<MultiGauge.Row<?>> savingRows = new ArrayList<>();
        List<AllianceView> alliances = queries.query(new ListAlliances(),
                ResponseTypes.multipleInstancesOf(AllianceView.class)).join();
        for (AllianceView alliance : alliances) {
            String id = alliance.allianceId();
            for (RecognitionRate total : rates(id, GetRecognitionRates.Grouping.ALLIANCE)) {
                Tags tags = Tags.of("alliance", id);
                resultRows.add(MultiGauge.Row.of(tags.and("status", "recognized"), total.recognized()));
                resultRows.add(MultiGauge.Row.of(tags.and("status", "not-recognized"), total.notRecognized()));
                resultRows.add(MultiGauge.Row.of(tags.and("status", "withdrawn"), total.withdrawn()));
                resultRows.add(MultiGauge.Row.of(tags.and("status", "pending"), total.pending()));
                add(rateRows, tags, total.ratePercent());
            }
            for (RecognitionRate lab : rates(id, GetRecognitionRates.Grouping.LAB)) {
                add(labRows, Tags.of("alliance", id, "lab", lab.group()), lab.ratePercent());
            }
            for (ReuseKpi kpi : queries.query(new GetReuseKpis(id, GetReuseKpis.Grouping.ALLIANCE, null),
                    ResponseTypes.multipleInstancesOf(ReuseKpi.class)).join()) {
                Tags tags = Tags.of("alliance", id);
                countRows.add(MultiGauge.Row.of(tags.and("kind", "lookup"), kpi.lookups()));
                countRows.add(MultiGauge.Row.of(tags.and("kind", "reminder"), kpi.reminders()));
                countRows.add(MultiGauge.Row.of(tags.and("kind", "reused"), kpi.reused()));
                countRows.add(MultiGauge.Row.of(tags.and("kind", "retested"), kpi.retested()));
                add(reuseRateRows, tags.and("kind", "lookup"), kpi.lookupRecognitionRatePercent());
                add(reuseRateRows, tags.and("kind", "reminder"), kpi.reuseRatePercent());
                add(savingRows, tags.and("currency", kpi.currency() == null ? "CNY" : kpi.currency()),
                        kpi.estimatedSavings());
            }
        }
        results.register(resultRows, true);
        rate.register(rateRows, true);
        labRate.register(labRows, true);
        reuseCounts.register(countRows, true);
        reuseRates.register(reuseRateRows, true);
        savings.register(savingRows, true);
    }

    private List<RecognitionRate> rates(String allianceId, GetRecognitionRates.Grouping by) {
        // no lab asks: blind samples' results are in no gauge
        return queries.query(new GetRecognitionRates(allianceId, by, null),
                ResponseTypes.multipleInstancesOf(RecognitionRate.class)).join();
    }

    /** An undefined rate (no denominator) is left out rather than reported as 0. */
    private static void add(List<MultiGauge.Row<?>> rows, Tags tags, BigDecimal value) {
        if (value != null) {
            rows.add(MultiGauge.Row.of(tags, value.doubleValue()));
        }
    }
}
