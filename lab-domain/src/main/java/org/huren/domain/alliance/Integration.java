package org.huren.domain.alliance;

/** How tightly the alliance is integrated: 紧密型 (tight) or 松散型 (loose). */
public enum Integration {
    TIGHT, LOOSE
}
