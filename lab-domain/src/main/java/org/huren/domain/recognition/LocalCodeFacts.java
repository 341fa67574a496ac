package org.huren.domain.recognition;

import org.huren.domain.localcode.MappingVersion;

/**
 * The lab's own code a result came under when it carried no LOINC code (本院项目代码): its system, code and name as
 * sent, and the version of the lab's code map that covers the result's day — null when none does (unmapped: never
 * recognized, listed for the lab's QC manager).
 */
public record LocalCodeFacts(String system, String code, String display, MappingVersion mapping) {

    public String token() {
        return system + "|" + code;
    }
}
