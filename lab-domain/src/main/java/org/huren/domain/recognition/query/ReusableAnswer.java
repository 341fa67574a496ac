package org.huren.domain.recognition.query;

import java.time.Instant;
import java.util.List;

/**
 * The answer to {@link FindReusable}: the newest recognized result still within its validity window (互认时限),
 * with the lab that produced it and until when it may be reused — or none, with the reasons (and the item
 * asked about, when the code is in the catalog).
 */
public record ReusableAnswer(String resultId, String labId, String itemCode, Instant effectiveAt, Instant validUntil,
                             List<String> reasons) {

    public ReusableAnswer {
        reasons = List.copyOf(reasons);
    }

    public boolean reusable() {
        return resultId != null;
    }

    public static ReusableAnswer none(List<String> reasons) {
        return none(null, reasons);
    }

    /** No reusable result of catalog item {@code itemCode} (null when the code is not in the catalog). */
    public static ReusableAnswer none(String itemCode, List<String> reasons) {
        return new ReusableAnswer(null, null, itemCode, null, null, reasons);
    }
}
