package org.huren.domain.iqc;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.DomainRuleViolation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The internal quality control (室内质控) of one item at one lab: its control lots per level with their locked
 * targets, the Westgard rule set, and every run in run-time order with its evaluation. A run is evaluated on
 * arrival against the runs before it on the same lots; a run recorded late is placed by its run time and the
 * evaluations after it are redone (announced when they change).
 */
public class IqcSeries {

    /** Runs before the current one that the longest rule (12-x over levels) can need. */
    private static final int HISTORY = 24;
    private static final Comparator<Run> ORDER = Comparator.comparing(Run::runAt).thenComparing(Run::runId);

    @AggregateIdentifier
    private String seriesId;
    private String labCode;
    private String itemCode;
    private RuleSet ruleSet = RuleSet.DEFAULT;
    /** level → lot → the lot (the last registered lot of a level is the one in use). */
    private final Map<String, Map<String, Lot>> lots = new LinkedHashMap<>();
    private final Map<String, String> currentLot = new HashMap<>();
    private final List<Run> runs = new ArrayList<>();
    private final Map<String, ControlRunEvaluated> evaluations = new HashMap<>();
    private final Map<String, ControlTargetsProposed> proposals = new HashMap<>();
    private final Map<String, RejectedRunReviewed> reviews = new HashMap<>();

    record Lot(String lot, BigDecimal mean, BigDecimal sd) {
        boolean hasTargets() {
            return mean != null && sd != null;
        }
    }

    record Run(String runId, Instant runAt, List<ControlResult> results, Map<String, String> lots) {
    }

    protected IqcSeries() {
        // required by Axon
    }

    /** The series id of a lab × item: the same on every node, from any entry point (REST, FHIR). */
    public static String idOf(String labCode, String itemCode) {
        return java.util.UUID.nameUUIDFromBytes(("iqc-series\u0000" + labCode + "\u0000" + itemCode)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterControlLot command) {
        identify(command.seriesId(), command.labCode(), command.itemCode());
        require(notBlank(command.level()), "level", "name the control level (e.g. L1)");
        require(notBlank(command.lot()), "lot", "name the control material lot");
        require((command.mean() == null) == (command.sd() == null), command.mean() == null ? "mean" : "sd",
                "give both target mean and SD, or neither to establish them from runs");
        require(command.sd() == null || command.sd().signum() > 0, "sd", "the target SD is positive");
        Lot known = lots.getOrDefault(command.level(), Map.of()).get(command.lot());
        if (known != null) {
            if (Objects.equals(known.mean(), command.mean()) && Objects.equals(known.sd(), command.sd())
                    || !known.hasTargets() && command.mean() == null) {
                return;
            }
            if (!known.hasTargets()) {
                // targets entered for a lot that had none yet (e.g. the manufacturer's values arrived): locked now
                apply(new ControlLotRegistered(seriesId, labCode, itemCode, command.level(), command.material(),
                        command.lot(), command.expiry(), command.mean(), command.sd(), command.registeredBy()));
                return;
            }
            throw new ConflictingStateException("lot-targets-locked", "mean", "lot " + command.lot() + " of level "
                    + command.level() + " has its targets already: a lot's limits are locked (register a new lot)");
        }
        apply(new ControlLotRegistered(seriesId(command.seriesId()), command.labCode(), command.itemCode(),
                command.level(), command.material(), command.lot(), command.expiry(), command.mean(), command.sd(),
                command.registeredBy()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetIqcRuleSet command) {
        identify(command.seriesId(), command.labCode(), command.itemCode());
        RuleSet wanted;
        try {
            wanted = RuleSet.parse(command.rules());
        } catch (RuntimeException e) {
            throw new DomainRuleViolation("invalid-rules", "rules", "rules are Westgard codes joined by '/', e.g. "
                    + "1-2s/1-3s/2-2s/R-4s/4-1s/10x: " + e.getMessage());
        }
        if (!wanted.equals(ruleSet)) {
            apply(new IqcRuleSetChanged(seriesId(command.seriesId()), command.labCode(), command.itemCode(),
                    wanted.describe(), command.setBy()));
        }
    }

    /**
     * Records the run and evaluates it (and the runs after it, when it arrives late); answers the run's evaluation
     * as it now stands — also for a resend — or null while none of its levels has targets.
     */
    @CommandHandler
    public ControlRunEvaluated handle(RecordControlRun command) {
        require(notBlank(command.runId()), "runId", "a run needs its id");
        require(command.runAt() != null, "runAt", "a run needs the time it was measured");
        require(!command.results().isEmpty(), "results", "a run has at least one level's result");
        Map<String, String> runLots = new LinkedHashMap<>();
        for (int i = 0; i < command.results().size(); i++) {
            ControlResult result = command.results().get(i);
            String lot = command.lots().getOrDefault(result.level(), currentLot.get(result.level()));
            require(lot != null, "results[" + i + "].level", "level " + result.level() + " has no control lot "
                    + "registered for " + itemCode + " at " + labCode);
            require(lots.get(result.level()).containsKey(lot), "results[" + i + "].lot", "lot " + lot + " of level "
                    + result.level() + " is not registered for " + itemCode + " at " + labCode);
            require(runLots.put(result.level(), lot) == null, "results[" + i + "].level",
                    "level " + result.level() + " appears twice in run " + command.runId());
        }
        Run existing = runs.stream().filter(r -> r.runId().equals(command.runId())).findFirst().orElse(null);
        if (existing != null) {
            if (existing.runAt().equals(command.runAt()) && sameValues(existing.results(), command.results())) {
                return evaluations.get(command.runId());
            }
            throw new ConflictingStateException("run-recorded", "runId", "run " + command.runId()
                    + " is recorded with other values or another time: runs are not edited");
        }
        apply(new ControlRunRecorded(seriesId, labCode, itemCode, command.runId(), command.runAt(),
                command.results(), runLots, command.source()));
        Run added = runs.stream().filter(r -> r.runId().equals(command.runId())).findFirst().orElseThrow();
        int from = runs.indexOf(added);
        for (int i = from; i < runs.size(); i++) {
            Run run = runs.get(i);
            // a later run is re-evaluated with the rule set it was judged with
            ControlRunEvaluated earlier = evaluations.get(run.runId());
            ControlRunEvaluated evaluation = evaluate(run, i > from,
                    earlier == null ? ruleSet : RuleSet.parse(earlier.ruleSet()));
            if (evaluation == null) {
                continue;
            }
            ControlRunEvaluated before = evaluations.get(run.runId());
            if (i == from || before == null || before.status() != evaluation.status()
                    || !before.violations().equals(evaluation.violations())) {
                apply(evaluation);
            }
        }
        return evaluations.get(command.runId());
    }

    /** The run's evaluation against the runs before it on the same lots; null when no level has targets. */
    private ControlRunEvaluated evaluate(Run run, boolean reevaluation, RuleSet rules) {
        Map<String, ControlTarget> targets = new HashMap<>();
        for (ControlResult result : run.results()) {
            Lot lot = lots.get(result.level()).get(run.lots().get(result.level()));
            if (lot.hasTargets()) {
                targets.put(result.level(), new ControlTarget(result.level(), lot.mean(), lot.sd()));
            }
        }
        if (targets.isEmpty()) {
            return null;
        }
        List<ControlRun> previous = new ArrayList<>();
        for (int i = runs.indexOf(run) - 1; i >= 0 && previous.size() < HISTORY; i--) {
            Run earlier = runs.get(i);
            List<ControlResult> sameLot = earlier.results().stream().filter(r -> targets.containsKey(r.level())
                    && run.lots().get(r.level()).equals(earlier.lots().get(r.level()))).toList();
            if (!sameLot.isEmpty()) {
                previous.add(0, new ControlRun(earlier.runId(), earlier.runAt(), sameLot));
            }
        }
        ControlRun current = new ControlRun(run.runId(), run.runAt(),
                run.results().stream().filter(r -> targets.containsKey(r.level())).toList());
        RunEvaluation evaluation = WestgardEvaluation.evaluate(current, previous, targets, rules);
        return new ControlRunEvaluated(seriesId, labCode, itemCode, run.runId(), run.runAt(), evaluation.status(),
                evaluation.violations(), rules.describe(), reevaluation);
    }

    @CommandHandler
    public void handle(ProposeControlTargets command) {
        Lot lot = lots.getOrDefault(command.level(), Map.of()).get(command.lot());
        require(lot != null, "lot", "no lot " + command.lot() + " of level " + command.level());
        require(!lot.hasTargets(), "lot", "lot " + command.lot() + " has its targets: they are locked");
        List<ControlRun> onLot = new ArrayList<>();
        for (Run run : runs) {
            if (command.lot().equals(run.lots().get(command.level()))) {
                run.results().stream().filter(r -> r.level().equals(command.level())).findFirst()
                        .ifPresent(r -> onLot.add(new ControlRun(run.runId(), run.runAt(), List.of(r))));
            }
        }
        require(onLot.size() >= Statistics.MIN_RESULTS_FOR_TARGET, "lot", "targets are established from at least "
                + Statistics.MIN_RESULTS_FOR_TARGET + " runs; lot " + command.lot() + " has " + onLot.size());
        ControlTarget target = Statistics.establishTarget(command.level(), onLot);
        apply(new ControlTargetsProposed(seriesId, labCode, itemCode, command.level(), command.lot(), target.mean(),
                target.sd(), onLot.size(), onLot.stream().map(ControlRun::runId).toList()));
    }

    @CommandHandler
    public void handle(ConfirmControlTargets command) {
        require(notBlank(command.confirmedBy()), "confirmedBy", "say which QC manager confirms");
        ControlTargetsProposed proposal = proposals.get(command.level() + "\u0000" + command.lot());
        require(proposal != null, "lot", "no targets proposed for lot " + command.lot() + " of level "
                + command.level() + ": propose them first");
        apply(new ControlTargetsConfirmed(seriesId, labCode, itemCode, command.level(), command.lot(),
                proposal.mean(), proposal.sd(), command.confirmedBy()));
    }

    /** Signs off a rejected run's review: once per run (the same review again is a repeat, another one a conflict). */
    @CommandHandler
    public void handle(ReviewRejectedRun command) {
        require(notBlank(command.reviewedBy()), "reviewedBy", "say who signs the review off");
        require(notBlank(command.comment()), "comment", "say what the review found");
        require(notBlank(command.correctiveAction()), "correctiveAction", "say what was done about the rejection");
        ControlRunEvaluated evaluation = evaluations.get(command.runId());
        require(runs.stream().anyMatch(r -> r.runId().equals(command.runId())), "runId",
                "no run " + command.runId() + " of " + itemCode + " at " + labCode);
        require(evaluation != null && evaluation.status() == RunStatus.REJECTED, "runId", "run " + command.runId()
                + " is not rejected" + (evaluation == null ? " (not evaluated)" : " (" + evaluation.status() + ")")
                + ": only rejected runs are reviewed");
        RejectedRunReviewed review = new RejectedRunReviewed(seriesId, labCode, itemCode, command.runId(),
                command.comment(), command.correctiveAction(), command.reviewedBy());
        RejectedRunReviewed signed = reviews.get(command.runId());
        if (signed != null) {
            if (signed.equals(review)) {
                return;
            }
            throw new ConflictingStateException("run-signed-off", "runId", "run " + command.runId()
                    + " was reviewed and signed off by " + signed.reviewedBy() + ": a review is not changed");
        }
        apply(review);
    }

    private void identify(String id, String lab, String item) {
        require(notBlank(lab), "labCode", "name the lab");
        require(notBlank(item), "itemCode", "name the catalog item");
        if (seriesId != null) {
            require(lab.equals(labCode) && item.equals(itemCode), "itemCode",
                    "series " + seriesId + " is " + labCode + " × " + itemCode);
        }
        require(notBlank(id), "seriesId", "a series needs an id");
    }

    private String seriesId(String commandId) {
        return seriesId != null ? seriesId : commandId;
    }

    private static boolean sameValues(List<ControlResult> a, List<ControlResult> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).level().equals(b.get(i).level()) || a.get(i).value().compareTo(b.get(i).value()) != 0) {
                return false;
            }
        }
        return true;
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

    // ------------------------------------------------------------------ state

    @EventSourcingHandler
    void on(ControlLotRegistered event) {
        seriesId = event.seriesId();
        labCode = event.labCode();
        itemCode = event.itemCode();
        Map<String, Lot> ofLevel = lots.computeIfAbsent(event.level(), k -> new LinkedHashMap<>());
        boolean newLot = !ofLevel.containsKey(event.lot());
        ofLevel.put(event.lot(), new Lot(event.lot(), event.mean(), event.sd()));
        if (newLot) {
            currentLot.put(event.level(), event.lot());
        }
    }

    @EventSourcingHandler
    void on(IqcRuleSetChanged event) {
        seriesId = event.seriesId();
        labCode = event.labCode();
        itemCode = event.itemCode();
        ruleSet = RuleSet.parse(event.rules());
    }

    @EventSourcingHandler
    void on(ControlRunRecorded event) {
        runs.add(new Run(event.runId(), event.runAt(), event.results(), event.lots()));
        runs.sort(ORDER);
    }

    @EventSourcingHandler
    void on(ControlRunEvaluated event) {
        evaluations.put(event.runId(), event);
    }

    @EventSourcingHandler
    void on(ControlTargetsProposed event) {
        proposals.put(event.level() + "\u0000" + event.lot(), event);
    }

    @EventSourcingHandler
    void on(RejectedRunReviewed event) {
        reviews.put(event.runId(), event);
    }

    @EventSourcingHandler
    void on(ControlTargetsConfirmed event) {
        lots.get(event.level()).put(event.lot(), new Lot(event.lot(), event.mean(), event.sd()));
        proposals.remove(event.level() + "\u0000" + event.lot());
    }
}
