package org.huren.domain.recognition;

import java.util.Objects;

/**
 * A record a criterion verdict rests on (DESIGN.md: "the event or record that decided it").
 *
 * @param kind      what sort of record: {@code event} (a membership event), {@code catalog-item},
 *                  {@code accreditation}, {@code eqa-round}, {@code iqc-run}, {@code finding}, {@code result},
 *                  {@code code-map} (the lab's mapping of its local code), {@code plausible-range}
 * @param reference its identifier: the event id, {@code itemCode@version}, round id, run id, finding id or result
 *                  id ({@code codeMapId@version} for a code map); {@code null} only when the input carried none
 * @param summary   a human-readable line saying what the record showed
 */
public record Evidence(String kind, String reference, String summary) {

    public static final String EVENT = "event";
    public static final String CATALOG_ITEM = "catalog-item";
    public static final String ACCREDITATION = "accreditation";
    public static final String EQA_ROUND = "eqa-round";
    public static final String IQC_RUN = "iqc-run";
    public static final String IQC_MONTH = "iqc-month";
    public static final String FINDING = "finding";
    public static final String RESULT = "result";
    public static final String CODE_MAP = "code-map";
    /** The item's plausible range a value fell outside (the reference is the item code). */
    public static final String PLAUSIBLE_RANGE = "plausible-range";

    public Evidence {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
    }
}
