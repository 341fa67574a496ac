package org.huren.ops.fault;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the suite reads straight from one HuRen database, where the HTTP answers cannot be the judge: how many
 * events are stored (a refused request must add none), who owns each processor segment (the token table, which
 * decides), and how many events were parked as dead letters.
 */
final class Store {

    /** One processor segment's claim in {@code tokenentry}; owner null when released. */
    record Claim(String processor, int segment, String owner) {
    }

    private final String url;

    Store(ExternalPostgres postgres, String database) {
        this.url = postgres.jdbcUrl(database);
    }

    long eventCount() throws SQLException {
        return single("SELECT count(*) FROM domainevententry");
    }

    long deadLetters() throws SQLException {
        return single("SELECT count(*) FROM deadletterentry");
    }

    List<Claim> claims() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT processorname, segment, owner FROM tokenentry"
                     + " ORDER BY processorname, segment")) {
            List<Claim> claims = new ArrayList<>();
            while (rs.next()) {
                claims.add(new Claim(rs.getString(1), rs.getInt(2), rs.getString(3)));
            }
            return claims;
        }
    }

    private long single(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, ExternalPostgres.USER, "");
    }
}
