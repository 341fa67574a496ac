package org.huren.api.localcode;

import org.huren.api.web.SpreadsheetUpload;
import org.huren.domain.catalog.UnitSpelling;
import org.huren.domain.common.DomainRuleViolation;
import org.huren.domain.common.Vocabulary;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A lab's code list as it travels (ADR 0017): one row per local item, with the lab's code, its name and unit, and
 * the catalog item the QC manager assigned (its code, or a LOINC code the catalog knows). Column names may be English
 * or the Chinese a lab's export uses (项目代码, 项目名称, 单位, 互认项目, 生效日期, 追溯), as
 * {@code code-list-columns.properties} lists them; yes/no and dates as {@code code-list-values.properties} does.
 * A row naming no catalog item is one the catalog does not cover: it is left out (reported), not refused. Units may
 * be written as lists write them ({@code ×10^9/L}, {@code μmol/L}; {@link UnitSpelling}).
 */
record CodeMapRows(List<Line> lines, List<Integer> skipped) {

    /** One row: its number in the spreadsheet and what it says. */
    record Line(int row, String code, String display, String unit, String itemCode, String loinc,
                LocalDate effectiveFrom, Boolean retroactive) {

        String source() {
            return "rows[" + row + "]";
        }
    }

    /** The headers each column is recognized by (code-list-columns.properties). */
    private static final Vocabulary COLUMNS = Vocabulary.of(CodeMapRows.class, "code-list-columns.properties");
    static final List<String> CODE = COLUMNS.words("code");
    static final List<String> DISPLAY = COLUMNS.words("display");
    static final List<String> UNIT = COLUMNS.words("unit");
    static final List<String> ITEM = COLUMNS.words("item_code");
    static final List<String> LOINC = COLUMNS.words("loinc");
    static final List<String> EFFECTIVE_FROM = COLUMNS.words("effective_from");
    static final List<String> RETROACTIVE = COLUMNS.words("retroactive");

    /** The words of yes and no, and the date patterns besides ISO (code-list-values.properties). */
    private static final Vocabulary VALUES = Vocabulary.of(CodeMapRows.class, "code-list-values.properties");
    private static final List<String> YES = VALUES.words("yes");
    private static final List<String> NO = VALUES.words("no");
    private static final List<DateTimeFormatter> DATES = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(DateTimeFormatter.ISO_LOCAL_DATE),
            VALUES.words("date-patterns").stream().map(DateTimeFormatter::ofPattern)).toList();

    /** The rows of an upload; its rule violations (a missing column, a bad date) listed in {@code problems}. */
    static CodeMapRows of(SpreadsheetUpload upload, List<DomainRuleViolation> problems) {
        Optional<String> code = upload.column(CODE);
        Optional<String> display = upload.column(DISPLAY);
        Optional<String> unit = upload.column(UNIT);
        Optional<String> item = upload.column(ITEM);
        Optional<String> loinc = upload.column(LOINC);
        Optional<String> effective = upload.column(EFFECTIVE_FROM);
        Optional<String> retroactive = upload.column(RETROACTIVE);
        for (var required : List.of(java.util.Map.entry("code", code), java.util.Map.entry("display", display),
                java.util.Map.entry("unit", unit))) {
            if (required.getValue().isEmpty()) {
                problems.add(missing(required.getKey(), upload));
            }
        }
        if (item.isEmpty() && loinc.isEmpty()) {
            problems.add(missing("itemCode", upload));
        }
        if (!problems.isEmpty()) {
            return new CodeMapRows(List.of(), List.of());
        }
        List<Line> lines = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        for (SpreadsheetUpload.Row row : upload.rows()) {
            String itemCode = item.map(row::get).orElse(null);
            String loincCode = loinc.map(row::get).orElse(null);
            if (itemCode == null && loincCode == null) {
                skipped.add(row.number());
                continue;
            }
            String source = "rows[" + row.number() + "]";
            String labUnit = row.get(unit.get());
            lines.add(new Line(row.number(), row.get(code.get()), row.get(display.get()),
                    labUnit == null ? null : UnitSpelling.ucum(labUnit),
                    itemCode, loincCode, effective.map(row::get).map(d -> date(d, source, problems)).orElse(null),
                    retroactive.map(row::get).map(r -> yes(r, source, problems)).orElse(null)));
        }
        return new CodeMapRows(lines, skipped);
    }

    private static DomainRuleViolation missing(String field, SpreadsheetUpload upload) {
        List<String> headers = switch (field) {
            case "code" -> CODE;
            case "display" -> DISPLAY;
            case "unit" -> UNIT;
            default -> java.util.stream.Stream.concat(ITEM.stream(), LOINC.stream()).toList();
        };
        return new DomainRuleViolation("missing-column", field, "the list has no " + field + " column (its header "
                + "row is " + upload.header() + "); name it one of " + String.join(", ", headers), field,
                String.join(", ", headers));
    }

    static LocalDate date(String text, String source, List<DomainRuleViolation> problems) {
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(text, format);
            } catch (DateTimeParseException e) {
                // the next format
            }
        }
        problems.add(new DomainRuleViolation("invalid-date", source + ".effectiveFrom", "'" + text
                + "' is not a date (write 2026-12-01)"));
        return null;
    }

    private static Boolean yes(String text, String source, List<DomainRuleViolation> problems) {
        String value = text.toLowerCase(Locale.ROOT);
        if (YES.contains(value)) {
            return true;
        }
        if (NO.contains(value)) {
            return false;
        }
        problems.add(new DomainRuleViolation("invalid-flag", source + ".retroactive", "'" + text
                + "' is not yes (" + String.join(", ", YES) + ") or no (" + String.join(", ", NO) + ")", text));
        return null;
    }
}
