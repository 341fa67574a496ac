package org.huren.api.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.huren.domain.alliance.query.CatalogItemView;
import org.huren.domain.alliance.query.GetCatalog;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.recognition.query.FindReusable;
import org.huren.domain.recognition.query.ReusableAnswer;
import org.huren.fhir.ingest.EventStoreIndex;
import org.huren.fhir.lab.LabDirectory;
import org.huren.fhir.lab.MemberLab;
import org.huren.fhir.read.LabRecordReads;
import org.huren.fhir.read.StoredResources;
import org.huren.fhir.server.Caller;
import org.huren.fhir.server.CatalogCodeSystemProvider;
import org.huren.fhir.server.FhirAccess;
import org.huren.fhir.server.ReuseLookups;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The reminders (互认提醒) a clinician's draft lab orders raise, asked as {@code POST Observation/$reusable} asks and
 * recorded as it records them — the same lookup (调阅) events, so the KPIs count CDS Hooks like the API (ADR 0016).
 * <p>
 * An order is asked about in every alliance where the clinician's lab is an active member and whose catalog has the
 * item. When several have a reusable result, the newest result is shown (equally new: the alliance first by id),
 * once: each alliance records what the clinician was shown from it — the shown alliance its lookup and reminder, an
 * alliance without a reusable result a lookup that found none, and an alliance whose result was not shown nothing
 * (a reminder nobody saw would count against its 同期互认率). A draft order asked about again (at order-select and
 * then at order-sign) is the same lookup, not a second reminder.
 */
@Component
public class ReuseReminders {

    static final String LOINC = "http://loinc.org";

    private final QueryGateway queries;
    private final LabDirectory labs;
    private final EventStoreIndex eventStore;
    private final ReuseLookups lookups;
    private final FhirAccess access;
    private final LabRecordReads reads;

    public ReuseReminders(QueryGateway queries, CommandGateway commands, LabDirectory labs,
                          EventStoreIndex eventStore, FhirContext fhir, org.huren.fhir.read.ConfirmedReads confirmed) {
        this.queries = queries;
        this.labs = labs;
        this.eventStore = eventStore;
        this.lookups = new ReuseLookups(commands, eventStore, labs);
        this.access = new FhirAccess(labs);
        this.reads = new LabRecordReads(queries, new StoredResources(fhir),
                new org.huren.fhir.read.LabRecordVersions(eventStore), confirmed);
    }

    /**
     * Who orders for whom: the caller (whose token names the ordering lab), the clinician as recorded, the patient's
     * identifiers ({@code system|value}) and a key that tells this patient's draft orders from another's.
     */
    public record Ordering(Caller caller, String clinician, List<String> patientIdentifiers, String patientKey) {

        public Ordering {
            patientIdentifiers = List.copyOf(patientIdentifiers);
        }
    }

    /** A reminder: the lookup it was recorded as, the alliance that recognizes the result, the order and the result. */
    public record Reminder(String lookupId, String allianceId, DraftOrder order, ReusableAnswer answer,
                           Observation result) {
    }

    /** The reminders of a hook call, and the newest event position of the lookups recorded for it (-1: none). */
    public record Reminders(List<Reminder> reminders, long position) {
    }

    /** The ordered item as HuRen asks about it: the code as ordered ({@code system|code}) and its LOINC code. */
    private record OrderedItem(String requestedCode, String loinc) {
    }

    public Reminders remind(Ordering ordering, List<DraftOrder> orders) {
        Caller caller = ordering.caller();
        if (caller.lab() == null) {
            throw new CdsHooksRefusal(403, "forbidden", "Authorization", "a CDS client's token names the lab the "
                    + "clinician orders for (claim lab): reminders and their lookups are that lab's");
        }
        FhirAccess.View view = access.view(caller);
        List<String> alliances = activeAlliancesOf(caller.lab());
        Map<String, List<CatalogItem>> catalogs = new HashMap<>();
        Instant now = Instant.now();
        List<Reminder> reminders = new ArrayList<>();
        long position = -1;
        for (DraftOrder order : orders) {
            Optional<OrderedItem> item = itemOf(order, alliances, catalogs);
            if (item.isEmpty()) {
                continue;
            }
            Map<String, ReusableAnswer> answers = new LinkedHashMap<>();
            for (String alliance : alliances) {
                answers.put(alliance, queries.query(new FindReusable(alliance, ordering.patientIdentifiers(),
                        LOINC + "|" + item.get().loinc(), now, view.blindLab()),
                        ResponseTypes.instanceOf(ReusableAnswer.class)).join());
            }
            String shown = answers.entrySet().stream().filter(e -> e.getValue().reusable())
                    .max(Comparator.comparing((Map.Entry<String, ReusableAnswer> e) -> e.getValue().effectiveAt())
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .map(Map.Entry::getKey).orElse(null);
            for (Map.Entry<String, ReusableAnswer> asked : answers.entrySet()) {
                String alliance = asked.getKey();
                ReusableAnswer answer = asked.getValue();
                if (answer.itemCode() == null || answer.reusable() && !alliance.equals(shown)) {
                    continue;
                }
                String lookupId = lookupId(alliance, caller.lab(), ordering.patientKey(), order.reference(),
                        answer.resultId());
                position = Math.max(position, record(lookupId, alliance, ordering, item.get().requestedCode(),
                        answer));
                if (alliance.equals(shown)) {
                    Observation result = (Observation) reads.read("Observation",
                            new IdType("Observation", answer.resultId()), view.blindLab(), view::sees);
                    reminders.add(new Reminder(lookupId, alliance, order, answer, result));
                }
            }
        }
        return new Reminders(reminders, position);
    }

    /**
     * The patient's identifiers ({@code system|value}): those of the prefetched Patient, or — without it, or when it
     * carries none — those of HuRen's own record that {@code context.patientId} names, as the caller may see it.
     */
    public List<String> patientIdentifiers(Patient prefetched, String patientId, Caller caller) {
        if (prefetched != null && prefetched.hasIdentifier()) {
            return identifiersOf(prefetched);
        }
        if (patientId == null || patientId.isBlank()) {
            throw new CdsHooksRefusal(400, "invalid-context", "context.patientId",
                    "context.patientId names the patient the orders are for");
        }
        FhirAccess.View view = access.view(caller);
        try {
            Patient stored = (Patient) reads.read("Patient", new IdType("Patient", patientId), view.blindLab(),
                    view::sees);
            if (stored.hasIdentifier()) {
                return identifiersOf(stored);
            }
        } catch (ResourceNotFoundException unknown) {
            // answered below: without identifiers there is nothing to look up
        }
        throw new CdsHooksRefusal(412, "patient-unknown", "context.patientId", "HuRen has no patient record "
                + patientId + " with identifiers that this clinician may see, and no prefetched patient with "
                + "identifiers was sent: send prefetch.patient (Patient/{{context.patientId}}) with its identifiers");
    }

    private static List<String> identifiersOf(Patient patient) {
        return patient.getIdentifier().stream().filter(Identifier::hasValue)
                .map(i -> i.hasSystem() ? i.getSystem() + "|" + i.getValue() : i.getValue()).toList();
    }

    /** The alliances in which {@code lab} is an active member, by id. */
    private List<String> activeAlliancesOf(String lab) {
        return labs.byCode(lab).map(MemberLab::standings).orElse(Map.of()).entrySet().stream()
                .filter(e -> MemberLab.ACTIVE.equals(e.getValue())).map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * The order's item: its LOINC coding, or else its coding in the catalog of one of {@code alliances}
     * ({@code https://huren.org/fhir/CodeSystem/catalog/<alliance>}) and that item's LOINC code. Orders coded
     * otherwise are not lab items HuRen recognizes.
     */
    private Optional<OrderedItem> itemOf(DraftOrder order, List<String> alliances,
                                         Map<String, List<CatalogItem>> catalogs) {
        for (Coding coding : order.codes()) {
            if (LOINC.equals(coding.getSystem()) && coding.hasCode()) {
                return Optional.of(new OrderedItem(LOINC + "|" + coding.getCode(), coding.getCode()));
            }
        }
        for (Coding coding : order.codes()) {
            String system = coding.getSystem();
            if (system == null || !system.startsWith(CatalogCodeSystemProvider.URL_BASE) || !coding.hasCode()) {
                continue;
            }
            String alliance = system.substring(CatalogCodeSystemProvider.URL_BASE.length());
            if (!alliances.contains(alliance)) {
                continue;
            }
            Optional<CatalogItem> item = catalogs.computeIfAbsent(alliance, this::catalogOf).stream()
                    .filter(i -> i.code().equals(coding.getCode())).findFirst();
            if (item.isPresent()) {
                return Optional.of(new OrderedItem(system + "|" + coding.getCode(), item.get().loinc()));
            }
        }
        return Optional.empty();
    }

    private List<CatalogItem> catalogOf(String alliance) {
        return queries.query(new GetCatalog(alliance, null, false),
                ResponseTypes.multipleInstancesOf(CatalogItemView.class)).join().stream()
                .map(CatalogItemView::item).toList();
    }

    /**
     * The lookup of one draft order in one alliance: the same order of the same patient by the same lab, answered
     * with the same result, is the same lookup — whichever hook asks, however often.
     */
    static String lookupId(String alliance, String lab, String patientKey, String orderReference, String resultId) {
        String key = String.join("\u0000", "cds-hooks-lookup", alliance, lab, patientKey, orderReference,
                resultId == null ? "" : resultId);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Records the lookup unless it is recorded already; the event position of its record. */
    private long record(String lookupId, String alliance, Ordering ordering, String requestedCode,
                        ReusableAnswer answer) {
        if (eventStore.aggregateType(lookupId).isEmpty()) {
            try {
                return lookups.record(lookupId, alliance, ordering.caller().lab(), ordering.clinician(), null,
                        ordering.patientIdentifiers(), requestedCode, answer).position();
            } catch (ConcurrencyException | AggregateStreamCreationException sameMoment) {
                // the same order asked about twice at once: the other call recorded it
                if (eventStore.aggregateType(lookupId).isEmpty()) {
                    throw sameMoment;
                }
            }
        }
        return eventStore.latestPosition(List.of(lookupId));
    }
}
