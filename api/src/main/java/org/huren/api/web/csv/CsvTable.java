package org.huren.api.web.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rows of one record type as an RFC 4180 table: a header row of the record's component names, then one line per
 * row. A nested record's components become columns of their own ({@code grade.scorePercent}); a list of plain values
 * is one cell, its values joined by {@code "; "}; a list of records (an EQA entry's sample grades, an IQC run's rule
 * points) has no column — the JSON answer holds it. Numbers are plain decimals ({@code 0.00001}, never
 * {@code 1E-5}), times and dates ISO 8601, text as it is (Chinese included), quoted where RFC 4180 needs it.
 */
public record CsvTable(String filename, Class<?> rowType, List<?> rows, boolean bom) {

    /** A column: its header and how a row's cell is read. */
    private record Column(String name, Function<Object, Object> value) {
    }

    public void write(Writer out) throws IOException {
        List<Column> columns = columns(rowType, "", Function.identity());
        if (bom) {
            out.write('\uFEFF'); // Excel reads UTF-8 only after a byte order mark
        }
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setHeader(columns.stream().map(Column::name).toArray(String[]::new)).get();
        // not closed: the writer belongs to the caller (closing it would close the response stream under Spring)
        CSVPrinter printer = new CSVPrinter(out, format);
        for (Object row : rows) {
            List<String> cells = new ArrayList<>(columns.size());
            for (Column column : columns) {
                cells.add(cell(column.value().apply(row)));
            }
            printer.printRecord(cells);
        }
        printer.flush();
    }

    private static List<Column> columns(Class<?> type, String prefix, Function<Object, Object> owner) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type + " is not a record: no columns to export");
        }
        List<Column> columns = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Function<Object, Object> value = row -> {
                Object parent = owner.apply(row);
                return parent == null ? null : read(component, parent);
            };
            Class<?> kind = component.getType();
            if (kind.isRecord()) {
                columns.addAll(columns(kind, prefix + component.getName() + ".", value));
            } else if (Map.class.isAssignableFrom(kind) || Collection.class.isAssignableFrom(kind)
                    && holdsRecords(component)) {
                continue;
            } else {
                columns.add(new Column(prefix + component.getName(), value));
            }
        }
        return columns;
    }

    private static boolean holdsRecords(RecordComponent component) {
        Class<?> element = org.springframework.core.ResolvableType.forType(component.getGenericType())
                .asCollection().getGeneric(0).resolve(Object.class);
        return element.isRecord();
    }

    private static Object read(RecordComponent component, Object row) {
        try {
            return component.getAccessor().invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(CsvTable::cell).collect(Collectors.joining("; "));
        }
        return value.toString();
    }
}
