package org.huren.fhir.server;

import ca.uhn.fhir.model.api.Include;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.huren.domain.query.FindReportsOfResults;
import org.huren.domain.query.FindResources;
import org.huren.domain.query.FindResultsOfPatients;
import org.huren.domain.query.StoredResource;
import org.huren.fhir.read.LabRecordReads;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What {@code _include} and {@code _revinclude} add to a page of matches: the records the matches refer to, and those
 * that refer to the matches — each only when the caller may read it by id ({@link FhirAccess}: its lab's records are
 * visible to the caller, a blind sample's only to its own lab), so an include never shows what a read would not.
 * At most {@value #MAX_INCLUDED} per page; beyond, an OperationOutcome (search mode outcome) says some were left out.
 */
public final class SearchIncludes {

    static final int MAX_INCLUDED = 1000;

    /** An {@code _include}: from matches of one type, the references it follows to records of another. */
    private record Follows(String from, Function<Resource, List<Reference>> references, String to) {
    }

    private static final Map<String, Follows> INCLUDES = Map.of(
            "Observation:patient", new Follows("Observation",
                    match -> List.of(((Observation) match).getSubject()), "Patient"),
            "Observation:specimen", new Follows("Observation",
                    match -> List.of(((Observation) match).getSpecimen()), "Specimen"),
            "DiagnosticReport:result", new Follows("DiagnosticReport",
                    match -> ((DiagnosticReport) match).getResult(), "Observation"));

    /** A {@code _revinclude}: the type of the matches whose referrers it adds. */
    private static final Map<String, String> REVINCLUDES = Map.of(
            "Observation:patient", "Patient", "DiagnosticReport:result", "Observation");

    private final LabRecordReads reads;

    public SearchIncludes(LabRecordReads reads) {
        this.reads = reads;
    }

    /** The records a page of {@code matches} includes, for a caller with {@code view}. */
    public List<Resource> of(List<Resource> matches, Set<Include> includes, Set<Include> revIncludes,
                             FhirAccess.View view) {
        refuseIterate(includes, "_include");
        refuseIterate(revIncludes, "_revinclude");
        List<StoredResource> found = new ArrayList<>();
        for (Include include : sorted(includes)) {
            found.addAll(referredTo(matches, include));
        }
        for (Include include : sorted(revIncludes)) {
            found.addAll(referringTo(matches, include, view));
        }
        Set<String> shown = new LinkedHashSet<>();
        matches.forEach(match -> shown.add(match.fhirType() + "/" + match.getIdElement().getIdPart()));
        List<Resource> included = new ArrayList<>();
        for (StoredResource resource : found) {
            if (resource.visibleTo(view.blindLab()) && view.sees(resource.labId())
                    && shown.add(resource.resourceType() + "/" + resource.id())) {
                if (included.size() == MAX_INCLUDED) {
                    included.add(truncated());
                    break;
                }
                included.add(reads.stored().toResource(resource));
            }
        }
        return included;
    }

    /** {@code _include}: the records of the type it names that the matches refer to, in the order referred to. */
    private List<StoredResource> referredTo(List<Resource> matches, Include include) {
        Follows follows = INCLUDES.get(include.getValue());
        Set<String> ids = new LinkedHashSet<>();
        for (Resource match : matches) {
            if (match.fhirType().equals(follows.from())) {
                for (Reference reference : follows.references().apply(match)) {
                    IIdType id = reference.getReferenceElement();
                    if (follows.to().equals(id.getResourceType()) && id.hasIdPart()) {
                        ids.add(id.getIdPart());
                    }
                }
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, StoredResource> byId = new LinkedHashMap<>();
        reads.queries().query(new FindResources(follows.to(), List.copyOf(ids)),
                        ResponseTypes.multipleInstancesOf(StoredResource.class)).join()
                .forEach(resource -> byId.put(resource.id(), resource));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** {@code _revinclude}: the records of the type it names that refer to the matches, in first-seen order. */
    private List<StoredResource> referringTo(List<Resource> matches, Include include, FhirAccess.View view) {
        String referredTo = REVINCLUDES.get(include.getValue());
        List<String> ids = matches.stream().filter(match -> match.fhirType().equals(referredTo))
                .map(match -> match.getIdElement().getIdPart()).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> labs = view.narrow(List.of());
        Object query = include.getValue().equals("Observation:patient")
                ? new FindResultsOfPatients(ids, labs, view.blindLab(), MAX_INCLUDED + 1)
                : new FindReportsOfResults(ids, labs, view.blindLab(), MAX_INCLUDED + 1);
        return reads.queries().query(query, ResponseTypes.multipleInstancesOf(StoredResource.class)).join();
    }

    private static OperationOutcome truncated() {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.WARNING)
                .setCode(OperationOutcome.IssueType.TOOCOSTLY)
                .setDiagnostics("more than " + MAX_INCLUDED + " resources to include: only the first " + MAX_INCLUDED
                        + " are in this page; ask for smaller pages (_count)");
        return outcome;
    }

    private static List<Include> sorted(Set<Include> includes) {
        return includes == null ? List.of()
                : includes.stream().sorted(Comparator.comparing(Include::getValue)).toList();
    }

    private static void refuseIterate(Set<Include> includes, String parameter) {
        if (includes != null && includes.stream().anyMatch(Include::isRecurse)) {
            throw Problem.of(400, "unsupported-include").issue(OperationOutcome.IssueType.NOTSUPPORTED, parameter,
                    parameter + ":iterate is not supported: HuRen includes one level").exception();
        }
    }
}
