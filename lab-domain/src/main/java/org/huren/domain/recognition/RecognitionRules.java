package org.huren.domain.recognition;

import org.huren.domain.alliance.AllianceTime;
import org.huren.domain.alliance.MemberStatus;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.catalog.PlausibleRange;
import org.huren.domain.catalog.UnitConversion;
import org.huren.domain.iqc.ControlCv;
import org.huren.domain.localcode.MappingVersion;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The recognition decision (检验结果互认, DESIGN.md "Recognition"; DOMAIN.md §1, §3–§5) as a pure function: no
 * clock, no I/O, no framework. Every time is an input, so "recognized as of T" is answerable for any T and
 * replaying the same facts gives the same decision.
 * <p>
 * Two moments are distinguished: the result's own time ({@code effectiveAt}), at which membership, accreditation
 * and IQC bracketing are judged, and the decision's time {@code asOf}, at which the knowledge is cut (IQC runs
 * after {@code asOf} and findings recorded after it do not exist yet), EQA recency is measured and audit findings
 * are judged open. Later evidence (a rejected IQC run after the result, an unsuccessful EQA, a major finding) thus
 * withdraws recognition retroactively when the decision is asked again at a later {@code asOf}.
 */
public final class RecognitionRules {

    private static final UnitConversion UNITS = new UnitConversion();
    private static final BigDecimal MILLIS_PER_DAY = BigDecimal.valueOf(Duration.ofDays(1).toMillis());
    private static final Comparator<IqcRun> RUN_ORDER = Comparator.comparing(IqcRun::runAt)
            .thenComparing(IqcRun::runId, Comparator.nullsFirst(Comparator.naturalOrder()));

    private RecognitionRules() {
    }

    /**
     * Whether the result is recognized as of {@code asOf}: every criterion but {@link Criterion#WITHIN_VALIDITY},
     * in {@link Criterion} order.
     */
    public static RecognitionDecision decide(RecognitionFacts facts, Instant asOf, RecognitionPolicy policy) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(policy, "policy");
        return RecognitionDecision.of(recognitionCriteria(facts, asOf, policy), policy);
    }

    /**
     * Whether the result, with what was known as of {@code asOf}, may be reused at {@code reuseAt} ("can I reuse
     * it now"): {@link #decide} plus {@link Criterion#WITHIN_VALIDITY} (互认时限).
     */
    public static RecognitionDecision decideReuse(RecognitionFacts facts, Instant asOf, Instant reuseAt,
                                                  RecognitionPolicy policy) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(reuseAt, "reuseAt");
        Objects.requireNonNull(policy, "policy");
        List<CriterionResult> criteria = new ArrayList<>(recognitionCriteria(facts, asOf, policy));
        criteria.add(withinValidity(facts, reuseAt));
        return RecognitionDecision.of(criteria, policy);
    }

    private static List<CriterionResult> recognitionCriteria(RecognitionFacts facts, Instant asOf,
                                                             RecognitionPolicy policy) {
        return List.of(
                memberActive(facts),
                itemInCatalog(facts),
                unitCompatible(facts),
                labAccredited(facts),
                eqaSatisfactory(facts, asOf, policy),
                iqcInControl(facts, asOf, policy),
                noOpenMajorFinding(facts, asOf),
                resultFinal(facts));
    }

    // MEMBER_ACTIVE: the membership period covering the result's time is ACTIVE.
    static CriterionResult memberActive(RecognitionFacts facts) {
        Instant at = facts.result().effectiveAt();
        Optional<MembershipPeriod> covering = facts.membership().stream()
                .filter(p -> p.covers(at))
                .max(Comparator.comparing(MembershipPeriod::from).thenComparing(MembershipPeriod::status));
        if (covering.isEmpty()) {
            return CriterionResult.fail(Criterion.MEMBER_ACTIVE,
                    "lab " + facts.result().labId() + " was not a member of the alliance at " + at, List.of());
        }
        MembershipPeriod period = covering.get();
        List<Evidence> evidence = List.of(new Evidence(Evidence.EVENT, period.eventId(),
                "lab " + statusWord(period.status()) + " from " + period.from()
                        + (period.to() == null ? "" : " until " + period.to())));
        return switch (period.status()) {
            case ACTIVE -> CriterionResult.pass(Criterion.MEMBER_ACTIVE,
                    "lab active member at " + at + " (since " + period.from() + ")", evidence);
            case SUSPENDED -> CriterionResult.fail(Criterion.MEMBER_ACTIVE,
                    "lab suspended at " + at + " (since " + period.from() + ")", evidence);
            case WITHDRAWN -> CriterionResult.fail(Criterion.MEMBER_ACTIVE,
                    "lab withdrawn from the alliance at " + at + " (since " + period.from() + ")", evidence);
        };
    }

    private static String statusWord(MemberStatus status) {
        return switch (status) {
            case ACTIVE -> "active";
            case SUSPENDED -> "suspended";
            case WITHDRAWN -> "withdrawn";
        };
    }

    // ITEM_IN_CATALOG: the result's code maps to a catalog item — its LOINC code, or the lab's local code through the
    // lab's code map.
    static CriterionResult itemInCatalog(RecognitionFacts facts) {
        LocalCodeFacts local = facts.result().localCode();
        if (local != null && local.mapping() == null) {
            return CriterionResult.fail(Criterion.ITEM_IN_CATALOG, "local code " + local.token()
                    + (local.display() == null ? "" : " (" + local.display() + ")") + " of lab "
                    + facts.result().labId() + " is mapped to no catalog item on the result's day (unmapped): the "
                    + "lab's QC manager maps it in the lab's code map", List.of());
        }
        String mapped = local == null ? "" : "local code " + local.token() + " maps to LOINC "
                + local.mapping().loinc() + " (code map version " + local.mapping().mapVersion() + "); ";
        List<Evidence> mappingEvidence = local == null ? List.of() : List.of(codeMapEvidence(local));
        if (facts.item().isEmpty()) {
            return CriterionResult.fail(Criterion.ITEM_IN_CATALOG, mapped + "LOINC " + facts.result().loinc()
                    + " maps to no item of the recognition catalog", mappingEvidence);
        }
        CatalogItem item = facts.item().get();
        List<Evidence> evidence = new ArrayList<>(mappingEvidence);
        evidence.add(itemEvidence(facts));
        return CriterionResult.pass(Criterion.ITEM_IN_CATALOG,
                mapped + "LOINC " + facts.result().loinc() + " is catalog item " + item.code(), evidence);
    }

    private static Evidence codeMapEvidence(LocalCodeFacts local) {
        MappingVersion mapping = local.mapping();
        return new Evidence(Evidence.CODE_MAP, mapping.codeMapId() + "@" + mapping.mapVersion(), local.token()
                + " → " + mapping.itemCode() + " (LOINC " + mapping.loinc() + ") from " + mapping.effectiveFrom()
                + (mapping.retroactive() ? ", retroactive" : "")
                + (mapping.eventId() == null ? "" : " (event " + mapping.eventId() + ")"));
    }

    private static Evidence itemEvidence(RecognitionFacts facts) {
        CatalogItem item = facts.item().orElseThrow();
        return new Evidence(Evidence.CATALOG_ITEM, item.code() + "@" + facts.itemVersion(),
                item.code() + " " + Objects.toString(item.nameZh(), "") + " in " + item.ucumUnit()
                        + ", version " + facts.itemVersion() + " effective from " + item.effectiveFrom()
                        + ", validity " + item.validityDays() + " days");
    }

    // UNIT_COMPATIBLE: the unit is the item's unit or converts to it, and the value so converted is plausible for the
    // item (a g/L value labelled g/dL is not); a qualitative result carries none.
    static CriterionResult unitCompatible(RecognitionFacts facts) {
        if (facts.item().isEmpty()) {
            return CriterionResult.fail(Criterion.UNIT_COMPATIBLE, "no catalog item whose unit to compare with",
                    List.of());
        }
        CatalogItem item = facts.item().get();
        ResultFacts result = facts.result();
        List<Evidence> evidence = List.of(itemEvidence(facts));
        boolean noUnit = result.ucumUnit() == null || result.ucumUnit().isBlank();
        if (result.value() == null && noUnit) {
            return CriterionResult.pass(Criterion.UNIT_COMPATIBLE, "qualitative result: no unit to convert",
                    evidence);
        }
        if (UNITS.isCompatible(item, result.loinc(), result.ucumUnit())) {
            PlausibleRange range = item.plausibleRange();
            if (range != null && result.value() != null) {
                BigDecimal canonical = UNITS.toCanonical(item, result.loinc(), result.value(), result.ucumUnit())
                        .orElseThrow();
                if (!range.contains(canonical)) {
                    List<Evidence> flagged = new ArrayList<>(evidence);
                    flagged.add(new Evidence(Evidence.PLAUSIBLE_RANGE, item.code(), item.code() + " plausible from "
                            + range.describe() + " " + item.ucumUnit()));
                    return CriterionResult.fail(Criterion.UNIT_COMPATIBLE, "value " + result.value().toPlainString()
                            + " " + result.ucumUnit() + " is " + canonical.stripTrailingZeros().toPlainString() + " "
                            + item.ucumUnit() + ", outside " + item.code() + "'s plausible range " + range.describe()
                            + " " + item.ucumUnit() + ": more likely a value in another unit than labelled — "
                            + "flagged for the lab's QC manager, not recognized", flagged);
                }
            }
            return CriterionResult.pass(Criterion.UNIT_COMPATIBLE, "unit " + result.ucumUnit() + " under LOINC "
                    + result.loinc() + " converts to " + item.code() + "'s unit " + item.ucumUnit(), evidence);
        }
        return CriterionResult.fail(Criterion.UNIT_COMPATIBLE, "unit " + (noUnit ? "(none)" : result.ucumUnit())
                + " under LOINC " + result.loinc() + " does not convert to " + item.code() + "'s unit "
                + item.ucumUnit(), evidence);
    }

    // LAB_ACCREDITED: an accreditation for the item valid on the result's date and not withdrawn by its time.
    static CriterionResult labAccredited(RecognitionFacts facts) {
        if (facts.item().isEmpty()) {
            return CriterionResult.fail(Criterion.LAB_ACCREDITED, "no catalog item the lab could be accredited for",
                    List.of());
        }
        String itemCode = facts.item().get().code();
        Instant at = facts.result().effectiveAt();
        LocalDate date = AllianceTime.dateOf(at);
        List<AccreditationFacts> forItem = facts.accreditations().stream()
                .filter(a -> a.itemCode().equals(itemCode))
                .sorted(Comparator.comparing(AccreditationFacts::validFrom)
                        .thenComparing(AccreditationFacts::validUntil))
                .toList();
        if (forItem.isEmpty()) {
            return CriterionResult.fail(Criterion.LAB_ACCREDITED,
                    "lab not accredited for " + itemCode + " (no item admission)", List.of());
        }
        List<AccreditationFacts> onDate = forItem.stream()
                .filter(a -> !date.isBefore(a.validFrom()) && !date.isAfter(a.validUntil()))
                .toList();
        Optional<AccreditationFacts> holding = onDate.stream()
                .filter(a -> a.withdrawnEffectiveAt() == null || a.withdrawnEffectiveAt().isAfter(at))
                .findFirst();
        if (holding.isPresent()) {
            AccreditationFacts a = holding.get();
            return CriterionResult.pass(Criterion.LAB_ACCREDITED, "lab accredited for " + itemCode + " on " + date
                    + " (valid " + a.validFrom() + " to " + a.validUntil() + ")", List.of(accreditationEvidence(a)));
        }
        if (!onDate.isEmpty()) {
            AccreditationFacts a = onDate.stream()
                    .max(Comparator.comparing(AccreditationFacts::withdrawnEffectiveAt)).orElseThrow();
            return CriterionResult.fail(Criterion.LAB_ACCREDITED, "accreditation for " + itemCode
                    + " withdrawn since " + a.withdrawnEffectiveAt() + ", before the result at " + at,
                    List.of(accreditationEvidence(a)));
        }
        Optional<AccreditationFacts> expired = forItem.stream().filter(a -> a.validUntil().isBefore(date))
                .max(Comparator.comparing(AccreditationFacts::validUntil));
        if (expired.isPresent()) {
            AccreditationFacts a = expired.get();
            return CriterionResult.fail(Criterion.LAB_ACCREDITED, "accreditation for " + itemCode + " expired after "
                    + a.validUntil() + ", before the result's date " + date, List.of(accreditationEvidence(a)));
        }
        AccreditationFacts first = forItem.get(0);
        return CriterionResult.fail(Criterion.LAB_ACCREDITED, "accreditation for " + itemCode + " valid only from "
                + first.validFrom() + ", after the result's date " + date, List.of(accreditationEvidence(first)));
    }

    private static Evidence accreditationEvidence(AccreditationFacts a) {
        return new Evidence(Evidence.ACCREDITATION, a.eventId(), a.itemCode() + " valid " + a.validFrom() + " to "
                + a.validUntil() + (a.withdrawnEffectiveAt() == null ? "" : ", withdrawn " + a.withdrawnEffectiveAt())
                + (a.assessmentId() == null ? "" : " (assessment " + a.assessmentId() + ")"));
    }

    // EQA_SATISFACTORY: the latest graded round is satisfactory, not unsuccessful, and recent as of asOf.
    static CriterionResult eqaSatisfactory(RecognitionFacts facts, Instant asOf, RecognitionPolicy policy) {
        Optional<EqaStanding> known = facts.eqa().filter(e -> !e.gradedAt().isAfter(asOf));
        if (known.isEmpty()) {
            return CriterionResult.notYetKnown(Criterion.EQA_SATISFACTORY,
                    "no EQA round graded for this item at this lab yet", List.of());
        }
        EqaStanding eqa = known.get();
        List<Evidence> evidence = List.of(new Evidence(Evidence.EQA_ROUND, eqa.roundId(), "graded " + eqa.gradedAt()
                + (eqa.satisfactory() ? ", satisfactory" : ", unsatisfactory")
                + (eqa.unsuccessful() ? ", performance unsuccessful" : "")
                + (eqa.eventId() == null ? "" : " (event " + eqa.eventId() + ")")));
        if (eqa.unsuccessful()) {
            return CriterionResult.fail(Criterion.EQA_SATISFACTORY, "EQA performance unsuccessful (round "
                    + eqa.roundId() + "): recognition suspended until a later satisfactory round and a verified "
                    + "corrective action", evidence);
        }
        if (!eqa.satisfactory()) {
            return CriterionResult.fail(Criterion.EQA_SATISFACTORY,
                    "latest EQA round " + eqa.roundId() + " unsatisfactory", evidence);
        }
        Duration age = Duration.between(eqa.gradedAt(), asOf);
        if (age.compareTo(policy.eqaMaxAge()) > 0) {
            return CriterionResult.fail(Criterion.EQA_SATISFACTORY, "no recent EQA: latest round " + eqa.roundId()
                    + " graded " + days(age) + " days before " + asOf + ", more than " + describe(policy.eqaMaxAge()),
                    evidence);
        }
        return CriterionResult.pass(Criterion.EQA_SATISFACTORY,
                "latest EQA round " + eqa.roundId() + " satisfactory, graded " + days(age) + " days ago", evidence);
    }

    // IQC_IN_CONTROL (DOMAIN.md §4 bracketing).
    static CriterionResult iqcInControl(RecognitionFacts facts, Instant asOf, RecognitionPolicy policy) {
        if (facts.iqcRuns() == null) {
            return CriterionResult.notYetKnown(Criterion.IQC_IN_CONTROL, "IQC not yet known", List.of());
        }
        List<IqcRun> runs = facts.iqcRuns().stream()
                .filter(r -> !r.runAt().isAfter(asOf))
                .sorted(RUN_ORDER)
                .toList();
        if (runs.isEmpty()) {
            return CriterionResult.notYetKnown(Criterion.IQC_IN_CONTROL,
                    "no IQC run of this item at this lab recorded yet", List.of());
        }
        Instant at = facts.result().effectiveAt();
        IqcRun bracketing = null;
        List<IqcRun> after = new ArrayList<>();
        for (IqcRun run : runs) {
            if (run.runAt().isAfter(at)) {
                after.add(run);
            } else {
                bracketing = run;
            }
        }
        if (bracketing == null || Duration.between(bracketing.runAt(), at).compareTo(policy.iqcBracketWindow()) > 0) {
            return CriterionResult.fail(Criterion.IQC_IN_CONTROL, "no IQC run within "
                    + describe(policy.iqcBracketWindow()) + " before the result",
                    bracketing == null ? List.of() : List.of(runEvidence(bracketing)));
        }
        if (!bracketing.outcome().inControl()) {
            return CriterionResult.fail(Criterion.IQC_IN_CONTROL, "bracketing IQC run " + bracketing.runId()
                    + " at " + bracketing.runAt() + " rejected", List.of(runEvidence(bracketing)));
        }
        // a month whose IQC CV exceeds the item's maximum fails, whatever the bracketing runs say
        String month = ControlCv.monthOf(at);
        Optional<IqcMonthlyCv> tooHigh = facts.item().flatMap(item -> cvAboveMaximum(item, month, facts.iqcMonthlyCv()));
        if (tooHigh.isPresent()) {
            IqcMonthlyCv cv = tooHigh.get();
            return CriterionResult.fail(Criterion.IQC_IN_CONTROL, "IQC CV of level " + cv.level() + " in "
                            + month + " is " + cv.cvPercent() + " %, above the item's maximum "
                            + facts.item().get().cvMaxPercent() + " %",
                    List.of(new Evidence(Evidence.IQC_MONTH, month + "/" + cv.level(), "CV " + cv.cvPercent()
                            + " % from " + cv.n() + " control values")));
        }
        for (IqcRun run : after) {
            if (run.outcome() == IqcOutcome.REJECTED) {
                return CriterionResult.fail(Criterion.IQC_IN_CONTROL, "run " + run.runId() + " at " + run.runAt()
                                + " rejected after the result: results since the last accepted run are withdrawn",
                        List.of(runEvidence(bracketing), runEvidence(run)));
            }
            if (run.outcome() == IqcOutcome.ACCEPTED) {
                return CriterionResult.pass(Criterion.IQC_IN_CONTROL, "bracketing IQC run " + bracketing.runId() + " "
                                + word(bracketing.outcome()) + "; next accepted run " + run.runId() + " at " + run.runAt(),
                        List.of(runEvidence(bracketing), runEvidence(run)));
            }
        }
        return CriterionResult.pass(Criterion.IQC_IN_CONTROL, "bracketing IQC run " + bracketing.runId() + " "
                + word(bracketing.outcome()) + "; no accepted run after it yet", List.of(runEvidence(bracketing)));
    }

    /**
     * The monthly IQC rule (DOMAIN.md §4): the first control level whose CV in {@code month} (China Standard Time, as
     * {@link ControlCv#monthOf}) exceeds the item's maximum CV; empty when none does or the item sets no maximum.
     * IQC_IN_CONTROL fails for every result of that month; the recognition read model re-decides the month's results
     * when this answer changes.
     */
    public static Optional<IqcMonthlyCv> cvAboveMaximum(CatalogItem item, String month, List<IqcMonthlyCv> cvs) {
        BigDecimal cvMax = item.cvMaxPercent();
        if (cvMax == null) {
            return Optional.empty();
        }
        return cvs.stream().filter(cv -> cv.month().equals(month) && cv.cvPercent().compareTo(cvMax) > 0).findFirst();
    }

    private static Evidence runEvidence(IqcRun run) {
        return new Evidence(Evidence.IQC_RUN, run.runId(), word(run.outcome()) + " at " + run.runAt()
                + (run.eventId() == null ? "" : " (event " + run.eventId() + ")"));
    }

    private static String word(IqcOutcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> "accepted";
            case WARNING -> "accepted with a warning";
            case REJECTED -> "rejected";
        };
    }

    // NO_OPEN_MAJOR_FINDING: no major finding of the item or the whole lab is open at asOf.
    static CriterionResult noOpenMajorFinding(RecognitionFacts facts, Instant asOf) {
        if (facts.findings() == null) {
            return CriterionResult.notYetKnown(Criterion.NO_OPEN_MAJOR_FINDING, "audit findings not yet known",
                    List.of());
        }
        String itemCode = facts.item().map(CatalogItem::code).orElse(null);
        List<MajorFinding> relevant = facts.findings().stream()
                .filter(f -> f.affects(itemCode))
                .filter(f -> !f.recordedAt().isAfter(asOf))
                .sorted(Comparator.comparing(MajorFinding::recordedAt)
                        .thenComparing(MajorFinding::findingId, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        List<MajorFinding> open = relevant.stream().filter(f -> f.openAt(asOf)).toList();
        if (!open.isEmpty()) {
            MajorFinding first = open.get(0);
            return CriterionResult.fail(Criterion.NO_OPEN_MAJOR_FINDING, "open major finding " + first.findingId()
                    + (first.wholeLab() ? " covering the whole lab" : " covering " + itemCode)
                    + ", recorded " + first.recordedAt() + ", corrective action not verified"
                    + (open.size() > 1 ? " (and " + (open.size() - 1) + " more)" : ""),
                    open.stream().map(f -> findingEvidence(f, asOf)).toList());
        }
        return CriterionResult.pass(Criterion.NO_OPEN_MAJOR_FINDING,
                relevant.isEmpty() ? "no major finding covers the lab and item"
                        : "every major finding covering the lab and item has a verified corrective action",
                relevant.stream().map(f -> findingEvidence(f, asOf)).toList());
    }

    private static Evidence findingEvidence(MajorFinding f, Instant asOf) {
        return new Evidence(Evidence.FINDING, f.findingId(), "major finding "
                + (f.wholeLab() ? "covering the whole lab" : "covering " + String.join(", ",
                f.itemCodes().stream().sorted().toList()))
                + ", recorded " + f.recordedAt()
                + (f.openAt(asOf) ? ", open" : ", verified " + f.verifiedAt())
                + (f.eventId() == null ? "" : " (event " + f.eventId() + ")"));
    }

    // RESULT_FINAL: final, amended or corrected; not retracted; not a blind sample.
    static CriterionResult resultFinal(RecognitionFacts facts) {
        ResultFacts result = facts.result();
        List<Evidence> evidence = List.of(new Evidence(Evidence.RESULT, result.resultId(), "status "
                + result.status().code() + (result.eventId() == null ? "" : " (event " + result.eventId() + ")")));
        if (result.blindSample()) {
            return CriterionResult.fail(Criterion.RESULT_FINAL, "blind sample: never recognized", evidence);
        }
        return switch (result.status()) {
            case FINAL, AMENDED, CORRECTED -> CriterionResult.pass(Criterion.RESULT_FINAL,
                    "result " + result.status().code(), evidence);
            case ENTERED_IN_ERROR -> CriterionResult.fail(Criterion.RESULT_FINAL,
                    "result retracted (entered-in-error)", evidence);
            default -> CriterionResult.fail(Criterion.RESULT_FINAL,
                    "result " + result.status().code() + ", not final", evidence);
        };
    }

    // WITHIN_VALIDITY (reuse only): age at reuseAt within validityDays × 24 h, inclusive.
    static CriterionResult withinValidity(RecognitionFacts facts, Instant reuseAt) {
        if (facts.item().isEmpty()) {
            return CriterionResult.fail(Criterion.WITHIN_VALIDITY, "no catalog item, so no validity window",
                    List.of());
        }
        CatalogItem item = facts.item().get();
        List<Evidence> evidence = List.of(itemEvidence(facts));
        Instant at = facts.result().effectiveAt();
        Duration age = Duration.between(at, reuseAt);
        return switch (validity(at, item.validityDays(), reuseAt)) {
            case LATER_THAN_REUSE -> CriterionResult.fail(Criterion.WITHIN_VALIDITY,
                    "result at " + at + " is later than the reuse at " + reuseAt, evidence);
            case TOO_OLD -> CriterionResult.fail(Criterion.WITHIN_VALIDITY, "too old: " + days(age) + " days at "
                    + reuseAt + ", " + item.code() + " may be reused for " + item.validityDays() + " days", evidence);
            case WITHIN -> CriterionResult.pass(Criterion.WITHIN_VALIDITY, days(age) + " days old at " + reuseAt
                    + ", within " + item.code() + "'s " + item.validityDays() + " days", evidence);
        };
    }

    /** Where a reuse falls against a result's validity window (互认时限). */
    public enum Validity {
        /** the result is later than the reuse (a clock ahead): nothing to reuse yet */
        LATER_THAN_REUSE,
        /** older than the window at the reuse */
        TOO_OLD,
        WITHIN
    }

    /**
     * WITHIN_VALIDITY's rule, for every caller that judges a reuse ({@code $reusable} too): a result effective at
     * {@code effectiveAt} may be reused at {@code reuseAt} when it is not later than the reuse and at most
     * {@code validityDays} × 24 h old then, inclusive — until {@link #validUntil}.
     */
    public static Validity validity(Instant effectiveAt, int validityDays, Instant reuseAt) {
        if (effectiveAt.isAfter(reuseAt)) {
            return Validity.LATER_THAN_REUSE;
        }
        return reuseAt.isAfter(validUntil(effectiveAt, validityDays)) ? Validity.TOO_OLD : Validity.WITHIN;
    }

    /** The last instant a result effective at {@code effectiveAt} may be reused: {@code validityDays} × 24 h later. */
    public static Instant validUntil(Instant effectiveAt, int validityDays) {
        return effectiveAt.plus(Duration.ofDays(validityDays));
    }

    /** A duration in days, to 2 decimals, in exact decimal arithmetic. */
    private static String days(Duration duration) {
        BigDecimal millis = BigDecimal.valueOf(duration.getSeconds()).multiply(BigDecimal.valueOf(1000))
                .add(BigDecimal.valueOf(duration.getNano()).movePointLeft(6));
        return millis.divide(MILLIS_PER_DAY, 2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String describe(Duration duration) {
        if (duration.toSecondsPart() == 0 && duration.toNanosPart() == 0 && duration.toMinutesPart() == 0) {
            long hours = duration.toHours();
            if (hours <= 72) {
                return hours + " h";
            }
            if (hours % 24 == 0) {
                return (hours / 24) + " days";
            }
        }
        return duration.toString();
    }
}
