package org.huren.projections.recognition;

import org.huren.domain.alliance.MemberStatus;
import org.huren.domain.recognition.MembershipPeriod;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.huren.projections.support.Sql.instant;
import static org.huren.projections.support.Sql.ts;

/** Recognition's facts of membership (入盟, 暂停, 恢复, 退出): each lab's periods of standing in each alliance. */
final class Memberships {

    static final List<String> TABLES = List.of("readmodel.rec_membership");

    private final JdbcTemplate jdbc;

    Memberships(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new span of the lab's standing from {@code from}: the open one ends there. */
    void begin(String alliance, String lab, MemberStatus status, Instant from, String eventId) {
        jdbc.update("UPDATE readmodel.rec_membership SET to_at = ? WHERE alliance_id = ? AND lab_code = ? "
                + "AND to_at IS NULL", ts(from), alliance, lab);
        jdbc.update("INSERT INTO readmodel.rec_membership (alliance_id, lab_code, status, from_at, event_id) "
                + "VALUES (?, ?, ?, ?, ?)", alliance, lab, status.name(), ts(from), eventId);
    }

    /** Every lab's periods in the alliance, oldest first. */
    Map<String, List<MembershipPeriod>> periods(String alliance) {
        Map<String, List<MembershipPeriod>> periods = new HashMap<>();
        jdbc.query("SELECT * FROM readmodel.rec_membership WHERE alliance_id = ? ORDER BY from_at", rs -> {
            periods.computeIfAbsent(rs.getString("lab_code"), k -> new ArrayList<>()).add(new MembershipPeriod(
                    MemberStatus.valueOf(rs.getString("status")), instant(rs.getTimestamp("from_at")),
                    instant(rs.getTimestamp("to_at")), rs.getString("event_id")));
        }, alliance);
        return periods;
    }

    /** The alliances each lab has ever been a member of (none: not a key), in alliance order. */
    Map<String, List<String>> alliancesOf(Collection<String> labs) {
        Map<String, List<String>> alliances = new LinkedHashMap<>();
        jdbc.query("SELECT DISTINCT lab_code, alliance_id FROM readmodel.rec_membership WHERE lab_code = ANY (?) "
                        + "ORDER BY lab_code, alliance_id",
                rs -> {
                    alliances.computeIfAbsent(rs.getString("lab_code"), k -> new ArrayList<>())
                            .add(rs.getString("alliance_id"));
                }, (Object) labs.toArray(String[]::new));
        return alliances;
    }
}
