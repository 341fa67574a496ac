package org.huren.domain.catalog;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * HuRen's default recognition catalog (40 items; DOMAIN.md §2), read from the {@code default-catalog.csv}
 * resource next to this class. The file is CSV (Commons CSV, RFC 4180) in UTF-8 with a header row, one record per
 * line; blank lines are ignored. Alternative codes are {@code LOINC:unit:factor} separated
 * by {@code |}; blank figures are absent. {@code plausible_low}/{@code plausible_high} bound the values a patient can
 * plausibly have in the canonical unit ({@link PlausibleRange}; both blank where no useful bound exists, as for
 * enzymes and tumour markers, whose values span orders of magnitude — ADR 0017).
 */
public final class DefaultCatalog {

    static final String RESOURCE = "default-catalog.csv";

    static final List<String> HEADER = List.of("item_code", "name_zh", "name_en", "category", "loinc", "ucum",
            "tea_abs", "tea_pct", "cv_max_pct", "bias_max_pct", "validity_days", "validity_source", "alt_codes",
            "tea_source", "plausible_low", "plausible_high");

    private static final int CODE = 0, NAME_ZH = 1, NAME_EN = 2, CATEGORY = 3, LOINC = 4, UCUM = 5, TEA_ABS = 6,
            TEA_PCT = 7, CV_MAX = 8, BIAS_MAX = 9, VALIDITY_DAYS = 10, VALIDITY_SOURCE = 11, ALT_CODES = 12,
            TEA_SOURCE = 13, PLAUSIBLE_LOW = 14, PLAUSIBLE_HIGH = 15;

    private static final Map<String, String> SPECIMEN_BY_CATEGORY = Map.of(
            "chemistry", "serum/plasma",
            "immunology", "serum/plasma",
            "hematology", "whole blood",
            "coagulation", "citrated plasma");

    /** One record per line: the lines are read one by one, so that an error can name its line. */
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).get();

    private DefaultCatalog() {
    }

    /** The default catalog, every item effective from {@code effectiveFrom}. */
    public static List<CatalogItem> load(LocalDate effectiveFrom) {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        InputStream in = DefaultCatalog.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("resource " + RESOURCE + " not found next to " + DefaultCatalog.class);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader, RESOURCE, effectiveFrom);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Parses catalog CSV text. Visible for tests.
     *
     * @throws IllegalArgumentException naming the source and line of the first malformed row
     */
    static List<CatalogItem> parse(Reader reader, String source, LocalDate effectiveFrom) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        String header = lines.readLine();
        if (header == null) {
            throw new IllegalArgumentException(source + ": empty, expected the header " + String.join(",", HEADER));
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (!List.of(fields(header)).equals(HEADER)) {
            throw new IllegalArgumentException(source + " line 1: unexpected header '" + header + "', expected "
                    + String.join(",", HEADER));
        }
        List<CatalogItem> items = new ArrayList<>();
        Map<String, Integer> lineByCode = new HashMap<>();
        Map<String, Integer> lineByLoinc = new HashMap<>();
        int lineNumber = 1;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            CatalogItem item;
            try {
                item = row(line, effectiveFrom);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + " line " + lineNumber + ": " + e.getMessage()
                        + " in '" + line + "'", e);
            }
            Integer earlier = lineByCode.putIfAbsent(item.code(), lineNumber);
            if (earlier != null) {
                throw new IllegalArgumentException(source + " line " + lineNumber + ": item code " + item.code()
                        + " already on line " + earlier);
            }
            for (String loinc : item.loincCodes()) {
                earlier = lineByLoinc.putIfAbsent(loinc, lineNumber);
                if (earlier != null) {
                    throw new IllegalArgumentException(source + " line " + lineNumber + ": LOINC " + loinc
                            + " already used on line " + earlier);
                }
            }
            items.add(item);
        }
        return List.copyOf(items);
    }

    private static CatalogItem row(String line, LocalDate effectiveFrom) {
        String[] f = fields(line);
        if (f.length != HEADER.size()) {
            throw new IllegalArgumentException("expected " + HEADER.size() + " fields but found " + f.length);
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        String code = required(f, CODE);
        String category = required(f, CATEGORY);
        String specimen = SPECIMEN_BY_CATEGORY.get(category);
        if (specimen == null) {
            throw new IllegalArgumentException("unknown category '" + category + "' (expected one of "
                    + SPECIMEN_BY_CATEGORY.keySet() + ")");
        }
        BigDecimal abs = decimal(f, TEA_ABS);
        BigDecimal pct = decimal(f, TEA_PCT);
        if (abs == null && pct == null) {
            throw new IllegalArgumentException("tea_abs and tea_pct are both blank");
        }
        int validityDays;
        try {
            validityDays = Integer.parseInt(required(f, VALIDITY_DAYS));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("validity_days is not a whole number: '" + f[VALIDITY_DAYS] + "'");
        }
        return new CatalogItem(code,
                required(f, NAME_ZH),
                required(f, NAME_EN),
                category,
                required(f, LOINC),
                required(f, UCUM),
                alternatives(f[ALT_CODES]),
                new AllowableError(abs, pct),
                decimal(f, CV_MAX),
                decimal(f, BIAS_MAX),
                validityDays,
                blankToNull(f[VALIDITY_SOURCE]),
                specimen,
                required(f, TEA_SOURCE),
                effectiveFrom,
                plausibleRange(decimal(f, PLAUSIBLE_LOW), decimal(f, PLAUSIBLE_HIGH)));
    }

    private static PlausibleRange plausibleRange(BigDecimal low, BigDecimal high) {
        if (low == null && high == null) {
            return null;
        }
        if (low == null || high == null) {
            throw new IllegalArgumentException("plausible_low and plausible_high are given together or not at all");
        }
        return new PlausibleRange(low, high);
    }

    /** The fields of one line, as CSV reads them (a field holding a comma is quoted). */
    private static String[] fields(String line) {
        try (CSVParser parser = CSV.parse(new StringReader(line))) {
            List<CSVRecord> records = parser.getRecords();
            return records.isEmpty() ? new String[] {line} : records.get(0).toList().toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<AlternativeCode> alternatives(String field) {
        if (field.isEmpty()) {
            return List.of();
        }
        List<AlternativeCode> alternatives = new ArrayList<>();
        for (String entry : field.split("\\|", -1)) {
            int first = entry.indexOf(':');
            int last = entry.lastIndexOf(':');
            if (first <= 0 || last == first || last == entry.length() - 1) {
                throw new IllegalArgumentException("alternative code '" + entry + "' is not LOINC:unit:factor");
            }
            String loinc = entry.substring(0, first).strip();
            String unit = entry.substring(first + 1, last).strip();
            String factor = entry.substring(last + 1).strip();
            if (loinc.isEmpty() || unit.isEmpty()) {
                throw new IllegalArgumentException("alternative code '" + entry + "' is not LOINC:unit:factor");
            }
            alternatives.add(new AlternativeCode(loinc, unit, number("alternative factor", factor)));
        }
        return alternatives;
    }

    private static String required(String[] f, int index) {
        if (f[index].isEmpty()) {
            throw new IllegalArgumentException(HEADER.get(index) + " is blank");
        }
        return f[index];
    }

    private static BigDecimal decimal(String[] f, int index) {
        return f[index].isEmpty() ? null : number(HEADER.get(index), f[index]);
    }

    private static BigDecimal number(String name, String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: '" + text + "'");
        }
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
