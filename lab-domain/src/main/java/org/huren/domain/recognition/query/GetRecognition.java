package org.huren.domain.recognition.query;

import java.time.Instant;

/**
 * The recognition of one result in every alliance of its lab: now ({@code asOf} null), or as it was decided at
 * {@code asOf}. Answered with a list of {@link RecognitionView}.
 */
public record GetRecognition(String resultId, Instant asOf) {
}
