package org.huren.api.web.openapi;

import org.huren.domain.alliance.AllianceKind;
import org.huren.domain.alliance.Integration;
import org.huren.domain.alliance.LabLevel;
import org.huren.domain.alliance.MemberStatus;
import org.huren.domain.assessment.AssessmentOutcome;
import org.huren.domain.assessment.Dimension;
import org.huren.domain.assessment.Verdict;
import org.huren.domain.audit.AuditKind;
import org.huren.domain.audit.QcAudit;
import org.huren.domain.audit.Severity;
import org.huren.domain.eqa.EqaProvider;
import org.huren.domain.eqa.EqaRoundKind;
import org.huren.domain.eqa.EqaStandingVerdict;
import org.huren.domain.iqc.RuleAction;
import org.huren.domain.iqc.RunStatus;
import org.huren.domain.recognition.RecognitionStatus;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The values of the read models' status and code fields, which the views carry as text: the OpenAPI document lists
 * them as enums, so clients can rely on them. Most are a domain enum's names; the few a read model words itself are
 * spelled here as the projection writes them ({@code AllianceProjection}, {@code EqaProjection}).
 */
final class DocumentedValues {

    /** A field's values, and whether it may be null. */
    record Values(List<String> names, boolean nullable) {
    }

    private static final List<String> ROUND_STATUS = List.of("OPEN", "GRADED");
    private static final List<String> ACCREDITATION = List.of("ACCREDITED", "EXPIRED", "WITHDRAWN");
    private static final List<String> TREND = List.of("UP", "DOWN", "SAME");

    /** Schema name and property → values. */
    private static final Map<String, Values> BY_PROPERTY = Map.ofEntries(
            Map.entry("AllianceView.kind", of(AllianceKind.class)),
            Map.entry("AllianceView.integration", of(Integration.class)),
            Map.entry("MemberLabView.level", of(LabLevel.class)),
            Map.entry("MemberLabView.status", of(MemberStatus.class)),
            Map.entry("AllianceOverviewCell.status", new Values(concat(ACCREDITATION, "NONE"), false)),
            Map.entry("AccreditationChange.change", new Values(ACCREDITATION, false)),
            Map.entry("AssessmentView.status", new Values(List.of("OPEN", "CLOSED"), false)),
            Map.entry("AssessmentView.outcome", new Values(names(AssessmentOutcome.class), true)),
            Map.entry("AssessmentScore.dimension", of(Dimension.class)),
            Map.entry("AssessmentScore.verdict", of(Verdict.class)),
            Map.entry("EqaRoundView.status", new Values(ROUND_STATUS, false)),
            Map.entry("EqaRoundView.kind", of(EqaRoundKind.class)),
            Map.entry("EqaRoundView.provider", of(EqaProvider.class)),
            Map.entry("FlightInspectionOutcome.status", new Values(ROUND_STATUS, false)),
            Map.entry("FlightInspectionDetail.status", new Values(ROUND_STATUS, false)),
            Map.entry("EqaHistoryEntry.kind", of(EqaRoundKind.class)),
            Map.entry("EqaHistoryEntry.standing", of(EqaStandingVerdict.class)),
            Map.entry("EqaHistoryEntry.trend", new Values(TREND, true)),
            Map.entry("EqaRoundResultsGrade.standing", of(EqaStandingVerdict.class)),
            Map.entry("IqcRunView.status", new Values(names(RunStatus.class), true)),
            Map.entry("IqcRunViolation.action", of(RuleAction.class)),
            Map.entry("RecognitionView.status", of(RecognitionStatus.class)),
            Map.entry("AuditTrail.kind", of(AuditKind.class)),
            Map.entry("FindingView.dimension", of(Dimension.class)),
            Map.entry("FindingView.severity", of(Severity.class)),
            Map.entry("FindingView.state", of(QcAudit.ActionState.class)),
            Map.entry("HeatCell.dimension", of(Dimension.class)),
            Map.entry("TimeToClose.severity", of(Severity.class)),
            Map.entry("Scorecard.memberStatus", of(MemberStatus.class)),
            Map.entry("ScorecardAccreditation.status", new Values(ACCREDITATION, false)),
            Map.entry("ScorecardEqa.standing", of(EqaStandingVerdict.class)),
            Map.entry("ScorecardEqa.trend", new Values(TREND, true)),
            Map.entry("ScorecardFinding.severity", of(Severity.class)),
            Map.entry("ScorecardFinding.dimension", of(Dimension.class)),
            Map.entry("ScorecardFinding.state", of(QcAudit.ActionState.class)));

    private DocumentedValues() {
    }

    /** A listed property: its schema, its name, its values. */
    record Property(String schema, String property, Values values) {
        @Override
        public String toString() {
            return schema + "." + property;
        }
    }

    static List<Property> properties() {
        return BY_PROPERTY.entrySet().stream().map(e -> new Property(e.getKey().substring(0, e.getKey().indexOf('.')),
                e.getKey().substring(e.getKey().indexOf('.') + 1), e.getValue())).toList();
    }

    private static Values of(Class<? extends Enum<?>> type) {
        return new Values(names(type), false);
    }

    private static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    private static List<String> concat(List<String> names, String more) {
        return java.util.stream.Stream.concat(names.stream(), java.util.stream.Stream.of(more)).toList();
    }
}
