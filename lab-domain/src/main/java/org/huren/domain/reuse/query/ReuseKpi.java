package org.huren.domain.reuse.query;

import java.math.BigDecimal;

/**
 * One group's recognition KPIs (DOMAIN.md §1): {@code lookups} (调阅, order-time lookups) and
 * {@code recognitions} (those that found a recognized, still-valid result), 调阅互认率 =
 * recognitions ÷ lookups; {@code reminders} (互认提醒: recognitions, plus outcomes recorded without a lookup),
 * reuses and re-tests, 同期互认率 = reused ÷ reminders; estimated savings = the sum of the prices in force of
 * the reused items ({@code unpricedReuses} reuses of items without a price are not in it). Rates are percent
 * with 2 decimals, null when their denominator is 0.
 */
public record ReuseKpi(String group, long lookups, long recognitions, BigDecimal lookupRecognitionRatePercent,
                       long reminders, long reused, long retested, BigDecimal reuseRatePercent,
                       BigDecimal estimatedSavings, String currency, long unpricedReuses) {
}
