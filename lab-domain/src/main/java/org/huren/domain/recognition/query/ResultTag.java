package org.huren.domain.recognition.query;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The tags HuRen puts on the results it serves, each a code of a CodeSystem this server publishes: the recognition
 * of the result in an alliance (互认状态), {@code suspended-member} when its lab was suspended when it sent it, and
 * {@code unmapped} when it came with a local code its lab's code map does not map (ADR 0017).
 * One vocabulary for what is shown and what {@code _tag} searches.
 */
public enum ResultTag {

    RECOGNIZED(ResultTag.RECOGNITION_SYSTEM, "recognized"),
    PENDING(ResultTag.RECOGNITION_SYSTEM, "pending"),
    /** Recognized once, not now. */
    WITHDRAWN(ResultTag.RECOGNITION_SYSTEM, "withdrawn"),
    NOT_RECOGNIZED(ResultTag.RECOGNITION_SYSTEM, "not-recognized"),
    SUSPENDED_MEMBER(ResultTag.HUREN_TAG_SYSTEM, "suspended-member"),
    /** Sent with a local code that maps to no catalog item on the result's day: stored, never recognized. */
    UNMAPPED(ResultTag.HUREN_TAG_SYSTEM, "unmapped");

    /** Recognition of a result in an alliance. */
    public static final String RECOGNITION_SYSTEM = "https://huren.org/fhir/CodeSystem/recognition";
    /** HuRen's other tags. */
    public static final String HUREN_TAG_SYSTEM = "https://huren.org/fhir/CodeSystem/huren-tag";

    private final String system;
    private final String code;

    ResultTag(String system, String code) {
        this.system = system;
        this.code = code;
    }

    public String system() {
        return system;
    }

    public String code() {
        return code;
    }

    /** The tag of a recognition status: withdrawn is not recognized now, but was once. */
    public static ResultTag ofRecognition(String status, boolean everRecognized) {
        return switch (status) {
            case "RECOGNIZED" -> RECOGNIZED;
            case "PENDING" -> PENDING;
            default -> everRecognized ? WITHDRAWN : NOT_RECOGNIZED;
        };
    }

    /**
     * The tag a search token names: {@code system|code}, {@code |code} or a bare {@code code} (any of HuRen's
     * systems). Empty when the system is not one of HuRen's, or the code is not one of that system's.
     */
    public static Optional<ResultTag> of(String system, String code) {
        return Arrays.stream(values())
                .filter(tag -> system == null || system.isEmpty() || tag.system.equals(system))
                .filter(tag -> tag.code.equals(code))
                .findFirst();
    }

    /** The systems whose codes HuRen tags with. */
    public static List<String> systems() {
        return List.of(RECOGNITION_SYSTEM, HUREN_TAG_SYSTEM);
    }
}
