package org.huren.domain.alliance.query;

import java.time.LocalDate;
import java.util.List;

/** Member labs × catalog items: for each cell whether the lab is accredited, since, until, and by whom. */
public record AllianceOverview(AllianceView alliance, List<String> itemCodes, List<LabRow> labs) {

    public record LabRow(MemberLabView member, List<Cell> items) {
    }

    /**
     * {@code status}: ACCREDITED, EXPIRED, WITHDRAWN or NONE; {@code accredited} is true only when the
     * accreditation is in force today.
     */
    public record Cell(String itemCode, boolean accredited, String status, LocalDate since, LocalDate until,
                       String assessmentId, List<String> assessedBy) {
    }
}
