package org.huren.domain.localcode;

import java.time.LocalDate;

/** A local code maps to nothing from {@code effectiveFrom}: results taken since are unmapped again. */
public record LocalCodeRetired(String codeMapId, String labCode, String system, String code, LocalDate effectiveFrom,
                               String reason, int mapVersion) {
}
