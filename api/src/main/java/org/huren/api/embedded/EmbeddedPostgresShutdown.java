package org.huren.api.embedded;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Stops the default run's embedded PostgreSQL last: its lifecycle phase is the lowest, so on a graceful stop
 * (SIGTERM) the web server first stops taking requests and drains those in flight, the event processors stop, and
 * only then the database — no request that committed can fail because the database went first.
 */
@Component
public class EmbeddedPostgresShutdown implements SmartLifecycle {

    static final String DATA_DIR_PROPERTY = "huren.embedded-postgres.started-data-dir";

    private final String dataDir;
    private volatile boolean running;

    public EmbeddedPostgresShutdown(Environment environment) {
        this.dataDir = environment.getProperty(DATA_DIR_PROPERTY);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (dataDir != null) {
            try {
                EmbeddedPostgresStarter.stop(Path.of(dataDir));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
