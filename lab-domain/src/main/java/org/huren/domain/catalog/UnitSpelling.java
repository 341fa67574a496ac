package org.huren.domain.catalog;

import org.huren.domain.common.Vocabulary;

import java.util.Map;
import java.util.Objects;

/**
 * Units as Chinese labs' lists and health commissions' tables write them, in UCUM (ADR 0017): {@code ×10^9/L} →
 * {@code 10*9/L}, {@code μmol/L} → {@code umol/L}, {@code IU/L} and {@code mIU/L} → {@code U/L} and
 * {@code m[IU]/L}, {@code 秒} → {@code s}; anything else as it is (then checked as UCUM). The spellings are data,
 * listed in {@code unit-spellings.properties}.
 */
public final class UnitSpelling {

    /** Units as lists write them → their UCUM spelling. */
    private static final Map<String, String> SPELLINGS = Vocabulary.of(UnitSpelling.class,
            "unit-spellings.properties").entries();

    private UnitSpelling() {
    }

    public static String ucum(String unit) {
        String u = Objects.requireNonNull(unit).strip().replace('μ', 'u').replace('µ', 'u')
                .replaceAll("^[×xX*]?\\s*10\\s*\\^?\\s*(\\d+)\\s*/", "10*$1/");
        return SPELLINGS.getOrDefault(u, u);
    }
}
