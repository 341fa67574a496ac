package org.huren.domain.alliance;

/** A member lab's standing in one alliance. */
public enum MemberStatus {
    ACTIVE, SUSPENDED, WITHDRAWN
}
