package org.huren.domain.eqa;

/**
 * An EQA round sent to participants who know it is EQA (室间质评), or a flight inspection (飞行检查): blind samples
 * (盲样) slipped into one lab's ordinary workload, whose results arrive through its normal LIS feed.
 */
public enum EqaRoundKind {
    ROUND, FLIGHT_INSPECTION
}
