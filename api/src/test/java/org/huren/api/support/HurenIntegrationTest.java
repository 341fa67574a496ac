package org.huren.api.support;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The running server on a random port, on a throw-away embedded PostgreSQL. Every integration test uses
 * exactly this configuration, so Spring caches one context (and one database) for the whole suite.
 * Metrics are exported as in production, so tests can read {@code /actuator/prometheus}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "huren.embedded-postgres.ephemeral=true",
        "huren.embedded-postgres.durable=false",
        "db-scheduler.polling-interval=1s"
})
public @interface HurenIntegrationTest {
}
