package org.huren.api.localcode;

import org.huren.api.web.SpreadsheetUpload;
import org.huren.domain.catalog.UnitSpelling;
import org.huren.domain.common.DomainRuleViolation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A lab's code list as it travels (ADR 0017): one row per local item, with the lab's code, its name and unit, and
 * the catalog item the QC manager assigned (its code, or a LOINC code the catalog knows). Column names may be English
 * or the Chinese a lab's export uses (项目代码, 项目名称, 单位, 互认项目, 生效日期, 追溯). A row naming no catalog
 * item is one the catalog does not cover: it is left out (reported), not refused. Units may be written as lists
 * write them ({@code ×10^9/L}, {@code μmol/L}; {@link UnitSpelling}).
 */
record CodeMapRows(List<Line> lines, List<Integer> skipped) {

    /** One row: its number in the spreadsheet and what it says. */
    record Line(int row, String code, String display, String unit, String itemCode, String loinc,
                LocalDate effectiveFrom, Boolean retroactive) {

        String source() {
            return "rows[" + row + "]";
        }
    }

    static final String[] CODE = {"code", "local_code", "local code", "项目代码", "本院代码", "代码", "项目编码", "编码"};
    static final String[] DISPLAY = {"display", "name", "name_zh", "项目名称", "中文名称", "名称"};
    static final String[] UNIT = {"unit", "ucum", "单位"};
    static final String[] ITEM = {"item_code", "catalog_item", "互认项目", "互认项目代码", "目录代码"};
    static final String[] LOINC = {"loinc", "LOINC码", "LOINC代码"};
    static final String[] EFFECTIVE_FROM = {"effective_from", "生效日期"};
    static final String[] RETROACTIVE = {"retroactive", "追溯"};

    private static final Set<String> YES = Set.of("true", "yes", "y", "1", "是");
    private static final Set<String> NO = Set.of("false", "no", "n", "0", "否");
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyy.M.d"),
            DateTimeFormatter.ofPattern("yyyy年M月d日"));

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
        return new DomainRuleViolation("missing-column", field, "the list has no " + field + " column (its header "
                + "row is " + upload.header() + "); name it e.g. " + String.join(" or ", switch (field) {
                    case "code" -> List.of("code", "项目代码");
                    case "display" -> List.of("display", "项目名称");
                    case "unit" -> List.of("unit", "单位");
                    default -> List.of("item_code", "互认项目", "loinc");
                }));
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
                + "' is not yes or no (true/false, 是/否)"));
        return null;
    }
}
