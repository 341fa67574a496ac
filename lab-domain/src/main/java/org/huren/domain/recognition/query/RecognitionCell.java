package org.huren.domain.recognition.query;

import java.time.Instant;

/**
 * One lab × item of {@link GetRecognitionMatrix}: its results by current recognition, as in {@link RecognitionRate},
 * and its newest result (by the time it was taken) with that result's tag and since when it has had it — the
 * item's current recognition status (互认状态) at the lab.
 */
public record RecognitionCell(String labCode, String itemCode, long results, long recognized, long notRecognized,
                              long withdrawn, long pending, String latestResultId, ResultTag latestTag,
                              Instant latestSince) {
}
