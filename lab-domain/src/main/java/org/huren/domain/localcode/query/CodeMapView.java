package org.huren.domain.localcode.query;

import java.time.Instant;
import java.util.List;

/**
 * A lab's code map of one code system as it stands: its version (one per change), when it last changed, and each
 * code with its newest mapping and every change before it.
 */
public record CodeMapView(String codeMapId, String labCode, String system, int version, Instant updatedAt,
                          List<MappedCodeView> codes) {

    public CodeMapView {
        codes = List.copyOf(codes);
    }
}
