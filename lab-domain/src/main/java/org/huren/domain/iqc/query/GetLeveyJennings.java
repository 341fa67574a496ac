package org.huren.domain.iqc.query;

/**
 * The Levey-Jennings series of a lab × item × level × lot (lot null: the level's current lot); answered with an
 * optional {@link LeveyJenningsView}.
 */
public record GetLeveyJennings(String labCode, String itemCode, String level, String lot) {
}
