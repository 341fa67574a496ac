package org.huren.domain.eqa;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.huren.domain.common.Change;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.DomainRuleViolation;
import org.huren.domain.catalog.UnitConversion;
import org.huren.domain.common.ResourceKey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An EQA round (室间质评) or a flight inspection with blind samples (飞行检查, 盲样): its items and samples with
 * assigned values and limits, its participants and deadline, the results submitted (a resubmission before the
 * deadline replaces the earlier one; a late one is refused and logged), and its grading — at the deadline by the
 * deadline manager, when a QC manager closes it, or, for a flight inspection, as soon as every blind sample has its
 * result. Grading uses {@link EqaGrading} per participant and item; a missing result is unacceptable. The round's id
 * is its opener's request key: opening it again with the same details changes nothing, with others is refused.
 */
public class EqaRound {

    public static final String DEADLINE = "eqa-round-deadline";

    @AggregateIdentifier
    private String roundId;
    private String allianceId;
    private EqaRoundKind kind;
    private Instant deadline;
    private String ruleSet;
    private final Map<String, RoundItem> items = new LinkedHashMap<>();
    private final List<RoundSample> samples = new ArrayList<>();
    private final List<String> participants = new ArrayList<>();
    /** lab → item → sample → the result in force. */
    private final Map<String, Map<String, Map<String, EqaSubmission>>> results = new HashMap<>();
    private boolean graded;
    /** How it was opened, to tell a repeated opening from another round under the same id. */
    private EqaRoundOpened opened;
    private EqaRoundGraded gradedEvent;
    private final List<EqaItemGraded> grades = new ArrayList<>();

    protected EqaRound() {
        // required by Axon
    }

    /** Opens the round; {@link Change#UNCHANGED} when this round is already open with exactly these details. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Change handle(OpenEqaRound command, DeadlineManager deadlines) {
        if (opened != null) {
            String differs = differsIn(command);
            if (differs != null) {
                throw new ConflictingStateException("request-id-reused", "requestId", "round " + roundId
                        + " was opened under this request id with other " + differs);
            }
            return Change.UNCHANGED;
        }
        Instant now = GenericEventMessage.clock.instant();
        require(notBlank(command.roundId()), "roundId", "a round needs an id");
        require(notBlank(command.allianceId()), "allianceId", "a round belongs to an alliance");
        require(command.kind() != null, "kind", "ROUND or FLIGHT_INSPECTION");
        require(command.provider() != null, "provider", "say who provides the round");
        require(notBlank(command.ruleSet()), "ruleSet", "every grading records its rule set and version");
        require(command.deadline() != null && command.deadline().isAfter(now), "deadline",
                "the return deadline must lie in the future");
        require(!command.participants().isEmpty(), "participants", "a round needs participating labs");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < command.participants().size(); i++) {
            require(notBlank(command.participants().get(i)), "participants[" + i + "]", "name the lab");
            require(seen.add(command.participants().get(i)), "participants[" + i + "]",
                    "lab " + command.participants().get(i) + " participates once");
        }
        require(!command.items().isEmpty(), "items", "a round grades at least one item");
        boolean blind = command.kind() == EqaRoundKind.FLIGHT_INSPECTION;
        if (blind) {
            require(command.participants().size() == 1, "participants", "a flight inspection visits one lab");
            require(command.pseudoPatient() != null, "pseudoPatient",
                    "blind samples arrive under a pseudo-patient identity");
            require(notBlank(command.pseudoPatient().value()), "pseudoPatient.value",
                    "blind samples arrive under a pseudo-patient identity: give its value");
        }
        Map<String, RoundItem> byCode = new HashMap<>();
        for (int i = 0; i < command.items().size(); i++) {
            RoundItem item = command.items().get(i);
            require(item != null && notBlank(item.itemCode()), "items[" + i + "].itemCode", "name the catalog item");
            require(byCode.put(item.itemCode(), item) == null, "items[" + i + "].itemCode",
                    "item " + item.itemCode() + " appears twice");
            BigDecimal threshold = item.satisfactoryThresholdPercent();
            require(threshold.compareTo(EqaGrading.DEFAULT_SATISFACTORY_THRESHOLD_PERCENT) >= 0
                            && threshold.compareTo(BigDecimal.valueOf(100)) <= 0,
                    "items[" + i + "].satisfactoryThresholdPercent",
                    "the satisfactory threshold is 80 to 100 %: an alliance may raise it, not lower it");
        }
        Set<String> pairs = new HashSet<>();
        Map<String, String> accessionOf = new HashMap<>();
        for (int i = 0; i < command.samples().size(); i++) {
            RoundSample sample = command.samples().get(i);
            String at = "samples[" + i + "]";
            require(sample != null && notBlank(sample.sampleCode()), at + ".sampleCode", "a sample needs its code");
            RoundItem item = byCode.get(sample.itemCode());
            require(item != null, at + ".itemCode", "sample " + sample.sampleCode() + " names item "
                    + sample.itemCode() + ", which the round does not grade");
            require(pairs.add(sample.sampleCode() + "\u0000" + sample.itemCode()), at + ".sampleCode",
                    "sample " + sample.sampleCode() + " is given twice for item " + sample.itemCode());
            if (item.qualitative()) {
                require(notBlank(sample.intendedCategory()), at + ".intendedCategory",
                        "a sample of qualitative item " + item.itemCode() + " needs its intended category");
                String quantitative = sample.assigned() != null ? "assigned" : sample.limit() != null ? "limit"
                        : sample.sdForProficiency() != null ? "sdForProficiency"
                        : sample.assignedUncertainty() != null ? "assignedUncertainty" : null;
                require(quantitative == null, at + "." + quantitative, "item " + item.itemCode()
                        + " is qualitative: its samples take an intended category, no " + quantitative);
            } else {
                require(sample.intendedCategory() == null, at + ".intendedCategory",
                        "item " + item.itemCode() + " is quantitative: give an assigned value and a limit");
                require(sample.assigned() != null, at + ".assigned", "a quantitative sample needs its assigned value");
                require(sample.limit() != null, at + ".limit", "a quantitative sample needs its limit");
                require(sample.sdForProficiency() == null || sample.sdForProficiency().signum() > 0,
                        at + ".sdForProficiency", "the SD for proficiency assessment is positive");
                require(sample.assignedUncertainty() == null || sample.assignedUncertainty().signum() >= 0,
                        at + ".assignedUncertainty", "the standard uncertainty of the assigned value is not negative");
                try {
                    sample.limit().toLimit(sample.sdForProficiency());
                } catch (LimitSpec.InvalidLimit e) {
                    String part = e.part() == null ? ".limit" : e.part().equals("sdForProficiency")
                            ? ".sdForProficiency" : ".limit." + e.part();
                    throw new DomainRuleViolation("invalid-limit", at + part, e.getMessage());
                }
            }
            if (blind) {
                require(sample.accession() != null && notBlank(sample.accession().value()), at + ".accession",
                        "a blind sample needs the accession number the lab receives it under");
                String token = sample.accession().system() + "|" + sample.accession().value();
                String earlier = accessionOf.putIfAbsent(sample.sampleCode(), token);
                require(earlier == null || earlier.equals(token), at + ".accession",
                        "sample " + sample.sampleCode() + " has one accession number");
            } else {
                require(sample.accession() == null, at + ".accession", "only flight inspections have blind samples");
            }
        }
        for (RoundItem item : command.items()) {
            require(command.samples().stream().anyMatch(s -> s.itemCode().equals(item.itemCode())), "samples",
                    "item " + item.itemCode() + " has no sample");
        }
        apply(new EqaRoundOpened(command.roundId(), command.allianceId(), command.kind(), command.provider(),
                command.title(), command.items(), command.samples(), command.participants(), command.deadline(),
                command.ruleSet(), command.openedBy(), command.pseudoPatient()));
        if (blind) {
            String lab = command.participants().get(0);
            String pseudoPatientId = new ResourceKey(command.pseudoPatient().system(), command.pseudoPatient().value())
                    .derivedId("Patient", lab);
            Set<String> registered = new HashSet<>();
            for (RoundSample sample : command.samples()) {
                if (registered.add(sample.sampleCode())) {
                    String specimenId = new ResourceKey(sample.accession().system(), sample.accession().value())
                            .derivedId("Specimen", lab);
                    apply(new BlindSampleRegistered(command.roundId(), command.allianceId(), lab,
                            sample.sampleCode(), sample.accession(), specimenId, command.pseudoPatient(),
                            pseudoPatientId));
                }
            }
        }
        deadlines.schedule(command.deadline(), DEADLINE, new EqaRoundDeadline(command.roundId()));
        return Change.CREATED;
    }

    /** What of {@code command} differs from how the round was opened (null: nothing). */
    private String differsIn(OpenEqaRound command) {
        EqaRoundOpened o = opened;
        if (!Objects.equals(o.allianceId(), command.allianceId()) || o.kind() != command.kind()
                || o.provider() != command.provider()) {
            return "alliance, kind or provider";
        }
        if (!Objects.equals(o.title(), command.title()) || !Objects.equals(o.openedBy(), command.openedBy())
                || !Objects.equals(o.ruleSet(), command.ruleSet())) {
            return "title, rule set or opener";
        }
        if (!Objects.equals(o.participants(), command.participants())
                || !Objects.equals(o.pseudoPatient(), command.pseudoPatient())) {
            return "participants";
        }
        if (!Objects.equals(o.deadline(), command.deadline())) {
            return "deadline";
        }
        if (o.items().size() != command.items().size()) {
            return "items";
        }
        for (int i = 0; i < o.items().size(); i++) {
            RoundItem a = o.items().get(i);
            RoundItem b = command.items().get(i);
            // the catalog snapshot may have moved on since: the request asked for the same item
            if (b == null || !a.itemCode().equals(b.itemCode()) || a.qualitative() != b.qualitative()
                    || !same(a.satisfactoryThresholdPercent(), b.satisfactoryThresholdPercent())) {
                return "items";
            }
        }
        if (o.samples().size() != command.samples().size()) {
            return "samples";
        }
        for (int i = 0; i < o.samples().size(); i++) {
            RoundSample a = o.samples().get(i);
            RoundSample b = command.samples().get(i);
            if (b == null || !Objects.equals(a.sampleCode(), b.sampleCode())
                    || !Objects.equals(a.itemCode(), b.itemCode()) || !same(a.assigned(), b.assigned())
                    || !same(a.limit(), b.limit()) || !same(a.sdForProficiency(), b.sdForProficiency())
                    || !same(a.assignedUncertainty(), b.assignedUncertainty())
                    || !Objects.equals(a.intendedCategory(), b.intendedCategory())
                    || !Objects.equals(a.accession(), b.accession())) {
                return "samples";
            }
        }
        return null;
    }

    /** The same number (4.0 = 4.00), or both absent. */
    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static boolean same(LimitSpec a, LimitSpec b) {
        return a == null ? b == null : b != null && a.kind() == b.kind() && same(a.percent(), b.percent())
                && same(a.absolute(), b.absolute()) && same(a.k(), b.k());
    }

    /** What became of a submission. */
    public enum Submission {
        ACCEPTED, REPLACED, UNCHANGED, REFUSED
    }

    @CommandHandler
    public Submission handle(SubmitEqaResult command) {
        Instant now = GenericEventMessage.clock.instant();
        boolean lis = command.channel() == EqaChannel.LIS;
        require(command.channel() != null, "channel", "say how the result came");
        require(participants.contains(command.labCode()), "labCode",
                "lab " + command.labCode() + " does not take part in round " + roundId);
        if (graded || now.isAfter(deadline)) {
            apply(new EqaResultRefused(roundId, allianceId, command.labCode(), command.sampleCode(), command.code(),
                    EqaResultRefused.LATE, graded ? "round " + roundId + " is already graded"
                    : "the deadline " + deadline + " has passed", now, command.channel(), command.sourceResultId()));
            return Submission.REFUSED;
        }
        RoundItem item = itemFor(command.code());
        boolean hasSample = samples.stream().anyMatch(s -> s.sampleCode().equals(command.sampleCode()));
        if (!lis) {
            require(hasSample, "sampleCode", "round " + roundId + " has no sample " + command.sampleCode());
            require(item != null, "itemCode", "round " + roundId + " does not grade " + command.code());
            // a 0 would leave ζ nothing to divide by whenever u(X) is 0 too; telling which would reveal u(X)
            require(command.uncertainty() == null || command.uncertainty().signum() > 0, "uncertainty",
                    "a standard uncertainty is positive: leave it out when unknown");
            require(command.uncertainty() == null || !item.qualitative(), "uncertainty",
                    "a result of qualitative item " + item.itemCode() + " has no uncertainty");
        }
        RoundSample sample = item == null ? null : samples.stream()
                .filter(s -> s.sampleCode().equals(command.sampleCode()) && s.itemCode().equals(item.itemCode()))
                .findFirst().orElse(null);
        String problem = null;
        String detail = null;
        if (sample == null) {
            problem = EqaResultRefused.NOT_AN_ITEM;
            detail = "sample " + command.sampleCode() + " is not graded for " + command.code();
            require(lis, "sampleCode", detail);
        } else if (item.qualitative() ? !notBlank(command.category()) : command.value() == null) {
            problem = EqaResultRefused.NO_VALUE;
            detail = item.qualitative() ? "a result of qualitative item " + item.itemCode() + " reports a category"
                    : "a result of item " + item.itemCode() + " reports a value";
            require(lis, item.qualitative() ? "category" : "value", detail);
        } else if (!item.qualitative() && inRoundUnit(item, command) == null) {
            problem = EqaResultRefused.WRONG_UNIT;
            detail = "item " + item.itemCode() + " is graded in " + item.unit() + "; " + command.unit()
                    + " cannot be converted to it";
            require(lis, "unit", detail);
        }
        if (problem != null) {
            apply(new EqaResultRefused(roundId, allianceId, command.labCode(), command.sampleCode(), command.code(),
                    problem, detail, now, command.channel(), command.sourceResultId()));
            return Submission.REFUSED;
        }
        EqaSubmission earlier = results.getOrDefault(command.labCode(), Map.of())
                .getOrDefault(item.itemCode(), Map.of()).get(sample.sampleCode());
        BigDecimal value = item.qualitative() ? null : inRoundUnit(item, command);
        BigDecimal uncertainty = item.qualitative() || command.uncertainty() == null ? null
                : inRoundUnit(item, command, command.uncertainty());
        require(command.uncertainty() == null || item.qualitative() || uncertainty != null && uncertainty.signum() > 0,
                "uncertainty", "the uncertainty cannot be brought to " + item.unit());
        String category = item.qualitative() ? command.category().trim() : null;
        if (earlier != null && Objects.equals(earlier.category(), category) && same(earlier.value(), value)
                && same(earlier.uncertainty(), uncertainty)) {
            return Submission.UNCHANGED;
        }
        apply(new EqaResultSubmitted(roundId, allianceId, command.labCode(), sample.sampleCode(), item.itemCode(),
                value, category, now, command.submittedBy(), command.channel(), command.sourceResultId(),
                earlier != null, uncertainty));
        if (kind == EqaRoundKind.FLIGHT_INSPECTION && complete()) {
            grade(now, EqaRoundGraded.COMPLETE, null);
        }
        return earlier == null ? Submission.ACCEPTED : Submission.REPLACED;
    }

    /** Grades the round now and answers the grades; the same closure again answers them again. */
    @CommandHandler
    public RoundGrades handle(CloseEqaRound command) {
        require(notBlank(command.closedBy()), "closedBy", "say who closes the round");
        if (graded) {
            if (EqaRoundGraded.CLOSED.equals(gradedEvent.trigger())
                    && command.closedBy().equals(gradedEvent.gradedBy())) {
                return roundGrades();
            }
            throw new ConflictingStateException("round-graded", null, "round " + roundId + " is already graded");
        }
        grade(GenericEventMessage.clock.instant(), EqaRoundGraded.CLOSED, command.closedBy());
        return roundGrades();
    }

    private RoundGrades roundGrades() {
        return new RoundGrades(roundId, gradedEvent.gradedAt(), gradedEvent.trigger(), gradedEvent.gradedBy(),
                grades);
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    public void on(EqaRoundDeadline due) {
        if (!graded) {
            grade(deadline, EqaRoundGraded.DEADLINE, null);
        }
    }

    private void grade(Instant at, String trigger, String by) {
        for (String lab : participants) {
            for (RoundItem item : items.values()) {
                List<EqaSample> itemSamples = samples.stream().filter(s -> s.itemCode().equals(item.itemCode()))
                        .map(RoundSample::toEqaSample).toList();
                Map<String, EqaSubmission> submitted = results.getOrDefault(lab, Map.of())
                        .getOrDefault(item.itemCode(), Map.of());
                ItemGrade grade = EqaGrading.grade(item.itemCode(), itemSamples, submitted, deadline,
                        item.satisfactoryThresholdPercent(), ruleSet);
                apply(new EqaItemGraded(roundId, allianceId, kind, lab, item.itemCode(), grade, at));
            }
        }
        apply(new EqaRoundGraded(roundId, allianceId, at, trigger, by));
    }

    private boolean complete() {
        Map<String, Map<String, EqaSubmission>> lab = results.getOrDefault(participants.get(0), Map.of());
        return samples.stream().allMatch(s -> lab.getOrDefault(s.itemCode(), Map.of()).containsKey(s.sampleCode()));
    }

    private static final UnitConversion UNITS = new UnitConversion();

    /** The submitted value in the round item's unit (converted as the catalog converts), or null when it cannot be. */
    private static BigDecimal inRoundUnit(RoundItem item, SubmitEqaResult command) {
        return inRoundUnit(item, command, command.value());
    }

    /** An amount in the submission's unit (its value, or its uncertainty) in the round item's unit. */
    private static BigDecimal inRoundUnit(RoundItem item, SubmitEqaResult command, BigDecimal amount) {
        if (command.unit() == null || item.unit() == null || command.unit().equals(item.unit())) {
            return amount;
        }
        if (item.catalogItem() == null) {
            return null;
        }
        String bare = command.code() != null && command.code().contains("|")
                ? command.code().substring(command.code().indexOf('|') + 1) : command.code();
        String loinc = item.loincCodes().contains(bare) ? bare : item.catalogItem().loinc();
        return UNITS.toCanonical(item.catalogItem(), loinc, amount, command.unit()).orElse(null);
    }

    /** The round's item for an item code or one of its LOINC codes. */
    private RoundItem itemFor(String code) {
        if (code == null) {
            return null;
        }
        String bare = code.contains("|") ? code.substring(code.indexOf('|') + 1) : code;
        RoundItem byCode = items.get(bare);
        if (byCode != null) {
            return byCode;
        }
        return items.values().stream().filter(i -> i.loincCodes().contains(bare)).findFirst().orElse(null);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    private static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new DomainRuleViolation("invalid-" + field.replaceAll("\\[\\d+]", "").replace('.', '-'), field,
                    message);
        }
    }

    @EventSourcingHandler
    void on(EqaRoundOpened event) {
        opened = event;
        roundId = event.roundId();
        allianceId = event.allianceId();
        kind = event.kind();
        deadline = event.deadline();
        ruleSet = event.ruleSet();
        event.items().forEach(item -> items.put(item.itemCode(), item));
        samples.addAll(event.samples());
        participants.addAll(event.participants());
    }

    @EventSourcingHandler
    void on(EqaResultSubmitted event) {
        results.computeIfAbsent(event.labCode(), k -> new HashMap<>())
                .computeIfAbsent(event.itemCode(), k -> new HashMap<>())
                .put(event.sampleCode(), new EqaSubmission(event.sampleCode(), event.value(), event.category(),
                        event.submittedAt(), event.uncertainty()));
    }

    @EventSourcingHandler
    void on(EqaItemGraded event) {
        grades.add(event);
    }

    @EventSourcingHandler
    void on(EqaRoundGraded event) {
        graded = true;
        gradedEvent = event;
    }
}
