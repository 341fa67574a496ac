package org.huren.domain.localcode;

/**
 * The mapping of a local code changed from {@code mapping.effectiveFrom()} on (a new unit, another item); earlier
 * results keep the version before. {@code mapVersion} is the code map's version this change made.
 */
public record LocalCodeMappingAmended(String codeMapId, String labCode, String system, LocalCodeMapping mapping,
                                      int mapVersion) {
}
