package org.huren.domain.recognition.query;

/**
 * Recognition rate of an alliance's results, grouped by {@code by}: the producing lab, the catalog item, the
 * month the result was taken (China Standard Time), or the alliance as a whole — as lab {@code requestingLab}
 * sees them (null: no lab, e.g. the alliance's own figures and gauges): a lab's blind-sample results (盲样) count in
 * every figure it asks for, as its other results do, and in nobody else's. Answered with a list of
 * {@link RecognitionRate}.
 */
public record GetRecognitionRates(String allianceId, Grouping by, String requestingLab) {

    public enum Grouping {
        ALLIANCE, LAB, ITEM, MONTH
    }
}
