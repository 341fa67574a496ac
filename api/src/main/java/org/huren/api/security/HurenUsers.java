package org.huren.api.security;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The users of the embedded authorization server ({@code huren_user}): who they are and what their tokens say. */
public class HurenUsers implements UserDetailsService {

    /** A user, and the claims their tokens carry. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "AdminUser")
    public record HurenUser(String username, String displayName, List<String> roles, String lab,
                            List<String> alliances, boolean enabled) {
    }

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;

    public HurenUsers(JdbcTemplate jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    /** Adds a user; false when the name is taken. */
    public boolean create(HurenUser user, String password) {
        if (find(user.username()).isPresent()) {
            return false; // the demo seeding at each start: no password hashing for users already there
        }
        String hash = passwords.encode(password);
        return jdbc.update("INSERT INTO huren_user (username, password_hash, display_name, roles, lab, alliances, "
                + "enabled) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING", statement -> {
            statement.setString(1, user.username());
            statement.setString(2, hash);
            statement.setString(3, user.displayName());
            statement.setArray(4, statement.getConnection().createArrayOf("text", user.roles().toArray()));
            statement.setString(5, user.lab());
            statement.setArray(6, statement.getConnection().createArrayOf("text", user.alliances().toArray()));
            statement.setBoolean(7, user.enabled());
        }) == 1;
    }

    public Optional<HurenUser> find(String username) {
        return jdbc.query("SELECT username, display_name, roles, lab, alliances, enabled FROM huren_user "
                + "WHERE username = ?", (rs, row) -> new HurenUser(rs.getString("username"),
                rs.getString("display_name"), list(rs.getArray("roles")), rs.getString("lab"),
                list(rs.getArray("alliances")), rs.getBoolean("enabled")), username).stream().findFirst();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.query("SELECT password_hash, roles, enabled FROM huren_user WHERE username = ?", (rs, row) ->
                User.withUsername(username).password(rs.getString("password_hash"))
                        .authorities(list(rs.getArray("roles")).stream()
                                .map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList())
                        .disabled(!rs.getBoolean("enabled")).build(), username).stream().findFirst()
                .orElseThrow(() -> new UsernameNotFoundException("no user " + username));
    }

    private static List<String> list(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
