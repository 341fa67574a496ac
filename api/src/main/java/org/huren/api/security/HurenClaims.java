package org.huren.api.security;

/** The claims HuRen reads from an access token besides the standard ones (ADR 0012). */
public final class HurenClaims {

    /** The caller's {@link Role}s: a list of names (or one space-separated string). */
    public static final String ROLES = "huren_roles";
    /** The member lab the caller acts for: its HuRen code. */
    public static final String LAB = "huren_lab";
    /** The alliances the caller acts in ({@code *}: all): a list of alliance ids (or one space-separated string). */
    public static final String ALLIANCES = "huren_alliances";

    private HurenClaims() {
    }
}
