package org.huren.domain.catalog;

import java.util.Objects;

/**
 * Units as Chinese labs' lists and health commissions' tables write them, in UCUM (ADR 0017): {@code ×10^9/L} →
 * {@code 10*9/L}, {@code μmol/L} → {@code umol/L}, {@code IU/L} and {@code mIU/L} → {@code U/L} and
 * {@code m[IU]/L}, {@code 秒} → {@code s}; anything else as it is (then checked as UCUM).
 */
public final class UnitSpelling {

    private UnitSpelling() {
    }

    public static String ucum(String unit) {
        String u = Objects.requireNonNull(unit).strip().replace('μ', 'u').replace('µ', 'u')
                .replaceAll("^[×xX*]?\\s*10\\s*\\^?\\s*(\\d+)\\s*/", "10*$1/");
        return switch (u) {
            case "IU/L" -> "U/L";
            case "mIU/L" -> "m[IU]/L";
            case "uIU/mL" -> "u[IU]/mL";
            case "秒" -> "s";
            default -> u;
        };
    }
}
