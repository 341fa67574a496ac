package org.huren.domain.recognition.query;

/**
 * Recognition rate of an alliance's results, grouped by {@code by}: the producing lab, the catalog item, the
 * month the result was taken (China Standard Time), or the alliance as a whole. Answered with a list of
 * {@link RecognitionRate}.
 */
public record GetRecognitionRates(String allianceId, Grouping by) {

    public enum Grouping {
        ALLIANCE, LAB, ITEM, MONTH
    }
}
