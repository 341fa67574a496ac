package org.huren.projections.recognition;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.huren.domain.alliance.AccreditationWithdrawn;
import org.huren.domain.alliance.AllianceFormed;
import org.huren.domain.alliance.LabAccredited;
import org.huren.domain.alliance.LabEnrolled;
import org.huren.domain.alliance.MemberReinstated;
import org.huren.domain.alliance.MemberSuspended;
import org.huren.domain.alliance.MemberWithdrawn;
import org.huren.domain.alliance.RecognitionPolicySet;
import org.huren.domain.audit.AuditOpened;
import org.huren.domain.audit.CorrectiveActionVerified;
import org.huren.domain.audit.FindingRecorded;
import org.huren.domain.audit.FindingReopened;
import org.huren.domain.catalog.CatalogItemAmended;
import org.huren.domain.catalog.CatalogItemPublished;
import org.huren.domain.catalog.CatalogItemRetired;
import org.huren.domain.catalog.ItemPriceSet;
import org.huren.domain.eqa.EqaCorrectiveActionVerified;
import org.huren.domain.eqa.EqaItemGraded;
import org.huren.domain.iqc.ControlLotRegistered;
import org.huren.domain.iqc.ControlRunEvaluated;
import org.huren.domain.iqc.ControlRunRecorded;
import org.huren.domain.labresult.LabResultCorrected;
import org.huren.domain.labresult.LabResultReported;
import org.huren.domain.labresult.LabResultRetracted;
import org.huren.domain.localcode.LocalCodeMapped;
import org.huren.domain.localcode.LocalCodeMappingAmended;
import org.huren.domain.localcode.LocalCodeRetired;
import org.huren.domain.reuse.ReusableLookedUp;
import org.huren.domain.reuse.ReuseOutcomeRecorded;

import java.util.Set;

/**
 * The recognition processor's segments are segments of labs (ADR 0019): every event that changes what a lab's
 * results are decided on — the results themselves, the lab's membership, accreditation, EQA, IQC and audit evidence,
 * and its code map (which catalog item each of its local codes stands for) — is sequenced by the lab, so one segment
 * sees all of a lab's events in store order, as the single segment did.
 * The facts every lab of an alliance shares (its formation, policy and catalog: {@link #allianceWide}) go to every
 * segment ({@link AllianceWideFanOut}): each keeps its own copy and re-decides its own labs' results, at the very
 * point of its stream where the fact was recorded. Reuse lookups and outcomes, kept by the same processor but
 * independent of decisions, go by alliance.
 */
public final class RecognitionSequencing implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object p = event.getPayload();
        if (p instanceof LabResultReported e) {
            return e.labId();
        } else if (p instanceof LabResultCorrected e) {
            return e.labId();
        } else if (p instanceof LabResultRetracted e) {
            return e.labId();
        } else if (p instanceof LabEnrolled e) {
            return e.labCode();
        } else if (p instanceof MemberSuspended e) {
            return e.labCode();
        } else if (p instanceof MemberReinstated e) {
            return e.labCode();
        } else if (p instanceof MemberWithdrawn e) {
            return e.labCode();
        } else if (p instanceof LabAccredited e) {
            return e.labCode();
        } else if (p instanceof AccreditationWithdrawn e) {
            return e.labCode();
        } else if (p instanceof AuditOpened e) {
            return e.labCode();
        } else if (p instanceof FindingRecorded e) {
            return e.labCode();
        } else if (p instanceof CorrectiveActionVerified e) {
            return e.labCode();
        } else if (p instanceof FindingReopened e) {
            return e.labCode();
        } else if (p instanceof EqaItemGraded e) {
            return e.labCode();
        } else if (p instanceof EqaCorrectiveActionVerified e) {
            return e.labCode();
        } else if (p instanceof ControlLotRegistered e) {
            return e.labCode();
        } else if (p instanceof ControlRunRecorded e) {
            return e.labCode();
        } else if (p instanceof ControlRunEvaluated e) {
            return e.labCode();
        } else if (p instanceof LocalCodeMapped e) {
            return e.labCode();
        } else if (p instanceof LocalCodeMappingAmended e) {
            return e.labCode();
        } else if (p instanceof LocalCodeRetired e) {
            return e.labCode();
        } else if (p instanceof AllianceFormed e) {
            return e.allianceId();
        } else if (p instanceof RecognitionPolicySet e) {
            return e.allianceId();
        } else if (p instanceof CatalogItemPublished e) {
            return e.allianceId();
        } else if (p instanceof CatalogItemAmended e) {
            return e.allianceId();
        } else if (p instanceof CatalogItemRetired e) {
            return e.allianceId();
        } else if (p instanceof ItemPriceSet e) {
            return e.allianceId();
        } else if (p instanceof ReusableLookedUp e) {
            return e.allianceId();
        } else if (p instanceof ReuseOutcomeRecorded e) {
            return e.allianceId();
        }
        return event.getIdentifier();
    }

    /** The facts of a whole alliance, which every segment handles for its own labs. */
    private static final Set<Class<?>> ALLIANCE_WIDE = Set.of(AllianceFormed.class, RecognitionPolicySet.class,
            CatalogItemPublished.class, CatalogItemAmended.class, CatalogItemRetired.class);

    /** Whether events of this payload type are facts of a whole alliance (known without deserializing the payload). */
    public static boolean allianceWide(Class<?> payloadType) {
        return ALLIANCE_WIDE.contains(payloadType);
    }
}
