package org.huren.api.audit;

import org.huren.api.security.CallerLab;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.huren.api.web.ReadsFrom;
import org.huren.fhir.read.ReadModel;
import org.huren.api.web.ApiProblems;
import org.huren.domain.alliance.query.AllianceOverview;
import org.huren.domain.alliance.query.GetAllianceOverview;
import org.huren.domain.audit.query.FindingView;
import org.huren.domain.audit.query.ListFindings;
import org.huren.domain.eqa.query.EqaHistoryEntry;
import org.huren.domain.eqa.query.GetEqaHistory;
import org.huren.domain.iqc.query.GetIqcItems;
import org.huren.domain.iqc.query.GetIqcRuns;
import org.huren.domain.iqc.query.GetSigma;
import org.huren.domain.iqc.query.IqcRunView;
import org.huren.domain.iqc.query.SigmaView;
import org.huren.domain.recognition.query.GetRecognitionRates;
import org.huren.domain.recognition.query.RecognitionRate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A member lab's QC scorecard in one alliance: accreditation per item, EQA history per item, IQC rejection rate and
 * sigma per item, open findings and the recognition rate — each figure with the link (and, where one event decides
 * it, the event) behind it. A web page draws it later; this is its data.
 */
@RestController
@Tag(name = "Scorecard", description = "A lab's QC picture: accreditation, EQA, IQC, findings, recognition")
public class ScorecardController {

    private final QueryGateway queries;

    public ScorecardController(QueryGateway queries) {
        this.queries = queries;
    }

    public record Scorecard(String allianceId, String labCode, String institution, String memberStatus,
                            List<Accreditation> accreditation, List<Eqa> eqa, List<Iqc> iqc, Findings findings,
                            Recognition recognition) {
    }

    public record Accreditation(String itemCode, boolean accredited, String status, LocalDate since, LocalDate until,
                                String assessmentId, String href) {
    }

    public record Eqa(String itemCode, int rounds, int satisfactory, BigDecimal passRatePercent, String standing,
                      String latestRoundId, BigDecimal latestScorePercent, String trend, String href) {
    }

    public record Iqc(String itemCode, int evaluatedRuns, int rejectedRuns, BigDecimal rejectionRatePercent,
                      BigDecimal sigma, String biasSource, String suggestedRules, String href) {
    }

    public record Findings(int open, int openMajor, Map<String, Integer> openByDimension, List<Finding> items,
                           String href) {
    }

    public record Finding(String findingId, String severity, String dimension, String state, boolean overdue,
                          List<String> affectedItems, String eventId, String href) {
    }

    public record Recognition(long results, long recognized, long withdrawn, BigDecimal ratePercent, String href) {
    }

    @GetMapping("/api/alliances/{allianceId}/members/{labCode}/scorecard")
    @ReadsFrom({ReadModel.ALLIANCE, ReadModel.EQA, ReadModel.IQC, ReadModel.AUDIT, ReadModel.RECOGNITION})
    @Operation(summary = "A lab's QC scorecard: accreditation, EQA history, IQC rejection rate and sigma, open "
            + "findings, recognition rate — each figure linked to what is behind it (asked as the lab itself, header "
            + "the lab its token acts for, its recognition rate counts its blind-sample results like any other)")
    public Scorecard scorecard(@PathVariable String allianceId, @PathVariable String labCode,
                               @CallerLab String lab) {
        AllianceOverview overview = queries.query(new GetAllianceOverview(allianceId),
                        ResponseTypes.optionalInstanceOf(AllianceOverview.class)).join()
                .orElseThrow(() -> new ApiProblems.NotFound("allianceId", "no alliance " + allianceId));
        AllianceOverview.LabRow row = overview.labs().stream().filter(l -> l.member().labCode().equals(labCode))
                .findFirst().orElseThrow(() -> new ApiProblems.NotFound("labCode", labCode + " is not a member of "
                        + allianceId));
        String history = "/api/alliances/" + allianceId + "/members/" + labCode + "/accreditation-history";
        List<Accreditation> accreditation = row.items().stream().filter(c -> !"NONE".equals(c.status()))
                .map(c -> new Accreditation(c.itemCode(), c.accredited(), c.status(), c.since(), c.until(),
                        c.assessmentId(), history)).toList();

        Map<String, List<EqaHistoryEntry>> byItem = new LinkedHashMap<>();
        queries.query(new GetEqaHistory(allianceId, labCode, null),
                        ResponseTypes.multipleInstancesOf(EqaHistoryEntry.class)).join()
                .forEach(e -> byItem.computeIfAbsent(e.itemCode(), k -> new ArrayList<>()).add(e));
        List<Eqa> eqa = new ArrayList<>();
        byItem.forEach((item, rounds) -> {
            EqaHistoryEntry latest = rounds.get(rounds.size() - 1);
            int satisfactory = (int) rounds.stream().filter(EqaHistoryEntry::satisfactory).count();
            eqa.add(new Eqa(item, rounds.size(), satisfactory, percent(satisfactory, rounds.size()), latest.standing(),
                    latest.roundId(), latest.scorePercent(), latest.trend(),
                    "/api/eqa/history?alliance=" + allianceId + "&lab=" + labCode + "&item=" + item));
        });

        List<Iqc> iqc = new ArrayList<>();
        for (String item : queries.query(new GetIqcItems(labCode), ResponseTypes.multipleInstancesOf(String.class))
                .join()) {
            List<IqcRunView> runs = queries.query(new GetIqcRuns(labCode, item),
                    ResponseTypes.multipleInstancesOf(IqcRunView.class)).join();
            int evaluated = (int) runs.stream().filter(r -> r.status() != null).count();
            int rejected = (int) runs.stream().filter(r -> "REJECTED".equals(r.status())).count();
            SigmaView sigma = queries.query(new GetSigma(labCode, item, allianceId, null, null),
                    ResponseTypes.optionalInstanceOf(SigmaView.class)).join().orElse(null);
            iqc.add(new Iqc(item, evaluated, rejected, percent(rejected, evaluated),
                    sigma == null ? null : sigma.sigma(), sigma == null ? null : sigma.biasSource(),
                    sigma == null ? null : sigma.suggestedRules(), "/api/iqc/" + labCode + "/" + item + "/runs"));
        }

        List<FindingView> open = queries.query(new ListFindings(allianceId, labCode, null, null, true),
                ResponseTypes.multipleInstancesOf(FindingView.class)).join();
        Map<String, Integer> byDimension = new LinkedHashMap<>();
        open.forEach(f -> byDimension.merge(f.dimension(), 1, Integer::sum));
        Findings findings = new Findings(open.size(), (int) open.stream().filter(f -> "MAJOR".equals(f.severity()))
                .count(), byDimension, open.stream().map(f -> new Finding(f.findingId(), f.severity(), f.dimension(),
                f.state(), f.overdue(), f.affectedItems(), f.eventId(), "/api/audits/" + f.auditId())).toList(),
                "/api/audits/findings?alliance=" + allianceId + "&lab=" + labCode);

        RecognitionRate rate = queries.query(new GetRecognitionRates(allianceId, GetRecognitionRates.Grouping.LAB, lab),
                        ResponseTypes.multipleInstancesOf(RecognitionRate.class)).join().stream()
                .filter(r -> r.group().equals(labCode)).findFirst()
                .orElse(new RecognitionRate(labCode, 0, 0, 0, 0, 0, null));
        Recognition recognition = new Recognition(rate.results(), rate.recognized(), rate.withdrawn(),
                rate.ratePercent(), "/api/alliances/" + allianceId + "/recognition-rates?by=LAB");
        return new Scorecard(allianceId, labCode, row.member().institution(), row.member().status(), accreditation,
                eqa, iqc, findings, recognition);
    }

    private static BigDecimal percent(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 2,
                RoundingMode.HALF_UP);
    }
}
