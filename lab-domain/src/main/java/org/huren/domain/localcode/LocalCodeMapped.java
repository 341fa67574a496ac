package org.huren.domain.localcode;

/**
 * A local code of a lab's code system was mapped to a catalog item (first mapped, or mapped again after its
 * retirement); {@code mapVersion} is the code map's version this change made.
 */
public record LocalCodeMapped(String codeMapId, String labCode, String system, LocalCodeMapping mapping,
                              int mapVersion) {
}
