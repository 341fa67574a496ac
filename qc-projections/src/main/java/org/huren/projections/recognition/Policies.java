package org.huren.projections.recognition;

import org.huren.domain.recognition.RecognitionPolicy;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;

/**
 * Each alliance's recognition policy: whether evidence not yet known blocks, IQC bracketing, EQA recency — a copy per
 * bucket of labs, as {@link Catalog}'s.
 */
final class Policies {

    static final List<String> TABLES = List.of("readmodel.rec_policy");

    private final JdbcTemplate jdbc;

    Policies(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new alliance starts with the default policy. */
    void formed(String alliance) {
        RecognitionPolicy defaults = RecognitionPolicy.defaults();
        jdbc.update("INSERT INTO readmodel.rec_policy (bucket, alliance_id, not_yet_known_blocks, iqc_bracket_hours, "
                        + "eqa_max_age_days) SELECT b, ?, ?, ?, ? FROM unnest(?::int[]) b ON CONFLICT DO NOTHING",
                alliance, defaults.notYetKnownBlocks(), defaults.iqcBracketWindow().toHours(),
                defaults.eqaMaxAge().toDays(), LabSegments.buckets());
    }

    void set(String alliance, boolean notYetKnownBlocks, int iqcBracketHours, int eqaMaxAgeDays) {
        jdbc.update("UPDATE readmodel.rec_policy SET not_yet_known_blocks = ?, iqc_bracket_hours = ?, "
                + "eqa_max_age_days = ? WHERE alliance_id = ? AND bucket = ANY (?::int[])", notYetKnownBlocks,
                iqcBracketHours, eqaMaxAgeDays, alliance, LabSegments.buckets());
    }

    RecognitionPolicy of(String alliance) {
        return jdbc.query("SELECT * FROM readmodel.rec_policy WHERE bucket = ? AND alliance_id = ?",
                (rs, i) -> new RecognitionPolicy(rs.getBoolean("not_yet_known_blocks"),
                        Duration.ofHours(rs.getInt("iqc_bracket_hours")),
                        Duration.ofDays(rs.getInt("eqa_max_age_days"))), LabSegments.bucket(), alliance).stream().findFirst()
                .orElse(RecognitionPolicy.defaults());
    }
}
