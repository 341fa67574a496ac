package org.huren.domain.localcode;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.DomainRuleViolation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The code map of one lab's code system (本院项目对照表): which local item code stands for which catalog item, in
 * which unit, from when. Every change is an event and a new version of the map (its FHIR ConceptMap's version).
 * A mapping is checked by {@link LocalCodeMappingCheck} — a unit that cannot convert to the item's unit is refused
 * — and a change of a mapped code takes effect after the version before it, so a result's mapping is never
 * rewritten for a day that already had one (ADR 0017).
 */
public class LocalCodeMap {

    /** HuRen's own systems and LOINC are not a lab's local codes. */
    private static final Set<String> NOT_LOCAL = Set.of("http://loinc.org", "http://unitsofmeasure.org");

    @AggregateIdentifier
    private String codeMapId;
    private String labCode;
    private String system;
    private int version;
    /** code → its newest mapping, and the day it was retired from (null while mapped). */
    private final Map<String, Entry> codes = new HashMap<>();

    record Entry(LocalCodeMapping latest, java.time.LocalDate retiredFrom) {
        boolean mapped() {
            return retiredFrom == null;
        }
    }

    protected LocalCodeMap() {
        // required by Axon
    }

    /**
     * The code map id of a lab's code system: the same on every node. Readable (lab code first) and a valid FHIR id
     * ({@code [A-Za-z0-9.-]{1,64}}); a lab code too long for that is hashed too.
     */
    public static String idOf(String labCode, String system) {
        String hash = sha256Hex(labCode + "\u0000" + system);
        String readable = "localcodes-" + labCode + "-" + hash.substring(0, 10);
        return readable.length() <= 64 && labCode.matches("[A-Za-z0-9.-]+") ? readable
                : "localcodes-" + hash.substring(0, 24);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public MappingOutcome handle(MapLocalCodes command) {
        identify(command.codeMapId(), command.labCode(), command.system());
        if (command.proposals().isEmpty()) {
            throw new DomainRuleViolation("mappings-required", "mappings", "name at least one code to map");
        }
        Set<String> seen = new HashSet<>();
        List<LocalCodeMapping> mappings = new ArrayList<>();
        for (LocalCodeProposal proposal : command.proposals()) {
            LocalCodeMapping mapping = LocalCodeMappingCheck.check(proposal);
            if (!seen.add(mapping.code())) {
                throw new DomainRuleViolation("duplicate-code", proposal.field("code"), "code " + mapping.code()
                        + " is mapped twice in this request", mapping.code());
            }
            mappings.add(mapping);
        }
        List<MappingOutcome.Change> changes = new ArrayList<>();
        List<Object> events = new ArrayList<>();
        int next = version;
        for (int i = 0; i < mappings.size(); i++) {
            LocalCodeMapping mapping = mappings.get(i);
            LocalCodeProposal proposal = command.proposals().get(i);
            MappingOutcome.Change change = change(command.mode(), codes.get(mapping.code()), mapping, proposal);
            changes.add(change);
            if (change == MappingOutcome.Change.MAPPED) {
                events.add(new LocalCodeMapped(codeMapId(command), labCode(command), system(command), mapping,
                        ++next));
            } else if (change == MappingOutcome.Change.AMENDED) {
                events.add(new LocalCodeMappingAmended(codeMapId(command), labCode(command), system(command),
                        mapping, ++next));
            }
        }
        // every proposal was checked before the first event: all or none
        for (Object event : events) {
            apply(event);
        }
        return new MappingOutcome(changes, next);
    }

    private static MappingOutcome.Change change(MappingMode mode, Entry entry, LocalCodeMapping mapping,
                                                LocalCodeProposal proposal) {
        boolean mapped = entry != null && entry.mapped();
        if (!mapped) {
            if (mode == MappingMode.AMEND) {
                throw new DomainRuleViolation("not-mapped", proposal.field("code"), "code " + mapping.code()
                        + " is not mapped" + (entry == null ? "" : " (retired from " + entry.retiredFrom() + ")")
                        + ": map it first", mapping.code());
            }
            if (entry != null && mapping.effectiveFrom().isBefore(entry.retiredFrom())) {
                throw new DomainRuleViolation("mapping-before-retirement", proposal.field("effectiveFrom"),
                        "code " + mapping.code() + " was retired from " + entry.retiredFrom()
                                + ": a new mapping takes effect on or after that day", mapping.code(),
                        entry.retiredFrom());
            }
            return MappingOutcome.Change.MAPPED;
        }
        if (entry.latest().saysTheSameAs(mapping)) {
            return MappingOutcome.Change.UNCHANGED;
        }
        if (mode == MappingMode.CREATE) {
            throw new ConflictingStateException("already-mapped", proposal.field("code"), "code " + mapping.code()
                    + " is already mapped to " + entry.latest().itemCode() + " in " + entry.latest().unit()
                    + " (from " + entry.latest().effectiveFrom() + "): amend it with a later effective date",
                    mapping.code(), entry.latest().itemCode(), entry.latest().unit(), entry.latest().effectiveFrom());
        }
        if (!mapping.effectiveFrom().isAfter(entry.latest().effectiveFrom())) {
            throw new DomainRuleViolation("amendment-not-later", proposal.field("effectiveFrom"), "code "
                    + mapping.code() + " is mapped from " + entry.latest().effectiveFrom() + ": a changed mapping "
                    + "takes effect on a later day (results already covered keep the mapping they had)");
        }
        return MappingOutcome.Change.AMENDED;
    }

    @CommandHandler
    public MappingOutcome handle(RetireLocalCode command) {
        Entry entry = codes.get(command.code());
        if (entry == null) {
            throw new DomainRuleViolation("not-mapped", "code", "code " + command.code() + " is not mapped",
                    command.code());
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new DomainRuleViolation("reason-required", "reason", "a retirement says why");
        }
        if (command.effectiveFrom() == null) {
            throw new DomainRuleViolation("effective-from-required", "effectiveFrom",
                    "a retirement says from which day the code maps to nothing");
        }
        if (!entry.mapped()) {
            return new MappingOutcome(List.of(MappingOutcome.Change.UNCHANGED), version);
        }
        if (command.effectiveFrom().isBefore(entry.latest().effectiveFrom())) {
            throw new DomainRuleViolation("retirement-before-mapping", "effectiveFrom", "code " + command.code()
                    + " is mapped from " + entry.latest().effectiveFrom() + ": it cannot retire before that",
                    command.code(), entry.latest().effectiveFrom());
        }
        apply(new LocalCodeRetired(codeMapId, labCode, system, command.code(), command.effectiveFrom(),
                command.reason(), version + 1));
        return new MappingOutcome(List.of(MappingOutcome.Change.RETIRED), version);
    }

    /** A new map is named by its lab and system; an existing one must be the one the command names. */
    private void identify(String commandId, String lab, String codeSystem) {
        if (codeMapId != null) {
            return;
        }
        if (lab == null || lab.isBlank()) {
            throw new DomainRuleViolation("lab-required", "labCode", "a code map belongs to a lab");
        }
        if (codeSystem == null || !codeSystem.matches("(https?|urn):\\S+") || NOT_LOCAL.contains(codeSystem)) {
            throw new DomainRuleViolation("invalid-system", "system", "'" + codeSystem + "' is not the URL of a "
                    + "lab's own code system (e.g. http://lis.example-hospital.cn/item-codes); LOINC needs no map");
        }
        if (!idOf(lab, codeSystem).equals(commandId)) {
            throw new IllegalArgumentException("code map id " + commandId + " is not the one of " + lab + " "
                    + codeSystem);
        }
    }

    private String codeMapId(MapLocalCodes command) {
        return codeMapId != null ? codeMapId : command.codeMapId();
    }

    private String labCode(MapLocalCodes command) {
        return labCode != null ? labCode : command.labCode();
    }

    private String system(MapLocalCodes command) {
        return system != null ? system : command.system();
    }

    @EventSourcingHandler
    void on(LocalCodeMapped event) {
        adopt(event.codeMapId(), event.labCode(), event.system(), event.mapVersion());
        codes.put(event.mapping().code(), new Entry(event.mapping(), null));
    }

    @EventSourcingHandler
    void on(LocalCodeMappingAmended event) {
        adopt(event.codeMapId(), event.labCode(), event.system(), event.mapVersion());
        codes.put(event.mapping().code(), new Entry(event.mapping(), null));
    }

    @EventSourcingHandler
    void on(LocalCodeRetired event) {
        adopt(event.codeMapId(), event.labCode(), event.system(), event.mapVersion());
        codes.computeIfPresent(event.code(), (code, entry) -> new Entry(entry.latest(), event.effectiveFrom()));
    }

    private void adopt(String id, String lab, String codeSystem, int mapVersion) {
        codeMapId = id;
        labCode = lab;
        system = codeSystem;
        version = mapVersion;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
