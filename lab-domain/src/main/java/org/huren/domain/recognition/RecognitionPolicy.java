package org.huren.domain.recognition;

import java.time.Duration;
import java.util.Objects;

/**
 * An alliance's recognition thresholds. {@link #defaults()} are the DOMAIN.md defaults, which an alliance may
 * tighten (never loosen: a shorter IQC bracketing window, a shorter EQA age).
 *
 * @param notYetKnownBlocks whether a criterion whose facts are not yet recorded (no EQA round graded yet, no IQC
 *                          run, findings unknown) keeps a result {@link RecognitionStatus#PENDING} rather than
 *                          letting it be recognized
 * @param iqcBracketWindow  how long before a result the IQC run that brackets it may be (室内质控, DOMAIN.md §4)
 * @param eqaMaxAge         how old, at the moment of the decision, the lab's latest graded EQA round for the item
 *                          may be (室间质评, DOMAIN.md §3: about 3 rounds a year, so a year without one is a lapse)
 */
public record RecognitionPolicy(boolean notYetKnownBlocks, Duration iqcBracketWindow, Duration eqaMaxAge) {

    public static final Duration DEFAULT_IQC_BRACKET_WINDOW = Duration.ofHours(24);
    public static final Duration DEFAULT_EQA_MAX_AGE = Duration.ofDays(365);

    public RecognitionPolicy {
        Objects.requireNonNull(iqcBracketWindow, "iqcBracketWindow");
        Objects.requireNonNull(eqaMaxAge, "eqaMaxAge");
        if (iqcBracketWindow.isNegative() || iqcBracketWindow.isZero()) {
            throw new IllegalArgumentException("IQC bracketing window must be positive: " + iqcBracketWindow);
        }
        if (eqaMaxAge.isNegative() || eqaMaxAge.isZero()) {
            throw new IllegalArgumentException("EQA maximum age must be positive: " + eqaMaxAge);
        }
    }

    /** Not-yet-known blocks, IQC run within 24 h before the result, EQA graded within 365 days. */
    public static RecognitionPolicy defaults() {
        return new RecognitionPolicy(true, DEFAULT_IQC_BRACKET_WINDOW, DEFAULT_EQA_MAX_AGE);
    }

    public RecognitionPolicy withNotYetKnownBlocks(boolean blocks) {
        return new RecognitionPolicy(blocks, iqcBracketWindow, eqaMaxAge);
    }
}
