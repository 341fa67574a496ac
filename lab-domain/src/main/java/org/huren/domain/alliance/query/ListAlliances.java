package org.huren.domain.alliance.query;

/** Every alliance; answered with a list of {@link AllianceView}. */
public record ListAlliances() {
}
