package org.huren.domain.recognition.query;

import java.math.BigDecimal;

/**
 * One group's results by current recognition: recognized, not recognized (never were), withdrawn (recognized
 * once, not now) and pending; {@code ratePercent} = recognized ÷ results × 100 (2 decimals; null for no results).
 */
public record RecognitionRate(String group, long results, long recognized, long notRecognized, long withdrawn,
                              long pending, BigDecimal ratePercent) {
}
