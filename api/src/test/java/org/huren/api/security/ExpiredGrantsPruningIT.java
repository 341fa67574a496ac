package org.huren.api.security;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.huren.api.support.HurenIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Grants whose tokens have all expired are pruned; live ones stay. */
@HurenIntegrationTest
class ExpiredGrantsPruningIT {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RecurringTask<Void> pruneExpiredGrants;

    @Test
    void anExpiredGrantGoesALiveOneStays() throws Exception {
        String expired = grant("now() - interval '2 hours'");
        String live = grant("now() + interval '20 minutes'");
        pruneExpiredGrants.execute(null, null);
        assertThat(jdbc.queryForList("SELECT id FROM oauth2_authorization WHERE id IN (?, ?)", String.class,
                expired, live)).containsExactly(live);
    }

    private String grant(String expiresAt) {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, "
                + "authorization_grant_type, access_token_value, access_token_issued_at, access_token_expires_at) "
                + "VALUES (?, 'x', 'x', 'client_credentials', 'token', now() - interval '3 hours', " + expiresAt + ")",
                id);
        return id;
    }
}
