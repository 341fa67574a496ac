package org.huren.domain.localcode;

import java.util.List;

/**
 * What a change of a code map did to each code it named, in order ({@link MapLocalCodes}: each proposal; a
 * {@link RetireLocalCode}: its code), and the code map's version after it.
 */
public record MappingOutcome(List<Change> changes, int mapVersion) {

    /** What happened to one code. */
    public enum Change {
        MAPPED, AMENDED, RETIRED, UNCHANGED
    }

    public MappingOutcome {
        changes = List.copyOf(changes);
    }

    public long count(Change change) {
        return changes.stream().filter(change::equals).count();
    }

    /** Whether any event was appended. */
    public boolean changed() {
        return changes.stream().anyMatch(c -> c != Change.UNCHANGED);
    }
}
