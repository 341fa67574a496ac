package org.huren.api.audittrail;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * How long the audit trail of access is kept (ADR 0013): records older than {@code huren.audit.retention} are
 * deleted daily, on one node at a time (db-scheduler), a bounded batch per statement so that the table is never
 * locked for long. The network-security law (网络安全法 §21) asks for logs of at least six months, so a shorter
 * retention is refused at start-up.
 */
@Configuration
@EnableConfigurationProperties(AuditRetention.Properties.class)
public class AuditRetention {

    /** The shortest retention the law allows. */
    static final Duration MINIMUM = Duration.ofDays(183);
    private static final int BATCH = 10_000;
    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    /** {@code huren.audit.*}: {@code retention}, how long a record is kept (default three years). */
    @ConfigurationProperties("huren.audit")
    public record Properties(@DefaultValue("1095d") Duration retention) {

        public Properties {
            if (retention.compareTo(MINIMUM) < 0) {
                throw new IllegalArgumentException("huren.audit.retention is " + retention.toDays() + " days: "
                        + "access logs must be kept at least six months (" + MINIMUM.toDays() + " days)");
            }
        }
    }

    @Bean
    RecurringTask<Void> pruneAuditTrail(JdbcTemplate jdbc, Properties properties) {
        return Tasks.recurring("prune-audit-trail", FixedDelay.of(Duration.ofHours(24)))
                .execute((task, context) -> prune(jdbc, Instant.now().minus(properties.retention())));
    }

    /** Deletes the records made before {@code cutoff}; how many. */
    static long prune(JdbcTemplate jdbc, Instant cutoff) {
        long pruned = 0;
        int deleted;
        do {
            deleted = jdbc.update("DELETE FROM audit_event WHERE id IN (SELECT id FROM audit_event "
                    + "WHERE recorded < ? ORDER BY recorded LIMIT " + BATCH + ")", Timestamp.from(cutoff));
            pruned += deleted;
        } while (deleted == BATCH);
        if (pruned > 0) {
            log.info("pruned {} audit records made before {}", pruned, cutoff);
        }
        return pruned;
    }
}
