package org.huren.domain.eqa.query;

import java.util.List;

/**
 * Which of these specimens (HuRen ids) are registered blind samples; answered with a list of {@link BlindSampleRef}
 * (none for an ordinary specimen).
 */
public record FindBlindSample(List<String> specimenIds) {

    public FindBlindSample {
        specimenIds = List.copyOf(specimenIds);
    }
}
