package org.huren.domain.eqa;

/** Who runs the round: the national centre (NCCL), a provincial or city EQA centre, or the alliance's core lab. */
public enum EqaProvider {
    NCCL, PROVINCIAL_CENTRE, CITY_CENTRE, ALLIANCE_CORE_LAB, OTHER
}
