package org.huren.domain.localcode.query;

import java.util.List;

/**
 * The code maps of labs {@code labCodes} (null: of every lab), each with every code's newest mapping and its
 * history; {@code codeMapId} narrows to one map (null: all).
 */
public record GetCodeMaps(List<String> labCodes, String codeMapId) {
}
