package org.huren.domain.localcode;

import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.catalog.UnitConversion;
import org.huren.domain.common.DomainRuleViolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a mapping of a lab's local code may say (ADR 0017), as a pure function: the code and the lab's name for it
 * are given, the catalog item exists, and — the rule that keeps a wrong mapping from recognizing wrong values — the
 * lab's unit is valid UCUM and converts to the item's unit. The LOINC code the mapping adds to the lab's results is
 * the item's first code under which that unit converts: the primary one, or an alternative whose factor turns a
 * mass concentration into the item's molar one (glucose in mg/dL → 2345-7).
 */
public final class LocalCodeMappingCheck {

    /** Longest local code accepted: LIS item codes are short; anything longer is a column mix-up. */
    public static final int MAX_CODE_LENGTH = 64;

    private static final UnitConversion UNITS = new UnitConversion();

    private LocalCodeMappingCheck() {
    }

    /** The mapping the proposal makes; throws the first rule it breaks, naming the request field. */
    public static LocalCodeMapping check(LocalCodeProposal proposal) {
        List<DomainRuleViolation> problems = problems(proposal);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        CatalogItem item = proposal.item();
        return new LocalCodeMapping(proposal.code(), proposal.display(), proposal.unit(), item.code(),
                item.nameEn(), loincFor(item, proposal.unit()).orElseThrow(), item.ucumUnit(), proposal.allianceId(),
                proposal.effectiveFrom(), proposal.retroactive());
    }

    /** Every rule the proposal breaks, in field order; empty when it is a valid mapping. */
    public static List<DomainRuleViolation> problems(LocalCodeProposal p) {
        List<DomainRuleViolation> problems = new ArrayList<>();
        if (blank(p.code())) {
            problems.add(new DomainRuleViolation("code-required", p.field("code"), "a mapping names the lab's code"));
        } else if (p.code().length() > MAX_CODE_LENGTH || !p.code().equals(p.code().strip())
                || p.code().codePoints().anyMatch(Character::isISOControl)) {
            problems.add(new DomainRuleViolation("invalid-code", p.field("code"), "'" + p.code() + "' is not a "
                    + "local item code: at most " + MAX_CODE_LENGTH + " characters, no surrounding spaces"));
        }
        if (blank(p.display())) {
            problems.add(new DomainRuleViolation("display-required", p.field("display"), "a mapping gives the "
                    + "lab's name of the item, as its LIS shows it, so that its QC manager can check it"));
        }
        if (p.item() == null) {
            problems.add(new DomainRuleViolation("not-in-catalog", p.field("itemCode"), blank(p.itemCode())
                    ? "a mapping names the catalog item (itemCode) the local code stands for"
                    : "item " + p.itemCode() + " is not in the recognition catalog"
                    + (p.allianceId() == null ? "" : " of alliance " + p.allianceId())
                    + (p.effectiveFrom() == null ? "" : " on " + p.effectiveFrom())));
        }
        if (blank(p.unit())) {
            problems.add(new DomainRuleViolation("unit-required", p.field("unit"), "a mapping gives the UCUM unit "
                    + "the lab reports the item in (e.g. mmol/L)"));
        } else if (!UNITS.isValidUnit(p.unit())) {
            problems.add(new DomainRuleViolation("invalid-ucum", p.field("unit"), "'" + p.unit()
                    + "' is not a valid UCUM unit (write mmol/L, umol/L, g/L, 10*9/L, U/L …)", p.unit()));
        } else if (p.item() != null && loincFor(p.item(), p.unit()).isEmpty()) {
            problems.add(new DomainRuleViolation("unit-not-convertible", p.field("unit"), "unit " + p.unit()
                    + " does not convert to " + p.item().code() + "'s unit " + p.item().ucumUnit()
                    + ": a result mapped this way could never be compared; check the lab's unit or the item", p.unit(),
                    p.item().code(), p.item().ucumUnit()));
        }
        if (p.effectiveFrom() == null) {
            problems.add(new DomainRuleViolation("effective-from-required", p.field("effectiveFrom"),
                    "a mapping says from which day it applies"));
        }
        return problems;
    }

    /** The item's first LOINC code (primary first) under which {@code unit} converts to the item's unit. */
    public static Optional<String> loincFor(CatalogItem item, String unit) {
        return item.loincCodes().stream().filter(loinc -> UNITS.isCompatible(item, loinc, unit)).findFirst();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
