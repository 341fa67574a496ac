package org.huren.domain.reuse.query;

import java.util.Map;

/** Reuses and re-tests of an alliance, re-tests by reason. */
public record ReuseSummary(String allianceId, long reused, long retested, Map<String, Long> retestsByReason) {

    public ReuseSummary {
        retestsByReason = Map.copyOf(retestsByReason);
    }
}
