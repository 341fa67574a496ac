package org.huren.domain.alliance;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.huren.domain.catalog.AmendCatalogItem;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.catalog.CatalogItemAmended;
import org.huren.domain.catalog.CatalogItemPublished;
import org.huren.domain.catalog.CatalogItemRetired;
import org.huren.domain.catalog.ItemPriceSet;
import org.huren.domain.catalog.PublishCatalogItem;
import org.huren.domain.catalog.RetireCatalogItem;
import org.huren.domain.catalog.SeedCatalog;
import org.huren.domain.catalog.SetItemPrice;
import org.huren.domain.common.Change;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.DomainRuleViolation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A medical alliance (医联体): its members, its recognition catalog and which member is accredited for which
 * item. These three live in one aggregate because their rules meet — only an active member is accredited,
 * and only for a published item — and an alliance's QC managers change them at human pace.
 * A retried command is harmless: one that asks for what already is appends nothing.
 */
public class Alliance {

    @AggregateIdentifier
    private String allianceId;
    private AllianceFormed formed;
    private Instant formedAt;
    private final Map<String, Member> members = new HashMap<>();
    private final Map<String, CatalogEntry> catalog = new HashMap<>();
    private final Map<String, Map<String, Accreditation>> accreditations = new HashMap<>();
    private RecognitionPolicySet policy;
    private final java.util.Set<String> trustedSystems = new java.util.HashSet<>();
    private final Map<String, ItemPriceSet> prices = new HashMap<>();

    /**
     * @param effectiveAt the backdated start of the current membership, or null (it began when recorded)
     * @param leftAt      when the lab last withdrew, or null
     */
    record Member(String institution, LabLevel level, List<org.huren.domain.common.Identifier> identifiers,
                  MemberStatus status, String reason, Instant effectiveAt, Instant leftAt) {
    }

    record CatalogEntry(CatalogItem latest, int version, LocalDate retiredFrom) {
    }

    record Accreditation(LocalDate validFrom, LocalDate validUntil, String assessmentId, boolean ended,
                         Instant withdrawnAt) {
    }

    protected Alliance() {
        // required by Axon
    }

    /** When the alliance was formed, and whether by this command ({@code CREATED}) or before ({@code UNCHANGED}). */
    public record Formation(Instant formedAt, Change change) {
    }

    /** Forms the alliance; forming it again with the same details changes nothing, with others is refused. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Formation handle(FormAlliance command) {
        if (formed != null) {
            if (!formed.equals(new AllianceFormed(command.allianceId(), command.name(), command.kind(),
                    command.integration(), command.coreInstitution()))) {
                throw new ConflictingStateException("alliance-exists", "allianceId",
                        "alliance " + allianceId + " exists with other details");
            }
            return new Formation(formedAt, Change.UNCHANGED);
        }
        require(command.name() != null && !command.name().isBlank(), "name", "an alliance needs a name");
        require(command.kind() != null, "kind", "an alliance needs a kind");
        require(command.integration() != null, "integration", "an alliance is tight or loose");
        require(command.coreInstitution() != null && !command.coreInstitution().isBlank(), "coreInstitution",
                "an alliance needs its core institution");
        apply(new AllianceFormed(command.allianceId(), command.name(), command.kind(), command.integration(),
                command.coreInstitution()));
        return new Formation(formedAt, Change.CREATED);
    }

    // ------------------------------------------------------------------ members

    @CommandHandler
    public void handle(EnrolLab command) {
        require(command.labCode() != null && command.labCode().matches("[A-Za-z0-9.-]{1,64}"), "labCode",
                "a lab code is 1 to 64 letters, digits, '-' or '.'");
        require(command.institution() != null && !command.institution().isBlank(), "institution",
                "a member lab needs its institution");
        require(command.level() != null, "level", "a member lab is core, secondary or community");
        Member member = members.get(command.labCode());
        Instant effectiveAt = command.effectiveFrom() == null ? null : AllianceTime.startOf(command.effectiveFrom());
        if (member != null && member.status() == MemberStatus.ACTIVE) {
            if (member.institution().equals(command.institution()) && member.level() == command.level()
                    && member.identifiers().equals(command.identifiers())
                    && (effectiveAt == null || effectiveAt.equals(member.effectiveAt()))) {
                return;
            }
            throw new ConflictingStateException("already-member", "labCode",
                    "lab " + command.labCode() + " is already a member with other details");
        }
        if (member != null && member.status() == MemberStatus.SUSPENDED) {
            throw new ConflictingStateException("member-suspended", "labCode",
                    "lab " + command.labCode() + " is a suspended member: reinstate it instead");
        }
        if (effectiveAt != null) {
            require(!command.effectiveFrom().isAfter(AllianceTime.dateOf(GenericEventMessage.clock.instant())),
                    "effectiveFrom", "a membership cannot begin in the future (" + command.effectiveFrom() + ")");
            if (member != null && member.leftAt() != null && effectiveAt.isBefore(member.leftAt())) {
                throw new DomainRuleViolation("enrolment-before-withdrawal", "effectiveFrom", "lab "
                        + command.labCode() + " withdrew at " + member.leftAt()
                        + ": a new membership cannot begin before that");
            }
        }
        apply(new LabEnrolled(allianceId, command.labCode(), command.institution(), command.level(),
                command.identifiers(), effectiveAt));
    }

    @CommandHandler
    public void handle(SuspendMember command) {
        Member member = member(command.labCode());
        requireReason(command.reason());
        if (member.status() == MemberStatus.SUSPENDED) {
            return;
        }
        if (member.status() != MemberStatus.ACTIVE) {
            throw new ConflictingStateException("member-not-active", "labCode",
                    "lab " + command.labCode() + " is " + member.status().name().toLowerCase() + ", not active");
        }
        apply(new MemberSuspended(allianceId, command.labCode(), command.reason()));
    }

    @CommandHandler
    public void handle(ReinstateMember command) {
        Member member = member(command.labCode());
        if (member.status() == MemberStatus.ACTIVE) {
            return;
        }
        if (member.status() != MemberStatus.SUSPENDED) {
            throw new ConflictingStateException("member-not-suspended", "labCode",
                    "lab " + command.labCode() + " has withdrawn; enrol it again instead");
        }
        apply(new MemberReinstated(allianceId, command.labCode(), command.reason()));
    }

    @CommandHandler
    public void handle(WithdrawMember command) {
        Member member = member(command.labCode());
        requireReason(command.reason());
        if (member.status() == MemberStatus.WITHDRAWN) {
            return;
        }
        apply(new MemberWithdrawn(allianceId, command.labCode(), command.reason()));
        Instant now = GenericEventMessage.clock.instant();
        for (Map.Entry<String, Accreditation> held : new TreeMap<>(
                accreditations.getOrDefault(command.labCode(), Map.of())).entrySet()) {
            if (!held.getValue().ended()) {
                apply(new AccreditationWithdrawn(allianceId, command.labCode(), held.getKey(),
                        "member withdrew from the alliance: " + command.reason(), now));
            }
        }
    }

    private Member member(String labCode) {
        Member member = members.get(labCode);
        if (member == null) {
            throw new DomainRuleViolation("not-a-member", "labCode",
                    "lab " + labCode + " is not a member of alliance " + allianceId);
        }
        return member;
    }

    // ------------------------------------------------------------------ catalog

    @CommandHandler
    public void handle(PublishCatalogItem command) {
        publish(command.item(), true);
    }

    @CommandHandler
    public void handle(SeedCatalog command) {
        require(!command.items().isEmpty(), "items", "a catalog to seed needs items");
        for (CatalogItem item : command.items()) {
            publish(item, false);
        }
    }

    private void publish(CatalogItem item, boolean strict) {
        require(item != null, "item", "an item is required");
        CatalogEntry entry = catalog.get(item.code());
        if (entry != null) {
            if (strict && entry.retiredFrom() != null) {
                throw new ConflictingStateException("item-retired", "item.code",
                        "item " + item.code() + " is retired; publish it under a new code");
            }
            if (!strict || entry.latest().equals(item) && entry.version() == 1) {
                return;
            }
            throw new ConflictingStateException("item-exists", "item.code",
                    "item " + item.code() + " is already in the catalog: amend it instead");
        }
        requireLoincsFree(item);
        apply(new CatalogItemPublished(allianceId, item, 1));
    }

    /** A LOINC code maps to one item of the catalog, or a result could not be placed. */
    private void requireLoincsFree(CatalogItem item) {
        for (CatalogEntry other : catalog.values()) {
            if (other.latest().code().equals(item.code()) || other.retiredFrom() != null) {
                continue;
            }
            for (String loinc : item.loincCodes()) {
                if (other.latest().loincCodes().contains(loinc)) {
                    throw new ConflictingStateException("loinc-in-other-item", "item.loinc",
                            "LOINC " + loinc + " already belongs to item " + other.latest().code());
                }
            }
        }
    }

    @CommandHandler
    public void handle(AmendCatalogItem command) {
        CatalogItem item = command.item();
        require(item != null, "item", "an item is required");
        CatalogEntry entry = catalogEntry(item.code());
        if (entry.retiredFrom() != null) {
            throw new ConflictingStateException("item-retired", "item.code", "item " + item.code() + " is retired");
        }
        if (entry.latest().equals(item)) {
            return;
        }
        if (!item.effectiveFrom().isAfter(entry.latest().effectiveFrom())) {
            throw new DomainRuleViolation("amendment-not-later", "item.effectiveFrom",
                    "an amendment must take effect after version " + entry.version() + " ("
                            + entry.latest().effectiveFrom() + ")");
        }
        requireLoincsFree(item);
        apply(new CatalogItemAmended(allianceId, item, entry.version() + 1));
    }

    @CommandHandler
    public void handle(RetireCatalogItem command) {
        CatalogEntry entry = catalogEntry(command.itemCode());
        requireReason(command.reason());
        require(command.effectiveFrom() != null, "effectiveFrom", "a retirement needs its effective date");
        if (entry.retiredFrom() != null) {
            return;
        }
        if (command.effectiveFrom().isBefore(entry.latest().effectiveFrom())) {
            throw new DomainRuleViolation("retirement-before-version", "effectiveFrom",
                    "item " + command.itemCode() + " cannot retire before its current version takes effect");
        }
        apply(new CatalogItemRetired(allianceId, command.itemCode(), command.effectiveFrom(), command.reason()));
    }

    @CommandHandler
    public void handle(SetItemPrice command) {
        catalogEntry(command.itemCode());
        require(command.price() != null && command.price().signum() >= 0, "price",
                "a price is zero or more");
        require(command.price() == null || command.price().scale() <= 2, "price",
                "a price has at most 2 decimals");
        require(command.currency() != null && command.currency().matches("[A-Z]{3}"), "currency",
                "the currency is an ISO 4217 code such as CNY");
        require(command.effectiveFrom() != null, "effectiveFrom", "a price needs the date it takes effect");
        ItemPriceSet current = prices.get(command.itemCode());
        if (current != null && current.price().compareTo(command.price()) == 0
                && current.currency().equals(command.currency())
                && !command.effectiveFrom().isBefore(current.effectiveFrom())) {
            return;
        }
        if (current != null && command.effectiveFrom().isBefore(current.effectiveFrom())) {
            throw new DomainRuleViolation("price-not-later", "effectiveFrom", "item " + command.itemCode()
                    + " has a price from " + current.effectiveFrom() + ": a new price takes effect on or after it");
        }
        apply(new ItemPriceSet(allianceId, command.itemCode(), command.price(), command.currency(),
                command.effectiveFrom()));
    }

    private CatalogEntry catalogEntry(String code) {
        CatalogEntry entry = catalog.get(code);
        if (entry == null) {
            throw new DomainRuleViolation("not-in-catalog", "itemCode",
                    "item " + code + " is not in the catalog of alliance " + allianceId);
        }
        return entry;
    }

    // ------------------------------------------------------------------ accreditation (项目准入)

    @CommandHandler
    public void handle(AccreditLab command, DeadlineManager deadlines) {
        Member member = member(command.labCode());
        if (member.status() != MemberStatus.ACTIVE) {
            throw new DomainRuleViolation("member-not-active", "labCode",
                    "only an active member can be accredited; lab " + command.labCode() + " is "
                            + member.status().name().toLowerCase());
        }
        require(!command.itemCodes().isEmpty(), "itemCodes", "an accreditation names at least one catalog item");
        require(command.validFrom() != null, "validFrom", "an accreditation needs the date it starts");
        require(command.validUntil() != null, "validUntil", "an accreditation needs the date it ends");
        require(command.validUntil().isAfter(command.validFrom()), "validUntil",
                "an accreditation must be valid until after " + command.validFrom());
        for (String code : new TreeSet<>(command.itemCodes())) {
            CatalogEntry entry = catalog.get(code);
            if (entry == null || entry.retiredFrom() != null && !entry.retiredFrom().isAfter(command.validFrom())) {
                throw new DomainRuleViolation("not-in-catalog", "itemCodes",
                        "item " + code + " is not a published item of the catalog of alliance " + allianceId);
            }
        }
        Map<String, Accreditation> current = accreditations.getOrDefault(command.labCode(), Map.of());
        boolean unchanged = command.itemCodes().stream().allMatch(code -> {
            Accreditation a = current.get(code);
            return a != null && !a.ended() && a.validFrom().equals(command.validFrom())
                    && a.validUntil().equals(command.validUntil())
                    && Objects.equals(a.assessmentId(), command.assessmentId());
        });
        if (unchanged) {
            return;
        }
        apply(new LabAccredited(allianceId, command.labCode(), command.itemCodes(), command.validFrom(),
                command.validUntil(), command.assessmentId(), command.assessors()));
        deadlines.schedule(AllianceTime.endOf(command.validUntil()), AccreditationExpiry.DEADLINE,
                new AccreditationExpiry(command.labCode(), command.itemCodes(), command.validUntil()));
    }

    @CommandHandler
    public void handle(WithdrawAccreditation command) {
        member(command.labCode());
        catalogEntry(command.itemCode());
        requireReason(command.reason());
        require(command.effectiveAt() != null, "effectiveAt", "a withdrawal needs the time it takes effect");
        Accreditation accreditation = accreditations.getOrDefault(command.labCode(), Map.of()).get(command.itemCode());
        if (accreditation != null && command.effectiveAt().equals(accreditation.withdrawnAt())) {
            return; // a retried withdrawal
        }
        if (accreditation == null || accreditation.ended()) {
            throw new ConflictingStateException("not-accredited", "itemCode",
                    "lab " + command.labCode() + " holds no current accreditation for " + command.itemCode());
        }
        if (AllianceTime.dateOf(command.effectiveAt()).isBefore(accreditation.validFrom())) {
            throw new DomainRuleViolation("withdrawal-before-accreditation", "effectiveAt",
                    "the accreditation only began on " + accreditation.validFrom());
        }
        if (command.effectiveAt().isAfter(GenericEventMessage.clock.instant())) {
            throw new DomainRuleViolation("withdrawal-in-future", "effectiveAt",
                    "a withdrawal takes effect now or at a past time, not in the future");
        }
        if (!command.effectiveAt().isBefore(AllianceTime.endOf(accreditation.validUntil()))) {
            throw new DomainRuleViolation("withdrawal-after-expiry", "effectiveAt",
                    "the accreditation runs out at the end of " + accreditation.validUntil());
        }
        apply(new AccreditationWithdrawn(allianceId, command.labCode(), command.itemCode(), command.reason(),
                command.effectiveAt()));
    }

    @DeadlineHandler(deadlineName = AccreditationExpiry.DEADLINE)
    public void on(AccreditationExpiry expiry) {
        Map<String, Accreditation> current = accreditations.getOrDefault(expiry.labCode(), Map.of());
        Instant at = AllianceTime.endOf(expiry.validUntil());
        for (String code : new TreeSet<>(expiry.itemCodes())) {
            Accreditation accreditation = current.get(code);
            // a later re-accreditation replaced this one: its own deadline will come
            if (accreditation != null && !accreditation.ended()
                    && accreditation.validUntil().equals(expiry.validUntil())) {
                apply(new AccreditationExpired(allianceId, expiry.labCode(), code, expiry.validUntil(), at));
            }
        }
    }

    // ------------------------------------------------------------------ recognition policy

    /** DOMAIN.md's defaults; an alliance may tighten them, not loosen them. */
    public static final int DEFAULT_IQC_BRACKET_HOURS = 24;
    public static final int DEFAULT_EQA_MAX_AGE_DAYS = 365;

    @CommandHandler
    public void handle(SetRecognitionPolicy command) {
        require(command.iqcBracketHours() >= 1 && command.iqcBracketHours() <= DEFAULT_IQC_BRACKET_HOURS,
                "iqcBracketHours", "the IQC bracketing window is 1 to " + DEFAULT_IQC_BRACKET_HOURS
                        + " hours: an alliance may tighten the default, not loosen it");
        require(command.eqaMaxAgeDays() >= 1 && command.eqaMaxAgeDays() <= DEFAULT_EQA_MAX_AGE_DAYS,
                "eqaMaxAgeDays", "the EQA recency limit is 1 to " + DEFAULT_EQA_MAX_AGE_DAYS
                        + " days: an alliance may tighten the default, not loosen it");
        RecognitionPolicySet wanted = new RecognitionPolicySet(allianceId, command.notYetKnownBlocks(),
                command.iqcBracketHours(), command.eqaMaxAgeDays());
        if (!wanted.equals(policy)) {
            apply(wanted);
        }
    }

    @CommandHandler
    public void handle(TrustIdentifierSystem command) {
        require(command.system() != null && !command.system().isBlank(), "system", "name the identifier system");
        if (command.trusted() == trustedSystems.contains(command.system())) {
            return;
        }
        apply(new IdentifierSystemTrustChanged(allianceId, command.system(), command.name(), command.trusted()));
    }

    // ------------------------------------------------------------------ rules

    private static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new DomainRuleViolation("invalid-" + field, field, message);
        }
    }

    private static void requireReason(String reason) {
        require(reason != null && !reason.isBlank(), "reason", "a reason is required");
    }

    // ------------------------------------------------------------------ state

    @EventSourcingHandler
    void on(AllianceFormed event, @Timestamp Instant at) {
        formed = event;
        // as the event store keeps it (to the millisecond), so the first answer and every later read agree
        formedAt = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        allianceId = event.allianceId();
        policy = new RecognitionPolicySet(allianceId, true, DEFAULT_IQC_BRACKET_HOURS, DEFAULT_EQA_MAX_AGE_DAYS);
    }

    @EventSourcingHandler
    void on(RecognitionPolicySet event) {
        policy = event;
    }

    @EventSourcingHandler
    void on(IdentifierSystemTrustChanged event) {
        if (event.trusted()) {
            trustedSystems.add(event.system());
        } else {
            trustedSystems.remove(event.system());
        }
    }

    @EventSourcingHandler
    void on(LabEnrolled event) {
        Member before = members.get(event.labCode());
        members.put(event.labCode(), new Member(event.institution(), event.level(), event.identifiers(),
                MemberStatus.ACTIVE, null, event.effectiveAt(), before == null ? null : before.leftAt()));
    }

    @EventSourcingHandler
    void on(MemberSuspended event) {
        members.computeIfPresent(event.labCode(), (code, m) -> new Member(m.institution(), m.level(),
                m.identifiers(), MemberStatus.SUSPENDED, event.reason(), m.effectiveAt(), m.leftAt()));
    }

    @EventSourcingHandler
    void on(MemberReinstated event) {
        members.computeIfPresent(event.labCode(), (code, m) -> new Member(m.institution(), m.level(),
                m.identifiers(), MemberStatus.ACTIVE, event.reason(), m.effectiveAt(), m.leftAt()));
    }

    @EventSourcingHandler
    void on(MemberWithdrawn event, @org.axonframework.eventhandling.Timestamp Instant at) {
        members.computeIfPresent(event.labCode(), (code, m) -> new Member(m.institution(), m.level(),
                m.identifiers(), MemberStatus.WITHDRAWN, event.reason(), m.effectiveAt(), at));
    }

    @EventSourcingHandler
    void on(ItemPriceSet event) {
        prices.put(event.itemCode(), event);
    }

    @EventSourcingHandler
    void on(CatalogItemPublished event) {
        catalog.put(event.item().code(), new CatalogEntry(event.item(), event.version(), null));
    }

    @EventSourcingHandler
    void on(CatalogItemAmended event) {
        catalog.put(event.item().code(), new CatalogEntry(event.item(), event.version(), null));
    }

    @EventSourcingHandler
    void on(CatalogItemRetired event) {
        catalog.computeIfPresent(event.itemCode(), (code, e) -> new CatalogEntry(e.latest(), e.version(),
                event.effectiveFrom()));
    }

    @EventSourcingHandler
    void on(LabAccredited event) {
        Map<String, Accreditation> lab = accreditations.computeIfAbsent(event.labCode(), k -> new HashMap<>());
        for (String code : event.itemCodes()) {
            lab.put(code, new Accreditation(event.validFrom(), event.validUntil(), event.assessmentId(), false, null));
        }
    }

    @EventSourcingHandler
    void on(AccreditationWithdrawn event) {
        end(event.labCode(), event.itemCode(), event.effectiveAt());
    }

    @EventSourcingHandler
    void on(AccreditationExpired event) {
        end(event.labCode(), event.itemCode(), null);
    }

    private void end(String labCode, String itemCode, Instant withdrawnAt) {
        accreditations.getOrDefault(labCode, new HashMap<>()).computeIfPresent(itemCode,
                (code, a) -> new Accreditation(a.validFrom(), a.validUntil(), a.assessmentId(), true, withdrawnAt));
    }
}
