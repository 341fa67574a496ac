package org.huren.api.support;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Spreadsheets as labs and health commissions deliver them: a CSV fixture written into a real XLSX workbook with
 * Apache POI — a title row above the header, as exports from a LIS often have, a bold header, and numbers as
 * numeric cells — so that an import reads a genuine .xlsx, not CSV under another name.
 */
public final class Workbooks {

    private Workbooks() {
    }

    /** The CSV resource's rows, header first. */
    public static List<CSVRecord> csv(String resource) {
        try (Reader reader = new InputStreamReader(Objects.requireNonNull(Workbooks.class.getResourceAsStream(
                resource), resource), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.parse(reader).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSV resource as the first sheet of an XLSX workbook named {@code sheetName}, under a title row. */
    public static byte[] xlsx(String resource, String sheetName, String title) {
        return xlsx(csv(resource).stream().map(CSVRecord::toList).toList(), sheetName, title);
    }

    public static byte[] xlsx(List<List<String>> rows, String sheetName, String title) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(sheetName);
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            int r = 0;
            if (title != null) {
                sheet.createRow(r++).createCell(0).setCellValue(title);
                r++; // a blank row under the title
            }
            for (int i = 0; i < rows.size(); i++) {
                Row row = sheet.createRow(r++);
                List<String> cells = rows.get(i);
                for (int c = 0; c < cells.size(); c++) {
                    String value = cells.get(c);
                    if (value.matches("-?\\d+(\\.\\d+)?") && i > 0) {
                        row.createCell(c).setCellValue(Double.parseDouble(value));
                    } else {
                        row.createCell(c).setCellValue(value);
                    }
                    if (i == 0) {
                        row.getCell(c).setCellStyle(bold);
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
