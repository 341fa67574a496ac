package org.huren.fhir.server;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.huren.fhir.lab.LabDirectory;
import org.huren.fhir.lab.MemberLab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may read and write which lab records on {@code /fhir}, in one place (ADR 0012). Each caller sees the records
 * of a set of labs:
 * <ul>
 *   <li>a lab's LIS and its staff ({@code LIS}, {@code LAB_STAFF}): their own lab's, its blind-sample results
 *       included (to the lab they are ordinary results);</li>
 *   <li>a clinician ({@code CLINICIAN}): those of every member lab of the alliances their lab belongs to, by patient
 *       only (no open-ended listing), never a blind-sample result or pseudo-patient;</li>
 *   <li>QC managers, assessors and auditors: those of the member labs of their alliances (all for {@code *}), no
 *       blind-sample result (their blind details are on {@code /api});</li>
 *   <li>operators and administrators: none.</li>
 * </ul>
 * Only a lab's LIS writes, and only as its own lab.
 */
public class FhirAccess {

    private static final Set<String> QC_ROLES = Set.of("QC_MANAGER", "ASSESSOR", "AUDITOR");

    private final LabDirectory labs;

    public FhirAccess(LabDirectory labs) {
        this.labs = labs;
    }

    /**
     * What a caller sees.
     *
     * @param labs          the labs whose records it sees; null: every lab
     * @param blindLab      the lab whose blind-sample records it sees as ordinary ones, or null
     * @param byPatientOnly a search must name the patient
     */
    public record View(Set<String> labs, String blindLab, boolean byPatientOnly) {

        public boolean sees(String lab) {
            return labs == null || labs.contains(lab);
        }

        /** The labs a search may return, given the ones it asked for (none asked: all it sees). */
        public List<String> narrow(List<String> asked) {
            if (labs == null) {
                return asked;
            }
            List<String> allowed = asked.isEmpty() ? new ArrayList<>(labs)
                    : asked.stream().filter(labs::contains).toList();
            // nothing it may see: a lab code no lab has, so that the search finds nothing
            return allowed.isEmpty() ? List.of(" none") : allowed;
        }
    }

    /** The view of the request's caller; 403 for one who may read no lab record. */
    public View view(RequestDetails request) {
        Caller caller = Caller.of(request);
        if (caller == null) {
            throw forbidden("no verified caller");
        }
        return view(caller);
    }

    /** Whether {@code caller} sees the records of {@code lab} (on {@code /fhir} and wherever else they show). */
    public boolean sees(Caller caller, String lab) {
        try {
            return view(caller).sees(lab);
        } catch (ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException noRecordsAtAll) {
            return false;
        }
    }

    /**
     * What {@code caller} sees, wherever lab records are answered (on {@code /fhir}, in the web console and in CDS
     * Hooks cards); 403 for one who may read none.
     */
    public View view(Caller caller) {
        Set<String> seen = new LinkedHashSet<>();
        boolean all = false;
        String blindLab = null;
        boolean byPatient = false;
        if ((caller.hasRole("LIS") || caller.hasRole("LAB_STAFF")) && caller.lab() != null) {
            seen.add(caller.lab());
            blindLab = caller.lab();
        }
        boolean qc = caller.roles().stream().anyMatch(QC_ROLES::contains);
        if (qc) {
            if (caller.alliances().contains(Caller.ALL_ALLIANCES)) {
                all = true;
            } else {
                seen.addAll(membersOf(caller.alliances()));
            }
        }
        if (caller.hasRole("CLINICIAN") && caller.lab() != null) {
            List<String> alliances = labs.byCode(caller.lab()).map(MemberLab::alliances).orElse(List.of());
            seen.addAll(membersOf(alliances));
            seen.add(caller.lab());
            byPatient = blindLab == null && !qc;
        }
        if (!all && seen.isEmpty() && !qc) {
            throw forbidden("reading lab records needs role LIS or LAB_STAFF (own lab), CLINICIAN (by patient, "
                    + "in the lab's alliances) or a QC role (in the caller's alliances)");
        }
        return new View(all ? null : Set.copyOf(seen), blindLab, byPatient);
    }

    /** Reads a record the caller may see; any other is not found. */
    public org.hl7.fhir.r4.model.Resource read(org.huren.fhir.read.LabRecordReads reads, String resourceType,
                                               org.hl7.fhir.r4.model.IdType id, RequestDetails request) {
        View view = view(request);
        return reads.read(resourceType, id, view.blindLab(), view::sees);
    }

    /** Every version of a record the caller may see, newest first ({@code _history}); any other is not found. */
    public java.util.List<org.hl7.fhir.r4.model.Resource> history(org.huren.fhir.read.LabRecordReads reads,
                                                                   String resourceType, org.hl7.fhir.r4.model.IdType id,
                                                                   org.hl7.fhir.r4.model.InstantType since,
                                                                   RequestDetails request) {
        View view = view(request);
        return reads.history(resourceType, id, since == null || since.getValue() == null ? null
                : since.getValue().toInstant(), view.blindLab(), view::sees);
    }

    /** A write: only a lab's LIS, as its own lab. */
    public void requireWriter(RequestDetails request) {
        Caller caller = Caller.of(request);
        if (caller == null || !caller.hasRole("LIS")) {
            throw forbidden("writing lab records needs role LIS (a member lab's LIS client)");
        }
    }

    /** Whether the caller acts in {@code alliance}: as a QC role there, or as staff of one of its member labs. */
    public boolean actsIn(RequestDetails request, String alliance) {
        Caller caller = Caller.of(request);
        if (caller == null) {
            return false;
        }
        if (caller.roles().stream().anyMatch(QC_ROLES::contains) && caller.actsIn(alliance)) {
            return true;
        }
        return caller.lab() != null && labs.byCode(caller.lab()).map(lab -> lab.alliances().contains(alliance))
                .orElse(false);
    }

    private List<String> membersOf(java.util.Collection<String> alliances) {
        return labs.all().stream().filter(lab -> lab.alliances().stream().anyMatch(alliances::contains))
                .map(MemberLab::code).toList();
    }

    static ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException forbidden(String message) {
        return Problem.of(403, "forbidden").issue(IssueType.FORBIDDEN, null, message).exception();
    }
}
