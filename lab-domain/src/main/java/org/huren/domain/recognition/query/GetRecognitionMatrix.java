package org.huren.domain.recognition.query;

/**
 * The recognition matrix of an alliance (互认矩阵): for each member lab × catalog item with results, how its results
 * stand now and the current status of its newest result — as lab {@code requestingLab} sees them (null: no lab, the
 * alliance's own view), so a lab's blind-sample results (盲样) count for it alone, as in
 * {@link GetRecognitionRates}. Answered with a list of {@link RecognitionCell}.
 */
public record GetRecognitionMatrix(String allianceId, String requestingLab) {
}
