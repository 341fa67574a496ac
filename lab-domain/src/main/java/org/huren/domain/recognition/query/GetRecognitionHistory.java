package org.huren.domain.recognition.query;

/**
 * Every change of a result's recognition, in every alliance, oldest first, each with the event that caused it:
 * the per-result audit trail QC managers review. Answered with a list of {@link RecognitionView}.
 */
public record GetRecognitionHistory(String resultId) {
}
