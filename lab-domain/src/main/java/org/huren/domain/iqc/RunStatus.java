package org.huren.domain.iqc;

/**
 * The outcome of a run under a {@link RuleSet} (DOMAIN.md §4). The names match
 * {@code org.huren.domain.recognition.IqcOutcome}, so {@code IqcOutcome.valueOf(status.name())} maps it.
 */
public enum RunStatus {
    /** 在控: no configured rule fired. */
    ACCEPTED,
    /** 警告: only warning rules (1-2s) fired. */
    WARNING,
    /** 失控: at least one reject rule fired. */
    REJECTED
}
