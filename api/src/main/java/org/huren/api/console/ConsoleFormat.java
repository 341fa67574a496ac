package org.huren.api.console;

import org.huren.domain.alliance.AllianceTime;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * Dates, times and numbers as the user's language writes them ({@code ${@fmt.date(…)}} in the templates); times in
 * China Standard Time, as the alliance's rules count days.
 */
@Component("fmt")
public class ConsoleFormat {

    private final MessageSource messages;

    public ConsoleFormat(MessageSource messages) {
        this.messages = messages;
    }

    public String day(LocalDate date) {
        return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale())
                .format(date);
    }

    public String date(Instant instant) {
        return instant == null ? "" : day(AllianceTime.dateOf(instant));
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale()).withZone(AllianceTime.ZONE).format(instant);
    }

    /** A run's time on a chart axis: month, day and time (China Standard Time). */
    public String shortDateTime(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofPattern("MM-dd HH:mm", locale()).withZone(AllianceTime.ZONE)
                .format(instant);
    }

    /** A month written {@code yyyy-MM} by the read models, as the language writes months. */
    public String month(String yearMonth) {
        if (yearMonth == null || !yearMonth.matches("\\d{4}-\\d{2}")) {
            return yearMonth == null ? "" : yearMonth;
        }
        // the pattern is the language's (format.month in the console's bundles)
        String pattern = messages.getMessage("format.month", null, "MMM yyyy", locale());
        return DateTimeFormatter.ofPattern(pattern, locale()).format(YearMonth.parse(yearMonth));
    }

    public String number(Number value, int fractionDigits) {
        if (value == null) {
            return "—";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale());
        format.setMinimumFractionDigits(fractionDigits);
        format.setMaximumFractionDigits(fractionDigits);
        return format.format(value instanceof BigDecimal decimal ? decimal : Double.valueOf(value.doubleValue()));
    }

    public String number(Number value) {
        return value == null ? "—" : NumberFormat.getNumberInstance(locale()).format(value);
    }

    /** A percentage given in percent (e.g. 87.50 → 87.5 %). */
    public String percent(BigDecimal percent) {
        if (percent == null) {
            return "—";
        }
        NumberFormat format = NumberFormat.getPercentInstance(locale());
        format.setMaximumFractionDigits(1);
        return format.format(percent.movePointLeft(2));
    }

    public String money(BigDecimal amount, String currency) {
        if (amount == null) {
            return "—";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale());
        format.setCurrency(Currency.getInstance(currency == null ? "CNY" : currency));
        return format.format(amount);
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
