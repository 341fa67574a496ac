package org.huren.projections.recognition;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.huren.domain.alliance.AllianceTime;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.iqc.ControlCv;
import org.huren.domain.recognition.IqcMonthlyCv;
import org.huren.domain.recognition.IqcRun;
import org.huren.domain.recognition.RecognitionDecision;
import org.huren.domain.recognition.RecognitionFacts;
import org.huren.domain.recognition.RecognitionRules;
import org.huren.domain.recognition.ResultFacts;
import org.huren.projections.recognition.IqcEvidence.LabItem;
import org.huren.projections.recognition.IqcEvidence.LabItemMonth;
import org.huren.projections.support.BatchedWrites;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides results in sets with {@link RecognitionRules}: the new results of an event batch together when the batch
 * commits — or earlier, just before an event changes a fact they rest on — and the results a changed fact touches
 * together, a thousand at a time. Each set costs a few queries (the results with their decisions, the alliances of
 * their labs, the IQC of their series) and a few statements ({@link DecisionSet}), whatever its size. A result is
 * always decided on the facts recorded before its event, as if decided at once: every event that changes a fact
 * first lets the results waiting be decided ({@link #changing}).
 *
 * <p>Facts are read once per event batch and read again after an event changes them: an alliance's
 * ({@link AllianceFacts}), each lab's alliances, and each IQC series' runs and monthly CVs.
 */
final class Decider {

    /** Results re-decided per set when a fact changes. */
    static final int SET_SIZE = 1000;

    private static final String BATCH = Decider.class.getName() + ".batch";

    private final Memberships memberships;
    private final Catalog catalog;
    private final Accreditations accreditations;
    private final Policies policies;
    private final EqaEvidence eqa;
    private final AuditEvidence audits;
    private final IqcEvidence iqc;
    private final Results results;
    private final Decisions decisions;
    private final JdbcTemplate jdbc;
    private final Set<String> poisoned = ConcurrentHashMap.newKeySet();

    Decider(JdbcTemplate jdbc, Memberships memberships, Catalog catalog, Accreditations accreditations,
            Policies policies, EqaEvidence eqa, AuditEvidence audits, IqcEvidence iqc, Results results) {
        this.memberships = memberships;
        this.catalog = catalog;
        this.accreditations = accreditations;
        this.policies = policies;
        this.eqa = eqa;
        this.audits = audits;
        this.iqc = iqc;
        this.results = results;
        this.decisions = new Decisions(jdbc, results);
        this.jdbc = jdbc;
    }

    /** A result reported, corrected or retracted, before it is known whether it is a blind sample's. */
    record Reported(ResultRow result, String specimenId, boolean first, Cause cause) {
    }

    /** A result to decide in one alliance, with its decision as stored (null: none, or a first decision). */
    private record ToDecide(ResultRow result, String alliance, boolean first, Cause cause, Decisions.Row stored,
                            boolean sameResult) {
    }

    /** An IQC series' runs as read from {@code from} on; null runs: the series has no lot, its IQC is not known. */
    private record Runs(Instant from, List<IqcRun> runs) {
    }

    /** What is read and waiting within one event batch. */
    private static final class Batch {
        final Map<String, AllianceFacts> facts = new HashMap<>();
        final Map<String, List<String>> alliances = new HashMap<>();
        final Map<LabItem, Runs> runs = new HashMap<>();
        final Map<LabItemMonth, List<IqcMonthlyCv>> cvs = new HashMap<>();
        final List<Reported> reported = new ArrayList<>();
    }

    /** Queues a result to be decided with its batch; outside a unit of work, decides it at once. */
    void reported(Reported reported) {
        refuseIfPoisoned(reported.cause());
        Batch batch = batch();
        batch.reported.add(reported);
        if (!CurrentUnitOfWork.isStarted()) {
            settle(batch);
        }
    }

    /** Before {@code cause} changes the facts of {@code alliance}: the waiting results are decided on them as they are. */
    void changing(String alliance, Cause cause) {
        refuseIfPoisoned(cause);
        Batch batch = batch();
        settle(batch);
        batch.facts.remove(alliance);
        batch.alliances.clear();
    }

    /**
     * Before {@code cause} changes a lab's code map (ADR 0017): the waiting results, resolved with the mappings as they
     * were, are decided and stored, so that the change finds them.
     */
    void changingCodeMap(Cause cause) {
        refuseIfPoisoned(cause);
        settle(batch());
    }

    /** Before {@code cause} changes IQC evidence: the waiting results are decided on it as it is. */
    void changingIqc(Cause cause) {
        refuseIfPoisoned(cause);
        Batch batch = batch();
        settle(batch);
        batch.runs.clear();
        batch.cvs.clear();
    }

    AllianceFacts facts(String alliance) {
        return facts(batch(), alliance);
    }

    List<String> alliancesOf(String lab) {
        Batch batch = batch();
        return alliancesOf(batch, List.of(lab)).getOrDefault(lab, List.of());
    }

    /** Whether a control level's CV in the month exceeds the item's maximum in the alliance (DOMAIN.md §4). */
    boolean cvAboveMaximum(String alliance, String lab, String itemCode, String month) {
        Optional<CatalogItem> item = facts(alliance).withCvMaximum(itemCode);
        if (item.isEmpty()) {
            return false;
        }
        Batch batch = batch();
        LabItemMonth key = new LabItemMonth(lab, itemCode, month);
        List<IqcMonthlyCv> cvs = batch.cvs.computeIfAbsent(key, k -> iqc.monthlyCv(List.of(k)).get(k));
        return RecognitionRules.cvAboveMaximum(item.get(), month, cvs).isPresent();
    }

    /**
     * Decides again, as of {@code cause}, every result {@code selection} names, a set at a time, after a change of the
     * alliance's facts: they are read again.
     */
    void redecide(Results.Selection selection, Cause cause) {
        Batch batch = batch();
        settle(batch);
        batch.facts.remove(selection.alliance());
        decideAgain(batch, selection, cause);
    }

    /**
     * Decides again, as of {@code cause}, every result {@code selection} names after a change of IQC evidence alone
     * ({@link #changingIqc} forgot the IQC read): the alliance's facts as read stay valid, so an event batch with many
     * control runs reads them once, not once per run.
     */
    void redecideOnIqc(Results.Selection selection, Cause cause) {
        Batch batch = batch();
        settle(batch);
        decideAgain(batch, selection, cause);
    }

    private void decideAgain(Batch batch, Results.Selection selection, Cause cause) {
        List<String> ids = results.ids(selection);
        for (int from = 0; from < ids.size(); from += SET_SIZE) {
            DecisionSet set = new DecisionSet();
            List<ToDecide> toDecide = new ArrayList<>();
            for (Results.Decided d : results.withDecisions(ids.subList(from, Math.min(ids.size(), from + SET_SIZE)),
                    selection.alliance())) {
                toDecide.add(new ToDecide(d.result(), selection.alliance(), false, cause, d.decision(), true));
            }
            decide(batch, toDecide, set);
            decisions.write(set, poisoned);
        }
    }

    /** Decides the results waiting in the batch. */
    private void settle(Batch batch) {
        if (batch.reported.isEmpty()) {
            return;
        }
        List<Reported> reported = List.copyOf(batch.reported);
        batch.reported.clear();
        Set<String> ids = new LinkedHashSet<>();
        for (Reported r : reported) {
            if (r.specimenId() != null) {
                ids.add(r.specimenId());
            }
            if (r.result().patientId() != null) {
                ids.add(r.result().patientId());
            }
        }
        Set<String> blind = results.blind(ids);
        DecisionSet set = new DecisionSet();
        List<ResultRow> rows = new ArrayList<>();
        for (Reported r : reported) {
            ResultRow row = r.result();
            boolean isBlind = r.specimenId() != null && blind.contains(r.specimenId())
                    || row.patientId() != null && blind.contains(row.patientId());
            row = row.blind(isBlind);
            rows.add(row);
            set.result(row, r.cause().eventId());
        }
        Map<String, List<String>> alliances = alliancesOf(batch, rows.stream().map(ResultRow::labId).toList());
        List<Decisions.Key> again = new ArrayList<>();
        for (int i = 0; i < reported.size(); i++) {
            if (!reported.get(i).first()) {
                for (String alliance : alliances.getOrDefault(rows.get(i).labId(), List.of())) {
                    again.add(new Decisions.Key(rows.get(i).resultId(), alliance));
                }
            }
        }
        Map<Decisions.Key, Decisions.Row> stored = decisions.current(again);
        List<ToDecide> toDecide = new ArrayList<>();
        for (int i = 0; i < reported.size(); i++) {
            Reported r = reported.get(i);
            ResultRow row = rows.get(i);
            for (String alliance : alliances.getOrDefault(row.labId(), List.of())) {
                toDecide.add(new ToDecide(row, alliance, r.first(), r.cause(),
                        stored.get(new Decisions.Key(row.resultId(), alliance)), false));
            }
        }
        decide(batch, toDecide, set);
        decisions.write(set, poisoned);
    }

    /**
     * A result matched to the catalog version in force on its date in one alliance; with an item, the IQC series and
     * month whose runs and control values decide it (null without one).
     */
    private record Matched(ToDecide what, AllianceFacts facts, Optional<AllianceFacts.CatalogVersion> version,
                           String itemCode, LabItem series, LabItemMonth month) {

        static Matched of(ToDecide what, AllianceFacts facts) {
            ResultRow r = what.result();
            Optional<AllianceFacts.CatalogVersion> version = facts.versionFor(r.codes(),
                    AllianceTime.dateOf(r.effectiveAt()));
            String itemCode = version.map(v -> v.item().code()).orElse(null);
            return itemCode == null ? new Matched(what, facts, version, null, null, null)
                    : new Matched(what, facts, version, itemCode, new LabItem(r.labId(), itemCode),
                    new LabItemMonth(r.labId(), itemCode, ControlCv.monthOf(r.effectiveAt())));
        }
    }

    private void decide(Batch batch, List<ToDecide> toDecide, DecisionSet set) {
        List<Matched> matched = new ArrayList<>(toDecide.size());
        for (ToDecide t : toDecide) {
            matched.add(Matched.of(t, facts(batch, t.alliance())));
        }
        readIqc(batch, matched);
        for (Matched m : matched) {
            ToDecide t = m.what();
            ResultRow r = t.result();
            String itemCode = m.itemCode();
            Optional<CatalogItem> item = m.version().map(AllianceFacts.CatalogVersion::item);
            String loinc = item.flatMap(it -> r.codes().stream().filter(it.loincCodes()::contains).findFirst())
                    .orElse(r.codes().isEmpty() ? null : r.codes().get(0));
            List<IqcRun> runs = itemCode == null ? null : batch.runs.get(m.series()).runs();
            RecognitionFacts facts = new RecognitionFacts(new ResultFacts(r.resultId(), r.eventId(), r.labId(), loinc,
                    r.unit(), r.value(), r.status(), r.effectiveAt(), false, r.local()),
                    m.facts().membershipOf(r.labId()), item,
                    m.version().map(AllianceFacts.CatalogVersion::version).orElse(0),
                    m.facts().accreditationsOf(r.labId()), m.facts().eqa(r.labId(), itemCode), runs,
                    m.facts().findingsOf(r.labId()),
                    // no IQC for the item at the lab: no control values either
                    runs == null ? List.of() : batch.cvs.get(m.month()));
            RecognitionDecision decision = RecognitionRules.decide(facts, t.cause().knownBy(), m.facts().policy());
            if (t.first()) {
                set.first(r, t.alliance(), decision, itemCode, t.cause());
            } else {
                set.again(r, t.alliance(), decision, itemCode, t.cause(), t.stored(), t.sameResult());
            }
        }
    }

    /**
     * Reads the IQC the matched results need that the batch has not read yet: each series' runs from the earliest
     * moment one of its results is measured or decided, and the monthly CVs of the series' months.
     */
    private void readIqc(Batch batch, List<Matched> matched) {
        Map<LabItem, Instant> from = new LinkedHashMap<>();
        for (Matched m : matched) {
            if (m.itemCode() != null) {
                Instant earliest = min(m.what().result().effectiveAt(), m.what().cause().knownBy());
                from.merge(m.series(), earliest, Decider::min);
            }
        }
        from.entrySet().removeIf(e -> {
            Runs read = batch.runs.get(e.getKey());
            return read != null && !read.from().isAfter(e.getValue());
        });
        Map<LabItem, List<IqcRun>> runs = iqc.runs(from);
        from.forEach((key, at) -> batch.runs.put(key, new Runs(at, runs.get(key))));
        Set<LabItemMonth> months = new LinkedHashSet<>();
        for (Matched m : matched) {
            if (m.itemCode() != null && batch.runs.get(m.series()).runs() != null
                    && !batch.cvs.containsKey(m.month())) {
                months.add(m.month());
            }
        }
        batch.cvs.putAll(iqc.monthlyCv(months));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private AllianceFacts facts(Batch batch, String alliance) {
        return batch.facts.computeIfAbsent(alliance, a -> new AllianceFacts(memberships.periods(a),
                catalog.versions(a), accreditations.of(a), policies.of(a), eqa.standings(a), audits.findings(a),
                audits.auditedLabs(a)));
    }

    private Map<String, List<String>> alliancesOf(Batch batch, List<String> labs) {
        List<String> unknown = labs.stream().distinct().filter(lab -> !batch.alliances.containsKey(lab)).toList();
        if (!unknown.isEmpty()) {
            Map<String, List<String>> read = memberships.alliancesOf(unknown);
            unknown.forEach(lab -> batch.alliances.put(lab, read.getOrDefault(lab, List.of())));
        }
        return batch.alliances;
    }

    private void refuseIfPoisoned(Cause cause) {
        if (poisoned.remove(cause.eventId())) {
            throw new BatchedWrites.PoisonedEventException("the read model cannot hold what event " + cause.eventId()
                    + " says (the database refused its row): parked as a dead letter");
        }
    }

    /** The batch of the current unit of work (decided when it commits); outside one, a batch of its own. */
    private Batch batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new Batch();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(BATCH, key -> {
            // The read model and the processor's token commit together and are rebuilt from the event store, which
            // stays durable: a commit need not wait for its WAL to reach the disk. A crash of the database loses at
            // most the last moment's batches, token included, and the processor handles their events again.
            jdbc.execute("SET LOCAL synchronous_commit TO OFF");
            Batch batch = new Batch();
            root.onPrepareCommit(u -> settle(batch));
            return batch;
        });
    }
}
