package org.huren.domain.catalog;

import org.huren.domain.common.Vocabulary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regional list of mutually recognized items (互认项目目录), as a health commission publishes it — item name,
 * Chinese name, specimen, unit, LOINC where given — matched row by row against HuRen's reference catalog, whose
 * items carry the limits a list does not (ADR 0017). A row matches an item:
 * <ol>
 *   <li>by its LOINC code, when it gives one (primary or alternative code of the item) — a LOINC the reference does
 *       not know leaves the row unmatched rather than guessing by name;</li>
 *   <li>else by name: the Chinese name, a common Chinese synonym (谷丙转氨酶 for ALT), the English name, or an
 *       abbreviation in brackets that is an item code (葡萄糖(GLU));</li>
 * </ol>
 * and then only if its specimen is blood (the catalog's items are serum, plasma or whole-blood items: a urine or
 * CSF glucose is another item) and its unit, when given, converts to the item's unit. Each item is matched once;
 * a later row naming it again is reported as a duplicate.
 */
public final class RegionalListMatching {

    /** One row of the list, as published (blank cells null), numbered as the spreadsheet numbers it. */
    public record Row(int number, String name, String nameZh, String specimen, String unit, String loinc) {
    }

    /** What a row matched — an item, and by what (LOINC, NAME_ZH, NAME_EN, CODE) — or why it matched nothing. */
    public record Match(Row row, CatalogItem item, String matchedBy, String reason) {

        public boolean matched() {
            return item != null;
        }
    }

    /** Chinese names of items that differ from the catalog's (older or colloquial names on regional lists). */
    private static final Map<String, String> SYNONYMS = Vocabulary.of(RegionalListMatching.class,
            "item-name-synonyms.properties").entries();
    /** A name with its abbreviation in brackets, half- or full-width: 葡萄糖(GLU), 葡萄糖（GLU）. */
    private static final Pattern BRACKETED = Pattern.compile(
            "^(.*?)[(\\uFF08]([^()\\uFF08\\uFF09]+)[)\\uFF09]\\s*$");
    /** Words of a specimen other than blood, in lower case. */
    private static final List<String> NOT_BLOOD = Vocabulary.of(RegionalListMatching.class,
            "non-blood-specimens.properties").allWords().stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
    private static final UnitConversion UNITS = new UnitConversion();

    private RegionalListMatching() {
    }

    public static List<Match> match(List<Row> rows, List<CatalogItem> reference) {
        Map<String, Integer> matchedRowOfItem = new HashMap<>();
        List<Match> matches = new ArrayList<>();
        for (Row row : rows) {
            Match match = matchOne(row, reference);
            if (match.matched()) {
                Integer earlier = matchedRowOfItem.putIfAbsent(match.item().code(), row.number());
                if (earlier != null) {
                    match = new Match(row, null, null, "item " + match.item().code() + " was matched by row "
                            + earlier + " already");
                }
            }
            matches.add(match);
        }
        return matches;
    }

    private static Match matchOne(Row row, List<CatalogItem> reference) {
        CatalogItem item;
        String by;
        if (row.loinc() != null) {
            item = UnitConversion.itemFor(reference, row.loinc().strip()).orElse(null);
            by = "LOINC";
            if (item == null) {
                return new Match(row, null, null, "LOINC " + row.loinc() + " is not a code of any item of HuRen's "
                        + "reference catalog");
            }
        } else {
            Optional<Match> byName = byName(row, reference);
            if (byName.isEmpty()) {
                return new Match(row, null, null, "no item of HuRen's reference catalog is named "
                        + describe(row) + "; add a LOINC code to the row");
            }
            item = byName.get().item();
            by = byName.get().matchedBy();
        }
        if (row.specimen() != null) {
            String specimen = row.specimen().toLowerCase(Locale.ROOT);
            if (NOT_BLOOD.stream().anyMatch(specimen::contains)) {
                return new Match(row, null, null, "specimen " + row.specimen() + ": " + item.code()
                        + " in the catalog is a " + item.specimenType() + " item");
            }
        }
        if (row.unit() != null) {
            String unit = UnitSpelling.ucum(row.unit());
            boolean converts = item.loincCodes().stream().anyMatch(loinc -> UNITS.isCompatible(item, loinc, unit));
            if (!converts) {
                return new Match(row, null, null, "unit " + row.unit() + " does not convert to " + item.code()
                        + "'s unit " + item.ucumUnit());
            }
        }
        return new Match(row, item, by, null);
    }

    private static Optional<Match> byName(Row row, List<CatalogItem> reference) {
        for (String name : new String[]{row.nameZh(), row.name()}) {
            if (name == null) {
                continue;
            }
            String whole = compact(name);
            Matcher bracketed = BRACKETED.matcher(name.strip());
            String base = bracketed.matches() ? compact(bracketed.group(1)) : whole;
            String abbreviation = bracketed.matches() ? bracketed.group(2).strip() : null;
            for (CatalogItem item : reference) {
                if (item.nameZh() != null && (compact(item.nameZh()).equals(whole)
                        || compact(item.nameZh()).equals(base))) {
                    return Optional.of(new Match(row, item, "NAME_ZH", null));
                }
                if (item.code().equals(SYNONYMS.get(whole)) || item.code().equals(SYNONYMS.get(base))) {
                    return Optional.of(new Match(row, item, "NAME_ZH", null));
                }
                if (compact(item.nameEn()).equalsIgnoreCase(whole) || compact(item.nameEn()).equalsIgnoreCase(base)) {
                    return Optional.of(new Match(row, item, "NAME_EN", null));
                }
            }
            if (abbreviation != null) {
                for (CatalogItem item : reference) {
                    if (item.code().equalsIgnoreCase(abbreviation.replace("-", "").replace(" ", ""))) {
                        return Optional.of(new Match(row, item, "CODE", null));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String compact(String text) {
        // spaces, ideographic (full-width) ones included; full-width brackets as half-width ones
        return text.replaceAll("[\\s\\u3000]", "").replace('\uFF08', '(').replace('\uFF09', ')');
    }

    private static String describe(Row row) {
        return String.join(" / ", java.util.stream.Stream.of(row.nameZh(), row.name()).filter(Objects::nonNull)
                .toList());
    }
}
