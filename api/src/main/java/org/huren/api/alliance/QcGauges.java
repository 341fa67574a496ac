package org.huren.api.alliance;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.huren.domain.alliance.query.AllianceView;
import org.huren.domain.alliance.query.ListAlliances;
import org.huren.domain.audit.query.FindingView;
import org.huren.domain.audit.query.ListOverdueActions;
import org.huren.domain.eqa.query.EqaPassRate;
import org.huren.domain.eqa.query.GetEqaPassRates;
import org.huren.domain.iqc.query.GetIqcRunTotals;
import org.huren.domain.iqc.query.IqcRunTotal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The quality-control figures an operator watches, as gauges read from the read models every
 * {@code huren.metrics.kpi-refresh} (like {@link RecognitionGauges}): IQC runs per lab by evaluation
 * ({@code huren.iqc.runs{lab,status}}, status accepted / warning / rejected / unevaluated), EQA grades per
 * alliance ({@code huren.eqa.grades{alliance,grade}}, satisfactory / unsatisfactory) and corrective actions of QC
 * audits that are overdue and not verified ({@code huren.audit.actions.overdue{alliance}}).
 * <p>
 * Gauges over read models rather than counters in event handlers: every node reports the same totals (a dashboard
 * takes {@code max} over instances), they survive restarts, and a replayed read model gives the same figures where
 * a counter in a handler would count every replayed event again. {@code delta()} over a window gives the new
 * rejections or grades in it.
 */
@Component
public class QcGauges {

    private static final Logger log = LoggerFactory.getLogger(QcGauges.class);

    private final QueryGateway queries;
    private final MultiGauge iqcRuns;
    private final MultiGauge eqaGrades;
    private final MultiGauge overdueActions;

    public QcGauges(QueryGateway queries, MeterRegistry meters) {
        this.queries = queries;
        this.iqcRuns = MultiGauge.builder("huren.iqc.runs")
                .description("IQC runs of a lab by evaluation (accepted, warning, rejected, unevaluated)")
                .register(meters);
        this.eqaGrades = MultiGauge.builder("huren.eqa.grades")
                .description("graded lab × item × round grades of the alliance's EQA rounds, satisfactory or not")
                .register(meters);
        this.overdueActions = MultiGauge.builder("huren.audit.actions.overdue")
                .description("corrective actions of QC audit findings past their due date and not verified")
                .register(meters);
    }

    @Scheduled(initialDelayString = "${huren.metrics.kpi-refresh:60s}", fixedDelayString = "${huren.metrics.kpi-refresh:60s}")
    public void refresh() {
        try {
            update();
        } catch (RuntimeException e) {
            log.warn("QC gauges not refreshed: {}", e.toString());
        }
    }

    /** Reads the totals and replaces the gauges' rows. */
    public void update() {
        List<MultiGauge.Row<?>> runRows = new ArrayList<>();
        for (IqcRunTotal total : queries.query(new GetIqcRunTotals(),
                ResponseTypes.multipleInstancesOf(IqcRunTotal.class)).join()) {
            String status = total.status() == null ? "unevaluated" : total.status().toLowerCase(Locale.ROOT);
            runRows.add(MultiGauge.Row.of(Tags.of("lab", total.labCode(), "status", status), total.runs()));
        }
        List<MultiGauge.Row<?>> gradeRows = new ArrayList<>();
        List<MultiGauge.Row<?>> overdueRows = new ArrayList<>();
        for (AllianceView alliance : queries.query(new ListAlliances(),
                ResponseTypes.multipleInstancesOf(AllianceView.class)).join()) {
            String id = alliance.allianceId();
            long graded = 0;
            long satisfactory = 0;
            for (EqaPassRate item : queries.query(new GetEqaPassRates(id),
                    ResponseTypes.multipleInstancesOf(EqaPassRate.class)).join()) {
                graded += item.graded();
                satisfactory += item.satisfactory();
            }
            gradeRows.add(MultiGauge.Row.of(Tags.of("alliance", id, "grade", "satisfactory"), satisfactory));
            gradeRows.add(MultiGauge.Row.of(Tags.of("alliance", id, "grade", "unsatisfactory"), graded - satisfactory));
            overdueRows.add(MultiGauge.Row.of(Tags.of("alliance", id), queries.query(new ListOverdueActions(id),
                    ResponseTypes.multipleInstancesOf(FindingView.class)).join().size()));
        }
        iqcRuns.register(runRows, true);
        eqaGrades.register(gradeRows, true);
        overdueActions.register(overdueRows, true);
    }
}
