package org.huren.projections.recognition;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.huren.domain.alliance.AccreditationWithdrawn;
import org.huren.domain.alliance.AllianceFormed;
import org.huren.domain.alliance.LabAccredited;
import org.huren.domain.alliance.LabEnrolled;
import org.huren.domain.alliance.MemberReinstated;
import org.huren.domain.alliance.MemberStatus;
import org.huren.domain.alliance.MemberSuspended;
import org.huren.domain.alliance.MemberWithdrawn;
import org.huren.domain.alliance.RecognitionPolicySet;
import org.huren.domain.assessment.Dimension;
import org.huren.domain.audit.AuditOpened;
import org.huren.domain.audit.CorrectiveActionVerified;
import org.huren.domain.audit.FindingRecorded;
import org.huren.domain.audit.FindingReopened;
import org.huren.domain.audit.Severity;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.catalog.CatalogItemAmended;
import org.huren.domain.catalog.CatalogItemPublished;
import org.huren.domain.catalog.CatalogItemRetired;
import org.huren.domain.common.Coding;
import org.huren.domain.eqa.EqaCorrectiveActionVerified;
import org.huren.domain.eqa.EqaItemGraded;
import org.huren.domain.iqc.ControlCv;
import org.huren.domain.iqc.ControlLotRegistered;
import org.huren.domain.iqc.ControlRunEvaluated;
import org.huren.domain.iqc.ControlRunRecorded;
import org.huren.domain.labresult.LabResultContent;
import org.huren.domain.labresult.LabResultCorrected;
import org.huren.domain.labresult.LabResultReported;
import org.huren.domain.labresult.LabResultRetracted;
import org.huren.domain.localcode.LocalCodeMapped;
import org.huren.domain.localcode.LocalCodeMappingAmended;
import org.huren.domain.localcode.LocalCodeRetired;
import org.huren.domain.localcode.MappingVersion;
import org.huren.domain.recognition.LocalCodeFacts;
import org.huren.domain.recognition.RecognitionRules;
import org.huren.projections.recognition.Results.Selection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Decides, for every lab result and every alliance its lab belongs to, whether the result is recognized (互认), with
 * the pure {@link RecognitionRules} fed by the facts this processor has seen so far (ADR 0004). Each handler records
 * what its event says in the part that keeps that kind of fact — {@link Memberships}, {@link Catalog},
 * {@link Accreditations}, {@link Policies}, {@link EqaEvidence}, {@link IqcEvidence}, {@link AuditEvidence},
 * {@link Results}, labs' code maps ({@link LocalCodes}) — and asks the {@link Decider} to decide the new result, or
 * again the results the change touches, as of the time the change was recorded; each change of status is kept with
 * its cause ({@link Decisions}). The answers to queries are {@link RecognitionQueries}'.
 */
@Component
@ProcessingGroup(RecognitionProjection.GROUP)
public class RecognitionProjection {

    public static final String GROUP = "recognition";

    private final JdbcTemplate jdbc;
    private final Memberships memberships;
    private final Catalog catalog;
    private final Accreditations accreditations;
    private final Policies policies;
    private final EqaEvidence eqa;
    private final AuditEvidence audits;
    private final IqcEvidence iqc;
    private final LocalCodes localCodes;
    private final Decider decider;

    public RecognitionProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.memberships = new Memberships(jdbc);
        this.catalog = new Catalog(jdbc);
        this.accreditations = new Accreditations(jdbc);
        this.policies = new Policies(jdbc);
        this.eqa = new EqaEvidence(jdbc);
        this.audits = new AuditEvidence(jdbc);
        this.iqc = new IqcEvidence(jdbc);
        this.localCodes = new LocalCodes(jdbc);
        this.decider = new Decider(jdbc, memberships, catalog, accreditations, policies, eqa, audits, iqc,
                new Results(jdbc));
    }

    // ------------------------------------------------------------------ results

    @EventHandler
    void on(LabResultReported event, @Timestamp Instant at, EventMessage<?> message) {
        result(event.resultId(), event.labId(), event.content(), true, Cause.of(message, at));
    }

    @EventHandler
    void on(LabResultCorrected event, @Timestamp Instant at, EventMessage<?> message) {
        result(event.resultId(), event.labId(), event.content(), false, Cause.of(message, at));
    }

    @EventHandler
    void on(LabResultRetracted event, @Timestamp Instant at, EventMessage<?> message) {
        result(event.resultId(), event.labId(), event.content(), false, Cause.of(message, at));
    }

    private void result(String resultId, String labId, LabResultContent content, boolean first, Cause cause) {
        List<String> loincs = content.codes().stream().filter(Coding::isLoinc).map(Coding::code).toList();
        Instant effective = content.effective() != null && content.effective().start() != null
                ? content.effective().start() : cause.at();
        // a result with the lab's own code only: the LOINC code of the mapping that covers its day, if any
        Coding own = LocalCodes.localCoding(content.codes()).orElse(null);
        MappingVersion mapping = own == null ? null
                : localCodes.resolve(labId, own.system(), own.code(), effective).orElse(null);
        if (mapping != null) {
            loincs = List.of(mapping.loinc());
        }
        ResultRow row = new ResultRow(resultId, labId, loincs,
                content.measurement() == null ? null : content.measurement().ucumCode(),
                content.measurement() == null ? null : content.measurement().value(), content.status(), effective,
                cause.eventId(), content.patientId(), false,
                own == null ? null : new LocalCodeFacts(own.system(), own.code(), own.display(), mapping));
        decider.reported(new Decider.Reported(row, content.specimenId(), first, cause));
    }

    // ------------------------------------------------------------------ labs' code maps (ADR 0017)

    @EventHandler
    void on(LocalCodeMapped event, @Timestamp Instant at, EventMessage<?> message) {
        codeMapChanged(event.labCode(), event.system(), event.mapping().code(), new MappingVersion(event.codeMapId(),
                event.mapVersion(), event.mapping().effectiveFrom(), event.mapping().retroactive(),
                event.mapping().itemCode(), event.mapping().loinc(), event.mapping().itemName(),
                message.getIdentifier()), Cause.of(message, at));
    }

    @EventHandler
    void on(LocalCodeMappingAmended event, @Timestamp Instant at, EventMessage<?> message) {
        codeMapChanged(event.labCode(), event.system(), event.mapping().code(), new MappingVersion(event.codeMapId(),
                event.mapVersion(), event.mapping().effectiveFrom(), event.mapping().retroactive(),
                event.mapping().itemCode(), event.mapping().loinc(), event.mapping().itemName(),
                message.getIdentifier()), Cause.of(message, at));
    }

    @EventHandler
    void on(LocalCodeRetired event, @Timestamp Instant at, EventMessage<?> message) {
        codeMapChanged(event.labCode(), event.system(), event.code(), new MappingVersion(event.codeMapId(),
                event.mapVersion(), event.effectiveFrom(), false, null, null, null, message.getIdentifier()),
                Cause.of(message, at));
    }

    /**
     * A code's mapping changed: the lab's results under that code whose covering version changed are decided again
     * as of the time the change was recorded (a mapping from a past day, or a retroactive one, reaches results
     * already stored; they are recognized from now on, not before).
     */
    private void codeMapChanged(String lab, String system, String code, MappingVersion version, Cause cause) {
        decider.changingCodeMap(cause);
        localCodes.record(lab, system, code, version);
        if (localCodes.remap(lab, system, code)) {
            for (String alliance : decider.alliancesOf(lab)) {
                decider.redecide(Selection.ofLocalCode(alliance, lab, system, code), cause);
            }
        }
    }

    // ------------------------------------------------------------------ alliance facts

    @EventHandler
    void on(AllianceFormed event, @Timestamp Instant at, EventMessage<?> message) {
        decider.changing(event.allianceId(), Cause.of(message, at));
        policies.formed(event.allianceId());
    }

    @EventHandler
    void on(RecognitionPolicySet event, @Timestamp Instant at, EventMessage<?> message) {
        Cause cause = Cause.of(message, at);
        decider.changing(event.allianceId(), cause);
        policies.set(event.allianceId(), event.notYetKnownBlocks(), event.iqcBracketHours(), event.eqaMaxAgeDays());
        decider.redecide(Selection.ofMembers(event.allianceId()), cause);
    }

    @EventHandler
    void on(LabEnrolled event, @Timestamp Instant at, EventMessage<?> message) {
        membership(event.allianceId(), event.labCode(), MemberStatus.ACTIVE, event.effectiveFrom(at),
                Cause.of(message, at));
    }

    @EventHandler
    void on(MemberSuspended event, @Timestamp Instant at, EventMessage<?> message) {
        membership(event.allianceId(), event.labCode(), MemberStatus.SUSPENDED, at, Cause.of(message, at));
    }

    @EventHandler
    void on(MemberReinstated event, @Timestamp Instant at, EventMessage<?> message) {
        membership(event.allianceId(), event.labCode(), MemberStatus.ACTIVE, at, Cause.of(message, at));
    }

    @EventHandler
    void on(MemberWithdrawn event, @Timestamp Instant at, EventMessage<?> message) {
        membership(event.allianceId(), event.labCode(), MemberStatus.WITHDRAWN, at, Cause.of(message, at));
    }

    /** A new span of the lab's standing from {@code from} (before the event when backdated), decided at the event. */
    private void membership(String alliance, String lab, MemberStatus status, Instant from, Cause cause) {
        decider.changing(alliance, cause);
        memberships.begin(alliance, lab, status, from, cause.eventId());
        decider.redecide(Selection.ofLab(alliance, lab), cause);
    }

    @EventHandler
    void on(CatalogItemPublished event, @Timestamp Instant at, EventMessage<?> message) {
        catalogVersion(event.allianceId(), event.item(), event.version(), Cause.of(message, at));
    }

    @EventHandler
    void on(CatalogItemAmended event, @Timestamp Instant at, EventMessage<?> message) {
        catalogVersion(event.allianceId(), event.item(), event.version(), Cause.of(message, at));
    }

    private void catalogVersion(String alliance, CatalogItem item, int version, Cause cause) {
        decider.changing(alliance, cause);
        catalog.version(alliance, item, version);
        decider.redecide(Selection.ofItem(alliance, item.code()), cause);
    }

    @EventHandler
    void on(CatalogItemRetired event, @Timestamp Instant at, EventMessage<?> message) {
        Cause cause = Cause.of(message, at);
        decider.changing(event.allianceId(), cause);
        catalog.retire(event.allianceId(), event.itemCode(), event.effectiveFrom());
        decider.redecide(Selection.ofItem(event.allianceId(), event.itemCode()), cause);
    }

    @EventHandler
    void on(LabAccredited event, @Timestamp Instant at, EventMessage<?> message) {
        Cause cause = Cause.of(message, at);
        decider.changing(event.allianceId(), cause);
        accreditations.accredit(event.allianceId(), event.labCode(), event.itemCodes(), event.validFrom(),
                event.validUntil(), event.assessmentId(), cause.eventId());
        decider.redecide(Selection.ofLabItems(event.allianceId(), event.labCode(), event.itemCodes()), cause);
    }

    @EventHandler
    void on(AccreditationWithdrawn event, @Timestamp Instant at, EventMessage<?> message) {
        Cause cause = Cause.of(message, at);
        decider.changing(event.allianceId(), cause);
        accreditations.withdraw(event.allianceId(), event.labCode(), event.itemCode(), event.effectiveAt());
        decider.redecide(Selection.ofLabItems(event.allianceId(), event.labCode(), List.of(event.itemCode())), cause);
    }

    // ------------------------------------------------------------------ audit evidence

    @EventHandler
    void on(AuditOpened event, @Timestamp Instant at, EventMessage<?> message) {
        Cause cause = Cause.of(message, at);
        decider.changing(event.allianceId(), cause);
        if (audits.audited(event.allianceId(), event.labCode())) {
            // the lab's findings are known from now on
            decider.redecide(Selection.ofLab(event.allianceId(), event.labCode()), cause);
        }
    }

    @EventHandler
    void on(FindingRecorded event, @Timestamp Instant at, EventMessage<?> message) {
        Cause cause = Cause.of(message, at);
        decider.changing(event.allianceId(), cause);
        if (event.dimension() == Dimension.EQA && !event.affectedItems().isEmpty()) {
            audits.eqaFinding(event.allianceId(), event.labCode(), event.auditId(), event.findingId(),
                    event.affectedItems());
        }
        if (event.severity() == Severity.MAJOR) {
            audits.majorFinding(event.allianceId(), event.labCode(), event.auditId(), event.findingId(), at,
                    event.affectedItems(), cause.eventId());
            redecideFinding(event.allianceId(), event.labCode(), event.affectedItems(), cause);
        }
    }

    @EventHandler
    void on(CorrectiveActionVerified event, @Timestamp Instant at, EventMessage<?> message) {
        Cause cause = Cause.of(message, at);
        decider.changing(event.allianceId(), cause);
        String finding = event.auditId() + "/" + event.findingId();
        // an EQA finding's verified action is the EQA corrective action of its items
        audits.eqaFindingItems(event.allianceId(), event.auditId(), event.findingId()).ifPresent(items -> {
            for (String item : items) {
                eqa.actionVerified(event.allianceId(), event.labCode(), item, at, cause.eventId() + "/" + item,
                        finding);
            }
            decider.redecide(Selection.ofLabItems(event.allianceId(), event.labCode(), items), cause);
        });
        audits.verified(event.allianceId(), event.auditId(), event.findingId(), at)
                .ifPresent(items -> redecideFinding(event.allianceId(), event.labCode(), items, cause));
    }

    @EventHandler
    void on(FindingReopened event, @Timestamp Instant at, EventMessage<?> message) {
        Cause cause = Cause.of(message, at);
        decider.changing(event.allianceId(), cause);
        // a reopened EQA finding takes back the EQA corrective action its verification counted as
        audits.eqaFindingItems(event.allianceId(), event.auditId(), event.findingId()).ifPresent(items -> {
            eqa.verificationsTakenBack(event.allianceId(), event.auditId() + "/" + event.findingId());
            decider.redecide(Selection.ofLabItems(event.allianceId(), event.labCode(), items), cause);
        });
        audits.reopened(event.allianceId(), event.labCode(), event.auditId(), event.findingId(), at, cause.eventId())
                .ifPresent(items -> redecideFinding(event.allianceId(), event.labCode(), items, cause));
    }

    /** A finding of no particular item covers the whole lab. */
    private void redecideFinding(String alliance, String lab, Collection<String> items, Cause cause) {
        decider.redecide(items.isEmpty() ? Selection.ofLab(alliance, lab)
                : Selection.ofLabItems(alliance, lab, items), cause);
    }

    // ------------------------------------------------------------------ IQC evidence

    @EventHandler
    void on(ControlLotRegistered event, @Timestamp Instant at, EventMessage<?> message) {
        decider.changingIqc(Cause.of(message, at));
        iqc.lotRegistered(event.labCode(), event.itemCode());
    }

    /** A month whose CV crosses the item's maximum re-decides that month's results. */
    @EventHandler
    void on(ControlRunRecorded event, @Timestamp Instant at, EventMessage<?> message) {
        Cause cause = Cause.of(message, at);
        decider.changingIqc(cause);
        String month = ControlCv.monthOf(event.runAt());
        Map<String, Boolean> before = new HashMap<>();
        for (String alliance : decider.alliancesOf(event.labCode())) {
            before.put(alliance, decider.cvAboveMaximum(alliance, event.labCode(), event.itemCode(), month));
        }
        iqc.recorded(event.labCode(), event.itemCode(), event.runId(), event.runAt(), event.results(), event.lots());
        decider.changingIqc(cause);
        for (String alliance : decider.alliancesOf(event.labCode())) {
            if (before.get(alliance) != decider.cvAboveMaximum(alliance, event.labCode(), event.itemCode(), month)) {
                decider.redecideOnIqc(Selection.ofLabItems(alliance, event.labCode(), List.of(event.itemCode()))
                        .measuredFrom(ControlCv.startOf(month)).measuredBefore(ControlCv.endOf(month)), cause);
            }
        }
    }

    /** The run can change the decision of results since the last accepted run before it. */
    @EventHandler
    void on(ControlRunEvaluated event, @Timestamp Instant at, EventMessage<?> message) {
        Cause cause = Cause.of(message, at);
        decider.changingIqc(cause);
        iqc.evaluated(event.labCode(), event.itemCode(), event.runId(), event.runAt(), event.status(),
                cause.eventId());
        Instant since = iqc.lastAcceptedBefore(event.labCode(), event.itemCode(), event.runAt());
        for (String alliance : decider.alliancesOf(event.labCode())) {
            decider.redecideOnIqc(Selection.ofLabItems(alliance, event.labCode(), List.of(event.itemCode()))
                    .measuredFrom(since), cause);
        }
    }

    // ------------------------------------------------------------------ EQA evidence

    @EventHandler
    void on(EqaItemGraded event, @Timestamp Instant at, EventMessage<?> message) {
        Cause cause = Cause.of(message, at);
        decider.changing(event.allianceId(), cause);
        eqa.graded(event.allianceId(), event.labCode(), event.itemCode(), event.roundId(), event.gradedAt(),
                event.grade().satisfactory(), cause.eventId());
        decider.redecide(Selection.ofLabItems(event.allianceId(), event.labCode(), List.of(event.itemCode())), cause);
    }

    @EventHandler
    void on(EqaCorrectiveActionVerified event, @Timestamp Instant at, EventMessage<?> message) {
        Cause cause = Cause.of(message, at);
        decider.changing(event.allianceId(), cause);
        eqa.actionVerified(event.allianceId(), event.labCode(), event.itemCode(), at, cause.eventId(), null);
        decider.redecide(Selection.ofLabItems(event.allianceId(), event.labCode(), List.of(event.itemCode())), cause);
    }

    /** Empties every table of the read model; reuse outcomes, kept by this processor too, empty themselves. */
    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE " + String.join(", ", Stream.of(Results.TABLES, Memberships.TABLES, Catalog.TABLES,
                Accreditations.TABLES, Policies.TABLES, Decisions.TABLES, EqaEvidence.TABLES, IqcEvidence.TABLES,
                AuditEvidence.TABLES, LocalCodes.TABLES).flatMap(List::stream).toList()));
    }
}
