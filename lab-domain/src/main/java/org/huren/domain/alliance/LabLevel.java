package org.huren.domain.alliance;

/** The level of a member institution: core hospital, secondary hospital, community health centre. */
public enum LabLevel {
    CORE, SECONDARY, COMMUNITY
}
