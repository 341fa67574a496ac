package org.huren.domain.eqa.query;

/** A blind specimen: the flight inspection (round) and sample it belongs to, and the lab that receives it. */
public record BlindSampleRef(String specimenId, String roundId, String sampleCode, String labCode) {
}
