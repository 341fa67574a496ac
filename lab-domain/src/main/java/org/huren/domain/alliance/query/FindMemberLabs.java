package org.huren.domain.alliance.query;

/**
 * Memberships of labs, across alliances, narrowed by any of: alliance, lab code, identifier (a blank system
 * matches any), a name fragment. Answered with a list of {@link MemberLabView}.
 */
public record FindMemberLabs(String allianceId, String labCode, String identifierSystem, String identifierValue,
                             String nameContains) {

    public static FindMemberLabs byCode(String labCode) {
        return new FindMemberLabs(null, labCode, null, null, null);
    }

    public static FindMemberLabs all() {
        return new FindMemberLabs(null, null, null, null, null);
    }
}
