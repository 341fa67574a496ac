package org.huren.api.console;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.huren.api.alliance.AllianceController;
import org.huren.api.alliance.ReuseController;
import org.huren.api.audit.AuditController;
import org.huren.api.eqa.EqaController;
import org.huren.api.iqc.IqcController;
import org.huren.domain.alliance.AllianceTime;
import org.huren.domain.alliance.query.AllianceView;
import org.huren.domain.alliance.query.CatalogItemView;
import org.huren.domain.alliance.query.MemberLabView;
import org.huren.domain.audit.query.FindingView;
import org.huren.domain.eqa.query.EqaHistoryEntry;
import org.huren.domain.iqc.query.GetIqcItems;
import org.huren.domain.iqc.query.IqcMonth;
import org.huren.domain.recognition.query.GetRecognitionRates;
import org.huren.domain.recognition.query.RecognitionRate;
import org.huren.domain.reuse.query.GetReuseKpis;
import org.huren.domain.reuse.query.ReuseKpi;
import org.huren.fhir.server.Caller;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The monthly QC report (月度质控报告) of an alliance or of one member lab, from the {@code /api} endpoints' methods:
 * recognition and reuse figures of the month, each lab × item's IQC month (n, mean, SD, CV against the catalog's
 * maximum, rejections), the EQA grades and the audit findings of the month, and the corrective actions overdue now.
 * Each section only for a user who may read it through {@code /api} (a lab's staff: their own lab).
 */
@Component
public class MonthlyReports {

    private final AllianceController alliances;
    private final ReuseController reuse;
    private final IqcController iqc;
    private final EqaController eqa;
    private final AuditController audits;
    private final QueryGateway queries;
    private final ConsoleAccess access;
    private final ConsoleNav nav;

    public MonthlyReports(AllianceController alliances, ReuseController reuse, IqcController iqc, EqaController eqa,
                          AuditController audits, QueryGateway queries, ConsoleAccess access, ConsoleNav nav) {
        this.alliances = alliances;
        this.reuse = reuse;
        this.iqc = iqc;
        this.eqa = eqa;
        this.audits = audits;
        this.queries = queries;
        this.access = access;
        this.nav = nav;
    }

    /** One lab × item × level × lot in the month, with the item's maximum CV from the catalog. */
    public record IqcLine(String labCode, String itemCode, String itemName, IqcMonth month, BigDecimal cvMaxPercent) {
    }

    /**
     * A report; {@code labCode} null for the alliance's. Sections the user may not read are null ({@code eqa},
     * {@code findings}, {@code overdue}); {@code rates} and {@code kpis} are the month's rows (null without any).
     */
    public record Report(AllianceView alliance, String labCode, String month, Instant generatedAt, String generatedBy,
                         RecognitionRate rates, List<RecognitionRate> ratesByLab, ReuseKpi kpis,
                         List<IqcLine> iqc, List<EqaHistoryEntry> eqa, List<FindingView> findings,
                         List<FindingView> overdue) {
    }

    public Report of(Caller caller, String allianceId, String labCode, YearMonth month) {
        Map<String, String> in = Map.of("allianceId", allianceId);
        if (labCode == null) {
            access.require(caller, "GET", "/api/alliances/{allianceId}/overview", in, null);
        } else {
            access.require(caller, "GET", "/api/alliances/{allianceId}/members/{labCode}/scorecard",
                    Map.of("allianceId", allianceId, "labCode", labCode), null);
        }
        String key = month.toString();
        AllianceView alliance = alliances.alliance(allianceId);
        RecognitionRate rates = null;
        ReuseKpi kpis = null;
        List<RecognitionRate> ratesByLab = reuse.rates(allianceId, GetRecognitionRates.Grouping.LAB, caller.lab())
                .stream().filter(r -> labCode == null || r.group().equals(labCode)).toList();
        if (labCode == null) {
            rates = reuse.rates(allianceId, GetRecognitionRates.Grouping.MONTH, caller.lab()).stream()
                    .filter(r -> r.group().equals(key)).findFirst().orElse(null);
            kpis = reuse.kpis(allianceId, GetReuseKpis.Grouping.MONTH, caller.lab()).stream()
                    .filter(k -> k.group().equals(key)).findFirst().orElse(null);
        }
        Map<String, CatalogItemView> catalog = nav.catalog(allianceId);
        List<IqcLine> iqcLines = new ArrayList<>();
        for (MemberLabView lab : nav.iqcLabs(caller, allianceId)) {
            if (labCode != null && !lab.labCode().equals(labCode)) {
                continue;
            }
            for (String item : queries.query(new GetIqcItems(lab.labCode()),
                    ResponseTypes.multipleInstancesOf(String.class)).join()) {
                CatalogItemView inCatalog = catalog.get(item);
                if (inCatalog == null) {
                    continue;
                }
                iqc.monthly(lab.labCode(), item).stream().filter(m -> m.month().equals(key))
                        .forEach(m -> iqcLines.add(new IqcLine(lab.labCode(), item, ConsoleNav.itemName(catalog, item),
                                m, inCatalog.item().cvMaxPercent())));
            }
        }
        List<EqaHistoryEntry> eqaGrades = null;
        if (access.may(caller, "GET", "/api/eqa/history", in, allianceId)) {
            eqaGrades = eqa.history(allianceId, labCode, null).stream()
                    .filter(e -> e.gradedAt() != null && YearMonth.from(e.gradedAt().atZone(AllianceTime.ZONE))
                            .equals(month)).toList();
        }
        List<FindingView> findings = null;
        List<FindingView> overdue = null;
        if (access.may(caller, "GET", "/api/audits/findings", in, allianceId)) {
            boolean quality = access.may(caller, "GET", "/api/audits/overdue-actions", in, allianceId);
            String lab = labCode != null ? labCode : quality ? null : caller.lab();
            findings = audits.findings(allianceId, lab, null, null, false).stream()
                    .filter(f -> YearMonth.from(f.recordedAt().atZone(AllianceTime.ZONE)).equals(month)).toList();
            if (quality) {
                overdue = audits.overdue(allianceId).stream().filter(f -> lab == null || f.labCode().equals(lab))
                        .toList();
            }
        }
        return new Report(alliance, labCode, key, Instant.now(), caller.subject(), rates, ratesByLab, kpis, iqcLines,
                eqaGrades, findings, overdue);
    }
}
