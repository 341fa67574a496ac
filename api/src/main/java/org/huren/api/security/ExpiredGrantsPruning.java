package org.huren.api.security;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

/**
 * The embedded authorization server keeps every grant it issued ({@code oauth2_authorization}); once its tokens
 * and codes have all expired a grant is of no use. Pruned hourly, on one node at a time (db-scheduler).
 */
@Configuration
@Conditional(ExternalIssuer.Absent.class)
public class ExpiredGrantsPruning {

    private static final Logger log = LoggerFactory.getLogger(ExpiredGrantsPruning.class);

    @Bean
    RecurringTask<Void> pruneExpiredGrants(JdbcTemplate jdbc) {
        return Tasks.recurring("prune-expired-grants", FixedDelay.of(Duration.ofHours(1))).execute((task, context) -> {
            int pruned = jdbc.update("DELETE FROM oauth2_authorization WHERE "
                    + "coalesce(access_token_expires_at, authorization_code_expires_at, now()) < now() - interval '1 hour' "
                    + "AND (refresh_token_expires_at IS NULL OR refresh_token_expires_at < now())");
            if (pruned > 0) {
                log.info("pruned {} expired grants of the embedded authorization server", pruned);
            }
        });
    }
}
