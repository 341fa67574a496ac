package org.huren.domain.recognition;

import org.huren.domain.catalog.CatalogItem;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything recognition (互认) of one result at one lab asks, as recorded by the moment of the decision: the
 * caller passes only what was known then (IQC runs and findings are also filtered by the decision's time here).
 *
 * @param membership     the lab's membership periods in the alliance
 * @param item           the catalog item the result's code maps to, in the version in force on the result's date;
 *                       empty when none
 * @param itemVersion    that version's number
 * @param accreditations the lab's accreditation periods (for any item; those of other items are ignored)
 * @param eqa            the lab's EQA standing for the item; empty when no round has been graded yet
 * @param iqcRuns        the IQC runs of the item at the lab; {@code null} when IQC is not yet known
 * @param findings       the major findings at the lab (for any item); {@code null} when not yet known
 * @param iqcMonthlyCv   the CV per control level of the month of the result at the lab for the item
 */
public record RecognitionFacts(ResultFacts result, List<MembershipPeriod> membership, Optional<CatalogItem> item,
                               int itemVersion, List<AccreditationFacts> accreditations, Optional<EqaStanding> eqa,
                               List<IqcRun> iqcRuns, List<MajorFinding> findings,
                               List<IqcMonthlyCv> iqcMonthlyCv) {

    public RecognitionFacts {
        Objects.requireNonNull(result, "result");
        membership = membership == null ? List.of() : List.copyOf(membership);
        item = item == null ? Optional.empty() : item;
        accreditations = accreditations == null ? List.of() : List.copyOf(accreditations);
        eqa = eqa == null ? Optional.empty() : eqa;
        iqcRuns = iqcRuns == null ? null : List.copyOf(iqcRuns);
        findings = findings == null ? null : List.copyOf(findings);
        iqcMonthlyCv = iqcMonthlyCv == null ? List.of() : List.copyOf(iqcMonthlyCv);
    }

    /** Facts without monthly IQC CVs. */
    public RecognitionFacts(ResultFacts result, List<MembershipPeriod> membership, Optional<CatalogItem> item,
                            int itemVersion, List<AccreditationFacts> accreditations, Optional<EqaStanding> eqa,
                            List<IqcRun> iqcRuns, List<MajorFinding> findings) {
        this(result, membership, item, itemVersion, accreditations, eqa, iqcRuns, findings, List.of());
    }
}
