package org.huren.domain.localcode;

import java.util.List;

/** What a {@link MapLocalCodes} did to each proposal, in order, and the code map's version after it. */
public record MappingOutcome(List<Change> changes, int mapVersion) {

    /** What happened to one proposed mapping. */
    public enum Change {
        MAPPED, AMENDED, UNCHANGED
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
