package org.huren.fhir.lab;

import java.util.List;
import java.util.Optional;

/** The labs HuRen knows, as the FHIR adapter needs them: to name the submitting lab and to check performers. */
public interface LabDirectory {

    Optional<MemberLab> byCode(String code);

    /** The lab carrying this identifier; a blank system matches any system. */
    Optional<MemberLab> byIdentifier(String system, String value);

    List<MemberLab> all();
}
