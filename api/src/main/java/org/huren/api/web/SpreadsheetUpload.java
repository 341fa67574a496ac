package org.huren.api.web;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.huren.domain.common.DomainRuleViolation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A table a QC manager uploads as labs and health commissions deliver them (ADR 0017): CSV (UTF-8 — or GB18030/GBK
 * when declared, which the door turns into UTF-8) or an XLSX workbook, read with commons-csv and Apache POI. The
 * first row of the CSV or of the workbook's first sheet with at least two non-blank cells is the header (a title row
 * above it, as LIS exports have, is passed over); every later non-blank row is a row, numbered as the spreadsheet
 * numbers it, so that an error can name the row a person sees. Cells are text as displayed (POI's {@link DataFormatter}), trimmed; blank cells are absent.
 */
public record SpreadsheetUpload(List<String> header, List<Row> rows) {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String CSV = "text/csv";

    /** One row: its number in the spreadsheet and its non-blank cells by header. */
    public record Row(int number, Map<String, String> cells) {

        public String get(String column) {
            return column == null ? null : cells.get(column);
        }
    }

    /**
     * Reads an upload of type {@code contentType} holding at most {@code maxRows} rows; an unreadable or empty file,
     * or a longer one, is refused naming the body.
     */
    public static SpreadsheetUpload read(byte[] body, String contentType, int maxRows) {
        boolean xlsx = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(XLSX);
        List<List<String>> cells = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        if (xlsx) {
            readWorkbook(body, cells, numbers, maxRows);
        } else {
            readCsv(new String(body, StandardCharsets.UTF_8), cells, numbers, maxRows);
        }
        int headerAt = 0;
        while (headerAt < cells.size() && cells.get(headerAt).stream().filter(c -> c != null && !c.isBlank())
                .count() < 2) {
            headerAt++;
        }
        if (headerAt == cells.size()) {
            throw new DomainRuleViolation("empty-upload", "body", "the upload has no header row: a row naming the "
                    + "columns (at least two) comes before the data");
        }
        List<String> header = cells.get(headerAt).stream().map(c -> c == null ? "" : c.strip()).toList();
        List<Row> rows = new ArrayList<>();
        for (int i = headerAt + 1; i < cells.size(); i++) {
            Map<String, String> row = new LinkedHashMap<>();
            List<String> values = cells.get(i);
            for (int c = 0; c < header.size() && c < values.size(); c++) {
                String value = values.get(c) == null ? "" : values.get(c).strip();
                if (!value.isEmpty() && !header.get(c).isEmpty()) {
                    row.put(header.get(c), value);
                }
            }
            rows.add(new Row(numbers.get(i), row));
        }
        return new SpreadsheetUpload(header, List.copyOf(rows));
    }

    /**
     * The header among {@code names} (compared without case, spaces, underscores, hyphens or brackets), if the upload
     * has one of them: {@code item_code}, {@code Item Code} and {@code itemCode} are one column.
     */
    public Optional<String> column(String... names) {
        return column(List.of(names));
    }

    /** The header among {@code names}, as {@link #column(String...)}: a vocabulary's headers of one column. */
    public Optional<String> column(List<String> names) {
        for (String name : names) {
            for (String column : header) {
                if (normal(column).equals(normal(name))) {
                    return Optional.of(column);
                }
            }
        }
        return Optional.empty();
    }

    private static String normal(String name) {
        // brackets half- or full-width (U+FF08, U+FF09), as Chinese headers write them: 单位（UCUM）
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-()\\uFF08\\uFF09\\[\\]]", "");
    }

    private static void readCsv(String text, List<List<String>> cells, List<Integer> numbers, int maxRows) {
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(content), format)) {
            for (CSVRecord record : parser) {
                List<String> values = record.toList();
                if (values.stream().allMatch(v -> v == null || v.isBlank())) {
                    continue;
                }
                if (cells.size() > maxRows) {
                    throw tooLong(maxRows);
                }
                cells.add(values);
                numbers.add((int) record.getRecordNumber());
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new DomainRuleViolation("unreadable-upload", "body", "the CSV cannot be read: " + e.getMessage());
        }
    }

    private static void readWorkbook(byte[] body, List<List<String>> cells, List<Integer> numbers, int maxRows) {
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(body))) {
            if (workbook.getNumberOfSheets() == 0) {
                return;
            }
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter formatter = new DataFormatter(Locale.ROOT);
            var formulas = workbook.getCreationHelper().createFormulaEvaluator();
            for (org.apache.poi.ss.usermodel.Row row : sheet) {
                List<String> values = new ArrayList<>();
                for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                    Cell cell = row.getCell(c);
                    values.add(cell == null ? "" : formatter.formatCellValue(cell, formulas));
                }
                if (values.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (cells.size() > maxRows) {
                    throw tooLong(maxRows);
                }
                cells.add(values);
                numbers.add(row.getRowNum() + 1);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainRuleViolation violation) {
                throw violation;
            }
            throw new DomainRuleViolation("unreadable-upload", "body", "the upload is not an XLSX workbook HuRen "
                    + "can read (" + e.getClass().getSimpleName() + "); save it as .xlsx or send CSV");
        }
    }

    private static DomainRuleViolation tooLong(int maxRows) {
        return new DomainRuleViolation("too-many-rows", "body", "the upload has more than " + maxRows
                + " rows: split it", String.valueOf(maxRows));
    }
}
