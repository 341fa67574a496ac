package org.huren.projections.recognition;

import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.recognition.AccreditationFacts;
import org.huren.domain.recognition.EqaStanding;
import org.huren.domain.recognition.MajorFinding;
import org.huren.domain.recognition.MembershipPeriod;
import org.huren.domain.recognition.RecognitionPolicy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What recognition knows of one alliance at one point of the event stream, read once per event batch and read again
 * after each of the alliance's own events: membership periods, accreditations, EQA standings and major findings by
 * lab, the catalog versions and the policy.
 *
 * @param catalog every version of every item, by code and newest version first
 * @param audited the labs assessed or audited in the alliance: their findings are known
 */
record AllianceFacts(Map<String, List<MembershipPeriod>> membership, List<CatalogVersion> catalog,
                     Map<String, List<AccreditationFacts>> accreditations, RecognitionPolicy policy,
                     Map<String, Map<String, EqaStanding>> eqa, Map<String, List<MajorFinding>> findings,
                     Set<String> audited) {

    /** One version of a catalog item and the days it is in force: from its effective date until it is retired. */
    record CatalogVersion(CatalogItem item, int version, LocalDate effectiveFrom, LocalDate retiredFrom,
                          List<String> loincs) {

        boolean inForceOn(LocalDate day) {
            return !effectiveFrom.isAfter(day) && (retiredFrom == null || retiredFrom.isAfter(day));
        }
    }

    List<MembershipPeriod> membershipOf(String lab) {
        return membership.getOrDefault(lab, List.of());
    }

    List<AccreditationFacts> accreditationsOf(String lab) {
        return accreditations.getOrDefault(lab, List.of());
    }

    /** The lab's major findings; null (not yet known) until the lab was assessed or audited in the alliance. */
    List<MajorFinding> findingsOf(String lab) {
        return accreditations.containsKey(lab) || audited.contains(lab) ? findings.getOrDefault(lab, List.of()) : null;
    }

    Optional<EqaStanding> eqa(String lab, String itemCode) {
        return itemCode == null ? Optional.empty() : Optional.ofNullable(eqa.getOrDefault(lab, Map.of()).get(itemCode));
    }

    /** The catalog version a result with these LOINC codes maps to on {@code day}: the first in force that has one. */
    Optional<CatalogVersion> versionFor(List<String> codes, LocalDate day) {
        return catalog.stream().filter(c -> c.loincs().stream().anyMatch(codes::contains))
                .filter(c -> c.inForceOn(day)).findFirst();
    }

    /** The newest version of item {@code code} that sets a maximum monthly IQC CV, if any. */
    Optional<CatalogItem> withCvMaximum(String code) {
        return catalog.stream().map(CatalogVersion::item).filter(item -> item.code().equals(code))
                .filter(item -> item.cvMaxPercent() != null).findFirst();
    }
}
