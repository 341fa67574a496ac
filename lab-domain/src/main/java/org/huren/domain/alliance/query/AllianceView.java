package org.huren.domain.alliance.query;

import java.time.Instant;

/** An alliance as listed for QC managers. */
public record AllianceView(String allianceId, String name, String kind, String integration, String coreInstitution,
                           Instant formedAt) {
}
