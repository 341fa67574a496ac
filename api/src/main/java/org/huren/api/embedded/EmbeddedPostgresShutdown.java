package org.huren.api.embedded;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stops the default run's embedded PostgreSQL last: the datasource depends on it, so on a graceful stop (SIGTERM)
 * the web server first drains the requests in flight, the event processors stop, everything using the database is
 * destroyed, the connection pool closes — and only then the database goes. No request that committed can fail, and
 * nothing logs a broken connection, because the database went first.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedPostgresShutdown {

    static final String DATA_DIR_PROPERTY = "huren.embedded-postgres.started-data-dir";
    static final String BEAN = "embeddedPostgresStop";

    /** Stops the PostgreSQL this JVM started for its data directory, when its bean is destroyed. */
    static final class Stop implements DisposableBean {
        private final String dataDir;

        Stop(String dataDir) {
            this.dataDir = dataDir;
        }

        @Override
        public void destroy() throws IOException {
            if (dataDir != null) {
                EmbeddedPostgresStarter.stop(Path.of(dataDir));
            }
        }
    }

    @Bean(BEAN)
    static Stop embeddedPostgresStop(Environment environment) {
        return new Stop(environment.getProperty(DATA_DIR_PROPERTY));
    }

    /** The datasource depends on {@link Stop}: destroyed before it, so the database outlives every user of it. */
    @Bean
    static BeanFactoryPostProcessor dataSourceAfterEmbeddedPostgres() {
        return factory -> {
            if (!factory.containsBeanDefinition("dataSource")) {
                return;
            }
            BeanDefinition dataSource = factory.getBeanDefinition("dataSource");
            List<String> dependsOn = new ArrayList<>(dataSource.getDependsOn() == null ? List.of()
                    : Arrays.asList(dataSource.getDependsOn()));
            dependsOn.add(BEAN);
            dataSource.setDependsOn(dependsOn.toArray(String[]::new));
        };
    }
}
