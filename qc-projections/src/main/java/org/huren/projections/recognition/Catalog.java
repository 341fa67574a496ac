package org.huren.projections.recognition;

import org.huren.domain.catalog.CatalogItem;
import org.huren.projections.support.Json;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.List;

/**
 * Recognition's facts of each alliance's recognition catalog (互认项目目录): every version of every item, a copy per
 * bucket of labs ({@link LabSegments}), each written and read by the segment that decides those labs.
 */
final class Catalog {

    static final List<String> TABLES = List.of("readmodel.rec_catalog");

    private final JdbcTemplate jdbc;

    Catalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void version(String alliance, CatalogItem item, int version) {
        jdbc.update("""
                INSERT INTO readmodel.rec_catalog (bucket, alliance_id, code, version, effective_from, loinc_codes,
                    item)
                SELECT b, ?, ?, ?, ?, ?::text[], ?::jsonb FROM unnest(?::int[]) b ON CONFLICT DO NOTHING
                """, alliance, item.code(), version, item.effectiveFrom(), item.loincCodes().toArray(String[]::new),
                Json.write(item), LabSegments.buckets());
    }

    /** Every version of the item is retired from {@code from} on. */
    void retire(String alliance, String code, LocalDate from) {
        jdbc.update("UPDATE readmodel.rec_catalog SET retired_from = ? WHERE alliance_id = ? AND code = ? "
                + "AND bucket = ANY (?::int[])", from, alliance, code, LabSegments.buckets());
    }

    /** Every version of every item, by code and newest version first. */
    List<AllianceFacts.CatalogVersion> versions(String alliance) {
        return jdbc.query("SELECT * FROM readmodel.rec_catalog WHERE bucket = ? AND alliance_id = ? "
                        + "ORDER BY code, version DESC",
                (rs, i) -> new AllianceFacts.CatalogVersion(Json.read(rs.getString("item"), CatalogItem.class),
                        rs.getInt("version"), rs.getObject("effective_from", LocalDate.class),
                        rs.getObject("retired_from", LocalDate.class),
                        List.of((String[]) rs.getArray("loinc_codes").getArray())), LabSegments.bucket(), alliance);
    }
}
