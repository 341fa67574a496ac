package org.huren.domain.localcode;

/** What a {@link MapLocalCodes} may do to codes already mapped. */
public enum MappingMode {
    /** Map new codes; a code mapped otherwise is a conflict (amend it instead). */
    CREATE,
    /** Amend codes already mapped, from a later effective date; an unmapped code is refused. */
    AMEND,
    /** A lab's list as delivered: new codes are mapped, changed ones amended, unchanged ones left alone. */
    IMPORT
}
