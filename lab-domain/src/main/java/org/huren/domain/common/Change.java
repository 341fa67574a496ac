package org.huren.domain.common;

/** What one write did to an aggregate; {@link #UNCHANGED} means no event was appended. */
public enum Change {
    CREATED, UNCHANGED, CORRECTED, RETRACTED;

    public boolean appendedEvent() {
        return this != UNCHANGED;
    }
}
