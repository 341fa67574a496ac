package org.huren.domain.catalog;

import org.fhir.ucum.Component;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.DefinedUnit;
import org.fhir.ucum.ExpressionParser;
import org.fhir.ucum.Symbol;
import org.fhir.ucum.Term;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Brings a value reported under a LOINC code and a UCUM unit into a catalog item's canonical unit
 * (DOMAIN.md §2), in this order:
 * <ol>
 *   <li>the unit is the canonical unit: the value as is (whatever code of the item it was reported under);</li>
 *   <li>the code is an alternative of the item and the unit is that alternative's unit: value × factor;</li>
 *   <li>the unit has the canonical unit's dimension: a UCUM conversion (g/dL → g/L, 10*3/uL → 10*9/L,
 *       L/L → %);</li>
 *   <li>the code is an alternative and the unit has the alternative unit's dimension: UCUM into the alternative
 *       unit, then × factor (glucose 2339-0 in g/L → mg/dL → mmol/L).</li>
 * </ol>
 * Mass ↔ molar changes happen only through a catalog factor, i.e. only for the alternative code that carries
 * it: the primary code reported in an alternative's unit (glucose 14749-6 in mg/dL) is not convertible. Values
 * stay exact {@link BigDecimal}s; unknown or invalid units, or codes not of the item, give an empty answer,
 * never an exception. Thread-safe; the UCUM model is loaded once per class loader.
 * <p>
 * "Same dimension" is stricter than UCUM's {@code isComparable}: UCUM treats the mole (6.022…e23) and arbitrary
 * units such as {@code [IU]} as pure numbers, so it would turn mmol/L into 10*9/L, m[IU]/L into mmol/L, or an
 * IFCC HbA1c in mmol/mol into "%" (48 mmol/mol → 4.8 %, clinically wrong: ≈ 6.5 % NGSP). Both units must
 * therefore also mention the same amount-of-substance, arbitrary and special units (mol, kat, U, eq, osm;
 * [iU], [arb'U], [HPF], …; Cel, [pH], …), whatever their prefixes and exponents.
 */
public final class UnitConversion {

    public UnitConversion() {
    }

    /**
     * {@code value}, reported under {@code loinc} in {@code ucumUnit}, in {@code item}'s canonical unit; empty
     * when {@code loinc} is not one of the item's codes or the unit cannot be brought to the canonical unit.
     */
    public Optional<BigDecimal> toCanonical(CatalogItem item, String loinc, BigDecimal value, String ucumUnit) {
        if (item == null || loinc == null || value == null || ucumUnit == null || ucumUnit.isBlank()
                || !item.loincCodes().contains(loinc)) {
            return Optional.empty();
        }
        if (ucumUnit.equals(item.ucumUnit())) {
            return Optional.of(value);
        }
        Optional<AlternativeCode> alternative = item.alternatives().stream()
                .filter(a -> a.loinc().equals(loinc))
                .findFirst();
        if (alternative.isPresent() && ucumUnit.equals(alternative.get().ucumUnit())) {
            return Optional.of(value.multiply(alternative.get().factor()));
        }
        Optional<BigDecimal> sameDimension = Ucum.convert(value, ucumUnit, item.ucumUnit());
        if (sameDimension.isPresent() || alternative.isEmpty()) {
            return sameDimension;
        }
        AlternativeCode alt = alternative.get();
        return Ucum.convert(value, ucumUnit, alt.ucumUnit()).map(v -> v.multiply(alt.factor()));
    }

    /** Whether a value reported under {@code loinc} in {@code ucumUnit} can be brought to the item's unit. */
    public boolean isCompatible(CatalogItem item, String loinc, String ucumUnit) {
        return toCanonical(item, loinc, BigDecimal.ONE, ucumUnit).isPresent();
    }

    /** Whether {@code ucumUnit} is a syntactically valid UCUM unit made of known units (blank is not). */
    public boolean isValidUnit(String ucumUnit) {
        return Ucum.isValid(ucumUnit);
    }

    /**
     * The item of {@code catalog} (one version per item) reported under {@code loinc}, as its primary code or as
     * an alternative; a primary match wins over an alternative one.
     */
    public static Optional<CatalogItem> itemFor(List<CatalogItem> catalog, String loinc) {
        if (catalog == null || loinc == null) {
            return Optional.empty();
        }
        return catalog.stream().filter(Objects::nonNull).filter(i -> i.loinc().equals(loinc)).findFirst()
                .or(() -> catalog.stream().filter(Objects::nonNull).filter(i -> i.loincCodes().contains(loinc))
                        .findFirst());
    }

    /** Lazily loaded UCUM essence (ucum-essence.xml inside the org.fhir:ucum jar). */
    private static final class Ucum {

        private static final UcumEssenceService SERVICE = load();
        private static final int SIGNIFICANT_DIGITS = 18;

        private static UcumEssenceService load() {
            try (InputStream in = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
                if (in == null) {
                    throw new IllegalStateException("ucum-essence.xml not on the class path (org.fhir:ucum jar)");
                }
                return new UcumEssenceService(in);
            } catch (IOException | UcumException e) {
                throw new IllegalStateException("cannot load the UCUM essence", e);
            }
        }

        static boolean isValid(String unit) {
            if (unit == null || unit.isBlank()) {
                return false;
            }
            try {
                return SERVICE.validate(unit) == null;
            } catch (RuntimeException e) {
                return false;
            }
        }

        /** Same-dimension conversion; empty when either unit is invalid or the dimensions differ. */
        static Optional<BigDecimal> convert(BigDecimal value, String from, String to) {
            if (!isValid(from) || !isValid(to)) {
                return Optional.empty();
            }
            try {
                if (!SERVICE.isComparable(from, to) || !hiddenKinds(from, 0).equals(hiddenKinds(to, 0))) {
                    return Optional.empty();
                }
                Decimal converted = SERVICE.convert(new Decimal(value.toPlainString()), from, to);
                return converted == null ? Optional.empty()
                        : Optional.of(withoutUcumNoise(new BigDecimal(converted.asDecimal())));
            } catch (UcumException | RuntimeException e) {
                return Optional.empty();
            }
        }

        /**
         * UCUM goes through canonical units and divides with about 24 significant digits, so a conversion whose
         * factor is not a power of ten can come back as 29.9999999999999999999999 (0.5 ukat/L in U/L). Results
         * longer than {@value #SIGNIFICANT_DIGITS} significant digits are rounded to that many, far beyond any
         * measured value's precision; power-of-ten conversions come back exact and untouched.
         */
        private static BigDecimal withoutUcumNoise(BigDecimal converted) {
            if (converted.precision() <= SIGNIFICANT_DIGITS) {
                return converted;
            }
            BigDecimal rounded = converted.round(new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN))
                    .stripTrailingZeros();
            return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
        }

        /**
         * The units in {@code unit}, expanded through their definitions, that UCUM reduces to pure numbers but
         * that are kinds of their own: "mol" for amounts of substance (mol, kat, U, eq, osm), the code of an
         * arbitrary or other unit defined as "1" that is not a number ([iU], [arb'U], [HPF], …), and special
         * (non-linear) units.
         */
        private static Set<String> hiddenKinds(String unit, int depth) throws UcumException {
            if (depth > 16) {
                throw new UcumException("unit definitions nested too deeply: " + unit);
            }
            Set<String> kinds = new HashSet<>();
            collect(new ExpressionParser(SERVICE.getModel()).parse(unit), kinds, depth);
            return kinds;
        }

        private static void collect(Component component, Set<String> kinds, int depth) throws UcumException {
            if (component instanceof Term term) {
                collect(term.getComp(), kinds, depth);
                collect(term.getTerm(), kinds, depth);
            } else if (component instanceof Symbol symbol && symbol.getUnit() instanceof DefinedUnit defined) {
                String definition = defined.getValue() == null ? null : defined.getValue().getUnit();
                if ("mol".equals(defined.getCode())) {
                    kinds.add("mol");
                } else if (defined.isSpecial() || definition == null) {
                    kinds.add("special:" + defined.getCode());
                } else if ("1".equals(definition) && !"number".equals(defined.getProperty())) {
                    kinds.add("kind:" + defined.getCode());
                } else {
                    kinds.addAll(hiddenKinds(definition, depth + 1));
                }
            }
        }
    }
}
