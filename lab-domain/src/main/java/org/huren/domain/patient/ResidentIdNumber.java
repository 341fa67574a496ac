package org.huren.domain.patient;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * 居民身份证号: the 18-character citizen identity number of GB 11643-1999 — a 6-digit address code, the birth date
 * (yyyyMMdd), a 3-digit sequence code and a check character computed with ISO 7064 MOD 11-2 (digit weights 2^(17-i)
 * mod 11; check = (12 − Σ mod 11) mod 11, where 10 is written {@code X}). A typing error in one digit, or two
 * neighbours swapped, changes the check character: refusing such a number keeps a mistyped patient from being linked
 * to somebody else's results across labs.
 */
public final class ResidentIdNumber {

    private static final int LENGTH = 18;

    private ResidentIdNumber() {
    }

    /**
     * Whether {@code number} is a well-formed identity number: 17 digits, a birth date that exists, and the check
     * character ({@code 0}–{@code 9} or {@code X}, either case) that ISO 7064 MOD 11-2 gives.
     */
    public static boolean isValid(String number) {
        if (number == null || number.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH - 1; i++) {
            if (number.charAt(i) < '0' || number.charAt(i) > '9') {
                return false;
            }
        }
        return hasBirthDate(number) && Character.toUpperCase(number.charAt(LENGTH - 1)) == checkCharacter(number);
    }

    /** The check character of the first 17 digits (ISO 7064 MOD 11-2, as GB 11643-1999 specifies it). */
    static char checkCharacter(String number) {
        int sum = 0;
        int weight = 1;
        // weights 2^(17-i) mod 11, accumulated from the rightmost digit (weight 2) leftwards
        for (int i = LENGTH - 2; i >= 0; i--) {
            weight = weight * 2 % 11;
            sum += (number.charAt(i) - '0') * weight;
        }
        int check = (12 - sum % 11) % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    private static boolean hasBirthDate(String number) {
        try {
            LocalDate.of(Integer.parseInt(number.substring(6, 10)), Integer.parseInt(number.substring(10, 12)),
                    Integer.parseInt(number.substring(12, 14)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
